// Query memo: within one flow, a query asked again with the same input while
// no action of its concept has run (in this flow or any other) returns the
// rows it returned the first time. Queries never write, and a concept's state
// changes only through its own actions, so the rows cannot have changed — and
// a request's guard sync and its acting sync (one answering 401, the other
// acting when the session exists) see one state and pay one read instead of two.
//
// Per concept, not per engine: with one counter for the whole engine, any
// action of any concurrent flow (every request's own Requesting actions)
// invalidated every memo, and under load the guard and the acting sync read
// twice (benchmark 5: three reads per who-am-I instead of two).

import type { Epoch } from "./action-ref.ts";

interface Remembered {
  /** The concept's epoch when the rows were read. */
  readonly at: number;
  readonly rows: readonly unknown[];
}

export class QueryMemo {
  readonly #rows = new Map<string, Remembered>();

  /**
   * The remembered rows, if no action of the query's concept has run since
   * they were read. Not a copy: the frames helpers only read rows, and the
   * one that hands the array to user code (queryAll) copies it.
   */
  get(key: string, epoch: Epoch): readonly unknown[] | undefined {
    const r = this.#rows.get(key);
    return r !== undefined && r.at === epoch.value ? r.rows : undefined;
  }

  /** Remembers the rows a query returned, unless an action of its concept ran while it was reading. */
  set(key: string, epoch: Epoch, startedAt: number, rows: readonly unknown[]): void {
    if (epoch.value === startedAt) this.#rows.set(key, { at: startedAt, rows });
  }
}

/**
 * A memo key for a query's input, or undefined when the input is not worth
 * (or not safe) keying: only flat inputs of strings, numbers, booleans and
 * nulls — ids, names, flags — which is what lookups take.
 */
export function memoKey(queryKey: string, input: Readonly<Record<string, unknown>>): string | undefined {
  let only: string | undefined;
  let count = 0;
  for (const k in input) {
    const v = input[k];
    const t = typeof v;
    if (v !== null && t !== "string" && t !== "number" && t !== "boolean") return undefined;
    only = k;
    count++;
  }
  if (count === 1) {
    // The common lookup by one id, keyed without JSON: the value runs to the end
    // of the key, and its type is marked before it, so no two inputs collide.
    const v = input[only as string];
    return typeof v === "string" ? `${queryKey}\u0000${only}\u0000s${v}` : `${queryKey}\u0000${only}\u0000${typeof v}${String(v)}`;
  }
  // JSON keeps 1 and "1" apart and escapes whatever a string holds.
  return `${queryKey}${JSON.stringify(input)}`;
}
