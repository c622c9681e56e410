// Collection<T> on a SQL database: the driver's methods, argument shapes and
// result shapes, implemented by the shared core (read-documents,
// write-documents) so that every SQL dialect behaves the same.
import { compare, isEqual, resolve } from "mingo/util";
import { EnsembleError } from "../../ensemble-error.ts";
import type { Collection } from "../api/collection.ts";
import type { Document, OptionalUnlessRequiredId, WithId, WithoutId } from "../api/document.ts";
import type { Filter } from "../api/filter.ts";
import type { FindCursor } from "../api/find-cursor.ts";
import type {
  BulkWriteOptions, CountDocumentsOptions, CreateIndexesOptions, FindOneAndDeleteOptions, FindOneAndReplaceOptions,
  FindOneAndUpdateOptions, FindOneOptions, FindOptions, IndexSpecification, ReplaceOptions, UpdateOptions,
} from "../api/options.ts";
import type { DeleteResult, IndexDescriptionInfo, InsertManyResult, InsertOneResult, ModifyResult, UpdateResult } from "../api/results.ts";
import type { UpdateFilter } from "../api/update-filter.ts";
import type { CollectionCore } from "./collection-core.ts";
import { decodeDocument, idKey } from "./document-codec.ts";
import { type FieldUpdate, fieldUpdate } from "./field-update.ts";
import { projectDocuments } from "./finish-results.ts";
import { operatorDocument } from "./filter-planner.ts";
import { createIndex, dropCollection, dropIndex, listIndexes } from "./index-ddl.ts";
import { type Mutation, replaceMutation, updateMutation } from "./mutation.ts";
import { countMatching, readAll } from "./read-documents.ts";
import { SqlFindCursor } from "./sql-find-cursor.ts";
import { normalizeSort } from "./sort-spec.ts";
import { deleteDocuments, insertDocuments, modifyDocuments, type ModifyOutcome } from "./write-documents.ts";

type Id<T> = WithId<T>["_id"];

export class SqlCollection<TSchema extends Document = Document> implements Collection<TSchema> {
  constructor(private readonly core: CollectionCore) {}

  get collectionName(): string { return this.core.name; }
  get dbName(): string { return this.core.db.databaseName; }
  get namespace(): string { return this.core.namespace; }

  async insertOne(doc: OptionalUnlessRequiredId<TSchema>): Promise<InsertOneResult<TSchema>> {
    const [insertedId] = await insertDocuments(this.core, [doc as Document]);
    return { acknowledged: true, insertedId: insertedId as InsertOneResult<TSchema>["insertedId"] };
  }

  async insertMany(docs: ReadonlyArray<OptionalUnlessRequiredId<TSchema>>, _options?: BulkWriteOptions): Promise<InsertManyResult<TSchema>> {
    if (!Array.isArray(docs)) throw new EnsembleError("INVALID_ARGUMENT", `insertMany on "${this.core.name}" takes an array of documents.`);
    const ids = docs.length === 0 ? [] : await insertDocuments(this.core, docs as readonly Document[]);
    return { acknowledged: true, insertedCount: ids.length, insertedIds: { ...ids } as InsertManyResult<TSchema>["insertedIds"] };
  }

  findOne<T = WithId<TSchema>>(filter: Filter<TSchema> = {}, options?: FindOneOptions): Promise<T | null> {
    const id = idLookup(filter, options);
    if (id !== undefined) {
      const core = this.core;
      return core.read(async () => {
        const row = (await core.conn.all(core.sql.selectById, [idKey(id)]))[0];
        return row ? (decodeDocument(row.doc as string) as T) : null;
      }, null);
    }
    return this.find(filter, { ...options, limit: 1 }).next() as Promise<T | null>;
  }

  find<T extends Document = WithId<TSchema>>(filter: Filter<TSchema> = {}, options?: FindOptions): FindCursor<T> {
    return new SqlFindCursor<T>(this.core, filter as Document, options);
  }

  async countDocuments(filter: Filter<TSchema> = {}, options: CountDocumentsOptions = {}): Promise<number> {
    return countMatching(this.core, filter as Document, options.skip ?? 0, options.limit ?? 0);
  }

  async estimatedDocumentCount(): Promise<number> {
    const core = this.core;
    return core.read(async () => Number((await core.conn.all(`SELECT COUNT(*) AS n FROM ${core.table}`))[0]!.n), 0);
  }

  async distinct(key: string, filter: Filter<TSchema> = {}): Promise<never[]> {
    const docs = await readAll(this.core, { filter: filter as Document, sort: [], skip: 0, limit: 0, pageSize: Infinity });
    const values: unknown[] = [];
    for (const doc of docs) {
      const value: unknown = resolve(doc, key);
      // MongoDB counts each element of an array value separately.
      for (const v of Array.isArray(value) ? value : [value]) {
        if (v !== undefined && !values.some((seen) => isEqual(seen, v))) values.push(v);
      }
    }
    return values.sort(compare) as never[];
  }

  async updateOne(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options: UpdateOptions & { sort?: FindOptions["sort"] } = {}): Promise<UpdateResult<TSchema>> {
    const mutation = updateMutation(update, { collection: this.core.name, filter: filter as Document, arrayFilters: options.arrayFilters });
    return updateResult(await this.modify(filter, mutation, false, options.upsert, options.sort, false, pushable(update, options)));
  }

  async updateMany(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options: UpdateOptions = {}): Promise<UpdateResult<TSchema>> {
    const mutation = updateMutation(update, { collection: this.core.name, filter: filter as Document, arrayFilters: options.arrayFilters });
    return updateResult(await this.modify(filter, mutation, true, options.upsert, undefined, false, pushable(update, options)));
  }

  async replaceOne(filter: Filter<TSchema>, replacement: WithoutId<TSchema>, options: ReplaceOptions = {}): Promise<UpdateResult<TSchema>> {
    const mutation = replaceMutation(replacement as Document, { collection: this.core.name, filter: filter as Document });
    return updateResult(await this.modify(filter, mutation, false, options.upsert));
  }

  async deleteOne(filter: Filter<TSchema> = {}): Promise<DeleteResult> {
    return { acknowledged: true, deletedCount: (await deleteDocuments(this.core, filter as Document, false)).deleted };
  }

  async deleteMany(filter: Filter<TSchema> = {}): Promise<DeleteResult> {
    return { acknowledged: true, deletedCount: (await deleteDocuments(this.core, filter as Document, true)).deleted };
  }

  findOneAndUpdate(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options: FindOneAndUpdateOptions & { includeResultMetadata: true }): Promise<ModifyResult<TSchema>>;
  findOneAndUpdate(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options?: FindOneAndUpdateOptions): Promise<WithId<TSchema> | null>;
  async findOneAndUpdate(filter: Filter<TSchema>, update: UpdateFilter<TSchema> | Document[], options: FindOneAndUpdateOptions = {}): Promise<ModifyResult<TSchema> | WithId<TSchema> | null> {
    const mutation = updateMutation(update, { collection: this.core.name, filter: filter as Document, arrayFilters: options.arrayFilters });
    return this.findAndModify(filter, mutation, options);
  }

  findOneAndReplace(filter: Filter<TSchema>, replacement: WithoutId<TSchema>, options: FindOneAndReplaceOptions & { includeResultMetadata: true }): Promise<ModifyResult<TSchema>>;
  findOneAndReplace(filter: Filter<TSchema>, replacement: WithoutId<TSchema>, options?: FindOneAndReplaceOptions): Promise<WithId<TSchema> | null>;
  async findOneAndReplace(filter: Filter<TSchema>, replacement: WithoutId<TSchema>, options: FindOneAndReplaceOptions = {}): Promise<ModifyResult<TSchema> | WithId<TSchema> | null> {
    const mutation = replaceMutation(replacement as Document, { collection: this.core.name, filter: filter as Document });
    return this.findAndModify(filter, mutation, options);
  }

  findOneAndDelete(filter: Filter<TSchema>, options: FindOneAndDeleteOptions & { includeResultMetadata: true }): Promise<ModifyResult<TSchema>>;
  findOneAndDelete(filter: Filter<TSchema>, options?: FindOneAndDeleteOptions): Promise<WithId<TSchema> | null>;
  async findOneAndDelete(filter: Filter<TSchema>, options: FindOneAndDeleteOptions = {}): Promise<ModifyResult<TSchema> | WithId<TSchema> | null> {
    const { first } = await deleteDocuments(this.core, filter as Document, false, normalizeSort(options.sort));
    const value = this.projected(first, options.projection);
    return options.includeResultMetadata ? { value, ok: 1, lastErrorObject: { n: first ? 1 : 0 } } : value;
  }

  createIndex(indexSpec: IndexSpecification, options?: CreateIndexesOptions): Promise<string> {
    return createIndex(this.core, indexSpec, options);
  }

  dropIndex(indexName: string): Promise<Document> {
    return dropIndex(this.core, indexName);
  }

  indexes(): Promise<IndexDescriptionInfo[]> {
    return listIndexes(this.core);
  }

  async indexExists(indexes: string | string[]): Promise<boolean> {
    const names = new Set((await this.indexes()).map((i) => i.name));
    return (Array.isArray(indexes) ? indexes : [indexes]).every((n) => names.has(n));
  }

  drop(): Promise<boolean> {
    return dropCollection(this.core);
  }

  private modify(filter: Filter<TSchema>, mutation: Mutation, multi: boolean, upsert?: boolean,
      sort?: FindOptions["sort"], keepBefore = false, fields: FieldUpdate | null = null): Promise<ModifyOutcome> {
    return modifyDocuments(this.core, filter as Document, mutation, { multi, upsert, sort: normalizeSort(sort), keepBefore, fields });
  }

  private async findAndModify(filter: Filter<TSchema>, mutation: Mutation,
      options: FindOneAndReplaceOptions): Promise<ModifyResult<TSchema> | WithId<TSchema> | null> {
    const before = options.returnDocument !== "after";
    const outcome = await this.modify(filter, mutation, false, options.upsert, options.sort, before);
    const value = this.projected(before ? outcome.before : outcome.after, options.projection);
    if (!options.includeResultMetadata) return value;
    const upserted = outcome.upsertedId !== null;
    const lastErrorObject: Document = { n: upserted ? 1 : outcome.matched, updatedExisting: outcome.matched > 0 };
    if (upserted) lastErrorObject.upserted = outcome.upsertedId;
    return { value, ok: 1, lastErrorObject };
  }

  private projected(doc: Document | null, projection: Document | undefined): WithId<TSchema> | null {
    if (doc === null) return null;
    return (projection ? projectDocuments([doc], projection, this.core.name)[0]! : doc) as WithId<TSchema>;
  }
}

/** The `_id` of a filter that is exactly `{ _id: <value> }` with no options, else undefined. */
function idLookup(filter: Document, options: FindOneOptions | undefined): unknown {
  if (options !== undefined && Object.keys(options).length > 0) return undefined;
  let id: unknown;
  let count = 0;
  for (const key in filter) {
    if (key !== "_id" || ++count > 1) return undefined;
    id = filter[key];
  }
  if (id === undefined || id === null || id instanceof RegExp || Array.isArray(id) || operatorDocument(id)) return undefined;
  return id;
}

/**
 * The update as field changes SQL may apply by itself (push-field-update.ts):
 * not for upserts, array filters or a sort, which need the documents in JS.
 */
function pushable(update: Document | Document[], options: UpdateOptions & { sort?: FindOptions["sort"] }): FieldUpdate | null {
  return options.upsert || options.arrayFilters || options.sort ? null : fieldUpdate(update);
}

function updateResult<TSchema extends Document>(outcome: ModifyOutcome): UpdateResult<TSchema> {
  const upserted = outcome.upsertedId !== null;
  return {
    acknowledged: true,
    matchedCount: outcome.matched,
    modifiedCount: outcome.modified,
    upsertedCount: upserted ? 1 : 0,
    upsertedId: (upserted ? outcome.upsertedId : null) as Id<TSchema> | null,
  };
}
