// Decides for each document SQL returned whether it matches the filter. A
// plan SQL decides exactly needs no check; a plan exact except for documents
// holding arrays at pushed-down paths sends only those documents to mingo
// (compiled on first need); any other plan sends every document to mingo.
import type { Document } from "../api/document.ts";
import type { FilterPlan } from "./filter-planner.ts";
import { compileFilter, type DocumentPredicate } from "./query-matcher.ts";

export interface RowFilter {
  /** True when SQL alone decides the filter: it may count, skip and limit. */
  readonly sqlDecides: boolean;
  accepts(doc: Document): boolean;
}

const ALL: RowFilter = { sqlDecides: true, accepts: () => true };

export function rowFilter(plan: FilterPlan, filter: Document, collection: string): RowFilter {
  if (!plan.exact) {
    // Compiled now, so a bad operator fails before any SQL runs (also on an empty collection).
    const matches = compileFilter(filter, collection);
    return { sqlDecides: false, accepts: matches };
  }
  if (plan.arrays.length === 0) return ALL;
  const paths = plan.arrays.map((p) => p.split("."));
  let matches: DocumentPredicate | null = null;
  return {
    sqlDecides: false,
    accepts: (doc) => !paths.some((p) => holdsArray(doc, p)) || (matches ??= compileFilter(filter, collection))(doc),
  };
}

/** True when an array lies at `path` or on the way there (where SQL's key is an "array" key). */
function holdsArray(doc: Document, path: readonly string[]): boolean {
  let value: unknown = doc;
  for (const part of path) {
    if (Array.isArray(value)) return true;
    if (value === null || typeof value !== "object") return false;
    value = (value as Record<string, unknown>)[part];
  }
  return Array.isArray(value);
}
