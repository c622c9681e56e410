// Applies MongoDB update documents (operators or a pipeline) and replacement
// documents to stored documents. mingo does the updating; this module checks
// what MongoDB refuses and mingo would silently skip (an unknown operator on a
// document that never matches, `$inc` on a string, `$push` onto a non-array,
// creating a field inside a number) and applies `$setOnInsert`, which mingo
// does not know.
import { update as mingoUpdate, updateOne as mingoUpdateOne } from "mingo/updater";
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import { mingoOptions, UPDATE_OPERATORS, UPDATE_PIPELINE_STAGES, unsupportedOperator, withMingo } from "./mingo-context.ts";

/** An update checked once, ready to apply to each matched document. */
export interface PreparedUpdate {
  /** The updated document (`doc` changed in place, or a new one), or null when nothing changed. */
  apply(doc: Document): Document | null;
  /** Updates a document an upsert is about to insert (`$setOnInsert` included) and returns it. */
  applyForInsert(doc: Document): Document;
}

export interface UpdateContext {
  collection: string;
  filter: Document;
  arrayFilters?: Document[] | undefined;
}

const NUMERIC_OPERATORS = ["$inc", "$mul"];
const ARRAY_OPERATORS = ["$push", "$addToSet", "$pull", "$pullAll", "$pop"];
const PATH_CREATING_OPERATORS = ["$set", "$setOnInsert", "$inc", "$mul", "$min", "$max", "$push", "$addToSet", "$currentDate"];

/** Validates `update` (operators or pipeline) and returns it prepared. */
export function prepareUpdate(update: Document | Document[], ctx: UpdateContext): PreparedUpdate {
  const where = `update on collection "${ctx.collection}"`;
  if (Array.isArray(update)) return preparePipeline(update, where);
  const keys = update !== null && typeof update === "object" ? Object.keys(update) : [];
  if (keys.length === 0 || !keys.every((k) => k.startsWith("$"))) {
    throw new EnsembleError("INVALID_ARGUMENT",
      `Update document requires atomic operators (such as $set) in ${where}; to replace a whole document use replaceOne.`,
      { collection: ctx.collection });
  }
  for (const key of keys) if (!UPDATE_OPERATORS.has(key)) throw unsupportedOperator(key, where);

  const { $setOnInsert: onInsert, ...operators } = update as Document & { $setOnInsert?: Document };
  const hasOperators = Object.keys(operators).length > 0;
  // The positional `$` needs the filter to find the array element; pass it only then (it re-tests the filter).
  const positional = JSON.stringify(Object.values(operators).map((o) => Object.keys(o ?? {}))).includes(".$");
  const condition = positional ? stripComment(ctx.filter) : undefined;

  const run = (doc: Document, ops: Document): boolean =>
    withMingo(where, () => mingoUpdate(doc, ops, ctx.arrayFilters, condition, { queryOptions: mingoOptions }).length > 0);

  return {
    apply(doc) {
      if (!hasOperators) return null;
      checkTargets(doc, operators, where);
      return run(doc, operators) ? doc : null;
    },
    applyForInsert(doc) {
      const ops: Document = { ...operators };
      if (onInsert) ops.$set = { ...(ops.$set as Document | undefined), ...onInsert };
      if (Object.keys(ops).length === 0) return doc;
      checkTargets(doc, ops, where);
      withMingo(where, () => mingoUpdate(doc, ops, ctx.arrayFilters, undefined, { queryOptions: mingoOptions }));
      return doc;
    },
  };
}

function preparePipeline(stages: Document[], where: string): PreparedUpdate {
  for (const stage of stages) {
    const name = Object.keys(stage ?? {})[0];
    if (!name || !UPDATE_PIPELINE_STAGES.has(name)) throw unsupportedOperator(name ?? "(empty stage)", `${where} pipeline`);
  }
  // A pipeline may replace the document rather than change it, so run it on a
  // one-element array and take what is left in the array.
  const run = (doc: Document): { doc: Document; changed: boolean } => withMingo(where, () => {
    const docs = [doc];
    const result = mingoUpdateOne(docs, {}, stages as never, {}, mingoOptions);
    return { doc: docs[0]!, changed: result.modifiedCount > 0 };
  });
  return {
    apply: (doc) => {
      const { doc: next, changed } = run(doc);
      return changed ? next : null;
    },
    applyForInsert: (doc) => run(doc).doc,
  };
}

/** Refuses what MongoDB refuses before mingo would quietly do nothing. */
function checkTargets(doc: Document, operators: Document, where: string): void {
  for (const op of PATH_CREATING_OPERATORS) {
    for (const path of Object.keys(operators[op] ?? {})) {
      const { value, blocked } = lookup(doc, path);
      if (blocked) {
        fail(`Cannot create field "${path}" in ${where}: "${blocked}" holds ${describe(value)}, not a document.`);
      }
      if (value === undefined) continue;
      if (NUMERIC_OPERATORS.includes(op) && typeof value !== "number") {
        fail(`Cannot apply ${op} to "${path}" in ${where}: it holds ${describe(value)}, not a number.`);
      }
      if (ARRAY_OPERATORS.includes(op) && !Array.isArray(value)) {
        fail(`Cannot apply ${op} to "${path}" in ${where}: it holds ${describe(value)}, not an array.`);
      }
    }
  }
  for (const op of ["$pull", "$pullAll", "$pop"]) {
    for (const path of Object.keys(operators[op] ?? {})) {
      const { value } = lookup(doc, path);
      if (value !== undefined && value !== null && !Array.isArray(value)) {
        fail(`Cannot apply ${op} to "${path}" in ${where}: it holds ${describe(value)}, not an array.`);
      }
    }
  }
}

/** The value at a plain dotted path; `blocked` names a prefix holding a scalar. Positional paths are left to mingo. */
function lookup(doc: Document, path: string): { value: unknown; blocked?: string } {
  let current: unknown = doc;
  const parts = path.split(".");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith("$") || Array.isArray(current)) return { value: undefined };
    if (current === null || typeof current !== "object" || current instanceof Date) {
      return i === 0 ? { value: undefined } : { value: current, blocked: parts.slice(0, i).join(".") };
    }
    current = (current as Record<string, unknown>)[part];
    if (current === undefined) return { value: undefined };
  }
  return { value: current };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a date";
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

function fail(message: string): never {
  throw new EnsembleError("INVALID_ARGUMENT", message);
}

function stripComment(filter: Document): Document {
  if (!("$comment" in filter)) return filter;
  const { $comment: _ignored, ...rest } = filter;
  return rest;
}
