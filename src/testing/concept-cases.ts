// Test scaffolding for concepts: each case runs once per backend (SQLite,
// PostgreSQL — skipped with its reason when unavailable), on a fresh
// database, with a new concept instance built by `make`.

import { test } from "node:test";
import type { Db } from "../store/api/db.ts";
import { backends } from "./backends.ts";
import { freshDb } from "./fresh-db.ts";

export type ConceptCase<C> = (name: string, fn: (concept: C, db: Db) => Promise<void>) => void;

/** Returns `t(name, fn)`, which declares the case on every backend. */
export async function conceptCases<C>(make: (db: Db) => C): Promise<ConceptCase<C>> {
  const all = await backends();
  return (name, fn) => {
    for (const backend of all) {
      test(`${name} [${backend.name}]`, { skip: backend.skip }, async () => {
        const fresh = await freshDb(backend.url);
        try {
          await fn(make(fresh.db), fresh.db);
        } finally {
          await fresh.dispose();
        }
      });
    }
  };
}
