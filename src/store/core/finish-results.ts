// The in-memory tail of a query: sort (sort-documents.ts), skip, limit and
// projection (mingo), for the cases the SQL could not do.
import { Query } from "mingo/query";
import type { Document } from "../api/document.ts";
import { mingoOptions, withMingo } from "./mingo-context.ts";
import { sortDocuments } from "./sort-documents.ts";
import type { SortKeys } from "./sort-spec.ts";

export interface ResultShape {
  sort: SortKeys;
  skip: number;
  limit: number;
  projection?: Document | undefined;
}

const everything = new Query({}, mingoOptions);

/** Sorts, skips, limits (0 = no limit) and projects `docs`, in MongoDB's order of application. */
export function finishResults(docs: Document[], shape: ResultShape, collection: string): Document[] {
  const needsWork = shape.sort.length > 0 || shape.skip > 0 || shape.limit > 0 || hasKeys(shape.projection);
  if (!needsWork) return docs;
  const sorted = shape.sort.length > 0 ? sortDocuments(docs, shape.sort) : docs;
  const end = shape.limit > 0 ? shape.skip + shape.limit : undefined;
  const page = shape.skip > 0 || end !== undefined ? sorted.slice(shape.skip, end) : sorted;
  if (!hasKeys(shape.projection)) return page;
  return withMingo(`projection on collection "${collection}"`, () => everything.find<Document>(page, shape.projection).all());
}

/** Applies only a projection. */
export function projectDocuments(docs: Document[], projection: Document | undefined, collection: string): Document[] {
  return finishResults(docs, { sort: [], skip: 0, limit: 0, projection }, collection);
}

function hasKeys(value: Document | undefined): boolean {
  if (!value) return false;
  for (const _ in value) return true;
  return false;
}
