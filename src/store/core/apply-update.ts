// Prepares MongoDB update documents (operators or a pipeline) for the
// documents a write matched. mingo does the updating; this module refuses up
// front what mingo would only notice on a matching document (an unknown
// operator), has update-targets.ts refuse what MongoDB refuses and mingo would
// silently skip, and applies `$setOnInsert`, which mingo does not know.
import { update as mingoUpdate, updateOne as mingoUpdateOne } from "mingo/updater";
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import {
  mingoOptions, UPDATE_OPERATORS, UPDATE_PIPELINE_STAGES, unsupportedOperator, updateOptions, withMingo,
} from "./mingo-context.ts";
import { compileOperators } from "./operator-update.ts";
import { checkTargets } from "./update-targets.ts";

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

  const run = hasOperators ? compileOperators(operators, ctx.arrayFilters, condition, where) : null;

  return {
    apply(doc) {
      if (!run) return null;
      checkTargets(doc, operators, where);
      return run(doc) ? doc : null;
    },
    applyForInsert(doc) {
      const ops: Document = { ...operators };
      if (onInsert) ops.$set = { ...(ops.$set as Document | undefined), ...onInsert };
      if (Object.keys(ops).length === 0) return doc;
      checkTargets(doc, ops, where);
      withMingo(where, () => mingoUpdate(doc, ops, ctx.arrayFilters, undefined, { queryOptions: updateOptions }));
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

function stripComment(filter: Document): Document {
  if (!("$comment" in filter)) return filter;
  const { $comment: _ignored, ...rest } = filter;
  return rest;
}
