// Benchmark 6, store: operations per second of the document store on SQLite
// beside raw better-sqlite3 prepared statements doing the same work on the
// same schema (a table of _id + JSON text, an index on the looked-up field),
// run in the same process in interleaved rounds; the goal is ours ≥ 0.5× raw.
// With PostgreSQL at hand (DATABASE_URL or the test cluster binaries) it also
// prints the store's figures on PostgreSQL beside raw pg queries.
// Standalone: npx tsx bench/store-bench.ts [--quick]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { Collection, Document } from "../src/store/index.ts";
import { freshID, openDb } from "../src/store/index.ts";
import { atLeast, type BenchOptions, type BenchRow } from "./bench-row.ts";
import { formatTable } from "./bench-table.ts";
import { compareInterleaved, opsPerSecond } from "./measure.ts";
import { postgresBench } from "./store-bench-postgres.ts";

const BENCH = "6 store";
const GOAL = atLeast(0.5);

/** One operation measured two ways: through the store, and by hand on the raw driver. */
export interface StoreOp {
  readonly name: string;
  readonly store: () => Promise<unknown>;
  readonly raw: () => Promise<unknown>;
}

/** The document every variant stores: the same JSON for the store and the raw table. */
export function benchDoc(i: number, id: string = freshID()): Document {
  return { _id: id, email: `user${i}@example.com`, name: `User ${i}`, age: i % 90, visits: 0, tags: ["a", "b"] };
}

export async function storeBench({ quick, progress }: BenchOptions): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "ensemble-store-bench-"));
  try {
    progress("store bench: SQLite");
    const rows = await sqliteRows(dir, quick);
    const pg = await postgresBench(quick, progress);
    return [...rows, ...pg.map((r) => ({ ...r, bench: BENCH }))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sqliteRows(dir: string, quick: boolean): Promise<BenchRow[]> {
  const db = await openDb(`sqlite:${join(dir, "store.db")}`);
  const raw = new Database(join(dir, "raw.db"));
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.exec(`CREATE TABLE items (_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
            CREATE INDEX items_email ON items (json_extract(doc, '$.email'));`);
  try {
    const items = db.collection("Bench.items");
    await items.createIndex({ email: 1 });
    const preload = quick ? 1_000 : 20_000;
    const ids = await fill(items, raw, preload);
    const insert = raw.prepare("INSERT INTO items (_id, doc) VALUES (?, ?)");
    const byId = raw.prepare("SELECT doc FROM items WHERE _id = ?");
    const byEmail = raw.prepare("SELECT doc FROM items WHERE json_extract(doc, '$.email') = ?");
    const bump = raw.prepare("UPDATE items SET doc = json_set(doc, '$.visits', json_extract(doc, '$.visits') + 1) WHERE _id = ?");
    let n = preload;
    const pick = (): number => Math.floor(Math.random() * preload);
    const ops: StoreOp[] = [
      {
        name: "insertOne",
        store: () => items.insertOne(benchDoc(n++)),
        raw: async () => {
          const doc = benchDoc(n++);
          insert.run(doc._id, JSON.stringify(doc));
        },
      },
      {
        name: "findOne by _id",
        store: () => items.findOne({ _id: ids[pick()] }),
        raw: async () => JSON.parse((byId.get(ids[pick()]) as { doc: string }).doc),
      },
      {
        name: "find by indexed field",
        store: () => items.find({ email: `user${pick()}@example.com` }).toArray(),
        raw: async () => (byEmail.all(`user${pick()}@example.com`) as { doc: string }[]).map((r) => JSON.parse(r.doc)),
      },
      {
        name: "updateOne $inc by _id",
        store: () => items.updateOne({ _id: ids[pick()] }, { $inc: { visits: 1 } }),
        raw: async () => bump.run(ids[pick()]),
      },
    ];
    return await compareOps(ops, "SQLite", quick);
  } finally {
    raw.close();
    await db.close();
  }
}

/** Measures each op through the store and raw, interleaved, and turns the medians into rows. */
export async function compareOps(ops: readonly StoreOp[], backend: string, quick: boolean): Promise<BenchRow[]> {
  const ms = quick ? 30 : 500;
  const rounds = quick ? 1 : 5;
  const rows: BenchRow[] = [];
  for (const op of ops) {
    const { medians, ratios } = await compareInterleaved([
      { name: "raw", measure: () => opsPerSecond(op.raw, ms, 1) },
      { name: "store", measure: () => opsPerSecond(op.store, ms, 1) },
    ], rounds);
    const ratio = ratios[1]!;
    rows.push({
      bench: BENCH, name: `${op.name}, ${backend}, store`, figure: medians[1]!, unit: "ops/s",
      ratio, goal: GOAL.goal, pass: GOAL.check(ratio), note: `raw ${Math.round(medians[0]!).toLocaleString("en-US")} ops/s`,
    });
  }
  return rows;
}

/** Loads `count` documents into both the store and the raw table; returns their ids. */
async function fill(items: Collection<Document>, raw: Database.Database, count: number): Promise<string[]> {
  const docs = Array.from({ length: count }, (_, i) => benchDoc(i));
  for (let i = 0; i < count; i += 1000) await items.insertMany(docs.slice(i, i + 1000).map((d) => ({ ...d })));
  const insert = raw.prepare("INSERT INTO items (_id, doc) VALUES (?, ?)");
  raw.transaction(() => {
    for (const doc of docs) insert.run(doc._id, JSON.stringify(doc));
  })();
  return docs.map((d) => d._id as string);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes("--quick");
  const rows = await storeBench({ quick, progress: (line) => process.stderr.write(`… ${line}\n`) });
  process.stdout.write(`\n${formatTable(rows)}\n\n${quick ? "quick run (timings indicative only)\n" : ""}`);
}

