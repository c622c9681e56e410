// Conduit's request bodies wrap their fields in one object (`{ "user": {...} }`,
// `{ "article": {...} }`, `{ "comment": {...} }`), which arrives as one
// request field. Routes bind that object to `v.input`; this module says what
// is wrong with it (for 422 answers, in the spec's "can't be blank" wording)
// and unpacks its fields into variables for the syncs that act.

import type { Frames, VarRef, Vars } from "ensemble";
import type { Check } from "./route.ts";

/**
 * - `required`: a non-blank string;
 * - `optional`: absent, or a non-blank string;
 * - `nullable`: absent, null or any string (bio, image);
 * - `list`: absent, or a list of strings (tagList).
 */
export type Rule = "required" | "optional" | "nullable" | "list";

export interface BodyRules {
  /** The body's name in messages ("user", "article", "comment"). */
  readonly name: string;
  readonly fields: Readonly<Record<string, Rule>>;
  /** At least one field must be given (an update that changes nothing is refused). */
  readonly atLeastOne?: boolean;
  /** Lengths a field given must meet, e.g. a password's minimum. */
  readonly minLength?: Readonly<Record<string, number>>;
  readonly maxLength?: Readonly<Record<string, number>>;
}

/** What is wrong with `body` under `rules`; empty when nothing is. */
export function bodyProblems(body: unknown, rules: BodyRules): string[] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return [`${rules.name} must be an object`];
  const fields = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, rule] of Object.entries(rules.fields)) {
    const value = fields[key];
    const given = value !== undefined;
    if (rule === "list") {
      if (given && !(Array.isArray(value) && value.every((t) => typeof t === "string"))) problems.push(`${key} must be a list of strings`);
    } else if (rule === "nullable") {
      if (given && value !== null && typeof value !== "string") problems.push(`${key} must be a string or null`);
    } else if (given || rule === "required") {
      if (typeof value !== "string") problems.push(given ? `${key} must be a string` : `${key} can't be blank`);
      else if (value.trim() === "") problems.push(`${key} can't be blank`);
      else if (value.length < (rules.minLength?.[key] ?? 0)) problems.push(`${key} is too short (at least ${rules.minLength?.[key]} characters)`);
      else if (value.length > (rules.maxLength?.[key] ?? Infinity)) problems.push(`${key} is too long (at most ${rules.maxLength?.[key]} characters)`);
    }
  }
  if (rules.atLeastOne && !Object.keys(rules.fields).some((k) => fields[k] !== undefined)) {
    problems.push(`${rules.name} needs at least one of ${Object.keys(rules.fields).join(", ")}`);
  }
  return problems;
}

/** The 422 check of a route whose body (bound to `v.input`) must meet `rules`. */
export function validBody(rules: BodyRules): Check {
  const problems = (input: unknown) => bodyProblems(input, rules);
  return {
    status: 422,
    pass: (frames, v) => frames.filter(($) => problems($[v.input as symbol]).length === 0),
    problems: ($, v) => problems($[v.input as symbol]),
  };
}

/**
 * Binds each target variable to the body's field of that name (undefined
 * when the field is absent): `unpack(frames, v, { title: v.newTitle })`.
 */
export function unpack(frames: Frames, v: Vars, targets: Readonly<Record<string, VarRef>>): Frames {
  for (const [key, target] of Object.entries(targets)) {
    frames = frames.let(target, ($) => {
      const input = $[v.input as symbol];
      return input !== null && typeof input === "object" ? (input as Record<string, unknown>)[key] : undefined;
    });
  }
  return frames;
}
