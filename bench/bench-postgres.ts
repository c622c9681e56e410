// Where the benchmarks find PostgreSQL: the server tests use (DATABASE_URL,
// the test runner's cluster, or a throwaway cluster when the binaries are
// installed), unless ENSEMBLE_BENCH_PG=off. Benchmarks 5 and 6 both ask here,
// so they skip alike and say why.
import { postgresForTests } from "../src/testing/postgres-for-tests.ts";

/** The server's URL, or undefined after telling `progress` why there are no PostgreSQL figures. */
export async function postgresForBench(label: string, progress: (line: string) => void): Promise<string | undefined> {
  if (process.env.ENSEMBLE_BENCH_PG === "off") {
    progress(`${label}: no PostgreSQL figures (ENSEMBLE_BENCH_PG=off)`);
    return undefined;
  }
  const server = await postgresForTests();
  if (server.url === undefined) progress(`${label}: no PostgreSQL figures (${server.skip})`);
  return server.url;
}
