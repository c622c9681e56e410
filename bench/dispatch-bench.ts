// Benchmark 3, dispatch scale: the login cascade with 0, 100 and 1 000
// other syncs registered that listen on Requesting.request with other
// literal paths, in two shapes: one-pattern syncs (request → action) and
// whole login-like routes (four syncs each, three of which join the request
// with an action's result, as response syncs do). Goal: 1 000 others cost
// at most 1.2× the time of none.

import { actions, type Sync, type SyncSet } from "../src/engine/index.ts";
import { engineApp, engineLogin, type BenchConcepts } from "./bench-app.ts";
import { atMost, type BenchOptions, type BenchRow } from "./bench-row.ts";
import { compareInterleaved, opsPerSecond } from "./measure.ts";

const BENCH = "3 dispatch scale";
const GOAL = atMost(1.2);

/** `n` one-pattern syncs, each answering its own path. */
export function requestSyncs(n: number): (c: BenchConcepts) => SyncSet {
  return ({ Requesting }) => {
    const out: Record<string, Sync> = {};
    for (let i = 0; i < n; i++) {
      out[`Other${i}`] = ({ request }) => ({
        when: actions([Requesting.request, { path: `/other/${i}` }, { request }]),
        then: actions([Requesting.respond, { request, other: i }]),
      });
    }
    return out;
  };
}

/** `n` syncs forming n/4 login-shaped routes on their own paths. */
export function routeSyncs(n: number): (c: BenchConcepts) => SyncSet {
  return ({ Requesting, Users, Sessions }) => {
    const out: Record<string, Sync> = {};
    for (let r = 0; r < n / 4; r++) {
      const path = `/route/${r}`;
      out[`RouteLogin${r}`] = ({ request, name, password }) => ({
        when: actions([Requesting.request, { path, name, password }, { request }]),
        then: actions([Users.authenticate, { name, password }]),
      });
      out[`RouteSession${r}`] = ({ request, user }) => ({
        when: actions([Requesting.request, { path }, { request }], [Users.authenticate, {}, { user }]),
        then: actions([Sessions.create, { user }]),
      });
      out[`RouteRespond${r}`] = ({ request, session }) => ({
        when: actions([Requesting.request, { path }, { request }], [Sessions.create, {}, { session }]),
        then: actions([Requesting.respond, { request, session }]),
      });
      out[`RouteFailed${r}`] = ({ request, error }) => ({
        when: actions([Requesting.request, { path }, { request }], [Users.authenticate, {}, { error }]),
        then: actions([Requesting.respond, { request, error }]),
      });
    }
    return out;
  };
}

export async function dispatchBench({ quick, progress }: BenchOptions): Promise<BenchRow[]> {
  const ms = quick ? 25 : 400;
  const rounds = quick ? 1 : 7;
  const setups = [
    { name: "no other syncs", extra: undefined },
    { name: "100 one-pattern request syncs", extra: requestSyncs(100) },
    { name: "1 000 one-pattern request syncs", extra: requestSyncs(1000) },
    { name: "100 syncs in login-shaped routes", extra: routeSyncs(100) },
    { name: "1 000 syncs in login-shaped routes", extra: routeSyncs(1000) },
  ];
  progress(`${BENCH}: ${setups.length} engines, login cascade`);
  const apps = await Promise.all(setups.map((s) => engineApp(s.extra)));
  const r = await compareInterleaved(
    apps.map((a, i) => ({ name: setups[i]?.name ?? "", measure: () => opsPerSecond(() => engineLogin(a), ms, 1) })),
    rounds,
  );
  return setups.map((s, i) => {
    const throughput = r.ratios[i] ?? NaN;
    const time = 1 / throughput;
    const gated = s.name.startsWith("1 000");
    return {
      bench: BENCH,
      name: `login, ${s.name}`,
      figure: r.medians[i] ?? NaN,
      unit: "cascades/s",
      ratio: time,
      ...(gated ? { goal: `time ${GOAL.goal}`, pass: GOAL.check(time) } : {}),
      note: i === 0 ? "ratio: time per cascade ÷ no other syncs" : `throughput ${throughput.toFixed(2)}× of none`,
    };
  });
}
