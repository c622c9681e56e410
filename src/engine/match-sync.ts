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
// cascade always sees the whole tuple. Looking at later records again would
// only find tuples the fired-set skips, and costs time quadratic in the
// flow's length (a sync woken by the first record of a long flow would scan
// every record after it).

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
  const n = sync.when.length;
  for (const i of positions) {
    const first = sync.when[i];
    if (!first) continue;
    const frame: Frame = {};
    if (matchPattern(first, record, frame) !== undefined) continue;
    const chosen = new Array<ActionRecord | undefined>(n);
    chosen[i] = record;
    if (n === 1) matches = append(matches, toMatch(sync, chosen as ActionRecord[], frame));
    else matches = extend({ sync, fixed: i, chosen, last: record.id, byKey, matches }, 0, frame);
  }
  return matches ?? NO_MATCHES;
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
    const next: Frame = { ...current };
    if (matchPattern(pattern, c, next) !== undefined) continue;
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
