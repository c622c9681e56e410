// The SQL layout of a document database, shared by every dialect:
//   one table per collection: _id (primary-key text, see idKey) + doc (JSON);
//   _ensemble_collections: collection name → table name (for listCollections);
//   _ensemble_indexes:     the MongoDB index definitions behind the SQL indexes.
// DDL runs in a transaction holding the dialect's DDL lock, so that processes
// creating the same collection or index at once do not trip over each other.
import { createHash } from "node:crypto";
import { EnsembleError } from "../../ensemble-error.ts";
import type { IndexInfo } from "./index-spec.ts";
import type { Dialect, SqlConnection, SqlExecutor } from "./sql-backend.ts";

export const COLLECTIONS_TABLE = "_ensemble_collections";
export const INDEXES_TABLE = "_ensemble_indexes";
/** PostgreSQL truncates identifiers at 63 bytes; names are kept below on both dialects alike. */
const MAX_IDENTIFIER_BYTES = 63;

/** Statements that create the metadata tables. */
export function metadataStatements(d: Dialect): string[] {
  return [
    ...d.setupStatements(),
    `CREATE TABLE IF NOT EXISTS ${d.qualify(COLLECTIONS_TABLE)} (name TEXT NOT NULL PRIMARY KEY, table_name TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${d.qualify(INDEXES_TABLE)} (collection TEXT NOT NULL, name TEXT NOT NULL, ` +
      `spec TEXT NOT NULL, sql_name TEXT NOT NULL, PRIMARY KEY (collection, name))`,
  ];
}

/** Refuses collection names MongoDB refuses, and our own metadata names. */
export function checkCollectionName(name: string): void {
  if (typeof name !== "string" || name === "" || name.includes("$") || name.includes("\u0000") ||
      name.startsWith("system.") || name.startsWith("_ensemble_")) {
    throw new EnsembleError("INVALID_ARGUMENT",
      `Invalid collection name ${JSON.stringify(name)}: it must be a non-empty string without "$" or NUL ` +
      `that does not start with "system." or "_ensemble_".`, { collection: name });
  }
}

/** A SQL identifier for `name` that fits the length limit, made unique by a hash when shortened. */
export function sqlIdentifier(name: string): string {
  if (Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 10);
  let head = name.slice(0, MAX_IDENTIFIER_BYTES - 11);
  while (Buffer.byteLength(head) > MAX_IDENTIFIER_BYTES - 11) head = head.slice(0, -1);
  return `${head}~${hash}`;
}

/** Runs DDL in a transaction that holds the dialect's cross-process DDL lock. */
export function ddl<T>(conn: SqlConnection, body: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return conn.transaction(async (tx) => {
    if (conn.dialect.ddlLock) await tx.all(conn.dialect.ddlLock);
    return body(tx);
  });
}

/** Creates the table of a collection if needed. */
export async function createCollectionTable(tx: SqlExecutor, d: Dialect, collection: string, table: string): Promise<void> {
  await tx.run(`CREATE TABLE IF NOT EXISTS ${d.qualify(table)} (_id ${d.idType} NOT NULL ` +
    `CONSTRAINT ${d.ident(sqlIdentifier(`pk:${table}`))} PRIMARY KEY, doc ${d.docType} NOT NULL)`);
  await tx.run(`INSERT INTO ${d.qualify(COLLECTIONS_TABLE)} (name, table_name) VALUES (${d.param(1)}, ${d.param(2)}) ` +
    `ON CONFLICT DO NOTHING`, [collection, table]);
}

/** Creates the SQL index behind `index` and records its definition. */
export async function createSqlIndex(tx: SqlExecutor, d: Dialect, collection: string, table: string, index: IndexInfo): Promise<void> {
  const columns = index.keys.flatMap(([path, dir]) =>
    d.keyColumns(path.split(".")).map((c) => `(${c})${dir === -1 ? " DESC" : ""}`));
  await tx.run(`CREATE ${index.unique ? "UNIQUE " : ""}INDEX IF NOT EXISTS ${d.ident(index.sqlName)} ` +
    `ON ${d.qualify(table)} (${columns.join(", ")})`);
  const spec = JSON.stringify({ keys: index.keys, unique: index.unique, sparse: index.sparse });
  await tx.run(`INSERT INTO ${d.qualify(INDEXES_TABLE)} (collection, name, spec, sql_name) VALUES ` +
    `(${d.param(1)}, ${d.param(2)}, ${d.param(3)}, ${d.param(4)}) ON CONFLICT DO NOTHING`,
    [collection, index.name, spec, index.sqlName]);
}

/** The SQL name of a MongoDB index (index names share a namespace with tables in SQL). */
export function sqlIndexName(table: string, name: string): string {
  return sqlIdentifier(`ix:${table}:${name}`);
}

/** Reads the recorded index definitions of a collection. */
export async function readIndexes(exec: SqlExecutor, d: Dialect, collection: string): Promise<IndexInfo[]> {
  const rows = await exec.all(`SELECT name, spec, sql_name FROM ${d.qualify(INDEXES_TABLE)} ` +
    `WHERE collection = ${d.param(1)} ORDER BY name`, [collection]);
  return rows.map((row) => {
    const spec = JSON.parse(String(row.spec)) as Pick<IndexInfo, "keys" | "unique" | "sparse">;
    return { name: String(row.name), sqlName: String(row.sql_name), ...spec };
  });
}

/** Drops a collection's table and its records; false when it did not exist. */
export async function dropCollectionTable(tx: SqlExecutor, d: Dialect, collection: string, table: string): Promise<boolean> {
  const removed = await tx.run(`DELETE FROM ${d.qualify(COLLECTIONS_TABLE)} WHERE name = ${d.param(1)}`, [collection]);
  await tx.run(`DELETE FROM ${d.qualify(INDEXES_TABLE)} WHERE collection = ${d.param(1)}`, [collection]);
  await tx.run(`DROP TABLE IF EXISTS ${d.qualify(table)}`);
  return removed > 0;
}
