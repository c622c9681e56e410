// The bench suite works: `npm run bench -- --quick --json` runs every
// benchmark and returns rows with numeric figures. Timings are not checked
// (CI machines are noisy); goals are printed, never asserted.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchRow } from "./bench-row.ts";
import { BENCHMARKS } from "./run.ts";

test("the quick suite runs every benchmark and reports numeric rows", () => {
  // A child process: the memory benchmark needs --expose-gc, and run.ts is what `npm run bench` runs.
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(new URL("./run.ts", import.meta.url)), "--quick", "--json"], {
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(run.status, 0, `bench --quick failed:\n${run.stderr}`);
  const { rows, failures } = JSON.parse(run.stdout) as { rows: BenchRow[]; failures: { id: string; message: string }[] };
  assert.deepEqual(failures, []);
  for (const b of BENCHMARKS) {
    const mine = rows.filter((r) => r.bench.startsWith(`${b.id} `));
    assert.ok(mine.length > 0, `benchmark ${b.id} (${b.title}) has rows`);
  }
  for (const r of rows) {
    assert.ok(Number.isFinite(r.figure) && r.figure > 0, `${r.bench} / ${r.name}: figure ${r.figure}`);
    assert.ok(r.unit.length > 0, `${r.bench} / ${r.name}: unit`);
    if (r.ratio !== undefined) assert.ok(Number.isFinite(r.ratio) && r.ratio > 0, `${r.bench} / ${r.name}: ratio ${r.ratio}`);
    if (r.goal !== undefined) assert.equal(typeof r.pass, "boolean", `${r.bench} / ${r.name}: a goal has a verdict`);
  }
  const names = new Set(rows.map((r) => `${r.bench} / ${r.name}`));
  for (const expected of [
    "1 engine cascade / login, sequential, engine",
    "1 engine cascade / who-am-I, 64 in flight, engine",
    "2 memory / heap after 20,000 cascades",
    "3 dispatch scale / login, 1 000 syncs in login-shaped routes",
    "4 flow length / chain of syncs, 1,000 actions",
    "4 flow length / one where, n frames, 1,000 actions",
    "5 HTTP end to end / who-am-I, Ensemble (production)",
    "5 HTTP end to end / login, p99 latency, hand-written Hono",
  ]) {
    assert.ok(names.has(expected), `row "${expected}" (rows: ${[...names].join("; ")})`);
  }
});
