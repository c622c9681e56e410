// Filling a pattern's variables from a frame: the inputs of then-actions and
// of queries in `where`. Variables may sit at any depth of plain objects and
// arrays, so a response body can be written as its final shape:
// `[Requesting.respond, { request, user: { username, token } }]`.

import type { Frame } from "./frames.ts";
import { isVar } from "./vars.ts";

/** Thrown (internally) when a pattern names a variable the frame does not bind. */
export class UnboundVariable extends Error {
  constructor(readonly variable: symbol) {
    super(`unbound variable ${variable.description ?? ""}`);
  }
}

/** True when `value` holds a variable below its top level (inside an object or array). */
export function hasNestedVars(value: unknown): boolean {
  if (isVar(value)) return true;
  if (Array.isArray(value)) return value.some(hasNestedVars);
  if (isPlainObject(value)) return Object.values(value).some(hasNestedVars);
  return false;
}

/** Every variable in `value`, at any depth, in order of appearance. */
export function varsIn(value: unknown, out: symbol[] = []): symbol[] {
  if (isVar(value)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) varsIn(v, out);
  else if (isPlainObject(value)) for (const v of Object.values(value)) varsIn(v, out);
  return out;
}

/** A copy of `pattern` with every variable replaced by its value in `frame`. */
// It runs for every then-action and query a sync invokes, so it allocates
// only the copy: no entry pairs, no closures for plain objects.
export function substitute(pattern: unknown, frame: Frame): unknown {
  if (typeof pattern !== "object" || pattern === null) {
    if (!isVar(pattern)) return pattern;
    if (!(pattern in frame)) throw new UnboundVariable(pattern);
    return frame[pattern];
  }
  if (Array.isArray(pattern)) return pattern.map((v) => substitute(v, frame));
  if (isPlainObject(pattern)) {
    const out: Record<string, unknown> = {};
    // for-in with hasOwn visits exactly Object.keys, in the same order.
    for (const k in pattern) if (Object.hasOwn(pattern, k)) out[k] = substitute(pattern[k], frame);
    return out;
  }
  return pattern;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
