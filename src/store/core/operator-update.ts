// Applies update operators with mingo's own operator functions. mingo's
// `update()` validates the whole update (conflicting paths, `_id`, `$` paths)
// and re-registers its operators on every call, which costs more than most
// updates themselves; so each update shape is validated once through
// `update()` on a scratch document, and documents are then updated by the
// per-operator functions directly. The positional `$` needs the filter, which
// only `update()` takes: such updates always go through it.
import * as updateOperators from "mingo/operators/update";
import { update as mingoUpdate } from "mingo/updater";
import type { Document } from "../api/document.ts";
import { translateMingoError, updateOptions, withMingo } from "./mingo-context.ts";

type OperatorFactory = (expr: Document, arrayFilters?: Document[]) => (doc: Document) => string[];
const FACTORIES = updateOperators as unknown as Record<string, OperatorFactory>;

/** Update shapes (operators and paths) mingo has accepted; bounded so odd workloads cannot grow it forever. */
const validShapes = new Set<string>();
const MAX_SHAPES = 2000;

/**
 * Compiles `operators` (all known to mingo) into a function that updates a
 * document in place and says whether it changed. `condition` is the filter,
 * needed only for the positional `$`.
 */
export function compileOperators(operators: Document, arrayFilters: Document[] | undefined,
    condition: Document | undefined, where: string): (doc: Document) => boolean {
  if (condition !== undefined) {
    return (doc) => withMingo(where, () =>
      mingoUpdate(doc, operators, arrayFilters, condition, { queryOptions: updateOptions }).length > 0);
  }
  validate(operators, arrayFilters, where);
  const steps = withMingo(where, () => Object.keys(operators).map((op) => FACTORIES[op]!(operators[op] as Document, arrayFilters)));
  return (doc) => {
    let changed = false;
    try {
      for (const step of steps) if (step(doc).length > 0) changed = true;
    } catch (error) {
      throw translateMingoError(error, where);
    }
    return changed;
  };
}

function validate(operators: Document, arrayFilters: Document[] | undefined, where: string): void {
  let shape = arrayFilters ? JSON.stringify(arrayFilters) : "";
  for (const op in operators) shape += `|${op}:${Object.keys(operators[op] ?? {}).join(",")}`;
  if (validShapes.has(shape)) return;
  withMingo(where, () => mingoUpdate({}, operators, arrayFilters, undefined, { queryOptions: updateOptions }));
  if (validShapes.size >= MAX_SHAPES) validShapes.clear();
  validShapes.add(shape);
}
