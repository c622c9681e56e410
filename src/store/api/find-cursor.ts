// The cursor `find()` returns: the subset of the driver's FindCursor that
// concepts use, with the driver's signatures, so a driver cursor satisfies it.
import type { Document } from "./document.ts";
import type { Sort, SortDirection } from "./options.ts";

export interface FindCursor<TSchema = Document> extends AsyncIterable<TSchema> {
  /** Orders the results; calls after iteration began throw, as in the driver. */
  sort(sort: Sort | string, direction?: SortDirection): this;
  skip(value: number): this;
  limit(value: number): this;
  /** Keeps (1) or drops (0) fields, with the driver's projection rules. */
  project<T extends Document = Document>(value: Document): FindCursor<T>;
  map<T>(transform: (doc: TSchema) => T): FindCursor<T>;
  batchSize(value: number): this;
  toArray(): Promise<TSchema[]>;
  next(): Promise<TSchema | null>;
  tryNext(): Promise<TSchema | null>;
  hasNext(): Promise<boolean>;
  forEach(iterator: (doc: TSchema) => boolean | void): Promise<void>;
  /** Starts over: the next read runs the query again. */
  rewind(): void;
  close(): Promise<void>;
  clone(): FindCursor<TSchema>;
  readonly closed: boolean;
  [Symbol.asyncIterator](): AsyncGenerator<TSchema, void, void>;
}

/** The cursor `db.listCollections()` returns. */
export interface ListCollectionsCursor<T> extends AsyncIterable<T> {
  toArray(): Promise<T[]>;
  [Symbol.asyncIterator](): AsyncGenerator<T, void, void>;
}
