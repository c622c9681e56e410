// Benchmark 2, memory: the heap (after full garbage collection) once 20k,
// 100k and 200k cascades have run, alternating login and who-am-I with 64 in
// flight. The drivers forget what the application keeps (the stored
// response, the new session), as a real front end and logout would, so the
// figure is the engine's own memory. Goal: 200k within 10% of 20k.

import { engineApp, engineLogin, engineWhoAmI } from "./bench-app.ts";
import { atMost, type BenchOptions, type BenchRow } from "./bench-row.ts";
import { heapAfterGc, runMany } from "./measure.ts";

const BENCH = "2 memory";
const GOAL = atMost(1.1);
const MB = 1024 * 1024;

export async function memoryBench({ quick, progress }: BenchOptions): Promise<BenchRow[]> {
  const checkpoints = quick ? [2_000, 10_000, 20_000] : [20_000, 100_000, 200_000];
  const a = await engineApp();
  let i = 0;
  const once = async (): Promise<void> => {
    if (i++ % 2 === 1) {
      await engineWhoAmI(a);
      return;
    }
    await engineLogin(a);
  };
  const heaps: number[] = [];
  let done = 0;
  for (const target of checkpoints) {
    progress(`${BENCH}: ${target.toLocaleString("en-US")} cascades`);
    await runMany(once, target - done, 64);
    done = target;
    heaps.push(heapAfterGc());
  }
  const base = heaps[0] ?? NaN;
  return checkpoints.map((count, k) => {
    const heap = heaps[k] ?? NaN;
    const last = k === checkpoints.length - 1;
    return {
      bench: BENCH,
      name: `heap after ${count.toLocaleString("en-US")} cascades`,
      figure: heap / MB,
      unit: "MB",
      ratio: heap / base,
      ...(last ? { goal: GOAL.goal, pass: GOAL.check(heap / base) } : {}),
      ...(last ? { note: `live flows ${a.engine.liveFlows}, retained ${a.engine.recentFlows().length}` } : {}),
    };
  });
}
