// Runs the store conformance suite on PostgreSQL: the test runner's shared
// throwaway cluster, DATABASE_URL, or a cluster of its own (postgresForTests);
// skipped, with the reason, when PostgreSQL is not installed.
import { allCases } from "../conformance/all-cases.ts";
import { runConformance } from "../conformance/harness.ts";
import { postgresForTests } from "../../testing/postgres-for-tests.ts";

const server = await postgresForTests();
runConformance({ name: "postgres", url: server.url, skip: server.skip }, allCases);
