// openDb: the one entry point that turns configuration into a Db. Backends
// are imported on demand, so an app on SQLite never loads `pg` or `mongodb`.
import type { OpenedDb } from "./api/db.ts";
import { type DatabaseTarget, DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./database-url.ts";

export interface DbConfig {
  /** `sqlite:./data/app.db`, `sqlite::memory:`, `postgres://…` or `mongodb://…`; default: DATABASE_URL, else the SQLite file. */
  url?: string;
  /** PostgreSQL schema holding the tables (default: `?schema=` in the URL, else "public"). */
  schema?: string;
  /** Most PostgreSQL connections in the pool (default 10). */
  poolSize?: number;
}

/** Opens the configured database; close it with `db.close()`. */
export async function openDb(config: string | DbConfig = {}): Promise<OpenedDb> {
  const options = typeof config === "string" ? { url: config } : config;
  return openTarget(resolveTarget(options), options);
}

/** Which backend `config` selects, without opening it. */
export function resolveTarget(config: DbConfig): DatabaseTarget {
  if (config.url !== undefined) return parseDatabaseUrl(config.url, "the url passed to openDb");
  const env = process.env.DATABASE_URL;
  if (env !== undefined && env.trim() !== "") return parseDatabaseUrl(env, "the DATABASE_URL environment variable");
  return parseDatabaseUrl(DEFAULT_DATABASE_URL);
}

async function openTarget(target: DatabaseTarget, config: DbConfig): Promise<OpenedDb> {
  switch (target.kind) {
    case "sqlite": {
      const { openSqlite } = await import("./sqlite/open-sqlite.ts");
      return openSqlite(target.file);
    }
    case "postgres": {
      const { openPostgres } = await import("./postgres/open-postgres.ts");
      return openPostgres(target.url, { schema: config.schema ?? target.schema, poolSize: config.poolSize });
    }
    case "mongodb": {
      const { openMongo } = await import("./mongodb/open-mongo.ts");
      return openMongo(target.url);
    }
  }
}
