// A better-sqlite3 database behind the async SqlConnection seam. Statements
// are prepared once and cached. better-sqlite3 is synchronous, but the core
// awaits between the statements of a read-modify-write; so transactions are
// queued here, and statements from outside a transaction wait until the
// running one ends, which keeps the single connection's transaction isolated
// (no other caller can read its uncommitted rows or interleave writes).
import type BetterSqlite3 from "better-sqlite3";
import type { Dialect, SqlConnection, SqlExecutor, SqlRow, SqlValue } from "../core/sql-backend.ts";
import { sqliteDialect } from "./sqlite-dialect.ts";

type Statement = BetterSqlite3.Statement<SqlValue[], SqlRow>;
/** Enough for every statement shape an app uses; beyond it the oldest are re-prepared on demand. */
const STATEMENT_CACHE_SIZE = 500;

export class SqliteConnection implements SqlConnection {
  readonly dialect: Dialect = sqliteDialect;
  private readonly statements = new Map<string, Statement>();
  /** Settles when the running transaction ends; null when none runs. */
  private busy: Promise<void> | null = null;
  private readonly inside: SqlExecutor = {
    all: async (sql, params = []) => this.prepare(sql).all(...params),
    run: async (sql, params = []) => this.prepare(sql).run(...params).changes,
  };

  constructor(readonly db: BetterSqlite3.Database) {}

  async all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    while (this.busy) await this.busy;
    return this.prepare(sql).all(...params);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    while (this.busy) await this.busy;
    return this.prepare(sql).run(...params).changes;
  }

  async transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    while (this.busy) await this.busy;
    let release!: () => void;
    this.busy = new Promise((resolve) => (release = resolve));
    try {
      // IMMEDIATE takes the write lock now, so another process cannot slip a
      // write between our read and our write.
      this.prepare("BEGIN IMMEDIATE").run();
      try {
        const result = await body(this.inside);
        this.prepare("COMMIT").run();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.prepare("ROLLBACK").run();
        throw error;
      }
    } finally {
      this.busy = null;
      release();
    }
  }

  async close(): Promise<void> {
    while (this.busy) await this.busy;
    this.statements.clear();
    this.db.close();
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
      statement = this.db.prepare<SqlValue[], SqlRow>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
