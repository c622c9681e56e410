// Benchmark 4, flow length: flows of 10, 100 and 1 000 actions, built three
// ways — a chain of distinct syncs, each joining the request with the
// previous step; the same chains with 1 000 syncs registered in every case;
// and one sync whose where yields a frame per step. Time per action must not
// grow with the flow's length (goal: ≤ 1.2× the 10-action figure). A chain of
// 1 000 actions needs 1 000 syncs, so the plain chain rows also grow with the
// number of syncs: the goal is judged on the rows that hold it fixed (10-action
// flows through 100 chains, 100-action flows through 10, one 1 000-action
// chain), and the plain rows are kept to show the sync count's share.

import { actions, Engine, type Sync } from "../src/engine/index.ts";
import { BenchRequesting, BenchSteps } from "./bench-concepts.ts";
import { atMost, type BenchOptions, type BenchRow } from "./bench-row.ts";
import { compareInterleaved, opsPerSecond } from "./measure.ts";

const BENCH = "4 flow length";
const GOAL = atMost(1.2);

interface LongFlow {
  /** Runs one flow of exactly `actions` actions and checks it answered. */
  readonly run: () => Promise<void>;
  readonly actions: number;
}

function concepts(engine: Engine) {
  const raw = { Requesting: new BenchRequesting(), Steps: new BenchSteps() };
  return { raw, app: engine.instrument({ ...raw }) };
}

async function runAndCheck(engine: Engine, app: { Requesting: BenchRequesting }, raw: BenchRequesting, input: { path: string; n?: number }, length: number): Promise<void> {
  const { output, flow } = await engine.run(app.Requesting.request, input);
  if (raw.take(output.request) === undefined || flow.records.length !== length) {
    throw new Error(`bench: ${input.path} flow has ${flow.records.length} actions, expected ${length} and a response`);
  }
}

/**
 * request → step 1 → … → step n-2 → respond, one sync per step. With
 * `chains` > 1, that many such chains on their own paths, which successive
 * flows take in turn: the same number of syncs as a longer chain, in short flows.
 */
export function chainFlow(length: number, chains = 1): LongFlow {
  const steps = length - 2;
  const engine = new Engine({ logLevel: "off" });
  const { raw, app } = concepts(engine);
  const { Requesting, Steps } = app;
  const syncs: Record<string, Sync> = {};
  for (let c = 0; c < chains; c++) {
    const path = `/chain/${c}`;
    const at = (k: number): number => c * 100_000 + k;
    syncs[`ChainStart${c}`] = ({ request }) => ({
      when: actions([Requesting.request, { path }, { request }]),
      then: actions([Steps.step, { i: at(1) }]),
    });
    syncs[`ChainEnd${c}`] = ({ request }) => ({
      when: actions([Requesting.request, { path }, { request }], [Steps.step, { i: at(steps) }, {}]),
      then: actions([Requesting.respond, { request, steps }]),
    });
    for (let k = 1; k < steps; k++) {
      syncs[`ChainStep${c}_${k}`] = ({ request }) => ({
        when: actions([Requesting.request, { path }, { request }], [Steps.step, { i: at(k) }, {}]),
        then: actions([Steps.step, { i: at(k + 1) }]),
      });
    }
  }
  engine.register(syncs);
  let next = 0;
  return {
    run: () => runAndCheck(engine, app, raw.Requesting, { path: `/chain/${next++ % chains}` }, length),
    actions: length,
  };
}

/** request → n-2 steps from the frames of one where → respond. */
export function fanOutFlow(length: number): LongFlow {
  const n = length - 2;
  const engine = new Engine({ logLevel: "off" });
  const { raw, app } = concepts(engine);
  const { Requesting, Steps } = app;
  engine.register({
    FanOut: ({ request, n, k }) => ({
      when: actions([Requesting.request, { path: "/fan", n }, { request }]),
      where: (frames) => frames.query(Steps._range, { n }, { k }),
      then: actions([Steps.step, { i: k }]),
    }),
    FanDone: ({ request, n }) => ({
      when: actions([Requesting.request, { path: "/fan", n }, { request }], [Steps.step, { i: n }, {}]),
      then: actions([Requesting.respond, { request, steps: n }]),
    }),
  });
  return { run: () => runAndCheck(engine, app, raw.Requesting, { path: "/fan", n }, length), actions: length };
}

export async function flowLengthBench({ quick, progress }: BenchOptions): Promise<BenchRow[]> {
  const ms = quick ? 25 : 400;
  const rounds = quick ? 1 : 7;
  const longest = 1000;
  const lengths = [10, 100, longest];
  const rows: BenchRow[] = [];
  const shapes = [
    ["chain of syncs", (n: number) => chainFlow(n), false],
    [`chain, ${longest.toLocaleString("en-US")} syncs in each case`, (n: number) => chainFlow(n, longest / n), true],
    ["one where, n frames", fanOutFlow, true],
  ] as const;
  for (const [shape, make, judged] of shapes) {
    progress(`${BENCH}: ${shape}`);
    const flows = lengths.map(make);
    // Flows per second → microseconds per action.
    const r = await compareInterleaved(
      flows.map((f) => ({ name: `${f.actions}`, measure: async () => 1e6 / ((await opsPerSecond(f.run, ms, 1)) * f.actions) })),
      rounds,
    );
    flows.forEach((f, i) => {
      const ratio = r.ratios[i] ?? NaN;
      const row = { bench: BENCH, figure: r.medians[i] ?? NaN, unit: "µs/action", ratio, name: `${shape}, ${f.actions.toLocaleString("en-US")} actions` };
      if (i === 0) rows.push({ ...row, note: "ratio: µs/action ÷ the 10-action flow" });
      else if (judged) rows.push({ ...row, goal: GOAL.goal, pass: GOAL.check(ratio) });
      else rows.push({ ...row, note: "syncs grow with the length (10, 100, 1 000): not judged" });
    });
  }
  return rows;
}
