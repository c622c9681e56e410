// Optional fields in `when` patterns: `{ tag: optional(tag) }` binds `tag` to
// the field's value, or to a fallback (default `null`) when the record has no
// such field, instead of failing the match. Query-string filters and partial
// updates need this; without it users write one sync per combination of keys.

import type { Var, VarRef } from "./vars.ts";
import { isVar, varName } from "./vars.ts";
import { EnsembleError } from "../ensemble-error.ts";

const OPTIONAL = Symbol("ensemble.optional");

export interface OptionalField {
  readonly [OPTIONAL]: true;
  readonly variable: Var;
  readonly fallback: unknown;
}

/**
 * Marks a pattern key as optional: binds `v` to the value, or to `fallback`
 * (default `null`) when the key is absent. Only in `when` patterns.
 */
export function optional(v: VarRef, fallback: unknown = null): Var {
  if (!isVar(v)) throw new EnsembleError("INVALID_SYNC", "optional(v) takes a sync variable (destructured from the sync's argument).");
  const marker: OptionalField = { [OPTIONAL]: true, variable: v, fallback };
  // Typed as a variable so that typed patterns accept it where a variable may stand.
  return marker as unknown as Var;
}

export function isOptional(value: unknown): value is OptionalField {
  return typeof value === "object" && value !== null && (value as Partial<OptionalField>)[OPTIONAL] === true;
}

export function printOptional(o: OptionalField): string {
  return o.fallback === null ? `optional(${varName(o.variable)})` : `optional(${varName(o.variable)}, ${JSON.stringify(o.fallback)})`;
}
