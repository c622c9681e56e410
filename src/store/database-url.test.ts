// Backend selection from URLs and DATABASE_URL, and the INVALID_CONFIG message for bad ones.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { parseDatabaseUrl, redactUrl } from "./database-url.ts";
import { resolveTarget } from "./open-db.ts";

const savedEnv = process.env.DATABASE_URL;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedEnv;
});

test("database URLs select the backend", () => {
  assert.deepEqual(parseDatabaseUrl("sqlite:./data/app.db"), { kind: "sqlite", file: "./data/app.db" });
  assert.deepEqual(parseDatabaseUrl("sqlite:///var/db/x.db"), { kind: "sqlite", file: "/var/db/x.db" });
  assert.deepEqual(parseDatabaseUrl("sqlite://./x.db"), { kind: "sqlite", file: "./x.db" });
  assert.deepEqual(parseDatabaseUrl("sqlite::memory:"), { kind: "sqlite", file: ":memory:" });
  assert.deepEqual(parseDatabaseUrl(":memory:"), { kind: "sqlite", file: ":memory:" });
  assert.deepEqual(parseDatabaseUrl("postgres://u:p@db:5432/app"), { kind: "postgres", url: "postgres://u:p@db:5432/app", schema: undefined });
  assert.deepEqual(parseDatabaseUrl("postgresql://db/app?schema=tenant_1&sslmode=require"),
    { kind: "postgres", url: "postgresql://db/app?sslmode=require", schema: "tenant_1" });
  assert.deepEqual(parseDatabaseUrl("mongodb://localhost:27017/app"), { kind: "mongodb", url: "mongodb://localhost:27017/app" });
  assert.equal(parseDatabaseUrl("mongodb+srv://cluster.example.net/app").kind, "mongodb");
});

test("a bad URL is INVALID_CONFIG naming the setting and the accepted forms, without the password", () => {
  assert.throws(() => parseDatabaseUrl("mysql://root:secret@db/app", "the DATABASE_URL environment variable"), {
    name: "EnsembleError",
    code: "INVALID_CONFIG",
    message: 'Invalid database URL in the DATABASE_URL environment variable ("mysql://root:***@db/app"): ' +
      "its scheme is not one the store knows. Use sqlite:./data/app.db (a file), sqlite::memory:, " +
      "postgres://user:password@host:5432/database (optionally ?schema=name) or mongodb://host:27017/database.",
  });
  assert.throws(() => parseDatabaseUrl("sqlite:"), { code: "INVALID_CONFIG", message: /it names no file/ });
  assert.throws(() => parseDatabaseUrl("postgres://db/app?schema=a;drop"), { code: "INVALID_CONFIG", message: /not a plain identifier/ });
  assert.equal(redactUrl("postgres://user:pw@host/db"), "postgres://user:***@host/db");
});

test("openDb's URL: the url given, else DATABASE_URL, else the SQLite file under ./data", () => {
  delete process.env.DATABASE_URL;
  assert.deepEqual(resolveTarget({}), { kind: "sqlite", file: "./data/app.db" });
  process.env.DATABASE_URL = "postgres://db/app";
  assert.equal(resolveTarget({}).kind, "postgres");
  assert.deepEqual(resolveTarget({ url: "sqlite::memory:" }), { kind: "sqlite", file: ":memory:" });
  process.env.DATABASE_URL = "nonsense";
  assert.throws(() => resolveTarget({}), { code: "INVALID_CONFIG", message: /in the DATABASE_URL environment variable/ });
  assert.throws(() => resolveTarget({ url: "nonsense" }), { code: "INVALID_CONFIG", message: /in the url passed to openDb/ });
});
