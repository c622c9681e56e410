// Instrumentation: wraps a concept instance so that its actions record
// themselves and trigger syncs, and its queries stay callable. The wrapper
// is a Proxy; methods run with `this` bound to the real instance, so a
// concept calling its own methods is not recorded twice.

import { attachRef, kindOf, type ActionRef } from "./action-ref.ts";
import { EnsembleError } from "../ensemble-error.ts";
import { isVar, varName } from "./vars.ts";

export type MethodCaller = (ref: ActionRef, input: Record<string, unknown>) => unknown;

export function instrumentConcept(name: string, instance: object, callAction: MethodCaller, callQuery: MethodCaller): object {
  if (instance === null || typeof instance !== "object") {
    throw new EnsembleError("INVALID_CONFIG", `instrument: concept "${name}" must be an object (an instance of its class), got ${typeof instance}.`);
  }
  const wrappers = new Map<string, unknown>();
  // One for the whole concept: its actions change the state all its queries read.
  const epoch = { value: 0 };
  return new Proxy(instance, {
    get(target, prop) {
      // A method's wrapper is made once and kept, so a known one is returned at once:
      // syncs and the HTTP front read actions through this trap on every use.
      const known = typeof prop === "string" ? wrappers.get(prop) : undefined;
      if (known !== undefined) return known;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function" || typeof prop !== "string" || prop === "constructor" || isObjectMethod(prop, value)) return value;
      // First read of this method (a known one returned above): make its wrapper.
      const ref: ActionRef = {
        concept: name,
        name: prop,
        key: `${name}.${prop}`,
        kind: kindOf(prop),
        method: value as ActionRef["method"],
        instance: target,
        epoch,
      };
      const call = ref.kind === "action" ? callAction : callQuery;
      const fn = (input: Record<string, unknown> = {}) => call(ref, input);
      Object.defineProperty(fn, "name", { value: prop });
      const wrapper = attachRef(fn, ref);
      wrappers.set(prop, wrapper);
      return wrapper;
    },
  });
}

function isObjectMethod(prop: string, value: unknown): boolean {
  return (Object.prototype as unknown as Record<string, unknown>)[prop] === value;
}

/** Rejects a sync variable passed as a value to a concept method (a symbol where data belongs). */
export function assertNoVariables(ref: ActionRef, input: unknown): void {
  if (input === null || typeof input !== "object") return;
  // Runs for every action started from outside: for-in with hasOwn (exactly
  // Object.keys) rather than Object.entries, which allocates a pair per key.
  for (const key in input) {
    if (!Object.hasOwn(input, key)) continue;
    const value: unknown = (input as Record<string, unknown>)[key];
    if (!isVar(value)) continue;
    throw new EnsembleError(
      "VARIABLE_AS_VALUE",
      `${ref.key} was called with the variable \`${varName(value)}\` as the value of \`${key}\`. A variable is a name, not a value. ` +
        (ref.kind === "query"
          ? `Inside where, use frames.query(${ref.key}, { ${key}: ${varName(value)} }, { ... }), or read the value with frame[${varName(value)}].`
          : `To invoke ${ref.key} with bound values, list it in a sync's then.`),
      { action: ref.key, variable: varName(value), key },
    );
  }
}
