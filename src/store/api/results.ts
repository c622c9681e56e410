// Result shapes of write calls, field for field those of the MongoDB driver
// (v6+), so code that reads `deletedCount` or `upsertedId` works unchanged.
import type { Document, InferIdType, WithId } from "./document.ts";

export interface InsertOneResult<TSchema = Document> {
  acknowledged: boolean;
  insertedId: InferIdType<TSchema>;
}

export interface InsertManyResult<TSchema = Document> {
  acknowledged: boolean;
  insertedCount: number;
  /** Position in the input array → id of the inserted document. */
  insertedIds: { [key: number]: InferIdType<TSchema> };
}

export interface UpdateResult<TSchema extends Document = Document> {
  acknowledged: boolean;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  /** Id of the inserted document when an upsert inserted one, else null. */
  upsertedId: InferIdType<TSchema> | null;
}

export interface DeleteResult {
  acknowledged: boolean;
  deletedCount: number;
}

/** What `findOneAnd…` return with `includeResultMetadata: true`. */
export interface ModifyResult<TSchema = Document> {
  value: WithId<TSchema> | null;
  lastErrorObject?: Document;
  ok: 0 | 1;
}

/** One entry of `collection.indexes()`. */
export interface IndexDescriptionInfo extends Document {
  v?: number;
  key: { [key: string]: IndexDirection };
  /** Always set by the store; optional in the driver's type. */
  name?: string;
  unique?: boolean;
  sparse?: boolean;
}

/** One entry of `db.listCollections().toArray()`. */
export interface CollectionInfo extends Document {
  name: string;
  type?: string;
}

/** The direction of an index key; only 1 and -1 are supported by the SQL backends. */
export type IndexDirection = -1 | 1 | "2d" | "2dsphere" | "text" | "geoHaystack" | "hashed" | number;
