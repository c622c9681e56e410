// Runs the conformance cases (one list per operator family) against one
// backend with node:test. Every case gets a fresh database from freshDb and
// may open more connections to it; all are closed and the database removed
// afterwards. Cases may be limited to some backends, e.g. where MongoDB itself
// behaves differently (ObjectId ids, non-atomic insertMany) or where a case
// pins this store's own error messages.
import { describe, test } from "node:test";
import type { Db, OpenedDb } from "../api/db.ts";
import { openDb } from "../open-db.ts";
import { freshDb } from "../../testing/fresh-db.ts";

export type BackendName = "sqlite" | "postgres" | "mongodb";

export interface CaseContext {
  db: Db;
  backend: BackendName;
  /** A URL that opens this case's database (for child processes). */
  url: string;
  /** Opens another connection (pool) to the same database; closed after the case. */
  connect(): Promise<OpenedDb>;
}

export interface ConformanceCase {
  name: string;
  /** Runs only on these backends (default: every backend). */
  only?: readonly BackendName[];
  /** Needs a database that other connections and processes can open (SQLite: a file, not memory). */
  shared?: boolean;
  run(ctx: CaseContext): Promise<void>;
}

export interface BackendUnderTest {
  name: BackendName;
  /** URL for freshDb; undefined with `skip` when the backend is not available. */
  url?: string | undefined;
  /** URL for cases that need a shared database (default: url). */
  sharedUrl?: string | undefined;
  skip?: string | undefined;
}

/** The SQL backends, for cases that pin behaviour MongoDB itself does not share. */
export const SQL_ONLY: readonly BackendName[] = ["sqlite", "postgres"];

export function runConformance(backend: BackendUnderTest, families: Record<string, readonly ConformanceCase[]>): void {
  describe(`store conformance: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    for (const [family, cases] of Object.entries(families)) {
      describe(family, () => {
        for (const c of cases) {
          const excluded = c.only && !c.only.includes(backend.name);
          test(c.name, { skip: excluded ? `not applicable to ${backend.name}` : false }, () => runCase(backend, c));
        }
      });
    }
  });
}

async function runCase(backend: BackendUnderTest, c: ConformanceCase): Promise<void> {
  const fresh = await freshDb(c.shared ? (backend.sharedUrl ?? backend.url) : backend.url);
  const extra: OpenedDb[] = [];
  try {
    await c.run({
      db: fresh.db,
      backend: backend.name,
      url: fresh.url,
      connect: async () => {
        const db = await openDb(fresh.url);
        extra.push(db);
        return db;
      },
    });
  } finally {
    await Promise.all(extra.map((db) => db.close()));
    await fresh.dispose();
  }
}
