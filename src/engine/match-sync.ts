// Firing semantics, as a pure function: given a sync, a record that just
// completed and the flow's records, every assignment of distinct records to
// the sync's `when` patterns in which the new record takes part and all
// patterns agree. Results are in a deterministic order: by the new record's
// position, then by the other records' completion order.
//
// Only records that completed no later than the new one are candidates. A
// tuple that includes a later record was already found, and fired, when that
// later record completed: a flow runs one action at a time and each record's
// cascade settles before its caller's continues, so its last record's
// cascade always sees the whole tuple. So every tuple is found exactly once,
// by the cascade of its last record, and fires at most once with no set of
// fired tuples to consult; looking at later records again would find tuples
// a second time, at a cost quadratic in the flow's length.

import type { CompiledSync } from "./compile-sync.ts";
import type { ActionRecord } from "./flow.ts";
import { copyFrame, type Frame } from "./frames.ts";
import { fitsPattern } from "./pattern.ts";

export interface Match {
  /** Matched record ids, in `when` order. */
  readonly ids: readonly number[];
  readonly frame: Frame;
  /** Records whose `{ error }` output was matched by a pattern that did not ask for `error`. */
  readonly unaskedErrors: readonly number[];
}

const NO_RECORDS: readonly ActionRecord[] = [];

export function matchSync(
  sync: CompiledSync,
  positions: readonly number[],
  record: ActionRecord,
  /** The flow's completed records by action key, each list in completion order. */
  byKey: ReadonlyMap<string, readonly ActionRecord[]>,
): readonly Match[] {
  // Most records match nothing: the list is made only for a first match.
  let matches: Match[] | undefined;
  const when = sync.when;
  const n = when.length;
  for (const i of positions) {
    const first = when[i];
    if (!first || !othersPresent(when, i, record.id, byKey)) continue;
    const frame: Frame = {};
    if (!fitsPattern(first, record, frame)) continue;
    if (n === 1) {
      matches = append(matches, toMatch(sync, [record], frame));
      continue;
    }
    const chosen = new Array<ActionRecord | undefined>(n);
    chosen[i] = record;
    matches = extend({ sync, fixed: i, chosen, last: record.id, byKey, matches }, 0, frame);
  }
  return matches ?? NO_MATCHES;
}

/**
 * Whether every other pattern has at least one earlier record of its action
 * to try: checked before binding anything, since a request sync that joins a
 * later action sees every request long before that action has run.
 */
function othersPresent(when: CompiledSync["when"], fixed: number, last: number, byKey: ReadonlyMap<string, readonly ActionRecord[]>): boolean {
  for (let j = 0; j < when.length; j++) {
    if (j === fixed) continue;
    const first = byKey.get((when[j] as CompiledSync["when"][number]).ref.key)?.[0];
    if (first === undefined || first.id >= last) return false;
  }
  return true;
}

const NO_MATCHES: readonly Match[] = [];

/** A one-element literal for the first match: an empty array's first push allocates room for 17. */
function append(list: Match[] | undefined, m: Match): Match[] {
  if (list === undefined) return [m];
  list.push(m);
  return list;
}

/** The state of one backtracking search (a plain object, so no closure is made per match). */
interface Search {
  readonly sync: CompiledSync;
  /** The position the new record holds. */
  readonly fixed: number;
  readonly chosen: (ActionRecord | undefined)[];
  /** The new record's id: candidates never come after it. */
  readonly last: number;
  readonly byKey: ReadonlyMap<string, readonly ActionRecord[]>;
  matches: Match[] | undefined;
}

/** Extends a partial assignment from position `j`; returns the search's matches so far. */
function extend(s: Search, j: number, current: Frame): Match[] | undefined {
  const when = s.sync.when;
  if (j === s.fixed) j++;
  if (j >= when.length) {
    s.matches = append(s.matches, toMatch(s.sync, s.chosen as ActionRecord[], current));
    return s.matches;
  }
  const pattern = when[j];
  if (!pattern) return s.matches;
  for (const c of s.byKey.get(pattern.ref.key) ?? NO_RECORDS) {
    if (c.id > s.last) break;
    if (s.chosen.includes(c)) continue;
    const next: Frame = copyFrame(current);
    if (!fitsPattern(pattern, c, next)) continue;
    s.chosen[j] = c;
    extend(s, j + 1, next);
    s.chosen[j] = undefined;
  }
  return s.matches;
}

function toMatch(sync: CompiledSync, records: readonly ActionRecord[], frame: Frame): Match {
  const ids = new Array<number>(records.length);
  let unaskedErrors: number[] | undefined;
  for (let k = 0; k < records.length; k++) {
    const r = records[k] as ActionRecord;
    ids[k] = r.id;
    if (r.output.error !== undefined && !asksForError(sync, k)) (unaskedErrors ??= []).push(r.id);
  }
  return { ids, frame, unaskedErrors: unaskedErrors ?? NONE };
}

const NONE: readonly number[] = [];

function asksForError(sync: CompiledSync, position: number): boolean {
  const output = sync.when[position]?.output;
  if (!output) return false;
  for (const e of output) if (e.key === "error") return true;
  return false;
}
