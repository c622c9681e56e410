// A pg Pool behind the async SqlConnection seam. Statements outside a
// transaction take any pooled connection; a transaction holds one client from
// BEGIN to COMMIT, and its reads lock rows (FOR UPDATE) so that concurrent
// read-modify-writes — from this process or another — wait for each other.
import type pg from "pg";
import type { Dialect, SqlConnection, SqlExecutor, SqlRow, SqlValue } from "../core/sql-backend.ts";

export class PostgresConnection implements SqlConnection {
  constructor(private readonly pool: pg.Pool, readonly dialect: Dialect) {}

  async all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return (await this.pool.query<SqlRow>(sql, params as SqlValue[])).rows;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.pool.query(sql, params as SqlValue[])).rowCount ?? 0;
  }

  async transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlExecutor = {
      all: async (sql, params = []) => (await client.query<SqlRow>(sql, params as SqlValue[])).rows,
      run: async (sql, params = []) => (await client.query(sql, params as SqlValue[])).rowCount ?? 0,
    };
    let broken: unknown;
    try {
      await client.query("BEGIN");
      const result = await body(tx);
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
