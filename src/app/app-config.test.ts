// Boot-time validation: a wrong setting is reported with its name, where it
// came from, what it accepts and what it got.

import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveConfig } from "./app-config.ts";

test("defaults, app settings, caller settings and the environment apply in that order", () => {
  const c = resolveConfig("demo", [{ port: 9000, logLevel: "trace" }, { port: 9001 }], { LOG_LEVEL: "off" });
  assert.equal(c.port, 9001);
  assert.equal(c.logLevel, "off");
  assert.equal(c.baseUrl, "/api");
  assert.equal(c.databaseUrl, "sqlite:./data/demo.db");
  assert.equal(c.inspector, true, "the inspector is on in development");
});

test("production mode comes from NODE_ENV and always turns the inspector off", () => {
  const c = resolveConfig("demo", [{ inspector: true }], { NODE_ENV: "production" });
  assert.equal(c.mode, "production");
  assert.equal(c.inspector, false);
  assert.equal(c.retainFlows, 0, "production keeps no settled flows unless told to");
  assert.equal(resolveConfig("demo", [], {}).retainFlows, 200);
  assert.equal(resolveConfig("demo", [], { NODE_ENV: "production", RETAIN_FLOWS: "50" }).retainFlows, 50);
});

test("a bad value names the setting, its source, what it accepts and what it got", () => {
  assert.throws(() => resolveConfig("demo", [], { PORT: "eighty" }), {
    code: "INVALID_CONFIG",
    message: 'Invalid setting `port` (from the environment variable PORT): must be a whole number from 0 to 65535, got "eighty".',
  });
  assert.throws(() => resolveConfig("demo", [{ baseUrl: "api/" }], {}), /Invalid setting `baseUrl` \(from config\): must start with "\/" and not end with "\/", e\.g\. "\/api", got "api\/"/);
  assert.throws(() => resolveConfig("demo", [], { LOG_LEVEL: "loud" }), /`logLevel` \(from the environment variable LOG_LEVEL\): must be one of off, info, trace, verbose, got "loud"/);
  assert.throws(() => resolveConfig("demo", [], { DATABASE_URL: "mysql://x" }), /`databaseUrl` .* must be sqlite:<file>/);
  assert.throws(() => resolveConfig("demo", [{ cors: { origins: "*", credentials: true } }], {}), /cannot allow credentials for every origin/);
});

test("an unknown setting is an error with a suggestion", () => {
  assert.throws(() => resolveConfig("demo", [{ prot: 1 } as never], {}), /Unknown setting `prot`; did you mean `port`\?/);
});
