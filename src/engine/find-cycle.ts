// Cycle detection. A sync that re-fires, in its own causal chain, the same
// action with the same input will do so forever: the engine is deterministic.
// The walk up the chain is bounded, so the check costs the same however long
// the flow; longer loops end at the step limit.

import type { ActionRef } from "./action-ref.ts";
import { EnsembleError } from "../ensemble-error.ts";
import { lastId, type Flow } from "./flow.ts";
import { formatValue } from "./format.ts";
import { valueEquals } from "./value-equals.ts";

const WINDOW = 64;

export function findCycle(flow: Flow, trigger: number, sync: string, ref: ActionRef, input: Readonly<Record<string, unknown>>): EnsembleError | undefined {
  // Runs before every then-action: the walk allocates nothing; the chain of
  // sync names is gathered only once a cycle is found. In a long flow, a sync
  // that has caused nothing yet is not walked for at all.
  if (!flow.mayHaveCaused(sync)) return undefined;
  let rec = flow.record(trigger);
  for (let steps = 0; rec?.cause && steps < WINDOW; steps++) {
    if (rec.cause.sync === sync && rec.concept === ref.concept && rec.action === ref.name && valueEquals(rec.input, input)) {
      return cycleError(flow, trigger, steps, sync, ref, input, rec.id);
    }
    rec = flow.record(lastId(rec.cause.records));
  }
  return undefined;
}

function cycleError(flow: Flow, trigger: number, steps: number, sync: string, ref: ActionRef, input: Readonly<Record<string, unknown>>, id: number): EnsembleError {
  const chain: string[] = [];
  let rec = flow.record(trigger);
  for (let k = 0; rec?.cause && k <= steps; k++) {
    chain.push(rec.cause.sync);
    rec = flow.record(lastId(rec.cause.records));
  }
  const names = [...chain.reverse(), sync];
  return new EnsembleError(
    "CYCLE",
    `sync cycle ${names.join(" → ")}: "${sync}" would invoke ${ref.key} ${formatValue(input)} again, exactly as it did ${steps + 1} step(s) earlier ` +
      `(record #${id}), so the loop would never end. Break it with a condition in one of these syncs (a literal in a when pattern, or a where filter).`,
    { syncs: names },
  );
}
