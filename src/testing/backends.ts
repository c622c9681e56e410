// The database backends a test should run against: SQLite always, and
// PostgreSQL through `postgresForTests` (the run's shared cluster, a server
// named by DATABASE_URL, or a private throwaway cluster) — or a reason to
// skip it, shown in the test output, never a silent pass.

import { postgresForTests } from "./postgres-for-tests.ts";

export interface Backend {
  readonly name: "sqlite" | "postgres";
  /** The server or file URL; give it to freshDb for an isolated database. */
  readonly url: string;
  /** Set when the backend is unavailable: pass it as the test's `skip` option. */
  readonly skip?: string;
}

export async function backends(): Promise<Backend[]> {
  const pg = await postgresForTests();
  return [
    { name: "sqlite", url: "sqlite::memory:" },
    pg.url !== undefined ? { name: "postgres", url: pg.url } : { name: "postgres", url: "", skip: pg.skip },
  ];
}
