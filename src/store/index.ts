// The store's public surface: openDb and the MongoDB-compatible types that
// concepts use (`Db`, `Collection`, `Filter` …), plus `freshID` and `ID`.
// Concepts written for the MongoDB driver change only their import.
export type { Collection } from "./api/collection.ts";
export type { Db, OpenedDb } from "./api/db.ts";
export type {
  Document, EnhancedOmit, Flatten, InferIdType, OptionalId, OptionalUnlessRequiredId, WithId, WithoutId,
} from "./api/document.ts";
export type { AlternativeType, Condition, Filter, FilterOperators, RegExpOrString, RootFilterOperators } from "./api/filter.ts";
export type { FindCursor, ListCollectionsCursor } from "./api/find-cursor.ts";
export type {
  BulkWriteOptions, CountDocumentsOptions, CreateIndexesOptions, DeleteOptions, FindOneAndDeleteOptions,
  FindOneAndReplaceOptions, FindOneAndUpdateOptions, FindOneOptions, FindOptions, IndexSpecification,
  InsertOneOptions, ReplaceOptions, ReturnDocument, Sort, SortDirection, UpdateOptions,
} from "./api/options.ts";
export type {
  CollectionInfo, DeleteResult, IndexDescriptionInfo, IndexDirection, InsertManyResult, InsertOneResult,
  ModifyResult, UpdateResult,
} from "./api/results.ts";
export type { MatchKeysAndValues, OnlyFieldsOfType, UpdateFilter } from "./api/update-filter.ts";
export { DuplicateKeyError } from "./core/duplicate-key-error.ts";
export { DEFAULT_DATABASE_URL, parseDatabaseUrl, type DatabaseTarget } from "./database-url.ts";
export type { Empty } from "./empty.ts";
export { freshID, type ID } from "./fresh-id.ts";
export { openDb, resolveTarget, type DbConfig } from "./open-db.ts";
