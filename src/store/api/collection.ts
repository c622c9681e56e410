// The Collection API: method names, argument shapes, overloads and result
// shapes of the MongoDB driver's Collection (v6+) for what concepts use. The
// driver's own Collection satisfies this interface, which is how the mongodb
// backend passes it straight through.
import type { Document, Flatten, OptionalUnlessRequiredId, WithId, WithoutId } from "./document.ts";
import type { Filter } from "./filter.ts";
import type { FindCursor } from "./find-cursor.ts";
import type {
  BulkWriteOptions, CountDocumentsOptions, CreateIndexesOptions, DeleteOptions, FindOneAndDeleteOptions,
  FindOneAndReplaceOptions, FindOneAndUpdateOptions, FindOneOptions, FindOptions, IndexSpecification,
  InsertOneOptions, ReplaceOptions, Sort, UpdateOptions,
} from "./options.ts";
import type {
  DeleteResult, IndexDescriptionInfo, InsertManyResult, InsertOneResult, ModifyResult, UpdateResult,
} from "./results.ts";
import type { UpdateFilter } from "./update-filter.ts";

export interface Collection<TSchema extends Document = Document> {
  readonly collectionName: string;
  readonly dbName: string;
  /** `<database>.<collection>`. */
  readonly namespace: string;

  insertOne(doc: OptionalUnlessRequiredId<TSchema>, options?: InsertOneOptions): Promise<InsertOneResult<TSchema>>;
  insertMany(docs: ReadonlyArray<OptionalUnlessRequiredId<TSchema>>, options?: BulkWriteOptions): Promise<InsertManyResult<TSchema>>;

  findOne(): Promise<WithId<TSchema> | null>;
  findOne(filter: Filter<TSchema>): Promise<WithId<TSchema> | null>;
  findOne(filter: Filter<TSchema>, options: FindOneOptions): Promise<WithId<TSchema> | null>;
  findOne<T = TSchema>(): Promise<T | null>;
  findOne<T = TSchema>(filter: Filter<TSchema>): Promise<T | null>;
  findOne<T = TSchema>(filter: Filter<TSchema>, options?: FindOneOptions): Promise<T | null>;

  find(): FindCursor<WithId<TSchema>>;
  find(filter: Filter<TSchema>, options?: FindOptions): FindCursor<WithId<TSchema>>;
  find<T extends Document>(filter: Filter<TSchema>, options?: FindOptions): FindCursor<T>;

  countDocuments(filter?: Filter<TSchema>, options?: CountDocumentsOptions): Promise<number>;
  estimatedDocumentCount(options?: unknown): Promise<number>;
  distinct<Key extends keyof WithId<TSchema>>(key: Key): Promise<Array<Flatten<WithId<TSchema>[Key]>>>;
  distinct<Key extends keyof WithId<TSchema>>(key: Key, filter: Filter<TSchema>): Promise<Array<Flatten<WithId<TSchema>[Key]>>>;
  distinct(key: string): Promise<unknown[]>;
  distinct(key: string, filter: Filter<TSchema>): Promise<unknown[]>;

  updateOne(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options?: UpdateOptions & { sort?: Sort }): Promise<UpdateResult<TSchema>>;
  updateMany(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options?: UpdateOptions): Promise<UpdateResult<TSchema>>;
  replaceOne(filter: Filter<TSchema>, replacement: WithoutId<TSchema>, options?: ReplaceOptions): Promise<UpdateResult<TSchema>>;
  deleteOne(filter?: Filter<TSchema>, options?: DeleteOptions): Promise<DeleteResult>;
  deleteMany(filter?: Filter<TSchema>, options?: DeleteOptions): Promise<DeleteResult>;

  findOneAndUpdate(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options: FindOneAndUpdateOptions & { includeResultMetadata: true }): Promise<ModifyResult<TSchema>>;
  findOneAndUpdate(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options: FindOneAndUpdateOptions & { includeResultMetadata: false }): Promise<WithId<TSchema> | null>;
  findOneAndUpdate(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options: FindOneAndUpdateOptions): Promise<WithId<TSchema> | null>;
  findOneAndUpdate(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[]): Promise<WithId<TSchema> | null>;
  findOneAndReplace(filter: Filter<TSchema>, replacement: WithoutId<TSchema>, options: FindOneAndReplaceOptions & { includeResultMetadata: true }): Promise<ModifyResult<TSchema>>;
  findOneAndReplace(filter: Filter<TSchema>, replacement: WithoutId<TSchema>, options: FindOneAndReplaceOptions & { includeResultMetadata: false }): Promise<WithId<TSchema> | null>;
  findOneAndReplace(filter: Filter<TSchema>, replacement: WithoutId<TSchema>, options: FindOneAndReplaceOptions): Promise<WithId<TSchema> | null>;
  findOneAndReplace(filter: Filter<TSchema>, replacement: WithoutId<TSchema>): Promise<WithId<TSchema> | null>;
  findOneAndDelete(filter: Filter<TSchema>, options: FindOneAndDeleteOptions & { includeResultMetadata: true }): Promise<ModifyResult<TSchema>>;
  findOneAndDelete(filter: Filter<TSchema>, options: FindOneAndDeleteOptions & { includeResultMetadata: false }): Promise<WithId<TSchema> | null>;
  findOneAndDelete(filter: Filter<TSchema>, options: FindOneAndDeleteOptions): Promise<WithId<TSchema> | null>;
  findOneAndDelete(filter: Filter<TSchema>): Promise<WithId<TSchema> | null>;

  createIndex(indexSpec: IndexSpecification, options?: CreateIndexesOptions): Promise<string>;
  dropIndex(indexName: string): Promise<Document>;
  indexes(): Promise<IndexDescriptionInfo[]>;
  indexExists(indexes: string | string[]): Promise<boolean>;
  /** Removes the collection and its indexes; true (the driver's result). */
  drop(): Promise<boolean>;
}
