// Action patterns and the `actions(...)` list builder used in `when` and `then`.
// Patterns are typed from the concept's own method signatures: a key that is
// not a parameter (input) or result field (output) of the action does not
// compile, and neither does a variable where the action wants a plain value.

import type { Var } from "./vars.ts";

/** Any concept method after instrumentation: one object in, one object (or rows) out. */
// `any` (not `unknown`) so that every concept's own parameter type is assignable here.
export type AnyMethod = (input: any) => unknown;

/** The input object an action or query takes. */
export type InputOf<F> = F extends (input: infer I) => unknown ? I : never;
/** What an action resolves to (for a query: its row array). */
export type OutputOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type ValueOfUnion<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/**
 * A pattern over an object type: any subset of its keys, each a literal of the
 * key's type or a variable. For a union (`{ user } | { error }`) every member's
 * keys are allowed, so error branches can be matched.
 */
export type Pattern<T> = { [K in KeysOfUnion<T>]?: ValueOfUnion<T, K> | Var };

/**
 * What a `when` output pattern may name: the action's results, plus `error`,
 * since an action that throws completes with `{ error }`.
 */
export type ResultOf<F> = OutputOf<F> | { error: string };

/** `[action, inputPattern, outputPattern?]`, typed from the action. */
export type ActionSpec<F> = readonly [action: F, input: Pattern<InputOf<F>>, output?: Pattern<ResultOf<F>>];

/** The untyped shape of a pattern as the engine sees it at run time. */
export type PatternObject = Readonly<Record<string, unknown>>;
export type ActionPattern = readonly [action: AnyMethod, input: PatternObject, output?: PatternObject];

/** A list of action patterns, as returned by {@link actions}. */
export type ActionList = readonly ActionPattern[];

/**
 * The list of actions of a `when` or `then` clause:
 *
 * ```ts
 * when: actions(
 *   [Requesting.request, { path: "/login" }, { request }],
 *   [PasswordAuthentication.authenticate, {}, { user }],
 * ),
 * then: actions([Sessioning.create, { user }]),
 * ```
 */
export function actions<T extends readonly AnyMethod[]>(...specs: { [I in keyof T]: ActionSpec<T[I]> }): ActionList {
  return specs as unknown as ActionList;
}
