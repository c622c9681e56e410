// `npm run bench`: runs the benchmark suite and prints one table of figures,
// ratios and goals. `--quick` runs a small version in seconds (CI runs it to
// check the suite works; timings from it mean little and never fail a run).
// `--only=1,3` picks benchmarks by number; `--json` prints the rows as JSON.
// Goals missed do not change the exit code; a benchmark that throws does.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Benchmark, BenchRow } from "./bench-row.ts";
import { formatTable } from "./bench-table.ts";
import { cascadeBench } from "./cascade-bench.ts";
import { dispatchBench } from "./dispatch-bench.ts";
import { flowLengthBench } from "./flow-length-bench.ts";
import { httpBench } from "./http-bench.ts";
import { memoryBench } from "./memory-bench.ts";
import { storeBench } from "./store-bench.ts";

/** The suite, in the order of issue 7. Each entry returns rows; run.ts only prints them. */
export const BENCHMARKS: readonly { readonly id: string; readonly title: string; readonly run: Benchmark }[] = [
  { id: "1", title: "engine cascade", run: cascadeBench },
  { id: "2", title: "memory", run: memoryBench },
  { id: "3", title: "dispatch scale", run: dispatchBench },
  { id: "4", title: "flow length", run: flowLengthBench },
  { id: "5", title: "HTTP end to end", run: httpBench },
  { id: "6", title: "store", run: storeBench },
];

export interface SuiteResult {
  readonly rows: BenchRow[];
  /** Benchmarks that threw, with the message. */
  readonly failures: { readonly id: string; readonly message: string }[];
}

export async function runSuite(options: { quick: boolean; only?: readonly string[]; progress?: (line: string) => void }): Promise<SuiteResult> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`… ${line}\n`));
  const rows: BenchRow[] = [];
  const failures: { id: string; message: string }[] = [];
  for (const b of BENCHMARKS) {
    if (options.only && !options.only.includes(b.id)) continue;
    try {
      rows.push(...(await b.run({ quick: options.quick, progress })));
    } catch (e) {
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      failures.push({ id: b.id, message });
      progress(`benchmark ${b.id} (${b.title}) failed: ${message}`);
    }
  }
  return { rows, failures };
}

async function main(args: readonly string[]): Promise<number> {
  // The memory benchmark needs global.gc: re-run under --expose-gc if it is missing.
  if (typeof (globalThis as { gc?: unknown }).gc !== "function") {
    const child = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), ...args], { stdio: "inherit" });
    return child.status ?? 1;
  }
  const quick = args.includes("--quick");
  const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
  const started = performance.now();
  const { rows, failures } = await runSuite({ quick, ...(only ? { only } : {}) });
  if (args.includes("--json")) {
    process.stdout.write(`${JSON.stringify({ rows, failures })}\n`);
  } else {
    process.stdout.write(`\n${formatTable(rows)}\n\n`);
    process.stdout.write(`${quick ? "quick run (timings indicative only); " : ""}${((performance.now() - started) / 1000).toFixed(0)} s, node ${process.version}\n`);
    for (const f of failures) process.stdout.write(`benchmark ${f.id} FAILED: ${f.message}\n`);
  }
  return failures.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
