// Option types of the Collection methods, modelled on the MongoDB driver's.
// Options that only tune a MongoDB server (write concern, hints, timeouts) are
// accepted and have no effect on the SQL backends; options that would change
// results and are not implemented there (collation, sessions …) are rejected
// at run time rather than ignored.
import type { Document } from "./document.ts";
import type { IndexDirection } from "./results.ts";

export type SortDirection = 1 | -1 | "asc" | "desc" | "ascending" | "descending";
/** A sort: `{ field: 1 | -1 }`, a field name, `[field, dir]` pairs … as the driver accepts. */
export type Sort =
  | string
  | SortDirection
  | ReadonlyArray<string>
  | { readonly [key: string]: SortDirection }
  | ReadonlyMap<string, SortDirection>
  | ReadonlyArray<readonly [string, SortDirection]>
  | readonly [string, SortDirection];

/** Options every call accepts; server-only tuning knobs are ignored by the SQL backends. */
export interface CommonOptions {
  comment?: unknown;
  maxTimeMS?: number;
  bypassDocumentValidation?: boolean;
}

export interface FindOptions extends CommonOptions {
  hint?: string | Document;
  limit?: number;
  skip?: number;
  sort?: Sort;
  projection?: Document;
  batchSize?: number;
  allowDiskUse?: boolean;
}
export type FindOneOptions = Omit<FindOptions, "batchSize" | "limit">;
export interface CountDocumentsOptions extends CommonOptions { limit?: number; skip?: number }
export type InsertOneOptions = CommonOptions;
export interface BulkWriteOptions extends CommonOptions { ordered?: boolean }
export interface UpdateOptions extends CommonOptions {
  upsert?: boolean;
  arrayFilters?: Document[];
  let?: Document;
}
export type ReplaceOptions = Omit<UpdateOptions, "arrayFilters">;
export type DeleteOptions = CommonOptions;
export type ReturnDocument = "before" | "after";
export interface FindOneAndDeleteOptions extends CommonOptions {
  projection?: Document;
  sort?: Sort;
  includeResultMetadata?: boolean;
}
export interface FindOneAndReplaceOptions extends FindOneAndDeleteOptions {
  returnDocument?: ReturnDocument;
  upsert?: boolean;
}
export interface FindOneAndUpdateOptions extends FindOneAndReplaceOptions {
  arrayFilters?: Document[];
  let?: Document;
}
export interface CreateIndexesOptions extends CommonOptions {
  unique?: boolean;
  name?: string;
  /** Accepted: unique indexes of the SQL backends already skip documents where a key is null or missing. */
  sparse?: boolean;
  background?: boolean;
}
/** An index key: `"field"`, `{ field: 1, other: -1 }`, `[field, dir]` pairs … as the driver accepts. */
export type IndexSpecification =
  | string
  | [string, IndexDirection]
  | { [key: string]: IndexDirection }
  | Map<string, IndexDirection>
  | ReadonlyArray<string | [string, IndexDirection] | { [key: string]: IndexDirection } | Map<string, IndexDirection>>;
