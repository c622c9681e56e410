// Conformance: cursors — sort in MongoDB's type order (also when SQL sorts by
// an index), skip, limit, projection, map, iteration in batches.
import assert from "node:assert/strict";
import type { Document } from "../api/document.ts";
import type { ConformanceCase } from "./harness.ts";

const ids = (docs: Document[]): unknown[] => docs.map((d) => d._id);

export const cursorCases: readonly ConformanceCase[] = [
  {
    name: "sort follows MongoDB's order across types, missing and null first, with and without an index",
    async run({ db }) {
      const items = db.collection("Cursor.items");
      await items.insertMany([
        { _id: "date", v: new Date(0) }, { _id: "true", v: true }, { _id: "str-b", v: "b" }, { _id: "num-10", v: 10 },
        { _id: "missing" }, { _id: "str-a", v: "a" }, { _id: "num-2", v: 2.5 }, { _id: "obj", v: { x: 1 } }, { _id: "null", v: null },
      ]);
      const expected = ["num-2", "num-10", "str-a", "str-b", "obj", "true", "date"];
      for (const label of ["no index", "indexed"]) {
        if (label === "indexed") await items.createIndex({ v: 1 });
        const asc = ids(await items.find().sort({ v: 1 }).toArray());
        assert.deepEqual(new Set(asc.slice(0, 2)), new Set(["missing", "null"]), label);
        assert.deepEqual(asc.slice(2), expected, label);
        const desc = ids(await items.find({}, { sort: { v: -1 } }).toArray());
        assert.deepEqual(desc.slice(0, 7), [...expected].reverse(), label);
      }
    },
  },
  {
    name: "sort + skip + limit on an indexed field, as SQL does it and as JS does it",
    async run({ db }) {
      const items = db.collection("Cursor.items");
      await items.createIndex({ score: -1 });
      await items.insertMany(Array.from({ length: 60 }, (_, i) => ({ _id: `d${String(i).padStart(2, "0")}`, score: (i * 7) % 60, g: i % 3 })));
      const top = await items.find({}).sort({ score: -1 }).skip(2).limit(3).toArray();
      assert.deepEqual(top.map((d) => d.score), [57, 56, 55]);
      const filtered = await items.find({ g: 0 }).sort({ score: 1 }).limit(4).toArray();
      assert.deepEqual(filtered.map((d) => d.score), [0, 3, 6, 9]);
      // An array value: SQL cannot sort it in MongoDB's order, so the store sorts in JS.
      await items.insertOne({ _id: "arr", score: [100, -1], g: 0 });
      assert.deepEqual(ids(await items.find({}).sort({ score: 1 }).limit(2).toArray()), ["arr", "d00"]);
      assert.deepEqual(ids(await items.find({}).sort({ score: -1 }).limit(1).toArray()), ["arr"]);
    },
  },
  {
    name: "multi-key, dotted and _id sorts",
    async run({ db }) {
      const items = db.collection("Cursor.items");
      await items.insertMany([
        { _id: "a", p: { q: 2 }, k: 1 }, { _id: "b", p: { q: 1 }, k: 1 }, { _id: "c", p: { q: 3 }, k: 0 }, { _id: "d", p: { q: 0 }, k: 0 },
      ]);
      assert.deepEqual(ids(await items.find().sort({ "p.q": 1 }).toArray()), ["d", "b", "a", "c"]);
      assert.deepEqual(ids(await items.find().sort({ k: -1, "p.q": 1 }).toArray()), ["b", "a", "d", "c"]);
      assert.deepEqual(ids(await items.find().sort({ _id: -1 }).limit(2).toArray()), ["d", "c"]);
      assert.deepEqual(ids(await items.find().sort("k", -1).toArray()).slice(0, 2).sort(), ["a", "b"]);
      assert.deepEqual(ids(await items.find().sort([["k", 1], ["p.q", -1]]).toArray()), ["c", "d", "a", "b"]);
    },
  },
  {
    name: "projection, map, next/hasNext and async iteration",
    async run({ db }) {
      const items = db.collection<{ _id: string; a: number; b: number; c: { d: number; e: number } }>("Cursor.items");
      await items.insertMany([{ _id: "x", a: 1, b: 2, c: { d: 3, e: 4 } }, { _id: "y", a: 5, b: 6, c: { d: 7, e: 8 } }]);
      assert.deepEqual(await items.find({}, { projection: { a: 1 } }).toArray(), [{ _id: "x", a: 1 }, { _id: "y", a: 5 }]);
      assert.deepEqual(await items.find().project({ _id: 0, "c.d": 1 }).toArray(), [{ c: { d: 3 } }, { c: { d: 7 } }]);
      assert.deepEqual(await items.find({ _id: "x" }).project({ b: 0, c: 0 }).toArray(), [{ _id: "x", a: 1 }]);
      assert.deepEqual(await items.findOne({ _id: "y" }, { projection: { b: 1, _id: 0 } }), { b: 6 });
      assert.deepEqual(await items.find().map((d) => d.a * 10).toArray(), [10, 50]);
      const cursor = items.find().sort({ a: -1 });
      assert.equal(await cursor.hasNext(), true);
      assert.equal((await cursor.next())?._id, "y");
      assert.equal((await cursor.next())?._id, "x");
      assert.equal(await cursor.next(), null);
      const seen: string[] = [];
      for await (const doc of items.find()) seen.push(doc._id);
      assert.deepEqual(seen, ["x", "y"]);
    },
  },
  {
    name: "iteration in small batches visits every document once, in order",
    async run({ db }) {
      const items = db.collection("Cursor.items");
      const all = Array.from({ length: 95 }, (_, i) => ({ _id: `k${String(i).padStart(3, "0")}`, odd: i % 2 === 1 }));
      await items.insertMany(all);
      const seen: unknown[] = [];
      for await (const doc of items.find({ odd: true }).batchSize(7)) seen.push(doc._id);
      assert.deepEqual(seen, all.filter((d) => d.odd).map((d) => d._id));
      const skipped: unknown[] = [];
      await items.find({}, { skip: 90, batchSize: 2 }).forEach((d) => void skipped.push(d._id));
      assert.deepEqual(skipped, ["k090", "k091", "k092", "k093", "k094"]);
      assert.equal((await items.find({ odd: false }).skip(40).limit(100).toArray()).length, 8);
    },
  },
  {
    name: "a cursor cannot be reshaped after it started",
    async run({ db }) {
      const items = db.collection("Cursor.items");
      await items.insertMany([{ _id: "a" }, { _id: "b" }]);
      const cursor = items.find();
      await cursor.next();
      assert.throws(() => cursor.sort({ _id: 1 }));
      assert.throws(() => cursor.limit(1));
      cursor.rewind();
      assert.equal((await cursor.toArray()).length, 2);
    },
  },
];
