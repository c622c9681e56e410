// Conformance: atomic writes under concurrency — no lost updates, unique keys
// that hold across connections and processes, all-or-nothing multi-document
// writes, and connections that see each other's writes.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type ConformanceCase, SQL_ONLY } from "./harness.ts";

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL("./insert-worker.ts", import.meta.url));

export const atomicityCases: readonly ConformanceCase[] = [
  {
    name: "50 concurrent $inc on one document end at 50",
    async run({ db }) {
      const counters = db.collection("Atomic.counters");
      await counters.insertOne({ _id: "c", n: 0 });
      await Promise.all(Array.from({ length: 50 }, () => counters.updateOne({ _id: "c" }, { $inc: { n: 1 } })));
      assert.equal((await counters.findOne({ _id: "c" }))?.n, 50);
    },
  },
  {
    name: "concurrent read-modify-writes and one-statement updates through two connections lose nothing",
    shared: true,
    async run({ db, connect }) {
      const other = await connect();
      const a = db.collection("Atomic.counters");
      const b = other.collection("Atomic.counters");
      await a.insertOne({ _id: "c", n: 0, log: [] });
      // With `$push` the document is read, changed in JS and written back; `$inc` alone is one UPDATE on the SQL backends.
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).updateOne({ _id: "c" },
        i % 4 < 3 ? { $inc: { n: 1 }, $push: { log: i } } : { $inc: { n: 1 } })));
      const doc = await b.findOne({ _id: "c" });
      assert.equal(doc?.n, 40);
      assert.equal(doc?.log.length, 30);
    },
  },
  {
    name: "updateMany $inc racing inserts: every count matches what was written",
    shared: true,
    async run({ db, connect }) {
      const other = await connect();
      const a = db.collection("Atomic.items");
      const b = other.collection("Atomic.items");
      await a.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: `s${i}`, n: 0 })));
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 3 === 0
        ? b.insertOne({ _id: `i${i}`, n: 0 }).then(() => null)
        : (i % 2 ? a : b).updateMany({}, { $inc: { n: 1 } }))));
      let modified = 0;
      for (const r of results) {
        if (r === null) continue;
        assert.equal(r.modifiedCount, r.matchedCount, "every matched document holds a number");
        modified += r.modifiedCount;
      }
      const docs = await a.find().toArray();
      assert.equal(docs.length, 20);
      assert.equal(docs.reduce((sum, d) => sum + (d.n as number), 0), modified);
    },
  },
  {
    name: "two connections see each other's writes",
    shared: true,
    async run({ db, connect }) {
      const other = await connect();
      await db.collection("Atomic.items").insertOne({ _id: "x", v: 1 });
      assert.deepEqual(await other.collection("Atomic.items").findOne({ _id: "x" }), { _id: "x", v: 1 });
      await other.collection("Atomic.items").updateOne({ _id: "x" }, { $set: { v: 2 } });
      assert.equal((await db.collection("Atomic.items").findOne({ _id: "x" }))?.v, 2);
      await other.collection("Atomic.items").createIndex({ v: 1 }, { unique: true });
      await assert.rejects(db.collection("Atomic.items").insertOne({ _id: "y", v: 2 }), { code: 11000 });
    },
  },
  {
    name: "concurrent inserts of one unique key through two connections: exactly one wins",
    shared: true,
    async run({ db, connect }) {
      const other = await connect();
      await db.collection("Atomic.items").createIndex({ key: 1 }, { unique: true });
      const attempts = Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? db : other).collection("Atomic.items").insertOne({ _id: `i${i}`, key: "same" }));
      const results = await Promise.allSettled(attempts);
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      for (const r of results) if (r.status === "rejected") assert.equal((r.reason as { code?: unknown }).code, 11000);
      assert.equal(await db.collection("Atomic.items").countDocuments({ key: "same" }), 1);
    },
  },
  {
    name: "two processes inserting one unique key: exactly one wins",
    shared: true,
    only: SQL_ONLY,
    async run({ db, url }) {
      await db.collection("Atomic.items").createIndex({ key: 1 }, { unique: true });
      const startAt = String(Date.now() + 1500);
      const outputs = await Promise.all([1, 2, 3].map((i) =>
        run(process.execPath, ["--import", "tsx", WORKER, url, JSON.stringify({ _id: `p${i}`, key: "same" }), startAt])));
      const said = outputs.map((o) => o.stdout.trim()).sort();
      assert.deepEqual(said, ["duplicate", "duplicate", "inserted"]);
      assert.equal(await db.collection("Atomic.items").countDocuments({ key: "same" }), 1);
    },
  },
  {
    name: "concurrent upserts of one _id make one document and all succeed",
    async run({ db }) {
      const items = db.collection("Atomic.items");
      const results = await Promise.all(Array.from({ length: 10 }, () =>
        items.updateOne({ _id: "u" }, { $inc: { n: 1 } }, { upsert: true })));
      assert.equal(results.reduce((sum, r) => sum + r.upsertedCount, 0), 1);
      assert.deepEqual(await items.find().toArray(), [{ _id: "u", n: 10 }]);
    },
  },
  {
    name: "findOneAndUpdate hands each queued job to exactly one worker",
    async run({ db }) {
      const jobs = db.collection("Atomic.jobs");
      await jobs.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: `j${i}`, state: "queued" })));
      const claimed = await Promise.all(Array.from({ length: 30 }, (_, w) =>
        jobs.findOneAndUpdate({ state: "queued" }, { $set: { state: "taken", by: w } }, { returnDocument: "after" })));
      const taken = claimed.filter((j) => j !== null).map((j) => j!._id);
      assert.equal(taken.length, 20);
      assert.equal(new Set(taken).size, 20);
      assert.equal(await jobs.countDocuments({ state: "queued" }), 0);
    },
  },
  {
    name: "updateMany is all-or-nothing: a unique violation midway changes no document",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection("Atomic.items");
      await items.createIndex({ slot: 1 }, { unique: true });
      await items.insertMany([{ _id: "a", slot: 1, g: 1 }, { _id: "b", slot: 2, g: 1 }, { _id: "c", slot: 3, g: 1 }]);
      await assert.rejects(items.updateMany({ g: 1 }, { $set: { slot: 7 } }), { code: 11000 });
      assert.deepEqual((await items.find().toArray()).map((d) => d.slot), [1, 2, 3]);
    },
  },
];
