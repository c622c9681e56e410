// mingo is the reference for MongoDB query and update semantics. Its
// sub-module classes (mingo/query, mingo/updater) start with NO operators in
// v7, so the operators are registered here, once, in an explicit Context; and
// mingo's errors are turned into ours so that an unknown operator is reported
// by name instead of surfacing as a MingoError (or, for updates, being noticed
// only when a document happens to match).
import { Context } from "mingo/core";
import * as expressionOperators from "mingo/operators/expression";
import * as projectionOperators from "mingo/operators/projection";
import * as queryOperators from "mingo/operators/query";
import * as updateOperators from "mingo/operators/update";
import type { Options } from "mingo/types";
import { MingoError } from "mingo/util";
import { EnsembleError } from "../../ensemble-error.ts";

const context = Context.init({
  query: queryOperators,
  projection: projectionOperators,
  // $expr evaluates aggregation expressions.
  expression: expressionOperators,
});

/** Options for every mingo call: our operators; no `$where` functions (they cannot run in SQL either). */
export const mingoOptions: Partial<Options> = { context, scriptEnabled: false };

/**
 * Options for operator updates. mingo's updater re-registers its operators
 * into the given context on every call, copying the context's tables; a
 * context holding only the query operators (for $pull conditions, array
 * filters and the positional $) keeps that copy small.
 */
export const updateOptions: Partial<Options> = { context: Context.init({ query: queryOperators }), scriptEnabled: false };

/** Update operators mingo implements, plus `$setOnInsert`, which the store applies itself. */
export const UPDATE_OPERATORS: ReadonlySet<string> = new Set([...Object.keys(updateOperators), "$setOnInsert"]);

/** Pipeline stages an update may use instead of operators (what mingo's updater accepts). */
export const UPDATE_PIPELINE_STAGES: ReadonlySet<string> = new Set([
  "$addFields", "$set", "$project", "$unset", "$replaceRoot", "$replaceWith",
]);

/** Runs `work`, reporting mingo's failures as EnsembleErrors that say where the operator was used. */
export function withMingo<T>(where: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translateMingoError(error, where);
  }
}

/** The EnsembleError for a failure of mingo while evaluating `where` (e.g. `filter of "users"`). */
export function translateMingoError(error: unknown, where: string): unknown {
  if (!(error instanceof MingoError)) return error;
  const message = error.message;
  const unknown = /unknown (?:query|top level|update|expression|projection|pipeline) operator:? '?(\$[\w]+)/i.exec(message)
    ?? /^(\$\w+) (?:operator )?requires/.exec(message);
  if (unknown) return unsupportedOperator(unknown[1]!, where);
  return new EnsembleError("INVALID_ARGUMENT", `Invalid ${where}: ${message}`, { where }, { cause: error });
}

/** The error for an operator the store cannot evaluate. */
export function unsupportedOperator(operator: string, where: string): EnsembleError {
  return new EnsembleError("UNSUPPORTED_OPERATOR",
    `Unsupported operator ${operator} in ${where}. The store evaluates MongoDB query and update operators ` +
    `with mingo; ${operator} is not among them (rewrite the query without it).`, { operator, where });
}
