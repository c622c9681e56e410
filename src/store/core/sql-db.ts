// Db on a SQL database (SQLite or PostgreSQL): hands out collections, lists
// and drops them, and owns the connection.
import { EnsembleError } from "../../ensemble-error.ts";
import type { Collection } from "../api/collection.ts";
import type { OpenedDb } from "../api/db.ts";
import type { Document } from "../api/document.ts";
import type { ListCollectionsCursor } from "../api/find-cursor.ts";
import type { CollectionInfo } from "../api/results.ts";
import { CollectionCore, type DbHandle } from "./collection-core.ts";
import { compileFilter } from "./query-matcher.ts";
import { checkCollectionName, COLLECTIONS_TABLE, ddl, dropCollectionTable, metadataStatements } from "./schema.ts";
import type { SqlConnection } from "./sql-backend.ts";
import { SqlCollection } from "./sql-collection.ts";

export class SqlDb implements OpenedDb, DbHandle {
  private readonly collections = new Map<string, { core: CollectionCore; api: SqlCollection }>();
  private closed = false;

  private constructor(private readonly conn: SqlConnection, readonly databaseName: string,
    readonly backend: "sqlite" | "postgres") {}

  /** Wraps an open connection, creating the store's metadata tables if needed. */
  static async open(conn: SqlConnection, databaseName: string, backend: "sqlite" | "postgres"): Promise<SqlDb> {
    try {
      await ddl(conn, async (tx) => {
        for (const statement of metadataStatements(conn.dialect)) await tx.run(statement);
      });
    } catch (error) {
      await conn.close().catch(() => undefined);
      throw new EnsembleError("STORE_ERROR", `Could not set up the ${backend} database "${databaseName}": ` +
        `${error instanceof Error ? error.message : String(error)}`, { backend }, { cause: error });
    }
    return new SqlDb(conn, databaseName, backend);
  }

  connection(): SqlConnection {
    if (this.closed) {
      throw new EnsembleError("STORE_CLOSED", `The ${this.backend} database "${this.databaseName}" is closed; ` +
        `open a new one with openDb().`);
    }
    return this.conn;
  }

  collection<TSchema extends Document = Document>(name: string): Collection<TSchema> {
    return this.entry(name).api as unknown as Collection<TSchema>;
  }

  private entry(name: string): { core: CollectionCore; api: SqlCollection } {
    let entry = this.collections.get(name);
    if (!entry) {
      checkCollectionName(name);
      const core = new CollectionCore(this, name, this.conn.dialect);
      entry = { core, api: new SqlCollection(core) };
      this.collections.set(name, entry);
    }
    return entry;
  }

  listCollections(filter: Document = {}): ListCollectionsCursor<CollectionInfo> {
    const load = async (): Promise<CollectionInfo[]> => {
      const d = this.conn.dialect;
      const rows = await this.connection().all(`SELECT name FROM ${d.qualify(COLLECTIONS_TABLE)} ORDER BY name`);
      const matches = compileFilter(filter, COLLECTIONS_TABLE);
      return rows.map((r): CollectionInfo => ({ name: String(r.name), type: "collection" })).filter(matches);
    };
    return {
      toArray: load,
      async *[Symbol.asyncIterator]() {
        yield* await load();
      },
    };
  }

  async dropCollection(name: string): Promise<boolean> {
    return this.collection(name).drop();
  }

  async dropDatabase(): Promise<boolean> {
    const names = (await this.listCollections().toArray()).map((c) => c.name);
    await ddl(this.connection(), async (tx) => {
      for (const name of names) {
        await dropCollectionTable(tx, this.conn.dialect, name, this.entry(name).core.tableName);
      }
    });
    for (const { core } of this.collections.values()) core.reset();
    return true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.conn.close();
  }
}
