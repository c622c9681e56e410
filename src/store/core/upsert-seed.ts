// The document an upsert starts from when nothing matched: MongoDB copies the
// filter's equality conditions (`{ a: 1 }`, `{ a: { $eq: 1 } }`, and those
// inside `$and`) into the new document before applying the update.
import { setValue } from "mingo/util";
import type { Document } from "../api/document.ts";
import { operatorDocument } from "./filter-planner.ts";

export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  collect(filter, seed);
  return seed;
}

function collect(filter: Document, seed: Document): void {
  for (const key in filter) {
    const value: unknown = filter[key];
    if (key === "$and" && Array.isArray(value)) {
      for (const part of value as Document[]) collect(part, seed);
    } else if (!key.startsWith("$")) {
      const ops = operatorDocument(value);
      if (!ops) {
        if (!(value instanceof RegExp)) setValue(seed, key, value);
      } else if ("$eq" in ops) setValue(seed, key, ops.$eq);
    }
  }
}
