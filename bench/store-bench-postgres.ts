// The PostgreSQL half of the store benchmark (optional): the store on
// PostgreSQL beside raw pg queries doing the same work on the same kind of
// table, when a server is at hand (DATABASE_URL, the test runner's cluster,
// or a throwaway cluster when the binaries are installed); ENSEMBLE_BENCH_PG=off
// skips it.
import pg from "pg";
import { freshID } from "../src/store/index.ts";
import { freshDb } from "../src/testing/fresh-db.ts";
import { postgresForBench } from "./bench-postgres.ts";
import type { BenchRow } from "./bench-row.ts";
import { benchDoc, compareOps, type StoreOp } from "./store-bench.ts";

export async function postgresBench(quick: boolean, progress: (line: string) => void): Promise<BenchRow[]> {
  const url = await postgresForBench("store bench", progress);
  if (url === undefined) return [];
  progress("store bench: PostgreSQL");
  const fresh = await freshDb(url);
  const schema = new URL(fresh.url).searchParams.get("schema")!;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const table = `"${schema}".raw_items`;
  try {
    await pool.query(`CREATE TABLE ${table} (_id TEXT PRIMARY KEY, doc JSONB NOT NULL)`);
    await pool.query(`CREATE INDEX ON ${table} ((doc->>'email'))`);
    const items = fresh.db.collection("Bench.items");
    await items.createIndex({ email: 1 });
    const preload = quick ? 500 : 5_000;
    const docs = Array.from({ length: preload }, (_, i) => benchDoc(i));
    await items.insertMany(docs.map((d) => ({ ...d })));
    for (const doc of docs) await pool.query(`INSERT INTO ${table} (_id, doc) VALUES ($1, $2)`, [doc._id, JSON.stringify(doc)]);
    let n = preload;
    const pick = (): string => docs[Math.floor(Math.random() * preload)]!._id as string;
    const query = (name: string, text: string, values: unknown[]): Promise<pg.QueryResult> => pool.query({ name, text, values });
    const ops: StoreOp[] = [
      {
        name: "insertOne",
        store: () => items.insertOne(benchDoc(n++)),
        raw: () => {
          const doc = benchDoc(n++, freshID());
          return query("ins", `INSERT INTO ${table} (_id, doc) VALUES ($1, $2)`, [doc._id, JSON.stringify(doc)]);
        },
      },
      {
        name: "findOne by _id",
        store: () => items.findOne({ _id: pick() }),
        raw: async () => JSON.parse((await query("get", `SELECT doc::text AS doc FROM ${table} WHERE _id = $1`, [pick()])).rows[0].doc),
      },
      {
        name: "find by indexed field",
        store: () => items.find({ email: `user${Math.floor(Math.random() * preload)}@example.com` }).toArray(),
        raw: async () => (await query("email", `SELECT doc::text AS doc FROM ${table} WHERE doc->>'email' = $1`,
          [`user${Math.floor(Math.random() * preload)}@example.com`])).rows.map((r: { doc: string }) => JSON.parse(r.doc)),
      },
      {
        name: "updateOne $inc by _id",
        store: () => items.updateOne({ _id: pick() }, { $inc: { visits: 1 } }),
        raw: () => query("bump", `UPDATE ${table} SET doc = jsonb_set(doc, '{visits}', to_jsonb((doc->>'visits')::int + 1)) WHERE _id = $1`, [pick()]),
      },
    ];
    return await compareOps(ops, "PostgreSQL", quick);
  } finally {
    await pool.end();
    await fresh.dispose();
  }
}
