// Conformance: query operators with MongoDB semantics — dotted paths, array
// fields, type bracketing, null vs missing. Every check runs twice: without
// indexes (mingo decides alone) and with indexes on the fields involved (SQL
// narrows first), which must not change a single answer.
import assert from "node:assert/strict";
import type { Collection } from "../api/collection.ts";
import type { Document } from "../api/document.ts";
import type { Filter } from "../api/filter.ts";
import { type ConformanceCase, SQL_ONLY } from "./harness.ts";

const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

const DOCS: Document[] = [
  { _id: "a", n: 1, s: "apple", tags: ["red", "green"], obj: { x: 1, y: "p" }, arr: [{ k: 1 }, { k: 5 }], d: day("2020-01-01"), flag: true },
  { _id: "b", n: 5, s: "banana", tags: ["yellow"], obj: { x: 2 }, arr: [{ k: 2 }], d: day("2021-01-01"), flag: false },
  { _id: "c", n: "5", s: "cherry", tags: [], obj: { x: [1, 3] }, d: null },
  { _id: "d", n: 10, s: "Apple", obj: { y: "q" }, arr: [], nested: { deep: { v: 7 } } },
  { _id: "e", n: [3, 12], s: null, flag: true },
  { _id: "f" },
  { _id: "g", n: 7.5, s: "date", d: day("2022-06-01") },
];

const CHECKS: ReadonlyArray<readonly [Filter<Document>, string[]]> = [
  [{ n: 5 }, ["b"]],
  [{ n: 3 }, ["e"]],
  [{ n: { $eq: 12 } }, ["e"]],
  [{ n: { $gt: 4 } }, ["b", "d", "e", "g"]],
  [{ n: { $gte: 5, $lt: 10 } }, ["b", "e", "g"]],
  [{ n: { $lt: 4 } }, ["a", "e"]],
  [{ n: { $in: [1, 10] } }, ["a", "d"]],
  [{ n: { $in: ["5", 12] } }, ["c", "e"]],
  [{ n: { $in: [] } }, []],
  [{ n: { $nin: [1, 5] } }, ["c", "d", "e", "f", "g"]],
  [{ n: { $ne: 5 } }, ["a", "c", "d", "e", "f", "g"]],
  [{ n: { $exists: false } }, ["f"]],
  [{ s: { $exists: true } }, ["a", "b", "c", "d", "e", "g"]],
  [{ s: null }, ["e", "f"]],
  [{ s: "apple" }, ["a"]],
  [{ s: { $gt: "b" } }, ["b", "c", "g"]],
  [{ s: { $lte: "apple" } }, ["a", "d"]],
  [{ s: { $regex: "^a", $options: "i" } }, ["a", "d"]],
  [{ s: /an/ }, ["b"]],
  [{ tags: "red" }, ["a"]],
  [{ tags: ["yellow"] }, ["b"]],
  [{ tags: { $size: 0 } }, ["c"]],
  [{ tags: { $all: ["green", "red"] } }, ["a"]],
  [{ "obj.x": 1 }, ["a", "c"]],
  [{ "obj.x": { $gte: 3 } }, ["c"]],
  [{ "obj.y": "q" }, ["d"]],
  [{ obj: { x: 2 } }, ["b"]],
  [{ "arr.k": 5 }, ["a"]],
  [{ "arr.k": { $gt: 1 } }, ["a", "b"]],
  [{ arr: { $elemMatch: { k: { $gte: 2, $lte: 4 } } } }, ["b"]],
  [{ "nested.deep.v": 7 }, ["d"]],
  [{ "n.1": 12 }, ["e"]],
  [{ d: { $gte: day("2021-01-01") } }, ["b", "g"]],
  [{ d: day("2020-01-01") }, ["a"]],
  [{ d: null }, ["c", "d", "e", "f"]],
  [{ flag: true }, ["a", "e"]],
  [{ flag: { $ne: true } }, ["b", "c", "d", "f", "g"]],
  [{ $or: [{ n: 1 }, { s: "cherry" }] }, ["a", "c"]],
  [{ $or: [{ _id: "a" }, { n: 10 }] }, ["a", "d"]],
  [{ $and: [{ n: { $gt: 1 } }, { flag: true }] }, ["e"]],
  [{ $nor: [{ n: { $exists: true } }] }, ["f"]],
  [{ n: { $not: { $gt: 4 } } }, ["a", "c", "f"]],
  [{ _id: { $in: ["a", "c", "zz"] } }, ["a", "c"]],
  [{ _id: { $gt: "e" } }, ["f", "g"]],
  [{ _id: { $lte: "b" } }, ["a", "b"]],
  [{ _id: "b", n: 5 }, ["b"]],
  [{ _id: "b", n: 6 }, []],
  [{ $comment: "annotated", s: "apple" }, ["a"]],
  [{ $expr: { $eq: ["$s", "date"] } }, ["g"]],
];

const INDEXED = ["n", "s", "tags", "obj.x", "obj.y", "arr.k", "nested.deep.v", "d", "flag"];

async function checkAll(items: Collection<Document>, label: string): Promise<void> {
  for (const [filter, expected] of CHECKS) {
    const found = (await items.find(filter).toArray()).map((d) => String(d._id)).sort();
    assert.deepEqual(found, expected, `${label}: find(${show(filter)})`);
    assert.equal(await items.countDocuments(filter), expected.length, `${label}: countDocuments(${show(filter)})`);
    // Without a sort MongoDB promises no order, so findOne may return any match.
    const one = await items.findOne(filter);
    assert.ok(one === null ? expected.length === 0 : expected.includes(String(one._id)), `${label}: findOne(${show(filter)})`);
  }
}

function show(filter: Document): string {
  return JSON.stringify(filter, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));
}

export const filterCases: readonly ConformanceCase[] = [
  {
    name: "query operators match like MongoDB, with and without indexes",
    async run({ db }) {
      const items = db.collection("Filters.items");
      await items.insertMany(DOCS.map((d) => ({ ...d })));
      await checkAll(items, "no index");
      for (const path of INDEXED) await items.createIndex({ [path]: 1 });
      await checkAll(items, "indexed");
    },
  },
  {
    name: "updates and deletes select the same documents as find",
    async run({ db }) {
      const items = db.collection("Filters.items");
      await items.createIndex({ n: 1 });
      await items.insertMany(DOCS.map((d) => ({ ...d })));
      assert.equal((await items.updateMany({ n: { $gt: 4 } }, { $set: { hit: true } })).matchedCount, 4);
      assert.deepEqual((await items.find({ hit: true }).toArray()).map((d) => d._id).sort(), ["b", "d", "e", "g"]);
      assert.equal((await items.deleteMany({ n: { $in: ["5", 12] } })).deletedCount, 2);
      assert.equal(await items.countDocuments(), 5);
    },
  },
  {
    name: "an unsupported operator is an error naming it, even on an empty collection",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection("Filters.items");
      const unsupported = { code: "UNSUPPORTED_OPERATOR", message: /^Unsupported operator \$near in filter on collection "Filters\.items"/ };
      await assert.rejects(items.find({ loc: { $near: [0, 0] } }).toArray(), unsupported);
      await items.insertOne({ _id: "a", loc: [0, 0] });
      await assert.rejects(items.findOne({ loc: { $near: [0, 0] } }), unsupported);
      await assert.rejects(items.countDocuments({ $text: { $search: "x" } }), { code: "UNSUPPORTED_OPERATOR", message: /\$text/ });
      await assert.rejects(items.deleteMany({ loc: { $near: [0, 0] } }), unsupported);
      await assert.rejects(items.updateMany({ loc: { $near: [0, 0] } }, { $set: { x: 1 } }), unsupported);
      await assert.rejects(items.find({ $where: "true" }).toArray(), { code: "UNSUPPORTED_OPERATOR", message: /\$where/ });
    },
  },
];
