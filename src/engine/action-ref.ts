// How the engine knows which concept action a function is. Instrumented
// methods carry an ActionRef under a private symbol, so patterns can hold the
// plain method (`Sessioning.create`) and the engine can still name it.

export type MethodKind = "action" | "query";

export interface ActionRef {
  /** Concept name as given to `instrument` (e.g. "Sessioning"). */
  readonly concept: string;
  /** Method name (e.g. "create", "_getUser"). */
  readonly name: string;
  /** "Concept.method", the key used in records, indexes and messages. */
  readonly key: string;
  /** Queries are methods whose names start with `_`. */
  readonly kind: MethodKind;
  /** The concept's own method, called with `this` bound to the instance. */
  readonly method: (input: Record<string, unknown>) => unknown;
  readonly instance: object;
  /**
   * The concept's state version, shared by every method of one instrumented
   * concept: the engine bumps it when one of the concept's actions starts and
   * when it completes. Query memos compare it (see query-memo.ts).
   */
  readonly epoch: Epoch;
}

/** A counter of a concept's actions, started and completed. */
export interface Epoch {
  value: number;
}

const REF = Symbol("ensemble.actionRef");

export function kindOf(methodName: string): MethodKind {
  return methodName.startsWith("_") ? "query" : "action";
}

export function attachRef<F extends object>(fn: F, ref: ActionRef): F {
  Object.defineProperty(fn, REF, { value: ref });
  return fn;
}

/** The ActionRef of an instrumented method, or undefined for anything else. */
export function refOf(fn: unknown): ActionRef | undefined {
  if (typeof fn !== "function") return undefined;
  return (fn as unknown as { [REF]?: ActionRef })[REF];
}

/** A readable name for a function that may or may not be instrumented. */
export function describeFunction(fn: unknown): string {
  const ref = refOf(fn);
  if (ref) return ref.key;
  if (typeof fn === "function") return fn.name ? `${fn.name}()` : "an anonymous function";
  return `a ${fn === null ? "null" : typeof fn} value`;
}
