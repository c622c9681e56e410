// Opens the PostgreSQL backend: a pg pool on a database (and schema), JSONB
// documents. Several app instances may share the database; each sees the
// others' writes, and unique indexes hold across all of them.
// Loaded on demand by openDb; also the `./store/postgres` subpath.
import pg from "pg";
import type { OpenedDb } from "../api/db.ts";
import { SqlDb } from "../core/sql-db.ts";
import { postgresDialect } from "./postgres-dialect.ts";
import { PostgresConnection } from "./postgres-connection.ts";

export interface PostgresOptions {
  /** Schema for the tables; created when missing (default "public"). */
  schema?: string | undefined;
  /** Most connections in the pool (default 10). */
  poolSize?: number | undefined;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<OpenedDb> {
  const schema = options.schema ?? "public";
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  const database = decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
  return SqlDb.open(new PostgresConnection(pool, postgresDialect(schema)), schema === "public" ? database : schema, "postgres");
}
