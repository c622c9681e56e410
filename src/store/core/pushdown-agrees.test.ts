// The invariant behind pushdown: SQL only narrows, mingo decides — so with
// indexes on every field, the store must answer exactly as mingo does on the
// same documents. Random documents (mixed types, arrays, nesting, missing
// fields) and random filters and sorts from a fixed seed, on SQLite and on
// PostgreSQL when available.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Query } from "mingo";
import type { Document } from "../api/document.ts";
import { freshDb } from "../../testing/fresh-db.ts";
import { postgresForTests } from "../../testing/postgres-for-tests.ts";
import { seededRandom } from "../../testing/seeded-random.ts";
import { sortDocuments } from "./sort-documents.ts";

const rnd = seededRandom(20240601);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const SCALARS: readonly unknown[] = [0, 1, 2, 2.5, -1, "a", "b", "ab", "B", "", true, false, null, new Date(0), new Date(86_400_000)];
const value = (): unknown => {
  const r = rnd();
  if (r < 0.15) return undefined;
  if (r < 0.3) return Array.from({ length: Math.floor(rnd() * 3) }, () => pick(SCALARS));
  if (r < 0.35) return { x: pick(SCALARS) };
  return pick(SCALARS);
};

function makeDocs(n: number): Document[] {
  return Array.from({ length: n }, (_, i) => {
    const doc: Document = { _id: `d${String(i).padStart(3, "0")}` };
    for (const field of ["a", "b"]) {
      const v = value();
      if (v !== undefined) doc[field] = v;
    }
    const c = value();
    if (rnd() < 0.2) doc.n = [{ c: pick(SCALARS) }, { c: pick(SCALARS) }];
    else if (c !== undefined) doc.n = rnd() < 0.1 ? c : { c };
    return doc;
  });
}

function makeFilter(): Document {
  const field = pick(["a", "b", "n.c", "_id"]);
  const scalar = field === "_id" ? `d${String(Math.floor(rnd() * 80)).padStart(3, "0")}` : pick(SCALARS.filter((s) => s !== null));
  switch (Math.floor(rnd() * 6)) {
    case 0: return { [field]: scalar };
    case 1: return { [field]: { [pick(["$gt", "$gte", "$lt", "$lte"])]: scalar } };
    case 2: return { [field]: { $in: [scalar, field === "_id" ? "d001" : pick(SCALARS)] } };
    case 3: return { [field]: { $gte: scalar, $lt: pick(SCALARS) } };
    case 4: return { $or: [{ [field]: scalar }, { a: pick(SCALARS) }] };
    default: return { [field]: scalar, b: { $ne: pick(SCALARS) } };
  }
}

const server = await postgresForTests();
for (const [backend, url, skip] of [["sqlite", "sqlite::memory:", undefined], ["postgres", server.url, server.skip]] as const) {
  test(`${backend}: indexed queries answer as mingo does on the same documents`, { skip: skip ?? false }, async () => {
    const { db, dispose } = await freshDb(url);
    try {
      const docs = makeDocs(80);
      const items = db.collection("Differential.items");
      for (const path of ["a", "b", "n.c"]) await items.createIndex({ [path]: 1 });
      await items.insertMany(docs.map((d) => structuredClone(d)));
      for (let i = 0; i < 300; i++) {
        const filter = makeFilter();
        const reference = docs.filter((d) => new Query(filter).test(d));
        const shown = JSON.stringify(filter);
        assert.deepEqual((await items.find(filter).toArray()).map((d) => d._id), reference.map((d) => d._id), `find ${shown}`);
        assert.equal(await items.countDocuments(filter), reference.length, `count ${shown}`);
        const sortPath = pick(["a", "b", "n.c"]);
        const dir = pick([1, -1] as const);
        const limit = 1 + Math.floor(rnd() * 5);
        const sorted = await items.find(filter).sort({ [sortPath]: dir }).limit(limit).toArray();
        const expected = sortDocuments(reference, [[sortPath, dir]]).slice(0, limit);
        assert.deepEqual(sorted.map((d) => d[sortPath.split(".")[0]!]), expected.map((d) => d[sortPath.split(".")[0]!]),
          `sort ${sortPath} ${dir} limit ${limit} of ${shown}`);
      }
    } finally {
      await dispose();
    }
  });
}
