// openDb: lazy backends, the missing-mongodb message, SQLite files, closing, collection names.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { openDb } from "./open-db.ts";

const run = promisify(execFile);
const here = new URL(".", import.meta.url);

/** Runs ESM source in a child node with tsx; returns its stdout. */
async function child(source: string, extraArgs: string[] = []): Promise<string> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", ...extraArgs, "--input-type=module", "-e", source],
    { cwd: new URL("../..", here).pathname });
  return stdout.trim();
}

test("openDb on SQLite loads neither pg nor mongodb", async () => {
  const out = await child(`
    import { createRequire } from "node:module";
    const { openDb } = await import("./src/store/index.ts");
    const db = await openDb("sqlite::memory:");
    await db.collection("x").insertOne({ _id: "a" });
    await db.close();
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(["/node_modules/pg/", "/node_modules/mongodb/"].filter((m) => loaded.some((k) => k.includes(m)))));
  `);
  assert.equal(out, "[]");
});

test("a mongodb:// URL without the mongodb package is INVALID_CONFIG saying to install it", async () => {
  const out = await child(`
    import { register } from "node:module";
    register(${JSON.stringify(new URL("./mongodb/hide-mongodb.hooks.ts", here).href)});
    const { openDb } = await import("./src/store/index.ts");
    try { await openDb("mongodb://localhost:27017/app"); console.log("opened"); }
    catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
  `);
  const { code, message } = JSON.parse(out) as { code: string; message: string };
  assert.equal(code, "INVALID_CONFIG");
  assert.equal(message, 'The database URL mongodb://localhost:27017/app selects MongoDB, but the "mongodb" package is not installed: ' +
    "run `npm install mongodb` (or choose sqlite: or postgres://).");
});

test("a SQLite file is created with its directories, in WAL mode, and reopens with its data", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ensemble-open-"));
  try {
    const file = join(dir, "nested", "deeper", "app.db");
    const db = await openDb(`sqlite:${file}`);
    assert.equal(db.databaseName, "app");
    await db.collection("Things.items").insertOne({ _id: "a", n: 1 });
    await db.close();
    assert.ok(existsSync(file));
    const again = await openDb({ url: `sqlite:${file}` });
    assert.deepEqual(await again.collection("Things.items").findOne({ _id: "a" }), { _id: "a", n: 1 });
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a closed database refuses calls with STORE_CLOSED", async () => {
  const db = await openDb("sqlite::memory:");
  const items = db.collection("Things.items");
  await db.close();
  await assert.rejects(items.findOne({}), { code: "STORE_CLOSED", message: /The sqlite database "memory" is closed/ });
  await assert.rejects(items.insertOne({ _id: "x" }), { code: "STORE_CLOSED" });
  await db.close();
});

test("collection names MongoDB refuses are refused", async () => {
  const db = await openDb("sqlite::memory:");
  for (const name of ["", "a$b", "system.users", "_ensemble_indexes"]) {
    assert.throws(() => db.collection(name), { code: "INVALID_ARGUMENT", message: /^Invalid collection name/ });
  }
  await db.close();
});
