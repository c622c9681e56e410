// Updates of top-level fields run in SQL (push-field-update.ts): which calls
// take that path (one UPDATE for updateOne by _id, a keyed read and an UPDATE
// for updateMany) and which must not; and, from random documents and updates
// of a fixed seed, that it agrees with the read-modify-write in counts,
// errors and stored documents — on SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import type { Collection } from "../api/collection.ts";
import type { Document } from "../api/document.ts";
import { backends } from "../../testing/backends.ts";
import { freshDb } from "../../testing/fresh-db.ts";
import { seededRandom } from "../../testing/seeded-random.ts";
import { postgresDialect } from "../postgres/postgres-dialect.ts";
import { PostgresConnection } from "../postgres/postgres-connection.ts";
import { SqliteConnection } from "../sqlite/sqlite-connection.ts";
import { recordingConnection } from "./recording-connection.ts";
import type { SqlConnection } from "./sql-backend.ts";
import { SqlDb } from "./sql-db.ts";

interface Recording { db: SqlDb; seen: string[]; dispose(): Promise<void> }

/** A store whose statements (outside BEGIN/COMMIT) are recorded in `seen`. */
async function recordingDb(backend: { name: string; url: string }): Promise<Recording> {
  let inner: SqlConnection;
  let cleanup = async (): Promise<void> => undefined;
  if (backend.name === "sqlite") {
    inner = new SqliteConnection(new Database(":memory:"));
  } else {
    const fresh = await freshDb(backend.url);
    const schema = new URL(fresh.url).searchParams.get("schema")!;
    inner = new PostgresConnection(new pg.Pool({ connectionString: backend.url, max: 2 }), postgresDialect(schema));
    cleanup = () => fresh.dispose();
  }
  const seen: string[] = [];
  const db = await SqlDb.open(recordingConnection(inner, seen), "memory", backend.name === "sqlite" ? "sqlite" : "postgres");
  return { db, seen, dispose: async () => {
    await db.close();
    await cleanup();
  } };
}

/** The first word of each statement `call` ran on the collection. */
async function statements(rec: Recording, call: () => Promise<unknown>): Promise<string[]> {
  rec.seen.length = 0;
  await call().catch(() => undefined);
  return rec.seen.filter((sql) => sql.includes('"Push.items"')).map((sql) => sql.split(" ")[0]!);
}

for (const backend of await backends()) {
  test(`${backend.name}: which updates run as SQL, and which read the documents first`, { skip: backend.skip ?? false }, async () => {
    const rec = await recordingDb(backend);
    try {
      const items = rec.db.collection("Push.items");
      await items.createIndex({ g: 1 });
      await items.insertMany([{ _id: "a", g: 1, n: 1, s: "x" }, { _id: "b", g: 1, n: 2 }]);
      const one = ["UPDATE"];
      assert.deepEqual(await statements(rec, () => items.updateOne({ _id: "a" }, { $inc: { n: 1 } })), one);
      assert.deepEqual(await statements(rec, () => items.updateOne({ _id: "a" }, { $set: { s: "y", t: null }, $inc: { m: 0.5 } })), one);
      assert.deepEqual(await statements(rec, () => items.updateOne({ _id: { $eq: "a" }, $comment: "c" }, { $set: { b: true } })), one);
      assert.deepEqual(await statements(rec, () => items.updateMany({ _id: { $in: ["a", "b"] } }, { $inc: { n: 1 } })), ["SELECT", "UPDATE"]);
      assert.deepEqual(await statements(rec, () => items.updateMany({}, { $set: { n: 5 } })), ["SELECT", "UPDATE"]);
      assert.deepEqual(await statements(rec, () => items.updateMany({}, { $set: { n: 5 } })), ["SELECT"], "nothing changes: no write");
      // The statement changes nothing; the read-modify-write then decides (here: unchanged, or an error).
      assert.deepEqual((await statements(rec, () => items.updateOne({ _id: "a" }, { $set: { n: 5 } })))[0], "UPDATE");
      assert.ok((await statements(rec, () => items.updateOne({ _id: "a" }, { $inc: { s: 1 } }))).includes("SELECT"));

      const readFirst: Array<[string, () => Promise<unknown>]> = [
        ["filter on an indexed field", () => items.updateOne({ g: 1 }, { $inc: { n: 1 } })],
        ["several keys, updateOne", () => items.updateOne({ _id: { $in: ["a", "b"] } }, { $inc: { n: 1 } })],
        ["empty filter, updateOne", () => items.updateOne({}, { $inc: { n: 1 } })],
        ["filter on an unindexed field", () => items.updateMany({ _id: "a", n: { $gt: 0 } }, { $inc: { n: 1 } })],
        ["$push", () => items.updateOne({ _id: "a" }, { $push: { xs: 1 } })],
        ["dotted path", () => items.updateOne({ _id: "a" }, { $set: { "p.q": 1 } })],
        ["a Date", () => items.updateOne({ _id: "a" }, { $set: { at: new Date(0) } })],
        ["an object", () => items.updateOne({ _id: "a" }, { $set: { o: { k: 1 } } })],
        ["$inc beyond the bound", () => items.updateOne({ _id: "a" }, { $inc: { n: 1e308 } })],
        ["arrayFilters", () => items.updateOne({ _id: "a" }, { $inc: { n: 1 } }, { arrayFilters: [] })],
        ["upsert", () => items.updateOne({ _id: "a" }, { $inc: { n: 1 } }, { upsert: true })],
        ["sort", () => items.updateOne({ _id: "a" }, { $inc: { n: 1 } }, { sort: { n: 1 } })],
        ["findOneAndUpdate", () => items.findOneAndUpdate({ _id: "a" }, { $inc: { n: 1 } })],
      ];
      for (const [what, call] of readFirst) assert.equal((await statements(rec, call))[0], "SELECT", what);
    } finally {
      await rec.dispose();
    }
  });
}

const NUMBERS = [0, -0, 1, -1, 0.1, 0.2, 0.3, 0.30000000000000004, 1e17, 2 ** 53, 2 ** 60 + 256, 1e21, 1.5e300, 1e307, 1e308, 5e-324, 123.456];
const OTHERS: readonly unknown[] = ["", "x", "größe", 'a"b', "1", true, false, null, [1, 2], { a: 1 }, new Date(0)];
const FIELDS = ["f0", "f1", "f 2", "new"];

for (const backend of await backends()) {
  test(`${backend.name}: updates run as SQL agree with the read-modify-write (random documents and updates)`, { skip: backend.skip ?? false }, async () => {
    const rnd = seededRandom(20251128);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const num = (): number => (rnd() < 0.7 ? pick(NUMBERS) : (rnd() - 0.5) * 10 ** Math.floor(rnd() * 30 - 10));
    const value = (): unknown => (rnd() < 0.5 ? num() : pick(OTHERS));
    const fresh = await freshDb(backend.url);
    try {
      const sql = fresh.db.collection("Agree.sql");
      const js = fresh.db.collection("Agree.js");
      for (const c of [sql, js]) await c.createIndex({ f1: 1 }, { unique: true });
      for (let round = 0; round < 60; round++) {
        await sql.deleteMany({});
        await js.deleteMany({});
        for (let i = 0; i < 4; i++) {
          const doc: Document = { _id: `d${i}` };
          for (const f of FIELDS.slice(0, 3)) if (rnd() < 0.7) doc[f] = value();
          await sql.insertOne(structuredClone(doc)).then(() => js.insertOne(structuredClone(doc)), () => undefined);
        }
        for (let k = 0; k < 10; k++) {
          const update: Record<string, Document> = {};
          for (const f of new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(FIELDS)))) {
            const op = rnd() < 0.5 ? "$inc" : "$set";
            (update[op] ??= {})[f] = op === "$inc" ? num() : value();
          }
          const multi = rnd() < 0.3;
          const filter = multi ? pick([{}, { _id: { $in: ["d0", "d2", "zz"] } }, { _id: { $gte: "d1" } }]) : { _id: pick(["d0", "d1", "d2", "zz"]) };
          const outcome = async (c: Collection, options: Document): Promise<unknown> => {
            try {
              return await (multi ? c.updateMany(filter, update, options) : c.updateOne(filter, update, options));
            } catch (error) {
              return { code: (error as { code?: unknown }).code, message: (error as Error).message.replace("Agree.js", "Agree.sql") };
            }
          };
          const what = `${JSON.stringify(filter)} ${JSON.stringify(update)}`;
          // Array filters keep an update on the read-modify-write.
          assert.deepEqual(await outcome(sql, {}), await outcome(js, { arrayFilters: [] }), what);
          const stored = async (c: Collection): Promise<Document[]> =>
            (await c.find().toArray()).map((d) => Object.fromEntries(Object.entries(d).sort()));
          assert.deepStrictEqual(await stored(sql), await stored(js), what);
        }
      }
    } finally {
      await fresh.dispose();
    }
  });
}
