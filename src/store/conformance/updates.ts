// Conformance: update operators, upserts and their result counts.
import assert from "node:assert/strict";
import type { Document } from "../api/document.ts";
import { type ConformanceCase, SQL_ONLY } from "./harness.ts";

/** Applies `update` to a copy of `start` stored as `_id: "u"` and returns the stored result. */
async function applied(db: Parameters<ConformanceCase["run"]>[0]["db"], start: Document, update: Document, options: Document = {}): Promise<Document | null> {
  const items = db.collection("Updates.items");
  await items.deleteMany({});
  await items.insertOne({ _id: "u", ...start });
  await items.updateOne({ _id: "u" }, update, options);
  return items.findOne({ _id: "u" });
}

export const updateCases: readonly ConformanceCase[] = [
  {
    name: "field operators: $set $unset $inc $mul $min $max $rename $currentDate",
    async run({ db }) {
      assert.deepEqual(await applied(db, { a: 1 }, { $set: { a: 2, "b.c.d": "x" } }), { _id: "u", a: 2, b: { c: { d: "x" } } });
      assert.deepEqual(await applied(db, { a: 1, b: 2 }, { $unset: { a: "" } }), { _id: "u", b: 2 });
      assert.deepEqual(await applied(db, { n: 1 }, { $inc: { n: 2, m: 5 } }), { _id: "u", n: 3, m: 5 });
      assert.deepEqual(await applied(db, { n: 3 }, { $mul: { n: 4, z: 2 } }), { _id: "u", n: 12, z: 0 });
      assert.deepEqual(await applied(db, { lo: 5, hi: 5 }, { $min: { lo: 3, hi: 9 } }), { _id: "u", lo: 3, hi: 5 });
      assert.deepEqual(await applied(db, { lo: 5, hi: 5 }, { $max: { lo: 3, hi: 9 } }), { _id: "u", lo: 5, hi: 9 });
      assert.deepEqual(await applied(db, { a: 1, b: { c: 2 } }, { $rename: { a: "z", "b.c": "b.d" } }), { _id: "u", z: 1, b: { d: 2 } });
      const dated = await applied(db, {}, { $currentDate: { at: true } });
      assert.ok(dated?.at instanceof Date && Math.abs(dated.at.getTime() - Date.now()) < 60_000);
    },
  },
  {
    name: "array operators: $push (with modifiers) $addToSet $pull $pullAll $pop",
    async run({ db }) {
      assert.deepEqual(await applied(db, { xs: [1] }, { $push: { xs: 2, ys: "new" } }), { _id: "u", xs: [1, 2], ys: ["new"] });
      assert.deepEqual(await applied(db, { xs: [5, 1] }, { $push: { xs: { $each: [4, 2, 3], $sort: 1, $slice: 3 } } }), { _id: "u", xs: [1, 2, 3] });
      assert.deepEqual(await applied(db, { xs: [1, 2] }, { $push: { xs: { $each: [9], $position: 0 } } }), { _id: "u", xs: [9, 1, 2] });
      assert.deepEqual(await applied(db, { xs: [1, 2] }, { $addToSet: { xs: { $each: [2, 3] } } }), { _id: "u", xs: [1, 2, 3] });
      assert.deepEqual(await applied(db, { xs: [1, 2, 3, 2] }, { $pull: { xs: 2 } }), { _id: "u", xs: [1, 3] });
      assert.deepEqual(await applied(db, { xs: [1, 5, 9] }, { $pull: { xs: { $gte: 5 } } }), { _id: "u", xs: [1] });
      assert.deepEqual(await applied(db, { xs: [{ k: 1 }, { k: 2 }] }, { $pull: { xs: { k: 2 } } }), { _id: "u", xs: [{ k: 1 }] });
      assert.deepEqual(await applied(db, { xs: [1, 2, 3] }, { $pullAll: { xs: [1, 3] } }), { _id: "u", xs: [2] });
      assert.deepEqual(await applied(db, { xs: [1, 2, 3] }, { $pop: { xs: -1 } }), { _id: "u", xs: [2, 3] });
    },
  },
  {
    name: "positional $ and arrayFilters",
    async run({ db }) {
      const items = db.collection("Updates.items");
      await items.insertOne({ _id: "u", xs: [{ k: 1, v: 0 }, { k: 2, v: 0 }] });
      await items.updateOne({ _id: "u", "xs.k": 2 }, { $set: { "xs.$.v": 7 } });
      await items.updateOne({ _id: "u" }, { $inc: { "xs.$[e].v": 1 } }, { arrayFilters: [{ "e.k": 1 }] });
      assert.deepEqual(await items.findOne({ _id: "u" }), { _id: "u", xs: [{ k: 1, v: 1 }, { k: 2, v: 7 }] });
    },
  },
  {
    name: "result counts: matched, modified (0 when nothing changes), updateMany",
    async run({ db }) {
      const items = db.collection("Updates.items");
      await items.insertMany([{ _id: "a", g: 1, v: 0 }, { _id: "b", g: 1, v: 1 }, { _id: "c", g: 2, v: 0 }]);
      assert.deepEqual(await items.updateOne({ _id: "a" }, { $set: { v: 0 } }),
        { acknowledged: true, matchedCount: 1, modifiedCount: 0, upsertedCount: 0, upsertedId: null });
      assert.deepEqual(await items.updateMany({ g: 1 }, { $set: { v: 1 } }),
        { acknowledged: true, matchedCount: 2, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
      assert.deepEqual(await items.updateMany({ g: 9 }, { $set: { v: 1 } }),
        { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null });
      assert.equal((await items.updateOne({ g: 1 }, { $inc: { v: 1 } })).modifiedCount, 1);
      assert.equal(await items.countDocuments({ v: 2 }), 1, "updateOne changes one document");
    },
  },
  {
    name: "upsert seeds the new document from the filter's equalities and applies $setOnInsert",
    async run({ db }) {
      const items = db.collection("Updates.items");
      const result = await items.updateOne({ _id: "k", kind: "x", n: { $gt: 1 }, $and: [{ "tag.name": { $eq: "t" } }] },
        { $set: { v: 1 }, $setOnInsert: { created: true } }, { upsert: true });
      assert.deepEqual(result, { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: "k" });
      assert.deepEqual(await items.findOne({ _id: "k" }), { _id: "k", kind: "x", tag: { name: "t" }, v: 1, created: true });
      const again = await items.updateOne({ _id: "k" }, { $set: { v: 2 }, $setOnInsert: { created: false } }, { upsert: true });
      assert.deepEqual(again, { acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
      assert.equal((await items.findOne({ _id: "k" }))?.created, true, "$setOnInsert applies only when inserting");
    },
  },
  {
    name: "upsert without an _id in the filter makes one",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection("Updates.items");
      const { upsertedId } = await items.updateOne({ name: "n" }, { $set: { v: 1 } }, { upsert: true });
      assert.equal(typeof upsertedId, "string");
      assert.deepEqual(await items.findOne({ name: "n" }), { _id: upsertedId, name: "n", v: 1 });
    },
  },
  {
    name: "updates MongoDB refuses are refused: no operators, _id changes, wrong types",
    async run({ db }) {
      const items = db.collection("Updates.items");
      await items.insertOne({ _id: "u", s: "text", n: 1 });
      await assert.rejects(items.updateOne({ _id: "u" }, { s: "plain" }), /atomic operators/);
      await assert.rejects(items.updateOne({ _id: "u" }, { $set: { _id: "v" } }), /_id/);
      await assert.rejects(items.updateOne({ _id: "u" }, { $inc: { s: 1 } }));
      await assert.rejects(items.updateOne({ _id: "u" }, { $push: { s: 1 } }));
      await assert.rejects(items.updateOne({ _id: "u" }, { $set: { "n.deeper": 1 } }));
      assert.deepEqual(await items.findOne({ _id: "u" }), { _id: "u", s: "text", n: 1 }, "failed updates change nothing");
    },
  },
  {
    name: "an unsupported update operator is an error naming it, even when nothing matches",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection("Updates.items");
      await assert.rejects(items.updateOne({ _id: "none" }, { $frobnicate: { a: 1 } }),
        { code: "UNSUPPORTED_OPERATOR", message: /^Unsupported operator \$frobnicate in update on collection "Updates\.items"/ });
      await assert.rejects(items.updateMany({}, [{ $lookup: {} }]), { code: "UNSUPPORTED_OPERATOR", message: /\$lookup/ });
      await items.insertOne({ _id: "u", s: "text" });
      await assert.rejects(items.updateOne({ _id: "u" }, { $push: { s: 1 } }),
        { code: "INVALID_ARGUMENT", message: /^Cannot apply \$push to "s" in update on collection "Updates\.items": it holds a string/ });
    },
  },
  {
    name: "pipeline updates",
    async run({ db }) {
      const items = db.collection("Updates.items");
      await items.insertOne({ _id: "u", a: 2, b: 3 });
      await items.updateOne({ _id: "u" }, [{ $set: { sum: { $add: ["$a", "$b"] } } }, { $unset: "b" }]);
      assert.deepEqual(await items.findOne({ _id: "u" }), { _id: "u", a: 2, sum: 5 });
    },
  },
];
