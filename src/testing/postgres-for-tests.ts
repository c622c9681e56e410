// Where tests find PostgreSQL: the cluster the test runner started for the
// whole run (ENSEMBLE_TEST_PG_URL), a server named by DATABASE_URL, or a
// private throwaway cluster when a test file runs on its own. When none can
// be had the caller gets a reason to skip with, never a silent pass.
import { pgUnavailableReason, startPgCluster } from "./pg-cluster.ts";

/** Set by scripts/run-tests.ts for the test processes it starts. */
export const PG_TEST_URL_ENV = "ENSEMBLE_TEST_PG_URL";

export type PostgresForTests = { url: string; skip?: undefined } | { url?: undefined; skip: string };

let own: Promise<PostgresForTests> | null = null;

export function postgresForTests(): Promise<PostgresForTests> {
  const shared = process.env[PG_TEST_URL_ENV];
  if (shared) return Promise.resolve({ url: shared });
  const configured = process.env.DATABASE_URL;
  if (configured && /^postgres(ql)?:\/\//i.test(configured)) return Promise.resolve({ url: configured });
  own ??= (async (): Promise<PostgresForTests> => {
    const reason = pgUnavailableReason();
    if (reason) return { skip: `PostgreSQL tests skipped: ${reason}` };
    const cluster = await startPgCluster();
    return { url: cluster.url };
  })();
  return own;
}
