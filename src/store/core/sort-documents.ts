// Sorts documents in MongoDB's order. mingo's compare gives the order of
// values across types (missing/null < numbers < strings < objects < arrays <
// booleans < dates); this adds MongoDB's rule for array fields, which mingo
// does not follow for descending sorts: an array sorts by its smallest element
// ascending and by its largest element descending (an empty one before null).
import { compare, resolve } from "mingo/util";
import type { Document } from "../api/document.ts";
import type { SortKeys } from "./sort-spec.ts";

/** Marks an empty array's key: it sorts before null and missing values. */
const EMPTY = Symbol("empty array");

/** A new array of `docs` in the order of `sort` (stable: ties keep their input order). */
export function sortDocuments(docs: readonly Document[], sort: SortKeys): Document[] {
  const keyed = docs.map((doc) => ({ doc, keys: sort.map(([path, dir]) => sortKey(resolve(doc, path), dir)) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < sort.length; i++) {
      const order = compareKeys(x.keys[i], y.keys[i]);
      if (order !== 0) return order * sort[i]![1];
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

function sortKey(value: unknown, dir: 1 | -1): unknown {
  if (!Array.isArray(value)) return value;
  const elements = value.flat(1);
  if (elements.length === 0) return EMPTY;
  let best: unknown = elements[0];
  for (const element of elements) if (compare(element, best) * dir < 0) best = element;
  return best;
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === EMPTY || b === EMPTY) return a === b ? 0 : a === EMPTY ? -1 : 1;
  return compare(a, b);
}
