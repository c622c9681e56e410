// Runs every `*.test.ts` file of the project with Node's own test runner.
// Node 20 does not expand globs given to `--test`, so the files are found here;
// any arguments narrow the run to files whose path contains one of them.
//
// When a selected test file asks for PostgreSQL (calls postgresForTests or backends()) and
// DATABASE_URL names no PostgreSQL server, ONE throwaway cluster is started
// for the whole run, handed to the test processes in ENSEMBLE_TEST_PG_URL and
// stopped at the end, instead of one cluster per test file.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type PgCluster, pgUnavailableReason, startPgCluster } from "../src/testing/pg-cluster.ts";
import { PG_TEST_URL_ENV } from "../src/testing/postgres-for-tests.ts";

const roots = ["src", "apps", "bench", "scripts"];
const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith("-"));

const files = roots
  .flatMap((root) => {
    try {
      return readdirSync(root, { recursive: true, encoding: "utf8" }).map((f) => join(root, f));
    } catch {
      return [];
    }
  })
  .filter((f) => f.endsWith(".test.ts") && !f.includes("node_modules"))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(", ") || "(all)"}`);
  process.exit(1);
}

const env = { ...process.env };
let cluster: PgCluster | null = null;
// `backends()` (ensemble/testing) asks postgresForTests in turn.
const wantsPostgres = files.some((f) => /postgresForTests|backends\(\)/.test(readFileSync(f, "utf8")));
const hasServer = /^postgres(ql)?:\/\//i.test(env.DATABASE_URL ?? "") || env[PG_TEST_URL_ENV];
if (wantsPostgres && !hasServer) {
  const reason = pgUnavailableReason();
  if (reason) {
    console.error(`note: PostgreSQL tests will be skipped: ${reason}`);
  } else {
    cluster = await startPgCluster();
    env[PG_TEST_URL_ENV] = cluster.url;
  }
}

const child = spawn(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", ...passThrough, ...files],
  { stdio: "inherit", env },
);
child.on("exit", (code, signal) => {
  cluster?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
