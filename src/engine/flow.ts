// Flows and action records. A flow is the causal history of one outside
// event (an HTTP request, a timer, a direct call): every action it causes
// joins it, and syncs only ever match records of one flow. Records are plain,
// JSON-serialisable data that name concepts and actions by name, so a flow
// log can be persisted and, later, replayed.

import type { WhereStep } from "./frames.ts";
import type { QueryMemo } from "./query-memo.ts";

/** Why a record exists: the sync that fired it and the records it matched (in `when` order). */
export interface Cause {
  readonly sync: string;
  readonly records: readonly number[];
}

export interface ActionRecord {
  /** Unique within the flow: 1, 2, 3 … in completion order. */
  readonly id: number;
  readonly flow: string;
  readonly concept: string;
  readonly action: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly output: Readonly<Record<string, unknown>>;
  /** `null` for the action that started the flow. */
  readonly cause: Cause | null;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** One firing of a sync: what it matched, what `where` did, what it invoked. */
export interface SyncRun {
  readonly sync: string;
  readonly records: readonly number[];
  readonly steps: readonly WhereStep[];
  /** Frames that left `where` (or 1 without a where). */
  frames: number;
  /** Ids of the records its then-actions produced (a shared empty list until the first). */
  invoked: readonly number[];
  error?: string;
}

export interface SyncErrorEntry {
  readonly sync: string;
  readonly code: string | number;
  readonly message: string;
  readonly records: readonly number[];
}

/** A flow as data: what the inspector shows, what a flow log stores. */
export interface FlowTrace {
  readonly id: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly records: readonly ActionRecord[];
  readonly runs: readonly SyncRun[];
  readonly errors: readonly SyncErrorEntry[];
  readonly warnings: readonly string[];
  /** Set when the engine stopped the flow (step limit, cycle). */
  readonly stopped: { readonly code: string; readonly message: string } | null;
}

/** The largest of a match's record ids: the record that completed last. Ids are few, so no spread. */
export function lastId(ids: readonly number[]): number {
  let max = -Infinity;
  for (const id of ids) if (id > max) max = id;
  return max;
}

const NO_ERRORS: readonly SyncErrorEntry[] = Object.freeze([]);
const NO_WARNINGS: readonly string[] = Object.freeze([]);

/** From this many records on, a flow indexes which syncs caused its records. */
const LONG_FLOW = 16;

/** A live flow: the trace plus the indexes the matcher needs while it runs. */
export class Flow implements FlowTrace {
  readonly records: ActionRecord[] = [];
  readonly runs: SyncRun[] = [];
  /** Shared empty lists until a flow has one (most never do): see `addError`, `addWarning`. */
  errors: readonly SyncErrorEntry[] = NO_ERRORS;
  warnings: readonly string[] = NO_WARNINGS;
  endedAt: number | null = null;
  stopped: { code: string; message: string } | null = null;
  /** Completed records by action key, in completion order. */
  readonly byKey = new Map<string, ActionRecord[]>();
  /**
   * Names of the syncs that caused a record, kept only once the flow is long
   * (short flows are cheaper to walk than to index): a sync that caused no
   * record cannot be repeating itself, so the cycle check can skip its walk.
   */
  #causes: Set<string> | undefined;
  /** Where the engine keeps this flow in its list of live flows (-1 once settled). */
  liveSlot = -1;
  /** Rows of queries asked while no action ran (see query-memo.ts); made on first use. */
  memo: QueryMemo | undefined;

  constructor(
    readonly id: string,
    readonly startedAt: number,
  ) {}

  add(record: ActionRecord, key: string): void {
    this.records.push(record);
    const list = this.byKey.get(key);
    if (list) list.push(record);
    else this.byKey.set(key, [record]);
    if (this.#causes) {
      if (record.cause) this.#causes.add(record.cause.sync);
    } else if (this.records.length === LONG_FLOW) {
      this.#causes = new Set();
      for (const r of this.records) if (r.cause) this.#causes.add(r.cause.sync);
    }
  }

  addError(entry: SyncErrorEntry): void {
    if (this.errors === NO_ERRORS) this.errors = [entry];
    else (this.errors as SyncErrorEntry[]).push(entry);
  }

  addWarning(message: string): void {
    if (this.warnings === NO_WARNINGS) this.warnings = [message];
    else (this.warnings as string[]).push(message);
  }

  /** False when `sync` has caused no record in this flow (so it cannot be in a cycle); true when unknown. */
  mayHaveCaused(sync: string): boolean {
    return this.#causes === undefined || this.#causes.has(sync);
  }

  /** The record with this id (ids are 1-based positions). */
  record(id: number): ActionRecord | undefined {
    return this.records[id - 1];
  }

  /** The plain-data view, without the matcher's indexes. */
  toTrace(): FlowTrace {
    const { id, startedAt, endedAt, records, runs, errors, warnings, stopped } = this;
    return { id, startedAt, endedAt, records, runs, errors, warnings, stopped };
  }
}
