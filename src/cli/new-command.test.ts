// `ensemble new`: a new app from the starter that really is ready — its
// package.json depends on this checkout, `npm test` passes, `npm start`
// serves it with the inspector, and `ensemble check` finds nothing.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const BIN = join(ROOT, "bin", "ensemble.js");

function run(command: string, args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<{ code: number | null; out: string }> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out })));
}

test("ensemble new: an app from the starter, depending on this checkout, ready for npm test and npm start", { timeout: 180_000 }, async () => {
  const parent = mkdtempSync(join(tmpdir(), "ensemble-new-"));
  try {
    const created = await run(process.execPath, [BIN, "new", "my-app"], parent);
    assert.equal(created.code, 0, created.out);
    const dir = join(parent, "my-app");
    for (const f of ["app.ts", "concepts.ts", "main.ts", "syncs/login.sync.ts", "auth.test.ts", "README.md", "tsconfig.json", ".gitignore", "node_modules/.bin/ensemble"]) {
      assert.ok(existsSync(join(dir, f)), `${f} exists`);
    }
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    assert.deepEqual(pkg.dependencies, { ensemble: `file:${ROOT}` });
    assert.deepEqual(pkg.scripts, { start: "ensemble start", test: "ensemble test", check: "ensemble check", routes: "ensemble routes" });
    assert.match(readFileSync(join(dir, "app.ts"), "utf8"), /name: "my-app"/);
    assert.match(readFileSync(join(dir, "README.md"), "utf8"), /npm start {5}# http:\/\/127\.0\.0\.1:8000\/api, data in \.\/data\/my-app\.db/);
    assert.match(created.out, /Next:\n {2}cd my-app\n {2}npm start/);

    const tested = await run("npm", ["test"], dir);
    assert.equal(tested.code, 0, tested.out);
    assert.match(tested.out, /# fail 0/);
    const checked = await run("npm", ["run", "--silent", "check"], dir);
    assert.equal(checked.code, 0, checked.out);
    assert.match(checked.out, /✔ No problems in 24 syncs and 6 routes\./);

    // npm start, on a free port and an in-memory database; npm's process group is stopped as a whole.
    const server = spawn("npm", ["start"], { cwd: dir, env: { ...process.env, PORT: "0", DATABASE_URL: "sqlite::memory:" }, detached: true });
    const exited = new Promise((resolve) => server.on("exit", resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let log = "";
        server.stderr.on("data", (d: Buffer) => {
          log += d.toString();
          const m = /listening on (\S+) \(development, sqlite::memory:\); inspector at/.exec(log);
          if (m) resolve(m[1] as string);
        });
        void exited.then(() => reject(new Error(`npm start exited:\n${log}`)));
      });
      assert.equal((await fetch(`${url}/me`)).status, 401);
      assert.equal((await fetch(url.replace(/\/api$/, "/_ensemble"))).status, 200);
    } finally {
      process.kill(-(server.pid as number), "SIGTERM");
      await exited;
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test("ensemble new refuses a folder that is not empty", async () => {
  const parent = mkdtempSync(join(tmpdir(), "ensemble-new-"));
  try {
    mkdirSync(join(parent, "taken"));
    writeFileSync(join(parent, "taken", "notes.txt"), "mine");
    const refused = await run(process.execPath, [BIN, "new", "taken"], parent);
    assert.equal(refused.code, 2);
    assert.equal(refused.out, "error taken already exists and is not empty; ensemble new creates a new folder. Choose another name.\n");
    assert.equal(readFileSync(join(parent, "taken", "notes.txt"), "utf8"), "mine");
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
