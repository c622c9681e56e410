// The SQL the store runs for lookups by _id and by indexed fields searches an
// index instead of scanning the table (checked with EXPLAIN QUERY PLAN).
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { recordingConnection } from "../core/recording-connection.ts";
import { SqlDb } from "../core/sql-db.ts";
import { SqliteConnection } from "./sqlite-connection.ts";

/** A store on an in-memory database that records the statements it runs. */
async function recordingStore(): Promise<{ db: SqlDb; raw: Database.Database; seen: string[] }> {
  const raw = new Database(":memory:");
  const seen: string[] = [];
  return { db: await SqlDb.open(recordingConnection(new SqliteConnection(raw), seen), "memory", "sqlite"), raw, seen };
}

function plan(raw: Database.Database, sql: string): string[] {
  const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => "x");
  return (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

test("lookups by _id and by indexed fields search indexes, sort+limit on an index walks it", async () => {
  const { db, raw, seen } = await recordingStore();
  const users = db.collection("Users.users");
  await users.createIndex({ email: 1 }, { unique: true });
  await users.createIndex({ "profile.age": -1 });
  await users.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `u${i}`, email: `u${i}@x`, profile: { age: i } })));
  const queries: Array<() => Promise<unknown>> = [
    () => users.findOne({ _id: "u3" }),
    () => users.find({ _id: { $in: ["u1", "u2"] } }).toArray(),
    () => users.find({ _id: { $gte: "u2", $lt: "u3" } }).toArray(),
    () => users.findOne({ email: "u7@x" }),
    () => users.find({ email: { $in: ["u1@x", "u9@x"] } }).toArray(),
    () => users.countDocuments({ "profile.age": { $gt: 40 } }),
    () => users.find({ "profile.age": { $gte: 10, $lt: 12 } }).toArray(),
    () => users.find({}).sort({ "profile.age": -1 }).limit(3).toArray(),
    () => users.updateOne({ email: "u5@x" }, { $set: { seen: true } }),
    () => users.updateOne({ _id: "u5" }, { $inc: { visits: 1 } }),
    () => users.updateMany({ _id: { $in: ["u1", "u2"] } }, { $inc: { visits: 1 } }),
    () => users.deleteOne({ email: "u6@x" }),
  ];
  for (const query of queries) {
    seen.length = 0;
    await query();
    const selects = seen.filter((sql) => sql.includes('"Users.users"'));
    assert.ok(selects.length > 0, `no statement on the collection for ${query}`);
    for (const sql of selects) {
      const steps = plan(raw, sql).filter((d) => d.includes("Users.users"));
      for (const step of steps) {
        const searches = step.startsWith("SEARCH") || /^SCAN .* USING (COVERING )?INDEX/.test(step);
        assert.ok(searches, `${query} scans: ${step}\n${sql.slice(0, 200)}`);
      }
    }
  }
  await db.close();
});
