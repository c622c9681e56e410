// "ensemble/testing": what tests need — an in-process client for apps, a
// fresh isolated database per test, and a PostgreSQL server for tests that
// need one (started as a throwaway cluster, or taken from DATABASE_URL).

export { testApp } from "./test-client.ts";
export type { TestApp, TestRequest, TestResponse } from "./test-client.ts";
export { freshDb } from "./fresh-db.ts";
export type { FreshDb } from "./fresh-db.ts";
export { postgresForTests } from "./postgres-for-tests.ts";
export type { PostgresForTests } from "./postgres-for-tests.ts";
export { backends } from "./backends.ts";
export type { Backend } from "./backends.ts";
export { conceptCases } from "./concept-cases.ts";
export type { ConceptCase } from "./concept-cases.ts";
