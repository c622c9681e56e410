// Compiled patterns and the one matching routine that both firing and the
// why-not explanation use: it either binds a record's fields into a frame or
// says exactly which key failed and why.

import type { ActionRef } from "./action-ref.ts";
import type { Frame } from "./frames.ts";
import { valueEquals } from "./value-equals.ts";
import { isOptional } from "./optional.ts";
import { isVar } from "./vars.ts";

/** One key of a pattern: a variable to bind, or a literal to compare. */
export interface PatternEntry {
  readonly key: string;
  readonly variable?: symbol;
  readonly literal?: unknown;
  /** For `optional(v, fallback)`: an absent key binds the fallback instead of failing. */
  readonly optional?: { readonly fallback: unknown };
}

export interface CompiledPattern {
  readonly ref: ActionRef;
  /** Position in the sync's `when` (0-based). */
  readonly position: number;
  readonly input: readonly PatternEntry[];
  readonly output: readonly PatternEntry[];
}

/** Why one side of a record did not fit a pattern. */
export type Mismatch =
  | { readonly kind: "missing"; readonly side: "input" | "output"; readonly key: string; readonly present: readonly string[] }
  | { readonly kind: "literal"; readonly side: "input" | "output"; readonly key: string; readonly want: unknown; readonly got: unknown }
  | {
      readonly kind: "conflict";
      readonly side: "input" | "output";
      readonly key: string;
      readonly variable: symbol;
      readonly bound: unknown;
      readonly got: unknown;
    };

export function compileEntries(pattern: Readonly<Record<string, unknown>>): PatternEntry[] {
  return Object.entries(pattern).map(([key, value]) => {
    if (isOptional(value)) return { key, variable: value.variable, optional: { fallback: value.fallback } };
    return isVar(value) ? { key, variable: value } : { key, literal: value };
  });
}

/**
 * Binds `entries` against `obj` into `frame` (mutated). Returns undefined on
 * success, or the first mismatch. Callers pass a copy when they may backtrack.
 */
export function bindEntries(
  entries: readonly PatternEntry[],
  obj: Readonly<Record<string, unknown>>,
  frame: Frame,
  side: "input" | "output",
): Mismatch | undefined {
  const at = missAt(entries, obj, frame);
  if (at < 0) return undefined;
  // The miss is described from the entry it stopped at; the frame is as the loop left it.
  const e = entries[at] as PatternEntry;
  if (!Object.hasOwn(obj, e.key) && !e.optional) return { kind: "missing", side, key: e.key, present: Object.keys(obj) };
  const got = Object.hasOwn(obj, e.key) ? obj[e.key] : e.optional?.fallback;
  if (e.variable === undefined) return { kind: "literal", side, key: e.key, want: e.literal, got };
  return { kind: "conflict", side, key: e.key, variable: e.variable, bound: frame[e.variable], got };
}

/**
 * The matcher's fast form of {@link bindEntries}: the same decisions, but a
 * miss is only `false`. Most records a listener sees do not fit it (a request
 * sync tried before its second action has run, a success pattern on an
 * error), and building the mismatch, with the record's keys, was a large
 * share of the engine's time; the why-not view asks `bindEntries` for it.
 */
export function fitsEntries(entries: readonly PatternEntry[], obj: Readonly<Record<string, unknown>>, frame: Frame): boolean {
  return missAt(entries, obj, frame) < 0;
}

/** Binds entries in order into `frame`; the index of the first that does not fit, or -1. */
function missAt(entries: readonly PatternEntry[], obj: Readonly<Record<string, unknown>>, frame: Frame): number {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as PatternEntry;
    let got: unknown;
    if (Object.hasOwn(obj, e.key)) got = obj[e.key];
    else if (e.optional) got = e.optional.fallback;
    else return i;
    const v = e.variable;
    if (v === undefined) {
      if (!valueEquals(e.literal, got)) return i;
    } else if (v in frame) {
      if (!valueEquals(frame[v], got)) return i;
    } else {
      frame[v] = got;
    }
  }
  return -1;
}

/** Whether a record fits a `when` pattern, binding into `frame` (partly bound on a miss). */
export function fitsPattern(
  pattern: CompiledPattern,
  record: { readonly input: Readonly<Record<string, unknown>>; readonly output: Readonly<Record<string, unknown>> },
  frame: Frame,
): boolean {
  // Input first, as matchPattern does, so a frame binds its variables in the order the pattern reads.
  return fitsEntries(pattern.input, record.input, frame) && fitsEntries(pattern.output, record.output, frame);
}

/** Matches a record against a `when` pattern, binding into `frame`. */
export function matchPattern(
  pattern: CompiledPattern,
  record: { readonly input: Readonly<Record<string, unknown>>; readonly output: Readonly<Record<string, unknown>> },
  frame: Frame,
): Mismatch | undefined {
  return bindEntries(pattern.input, record.input, frame, "input") ?? bindEntries(pattern.output, record.output, frame, "output");
}
