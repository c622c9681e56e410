// The seam between the shared store core and one SQL database. Everything a
// dialect does differently sits behind these small interfaces; query
// planning, cursors, updates and errors live once, in the core.
//
// The interface is async because pg is; better-sqlite3 is synchronous and
// answers with already-settled promises, so SQLite pays only a microtask.

import type { KeyScalar, KeyType, SqlParams } from "./index-key.ts";

/** A value bound to a placeholder. */
export type SqlValue = string | number | null;
/** A result row: column name → value. */
export type SqlRow = Record<string, unknown>;

/** Runs statements, inside or outside a transaction. */
export interface SqlExecutor {
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** A connection (or pool) to one database. */
export interface SqlConnection extends SqlExecutor {
  readonly dialect: Dialect;
  /**
   * Runs `body` in one transaction that commits when it resolves and rolls
   * back when it throws. Transactions never interleave with each other's
   * reads and writes on the same rows (SQLite: one at a time; PostgreSQL: row
   * locks taken by `Dialect.forUpdate` reads).
   */
  transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}


/** What differs between SQL dialects. */
export interface Dialect {
  readonly name: "sqlite" | "postgres";
  /** Column type of the `_id` key column (binary collation: key order must be byte order). */
  readonly idType: string;
  /** Column type of the JSON document column. */
  readonly docType: string;
  /** How to select the document as JSON text. */
  readonly docText: string;
  /** Suffix for a SELECT that will be followed by writes to the same rows. */
  readonly forUpdate: string;
  /**
   * How a single-document read-modify-write stays atomic: in a transaction
   * (cheap where there are no round trips), or by compare-and-swap — read,
   * then write only if the stored document is unchanged, else retry — which
   * saves two round trips and holds no lock across them.
   */
  readonly singleWrites: "transaction" | "compare-and-swap";
  /** `"name"` quoted for use as an identifier. */
  ident(name: string): string;
  /** The table (or other object) `name`, quoted and schema-qualified. */
  qualify(name: string): string;
  /** The placeholder for the n-th parameter (1-based). */
  param(n: number): string;
  /**
   * Index column expressions whose tuple is the order-preserving key of the
   * value at `path` (see core/index-key.ts).
   */
  keyColumns(path: readonly string[]): readonly string[];
  /** The SQL tuple (one item per key column) of a scalar's key, adding parameters as needed. */
  keyTuple(value: KeyScalar, params: SqlParams): readonly string[];
  /** A condition true when the key in `columns` is of `type`; index-searchable. */
  keyHasType(columns: readonly string[], type: KeyType): string;
  /** Statements that create the schema if the dialect has one, run once per connection. */
  setupStatements(): string[];
  /** A statement that serialises DDL across processes inside a transaction, if needed. */
  readonly ddlLock: string | null;
  /** SQL over top-level fields, for updates run as one statement (push-field-update.ts); null to run every update in JS. */
  readonly fields: FieldSql | null;
  /** The name of the unique index (or primary key) a failed statement violated, else null. */
  uniqueViolation(error: unknown): string | null;
  /** True when a statement failed because its table does not exist. */
  isMissingTable(error: unknown): boolean;
}

/** The JSON types a pushed-down update tests a field for. */
export type FieldType = "number" | "string" | "true" | "false" | "null";

/**
 * Expressions over the top-level field `name` of the row's `doc` (a plain
 * name: no quotes, backslashes, dots or control characters), and the JSON
 * values an update writes there. Numbers are doubles, as in JavaScript. Each
 * expression argument appears exactly once in the result: it may hold a
 * placeholder, and SQLite's are positional.
 */
export interface FieldSql {
  /** True when the field holds a value of `type`; false when it is missing. */
  is(name: string, type: FieldType): string;
  /** True when the document has no field `name`. */
  missing(name: string): string;
  /** The field's number as a double; evaluate only where `is(name, "number")` holds (PostgreSQL raises otherwise). */
  double(name: string): string;
  /** The field's string as text; evaluate only where `is(name, "string")` holds. */
  text(name: string): string;
  /** A parameter holding a number, as a double. */
  doubleParam(param: string): string;
  /** The JSON value whose JSON text a parameter holds. */
  jsonParam(param: string): string;
  /** A double as a JSON number value. */
  doubleJson(double: string): string;
  /** The double that `doubleJson(double)`, once stored, reads back as (JSON numbers are written as decimal text). */
  storedDouble(double: string): string;
  /**
   * The largest magnitude of a number an update may compute and store, where
   * the stored number still equals (also as an index key) the one JS would
   * have written; null for no bound.
   */
  readonly maxNumber: number | null;
  /** True when `column` equals one of the strings in the JSON array a parameter holds; searches an index on it. */
  inStrings(column: string, param: string): string;
  /** The document with top-level fields set, in this order, to JSON values (new fields are added). */
  setFields(fields: readonly (readonly [name: string, json: string])[]): string;
}
