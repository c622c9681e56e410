// The state and SQL plumbing of one collection of a SQL database, shared by
// its readers (read-documents.ts), writers (write-documents.ts) and the public
// Collection class: table name, known indexes, prepared statement texts, and
// the translation of database failures into EnsembleErrors.
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import { DuplicateKeyError } from "./duplicate-key-error.ts";
import type { PlannerContext } from "./filter-planner.ts";
import { ID_INDEX, type IndexInfo } from "./index-spec.ts";
import { IndexKey, SqlParams } from "./index-key.ts";
import { createCollectionTable, ddl, readIndexes, sqlIdentifier } from "./schema.ts";
import type { Dialect, SqlConnection, SqlExecutor, SqlValue } from "./sql-backend.ts";

/** Statement shapes kept per collection; an app has a few dozen, this only bounds odd workloads. */
const MAX_STATEMENTS = 1000;

/** A statement that failed while writing `doc`; unwrapped into a duplicate-key error outside the transaction. */
export class StatementFailure {
  constructor(readonly error: unknown, readonly doc: Document) {}
}

/** What a collection needs from its database. */
export interface DbHandle {
  readonly databaseName: string;
  /** The open connection; throws STORE_CLOSED after close(). */
  connection(): SqlConnection;
}

export class CollectionCore {
  readonly d: Dialect;
  /** Bare SQL table name. */
  readonly tableName: string;
  /** Quoted, qualified table name. */
  readonly table: string;
  readonly namespace: string;
  /** Statement texts of the hot paths, built once. */
  readonly sql: {
    selectById: string; insert: string; updateById: string; deleteById: string;
    /** Compare-and-swap: write only if the stored document is still the given one. */
    swapById: string; deleteIfUnchanged: string;
  };
  private created = false;
  private indexList: IndexInfo[] | null = null;
  private leading = new Map<string, IndexKey>();
  /** Statement texts by plan shape (see FilterPlan.shape); valid for the current index list. */
  private statements = new Map<string, string>();

  constructor(readonly db: DbHandle, readonly name: string, dialect: Dialect) {
    this.d = dialect;
    this.tableName = sqlIdentifier(name);
    this.table = dialect.qualify(this.tableName);
    this.namespace = `${db.databaseName}.${name}`;
    const p = (n: number): string => dialect.param(n);
    this.sql = {
      selectById: `SELECT ${dialect.docText} AS doc FROM ${this.table} WHERE _id = ${p(1)}`,
      insert: `INSERT INTO ${this.table} (_id, doc) VALUES (${p(1)}, ${p(2)})`,
      updateById: `UPDATE ${this.table} SET doc = ${p(1)} WHERE _id = ${p(2)}`,
      deleteById: `DELETE FROM ${this.table} WHERE _id = ${p(1)}`,
      swapById: `UPDATE ${this.table} SET doc = ${p(1)} WHERE _id = ${p(2)} AND doc = ${p(3)}`,
      deleteIfUnchanged: `DELETE FROM ${this.table} WHERE _id = ${p(1)} AND doc = ${p(2)}`,
    };
  }

  get conn(): SqlConnection {
    return this.db.connection();
  }

  /** True once the index list is known: callers on hot paths skip awaiting `indexes()` then. */
  get indexesKnown(): boolean {
    return this.indexList !== null;
  }

  /** The collection's secondary indexes (read once, then kept up to date by this process). */
  async indexes(): Promise<IndexInfo[]> {
    if (this.indexList === null) this.setIndexes(await readIndexes(this.conn, this.d, this.name));
    return this.indexList!;
  }

  setIndexes(list: IndexInfo[]): void {
    this.indexList = list;
    this.leading = new Map();
    this.statements = new Map();
    for (const index of list) {
      const path = index.keys[0]![0];
      if (!this.leading.has(path)) this.leading.set(path, new IndexKey(this.d, path.split(".")));
    }
  }

  /** The key of `path` when an index starts with it (call indexes() first). */
  indexedKey(path: string): IndexKey | undefined {
    return this.leading.get(path);
  }

  /**
   * The statement text cached under `key`, built by `build` the first time.
   * Reusing one string object lets the connection's prepared-statement cache
   * find it without hashing kilobytes of SQL on every call.
   */
  statement(key: string, build: () => string): string {
    let sql = this.statements.get(key);
    if (sql === undefined) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      sql = build();
      this.statements.set(key, sql);
    }
    return sql;
  }

  /** A planner context with fresh parameters. */
  planner(): PlannerContext & { params: SqlParams } {
    return { params: new SqlParams(this.d.param), indexed: (path) => this.leading.get(path), idColumn: "_id" };
  }

  /** Creates the table on first write (MongoDB creates collections implicitly). */
  async ensureTable(): Promise<void> {
    if (this.created) return;
    await ddl(this.conn, (tx) => createCollectionTable(tx, this.d, this.name, this.tableName));
    this.created = true;
  }

  /** Forgets cached state, e.g. after the table was dropped. */
  reset(): void {
    this.created = false;
    this.indexList = null;
    this.leading = new Map();
    this.statements = new Map();
  }

  /** Runs a write that needs the table, creating it first and once more if it vanished meanwhile. */
  async write<T>(work: () => Promise<T>): Promise<T> {
    try {
      await this.ensureTable();
      try {
        return await work();
      } catch (error) {
        if (!this.missingTable(error)) throw error;
        this.reset();
        await this.ensureTable();
        return await work();
      }
    } catch (error) {
      throw await this.failure(error);
    }
  }

  /** Runs a read (or a write that needs no table); a collection that does not exist reads as `empty`. */
  async read<T>(work: () => Promise<T>, empty: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (this.missingTable(error)) return empty;
      throw await this.failure(error);
    }
  }

  /** Runs a statement that writes `doc`, marking a failure with the document for failure(). */
  async writeRow(exec: SqlExecutor, sql: string, params: readonly SqlValue[], doc: Document): Promise<number> {
    try {
      return await exec.run(sql, params);
    } catch (error) {
      throw new StatementFailure(error, doc);
    }
  }

  private missingTable(error: unknown): boolean {
    return this.d.isMissingTable(error instanceof StatementFailure ? error.error : error);
  }

  /** The error to throw for a failed call: duplicate keys as the driver reports them, the rest as STORE_ERROR. */
  async failure(error: unknown): Promise<unknown> {
    let doc: Document | undefined;
    if (error instanceof StatementFailure) [error, doc] = [error.error, error.doc];
    if (error instanceof EnsembleError) return error;
    const violated = this.d.uniqueViolation(error);
    if (violated !== null && doc) return this.duplicateKey(violated, doc);
    const message = error instanceof Error ? error.message : String(error);
    return new EnsembleError("STORE_ERROR", `${this.d.name} failed on collection "${this.name}": ${message}`,
      { collection: this.name }, { cause: error });
  }

  private async duplicateKey(sqlName: string, doc: Document): Promise<EnsembleError> {
    if (sqlName === "_id_") return new DuplicateKeyError(this.namespace, ID_INDEX, doc);
    let index = (await this.indexes()).find((i) => i.sqlName === sqlName);
    if (!index) {
      // Created by another process since we read the list.
      this.indexList = null;
      index = (await this.indexes()).find((i) => i.sqlName === sqlName);
    }
    return index
      ? new DuplicateKeyError(this.namespace, index, doc)
      : new EnsembleError(11000, `E11000 duplicate key error collection: ${this.namespace} index: ${sqlName}`, { index: sqlName });
  }
}
