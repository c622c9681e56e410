// A pg Pool behind the async SqlConnection seam. Statements outside a
// transaction take any pooled connection; a transaction holds one client from
// BEGIN to COMMIT, and its reads lock rows (FOR UPDATE) so that concurrent
// read-modify-writes — from this process or another — wait for each other.
// Statements are named (prepared once per connection): the index-key
// expressions make them long, and parsing and planning them on every call
// would cost more than running them.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { Dialect, SqlConnection, SqlExecutor, SqlRow, SqlValue } from "../core/sql-backend.ts";

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/** Statement names by SQL text; bounded, the names are cheap to recompute. */
const names = new Map<string, string>();
const MAX_NAMES = 5000;

function statement(sql: string, params: readonly SqlValue[]): pg.QueryConfig<SqlValue[]> {
  let name = names.get(sql);
  if (name === undefined) {
    name = `ens_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(sql, name);
  }
  return { name, text: sql, values: params as SqlValue[] };
}

function executor(target: Queryable): SqlExecutor {
  return {
    all: async (sql, params = []) => (await target.query<SqlRow, SqlValue[]>(statement(sql, params))).rows,
    run: async (sql, params = []) => (await target.query<SqlRow, SqlValue[]>(statement(sql, params))).rowCount ?? 0,
  };
}

export class PostgresConnection implements SqlConnection {
  private readonly direct: SqlExecutor;

  constructor(private readonly pool: pg.Pool, readonly dialect: Dialect) {
    this.direct = executor(pool);
  }

  all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.direct.all(sql, params);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      await client.query("BEGIN");
      const result = await body(executor(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    } finally {
      // A client whose rollback failed is in an unknown state: let the pool discard it.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
