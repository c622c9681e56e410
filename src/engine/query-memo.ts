// Query memo: within one flow, a query asked again with the same input while
// no action has run anywhere in the engine returns the rows it returned the
// first time. Queries never write and state changes only through actions,
// so the rows cannot have changed — and a request's guard sync and its
// acting sync (one answering 401, the other acting when the session exists)
// see one state and pay one read instead of two.

/** A counter the engine bumps whenever an action starts or completes. */
export interface Epoch {
  readonly value: number;
}

export class QueryMemo {
  #epoch = -1;
  readonly #rows = new Map<string, readonly unknown[]>();

  constructor(private readonly epoch: Epoch) {}

  /** The epoch now, to pass back to `set` once the query has answered. */
  now(): number {
    return this.epoch.value;
  }

  /**
   * The remembered rows, if nothing has run since they were read. Not a copy:
   * the frames helpers only read rows, and the one that hands the array to
   * user code (queryAll) copies it.
   */
  get(key: string): readonly unknown[] | undefined {
    if (this.epoch.value !== this.#epoch) return undefined;
    return this.#rows.get(key);
  }

  /** Remembers the rows a query returned, unless an action ran while it was reading. */
  set(key: string, startedAt: number, rows: readonly unknown[]): void {
    if (this.epoch.value !== startedAt) return;
    if (this.#epoch !== startedAt) {
      this.#rows.clear();
      this.#epoch = startedAt;
    }
    this.#rows.set(key, rows);
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
