// The Db API that concepts receive: `db.collection(name)` and a few database
// calls, with the MongoDB driver's signatures (its Db satisfies this), plus
// `close()` so that an app can shut its store down without the MongoClient.
import type { Collection } from "./collection.ts";
import type { Document } from "./document.ts";
import type { ListCollectionsCursor } from "./find-cursor.ts";
import type { CollectionInfo } from "./results.ts";

export interface Db {
  readonly databaseName: string;
  collection<TSchema extends Document = Document>(name: string): Collection<TSchema>;
  /** The collections that exist (have been written to or indexed). */
  listCollections(filter?: Document, options?: { nameOnly?: boolean }): ListCollectionsCursor<CollectionInfo>;
  dropCollection(name: string): Promise<boolean>;
  /** Removes every collection of this database. */
  dropDatabase(): Promise<boolean>;
}

/** A Db opened by `openDb`, which owns its connection and must be closed. */
export interface OpenedDb extends Db {
  /** Which backend serves this database. */
  readonly backend: "sqlite" | "postgres" | "mongodb";
  /** Closes the connection (pool, file, client); later calls throw STORE_CLOSED. */
  close(): Promise<void>;
}
