// freshDb gives isolated databases and removes them on dispose.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import pg from "pg";
import { freshDb } from "./fresh-db.ts";
import { postgresForTests } from "./postgres-for-tests.ts";

test("freshDb on SQLite: memory by default; a temp file, deleted on dispose, for other sqlite URLs", async () => {
  const a = await freshDb();
  const b = await freshDb();
  await a.db.collection("x").insertOne({ _id: "1" });
  assert.equal(await b.db.collection("x").countDocuments(), 0);
  await Promise.all([a.dispose(), b.dispose()]);
  const file = await freshDb("sqlite:file");
  const path = file.url.slice("sqlite:".length);
  assert.ok(existsSync(path));
  await file.dispose();
  assert.ok(!existsSync(path));
});

const server = await postgresForTests();
test("freshDb on PostgreSQL: a schema per call, isolated, dropped on dispose", { skip: server.skip ?? false }, async () => {
  const a = await freshDb(server.url);
  const b = await freshDb(server.url);
  await a.db.collection("x").insertOne({ _id: "1" });
  assert.equal(await b.db.collection("x").countDocuments(), 0);
  const schema = new URL(a.url).searchParams.get("schema");
  await Promise.all([a.dispose(), b.dispose()]);
  const client = new pg.Client(server.url);
  await client.connect();
  const left = await client.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [schema]);
  await client.end();
  assert.equal(left.rowCount, 0);
});
