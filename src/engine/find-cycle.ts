// Cycle detection. A sync that re-fires, in its own causal chain, the same
// action with the same input will do so forever: the engine is deterministic.
// The walk up the chain is bounded, so the check costs the same however long
// the flow; longer loops end at the step limit.

import type { ActionRef } from "./action-ref.ts";
import { EnsembleError } from "../ensemble-error.ts";
import type { Flow } from "./flow.ts";
import { formatValue } from "./format.ts";
import { valueEquals } from "./value-equals.ts";

const WINDOW = 64;

export function findCycle(flow: Flow, trigger: number, sync: string, ref: ActionRef, input: Readonly<Record<string, unknown>>): EnsembleError | undefined {
  const chain: string[] = [];
  let rec = flow.record(trigger);
  for (let steps = 0; rec?.cause && steps < WINDOW; steps++) {
    chain.push(rec.cause.sync);
    if (rec.cause.sync === sync && rec.concept === ref.concept && rec.action === ref.name && valueEquals(rec.input, input)) {
      const names = [...chain.reverse(), sync];
      return new EnsembleError(
        "CYCLE",
        `sync cycle ${names.join(" → ")}: "${sync}" would invoke ${ref.key} ${formatValue(input)} again, exactly as it did ${steps + 1} step(s) earlier ` +
          `(record #${rec.id}), so the loop would never end. Break it with a condition in one of these syncs (a literal in a when pattern, or a where filter).`,
        { syncs: names },
      );
    }
    rec = flow.record(Math.max(...rec.cause.records));
  }
  return undefined;
}
