// Conformance: `$set` and `$inc` on top-level fields, which the SQL backends
// run as one statement when they can (core/push-field-update.ts) — missing
// fields, wrong types, no-op updates, double arithmetic, unique indexes,
// updateMany counts — and the filters and options that must not take that
// path, which behave as before.
import assert from "node:assert/strict";
import type { Document } from "../api/document.ts";
import { type ConformanceCase, SQL_ONLY } from "./harness.ts";

const counts = (matchedCount: number, modifiedCount: number): Document =>
  ({ acknowledged: true, matchedCount, modifiedCount, upsertedCount: 0, upsertedId: null });

export const fieldUpdateCases: readonly ConformanceCase[] = [
  {
    name: "$inc creates a missing field (also by 0), $inc by 0 on a number modifies nothing",
    async run({ db }) {
      const items = db.collection("Fields.items");
      assert.deepEqual(await items.updateOne({ _id: "u" }, { $inc: { n: 1 } }), counts(0, 0), "no collection yet");
      await items.insertOne({ _id: "u", n: 1 });
      assert.deepEqual(await items.updateOne({ _id: "u" }, { $inc: { m: 5 } }), counts(1, 1));
      assert.deepEqual(await items.updateOne({ _id: "u" }, { $inc: { n: 0 } }), counts(1, 0));
      assert.deepEqual(await items.updateOne({ _id: "u" }, { $inc: { n: -0, m: 0 } }), counts(1, 0));
      assert.deepEqual(await items.updateOne({ _id: "u" }, { $inc: { z: 0 } }), counts(1, 1));
      assert.deepEqual(await items.updateOne({ _id: "none" }, { $inc: { n: 1 } }), counts(0, 0));
      assert.deepEqual(await items.findOne({ _id: "u" }), { _id: "u", n: 1, m: 5, z: 0 });
    },
  },
  {
    name: "$inc on a field that is not a number is refused, naming the field, and changes nothing",
    async run({ db }) {
      const items = db.collection("Fields.items");
      const start = { _id: "u", n: 1, s: "text", nil: null, t: true, arr: [1], obj: { a: 1 }, at: new Date(0) };
      await items.insertOne({ ...start });
      for (const field of ["s", "nil", "t", "arr", "obj", "at"]) {
        await assert.rejects(items.updateOne({ _id: "u" }, { $inc: { n: 1, [field]: 1 } }), (e: Error) => {
          assert.match(e.message, /\$inc/);
          assert.match(e.message, new RegExp(`["']${field}["']`), `the message names the field: ${e.message}`);
          return true;
        });
      }
      assert.deepEqual(await items.findOne({ _id: "u" }), start);
    },
  },
  {
    name: "$inc on a non-number is refused with this store's message",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection("Fields.items");
      await items.insertOne({ _id: "u", s: "text" });
      await assert.rejects(items.updateOne({ _id: "u" }, { $inc: { s: 1 } }), { code: "INVALID_ARGUMENT",
        message: /^Cannot apply \$inc to "s" in update on collection "Fields\.items": it holds a string \("text"\), not a number\.$/ });
    },
  },
  {
    name: "$set to the value already there modifies nothing; null and false are values, not a missing field",
    async run({ db }) {
      const items = db.collection("Fields.items");
      await items.insertOne({ _id: "u", s: "x", n: 1, b: false, z: null, e: "" });
      for (const same of [{ s: "x" }, { n: 1 }, { n: 1.0 }, { b: false }, { z: null }, { e: "" }, { s: "x", n: 1, b: false, z: null }]) {
        assert.deepEqual(await items.updateOne({ _id: "u" }, { $set: same }), counts(1, 0), JSON.stringify(same));
      }
      for (const differs of [{ n: "1" }, { b: 0 }, { z: false }, { e: null }, { s: "X" }, { none: null }, { none2: false }, { s: "x", n: 2 }]) {
        assert.deepEqual(await items.updateOne({ _id: "u" }, { $set: differs }), counts(1, 1), JSON.stringify(differs));
      }
      assert.deepEqual(await items.findOne({ _id: "u" }),
        { _id: "u", s: "x", n: 2, b: 0, z: false, e: null, none: null, none2: false });
    },
  },
  {
    name: "$inc adds as JavaScript doubles, and the sums compare and index as the same numbers",
    async run({ db }) {
      const items = db.collection("Fields.items");
      await items.createIndex({ n: 1 });
      await items.insertMany([{ _id: "a", n: 0.1 }, { _id: "b", n: 1 }, { _id: "c", n: 2 ** 53 }, { _id: "d", n: 2 ** 60 + 256 }]);
      await items.updateOne({ _id: "a" }, { $inc: { n: 0.2 } });
      await items.updateOne({ _id: "b" }, { $inc: { n: 1 } });
      assert.equal((await items.findOne({ _id: "a" }))?.n, 0.1 + 0.2);
      assert.equal((await items.findOne({ _id: "a" }))?.n, 0.30000000000000004);
      assert.deepEqual(await items.updateOne({ _id: "a" }, { $set: { n: 0.1 + 0.2 } }), counts(1, 0));
      assert.deepEqual(await items.updateOne({ _id: "b" }, { $set: { n: 2 } }), counts(1, 0));
      assert.deepEqual(await items.find({ n: 2 }).toArray(), [{ _id: "b", n: 2 }], "the index finds a computed 2");
      assert.deepEqual((await items.find({ n: { $gt: 0.3 } }).toArray()).map((d) => d._id), ["a", "b", "c", "d"]);
      // 2^53 + 1 is 2^53 in doubles: nothing changes.
      assert.deepEqual(await items.updateOne({ _id: "c" }, { $inc: { n: 1 } }), counts(1, 0));
      assert.deepEqual(await items.updateOne({ _id: "d" }, { $inc: { n: 1024 } }), counts(1, 1));
      assert.equal((await items.findOne({ _id: "d" }))?.n, 2 ** 60 + 256 + 1024);
      await items.updateOne({ _id: "a" }, { $inc: { n: -0.30000000000000004 } });
      assert.ok(Object.is((await items.findOne({ _id: "a" }))?.n, 0), "0.1 + 0.2 - 0.30000000000000004 is +0");
      await items.updateMany({ _id: { $in: ["a", "b"] } }, { $inc: { n: 0.1 } });
      assert.deepEqual((await items.find({ _id: { $in: ["a", "b"] } }).toArray()).map((d) => d.n), [0.1, 2.1]);
    },
  },
  {
    name: "$inc past the largest double is refused, and changes nothing",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection("Fields.items");
      await items.insertOne({ _id: "u", n: 1.7e308, m: 1e307 });
      await assert.rejects(items.updateOne({ _id: "u" }, { $inc: { n: 1e308 } }), { code: "INVALID_DOCUMENT" });
      await assert.rejects(items.updateOne({ _id: "u" }, { $inc: { n: 1e307 } }), { code: "INVALID_DOCUMENT" });
      await assert.rejects(items.updateMany({}, { $inc: { m: 1, n: 1e307 } }), { code: "INVALID_DOCUMENT" });
      assert.deepEqual(await items.updateOne({ _id: "u" }, { $inc: { m: 1e307, n: -1.7e308 } }), counts(1, 1));
      assert.deepEqual(await items.findOne({ _id: "u" }), { _id: "u", n: 0, m: 2e307 });
    },
  },
  {
    name: "a unique index refuses a duplicate made by $set or $inc with code 11000 and the key",
    async run({ db }) {
      const users = db.collection("Fields.users");
      await users.createIndex({ email: 1 }, { unique: true });
      await users.createIndex({ rank: 1 }, { unique: true });
      await users.insertMany([{ _id: "u1", email: "a@x", rank: 1 }, { _id: "u2", email: "b@x", rank: 2 }]);
      await assert.rejects(users.updateOne({ _id: "u2" }, { $set: { email: "a@x" } }),
        { code: 11000, keyPattern: { email: 1 }, keyValue: { email: "a@x" } });
      await assert.rejects(users.updateOne({ _id: "u2" }, { $inc: { rank: -1 } }),
        { code: 11000, keyPattern: { rank: 1 }, keyValue: { rank: 1 } });
      // A number the update computed (2 + 1) collides with the same number inserted.
      assert.deepEqual(await users.updateOne({ _id: "u2" }, { $inc: { rank: 1 } }), counts(1, 1));
      await assert.rejects(users.insertOne({ _id: "u3", rank: 3 }), { code: 11000, keyValue: { rank: 3 } });
      assert.deepEqual(await users.find().toArray(),
        [{ _id: "u1", email: "a@x", rank: 1 }, { _id: "u2", email: "b@x", rank: 3 }]);
    },
  },
  {
    name: "updateMany with a duplicate key or a non-number changes no document",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection("Fields.items");
      await items.createIndex({ slot: 1 }, { unique: true });
      await items.insertMany([{ _id: "a", slot: 1, n: 1 }, { _id: "b", slot: 2, n: "two" }, { _id: "c", slot: 3, n: 3 }]);
      await assert.rejects(items.updateMany({}, { $set: { slot: 7 } }), { code: 11000 });
      await assert.rejects(items.updateMany({ _id: { $in: ["a", "c"] } }, { $set: { slot: 7 } }), { code: 11000 });
      await assert.rejects(items.updateMany({}, { $inc: { n: 1 } }), { code: "INVALID_ARGUMENT", message: /"n"/ });
      assert.deepEqual((await items.find().toArray()).map((d) => [d.slot, d.n]), [[1, 1], [2, "two"], [3, 3]]);
    },
  },
  {
    name: "updateMany counts every matched document, changed or not",
    async run({ db }) {
      const items = db.collection("Fields.items");
      assert.deepEqual(await items.updateMany({}, { $inc: { n: 1 } }), counts(0, 0), "no collection yet");
      await items.insertMany([{ _id: "a", n: 1 }, { _id: "b", n: 2 }, { _id: "c" }]);
      assert.deepEqual(await items.updateMany({}, { $set: { n: 2 } }), counts(3, 2));
      assert.deepEqual(await items.updateMany({ _id: { $in: ["a", "b", "zz"] } }, { $inc: { n: 0 } }), counts(2, 0));
      assert.deepEqual(await items.updateMany({ _id: { $gte: "b" } }, { $inc: { n: 1 } }), counts(2, 2));
      assert.deepEqual(await items.updateMany({ _id: { $in: [] } }, { $inc: { n: 1 } }), counts(0, 0));
      assert.deepEqual(await items.updateMany({ _id: "a" }, { $set: { m: true } }), counts(1, 1));
      assert.deepEqual(await items.find().toArray(), [{ _id: "a", n: 2, m: true }, { _id: "b", n: 3 }, { _id: "c", n: 3 }]);
    },
  },
  {
    name: "filters and options SQL does not decide alone still update exactly what MongoDB does",
    async run({ db }) {
      const items = db.collection("Fields.items");
      await items.createIndex({ g: 1 });
      await items.insertMany([{ _id: "a", g: 1, v: 0 }, { _id: "b", g: [1, 2], v: 5 }, { _id: "c", g: 2, v: 9 }]);
      assert.deepEqual(await items.updateOne({ _id: { $in: ["a", "b"] } }, { $inc: { v: 1 } }), counts(1, 1));
      assert.deepEqual(await items.updateOne({ $or: [{ _id: "a" }, { _id: "b" }] }, { $inc: { v: 1 } }), counts(1, 1));
      assert.deepEqual(await items.updateOne({}, { $inc: { v: 1 } }), counts(1, 1));
      assert.equal((await items.find().toArray()).reduce((sum, d) => sum + (d.v as number), 0), 17, "three updateOne, three documents changed");
      assert.deepEqual(await items.updateOne({ _id: "a", v: { $gt: 100 } }, { $inc: { v: 1 } }), counts(0, 0));
      assert.deepEqual(await items.updateMany({ g: 2 }, { $inc: { v: 10 } }), counts(2, 2), "g: 2 matches the array [1, 2]");
      assert.deepEqual(await items.updateOne({}, { $set: { top: true } }, { sort: { v: -1 } }), counts(1, 1));
      assert.equal((await items.findOne({ top: true }))?._id, "c");
      assert.deepEqual(await items.updateOne({ _id: "new" }, { $inc: { v: 1 } }, { upsert: true }),
        { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: "new" });
      assert.equal((await items.findOneAndUpdate({ _id: "new" }, { $inc: { v: 1 } }, { returnDocument: "after" }))?.v, 2);
      assert.equal((await items.findOneAndUpdate({ _id: "new" }, { $set: { v: 7 } }))?.v, 2, "returns the document before");
    },
  },
  {
    name: "field names with spaces, non-ASCII letters and punctuation; dotted paths set nested fields",
    async run({ db }) {
      const items = db.collection("Fields.items");
      await items.insertOne({ _id: "u", "first name": "A", größe: 1 });
      await items.updateOne({ _id: "u" }, { $set: { "first name": "B", "a-b[0]*": "x" } });
      await items.updateOne({ _id: "u" }, { $inc: { größe: 1, "a b": 2 } });
      await items.updateOne({ _id: "u" }, { $set: { "p.q": 1 }, $inc: { "p.r": 2 } });
      const doc = await items.findOne({ _id: "u" });
      assert.equal(doc?.["first name"], "B");
      assert.equal(doc?.["a-b[0]*"], "x");
      assert.equal(doc?.größe, 2);
      assert.equal(doc?.["a b"], 2);
      assert.deepEqual(doc?.p, { q: 1, r: 2 });
    },
  },
];
