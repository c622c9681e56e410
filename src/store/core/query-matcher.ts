// Compiles a MongoDB filter into a predicate with mingo. Compiling validates
// every operator up front, so an unknown one fails even when no document is
// tested (an empty collection must not hide a typo).
import { Query } from "mingo/query";
import type { Document } from "../api/document.ts";
import { mingoOptions, translateMingoError, withMingo } from "./mingo-context.ts";

export type DocumentPredicate = (doc: Document) => boolean;

const matchAll: DocumentPredicate = () => true;

/** A predicate for `filter`; `collection` names it in errors. */
export function compileFilter(filter: Document, collection: string): DocumentPredicate {
  let keys = 0;
  let comment = false;
  for (const key in filter) {
    keys++;
    if (key === "$comment") comment = true;
  }
  if (keys === 0 || (keys === 1 && comment)) return matchAll;
  // $comment only annotates a query for the server's logs; mingo does not know it.
  let condition = filter;
  if (comment) {
    const { $comment: _ignored, ...rest } = filter;
    condition = rest;
  }
  const where = `filter on collection "${collection}"`;
  const query = withMingo(where, () => new Query(condition, mingoOptions));
  return (doc) => {
    try {
      return query.test(doc);
    } catch (error) {
      throw translateMingoError(error, where);
    }
  };
}
