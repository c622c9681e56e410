// Benchmark 1, engine cascade: the login cascade (four syncs) and the
// who-am-I cascade (a where with two queries), run by the engine and by a
// hand-written function calling the same concept methods, one at a time and
// with 64 in flight. Goal: the engine reaches at least half the hand-written rate.
// The goal is about Map-based concepts (the engine's bare overhead); the same
// cascades with the concepts' state in the embedded SQLite store follow, for
// what the engine costs in an application.

import { engineApp, engineLogin, engineWhoAmI, handApp, handLogin, handWhoAmI } from "./bench-app.ts";
import { atLeast, type BenchOptions, type BenchRow } from "./bench-row.ts";
import { formatFigure } from "./bench-table.ts";
import { compareInterleaved, opsPerSecond } from "./measure.ts";
import { openDb, type OpenedDb } from "../src/store/index.ts";

const BENCH = "1 engine cascade";
const GOAL = atLeast(0.5);

export async function cascadeBench({ quick, progress }: BenchOptions): Promise<BenchRow[]> {
  const ms = quick ? 25 : 400;
  const rounds = quick ? 1 : 7;
  const engine = await engineApp();
  const hand = await handApp();
  // Each side gets its own in-memory SQLite database, so neither sees the other's rows.
  const dbs: OpenedDb[] = [await openDb("sqlite::memory:"), await openDb("sqlite::memory:")];
  const storeEngine = await engineApp(undefined, {}, dbs[0]);
  const storeHand = await handApp(dbs[1]);
  const cases = [
    { name: "login", engine: () => engineLogin(engine), hand: () => handLogin(hand), inFlight: [1, 64] },
    { name: "who-am-I", engine: () => engineWhoAmI(engine), hand: () => handWhoAmI(hand), inFlight: [1, 64] },
    { name: "login, SQLite-backed concepts", engine: () => engineLogin(storeEngine), hand: () => handLogin(storeHand), inFlight: [1] },
    { name: "who-am-I, SQLite-backed concepts", engine: () => engineWhoAmI(storeEngine), hand: () => handWhoAmI(storeHand), inFlight: [1] },
  ];
  const rows: BenchRow[] = [];
  for (const c of cases) {
    for (const inFlight of c.inFlight) {
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
  for (const db of dbs) await db.close();
  return rows;
}
