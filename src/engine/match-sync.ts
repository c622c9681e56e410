// Firing semantics, as a pure function: given a sync, a record that just
// completed and the flow's earlier records, every assignment of distinct
// records to the sync's `when` patterns in which the new record takes part
// and all patterns agree. Results are in a deterministic order: by the new
// record's position, then by the other records' completion order.

import type { CompiledSync } from "./compile-sync.ts";
import type { ActionRecord } from "./flow.ts";
import type { Frame } from "./frames.ts";
import { matchPattern } from "./pattern.ts";

export interface Match {
  /** Matched record ids, in `when` order. */
  readonly ids: readonly number[];
  readonly frame: Frame;
  /** Records whose `{ error }` output was matched by a pattern that did not ask for `error`. */
  readonly unaskedErrors: readonly number[];
}

export function matchSync(
  sync: CompiledSync,
  positions: readonly number[],
  record: ActionRecord,
  candidates: (actionKey: string) => readonly ActionRecord[],
): Match[] {
  const matches: Match[] = [];
  const n = sync.when.length;
  for (const i of positions) {
    const first = sync.when[i];
    if (!first) continue;
    const frame: Frame = {};
    if (matchPattern(first, record, frame) !== undefined) continue;
    if (n === 1) {
      matches.push({ ids: [record.id], frame, unaskedErrors: unasked(sync, [record]) });
      continue;
    }
    const chosen = new Array<ActionRecord | undefined>(n);
    chosen[i] = record;
    const extend = (j: number, current: Frame): void => {
      if (j === n) {
        const recs = chosen as ActionRecord[];
        matches.push({ ids: recs.map((r) => r.id), frame: current, unaskedErrors: unasked(sync, recs) });
        return;
      }
      if (j === i) return extend(j + 1, current);
      const pattern = sync.when[j];
      if (!pattern) return;
      for (const c of candidates(pattern.ref.key)) {
        if (chosen.includes(c)) continue;
        const next: Frame = { ...current };
        if (matchPattern(pattern, c, next) !== undefined) continue;
        chosen[j] = c;
        extend(j + 1, next);
        chosen[j] = undefined;
      }
    };
    extend(0, frame);
  }
  return matches;
}

function unasked(sync: CompiledSync, records: readonly ActionRecord[]): number[] {
  const out: number[] = [];
  records.forEach((r, i) => {
    if (r.output.error !== undefined && !sync.when[i]?.output.some((e) => e.key === "error")) out.push(r.id);
  });
  return out;
}
