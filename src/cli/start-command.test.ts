// `ensemble start` as a user runs it (a child process): where settings come
// from (flags over the environment over .env), the inspector served in
// development and absent in production, and a clean exit on SIGTERM.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/ensemble.js", import.meta.url));

interface Started {
  readonly line: string;
  readonly url: string;
  stop(): Promise<number | null>;
}

/** Starts `ensemble start …` and resolves once it says where it listens. */
function start(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Started> {
  const { BASE_URL: _b, PORT: _p, ENSEMBLE_MODE: _m, NODE_ENV: _n, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, "start", "apps/auth", "--port", "0", "--db", "sqlite::memory:", ...args], { cwd: ROOT, env: { ...inherited, ...env } });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      const line = /^Ensemble app "auth" listening on (\S+) .*$/m.exec(stderr);
      if (line) resolve({ line: line[0], url: line[1] as string, stop: () => (child.kill("SIGTERM"), exited) });
    });
    void exited.then((code) => reject(new Error(`ensemble start exited (${code}) before listening:\n${stderr}`)));
  });
}

test("start: flags beat the environment, the environment beats .env; the inspector is on in development", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ensemble-env-"));
  const envFile = join(dir, ".env");
  writeFileSync(envFile, "BASE_URL=/from-file\nLOG_LEVEL=off\n");
  try {
    const fromFile = await start(["--env-file", envFile], {});
    const fromEnv = await start(["--env-file", envFile], { BASE_URL: "/from-env" });
    const fromFlag = await start(["--env-file", envFile, "--base-url", "/from-flag"], { BASE_URL: "/from-env" });
    try {
      assert.match(fromFile.url, /\/from-file$/);
      assert.match(fromEnv.url, /\/from-env$/);
      assert.match(fromFlag.url, /\/from-flag$/);
      assert.match(fromFlag.line, /\(development, sqlite::memory:\); inspector at http:\/\/127\.0\.0\.1:\d+\/_ensemble$/);
      assert.equal((await fetch(`${fromFlag.url}/me`)).status, 401);
      const inspector = await fetch(fromFlag.url.replace(/\/from-flag$/, "/_ensemble"));
      assert.equal(inspector.status, 200);
      assert.match(await inspector.text(), /Ensemble inspector/);
    } finally {
      const codes = await Promise.all([fromFile.stop(), fromEnv.stop(), fromFlag.stop()]);
      assert.deepEqual(codes, [0, 0, 0], "SIGTERM shuts down cleanly");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("start --production: no inspector (404), no diagnosis in answers", async () => {
  const app = await start(["--production", "--log-level", "off"], {});
  try {
    assert.match(app.line, /\(production, sqlite::memory:\)$/);
    assert.equal((await fetch(app.url.replace(/\/api$/, "/_ensemble"))).status, 404);
    assert.equal((await fetch(app.url.replace(/\/api$/, "/_ensemble/api/flows/latest"))).status, 404);
    const missing = await fetch(`${app.url}/nope`);
    const body = (await missing.json()) as { error?: string; diagnosis?: unknown };
    assert.deepEqual([missing.status, body.error, body.diagnosis], [404, "Not Found", undefined]);
  } finally {
    assert.equal(await app.stop(), 0);
  }
});
