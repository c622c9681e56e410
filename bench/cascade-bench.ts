// Benchmark 1, engine cascade: the login cascade (four syncs) and the
// who-am-I cascade (a where with two queries), run by the engine and by a
// hand-written function calling the same concept methods, one at a time and
// with 64 in flight. Goal: the engine reaches at least half the hand-written rate.

import { engineApp, engineLogin, engineWhoAmI, handApp, handLogin, handWhoAmI } from "./bench-app.ts";
import { atLeast, type BenchOptions, type BenchRow } from "./bench-row.ts";
import { formatFigure } from "./bench-table.ts";
import { compareInterleaved, opsPerSecond } from "./measure.ts";

const BENCH = "1 engine cascade";
const GOAL = atLeast(0.5);

export async function cascadeBench({ quick, progress }: BenchOptions): Promise<BenchRow[]> {
  const ms = quick ? 25 : 400;
  const rounds = quick ? 1 : 7;
  const engine = await engineApp();
  const hand = await handApp();
  const cases = [
    { name: "login", engine: () => engineLogin(engine), hand: () => handLogin(hand) },
    { name: "who-am-I", engine: () => engineWhoAmI(engine), hand: () => handWhoAmI(hand) },
  ];
  const rows: BenchRow[] = [];
  for (const c of cases) {
    for (const inFlight of [1, 64]) {
      const label = `${c.name}, ${inFlight === 1 ? "sequential" : `${inFlight} in flight`}`;
      progress(`${BENCH}: ${label}`);
      const r = await compareInterleaved(
        [
          { name: "hand-written", measure: () => opsPerSecond(c.hand, ms, inFlight) },
          { name: "engine", measure: () => opsPerSecond(c.engine, ms, inFlight) },
        ],
        rounds,
      );
      const [handRate = NaN, engineRate = NaN] = r.medians;
      const ratio = r.ratios[1] ?? NaN;
      rows.push({ bench: BENCH, name: `${label}, hand-written`, figure: handRate, unit: "cascades/s" });
      rows.push({
        bench: BENCH,
        name: `${label}, engine`,
        figure: engineRate,
        unit: "cascades/s",
        ratio,
        goal: GOAL.goal,
        pass: GOAL.check(ratio),
        note: `engine overhead ${formatFigure(1e6 / engineRate - 1e6 / handRate)} µs/cascade`,
      });
    }
  }
  return rows;
}
