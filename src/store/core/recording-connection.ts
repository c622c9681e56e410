// For tests: a connection that records every statement it runs (inside
// transactions too, BEGIN and COMMIT aside), to check which statements a
// call makes and, with EXPLAIN, how the database runs them.
import type { SqlConnection } from "./sql-backend.ts";

/** `inner`, pushing the text of each statement onto `seen` before running it. */
export function recordingConnection(inner: SqlConnection, seen: string[]): SqlConnection {
  return {
    dialect: inner.dialect,
    all: (sql, params) => (seen.push(sql), inner.all(sql, params)),
    run: (sql, params) => (seen.push(sql), inner.run(sql, params)),
    transaction: (body) => inner.transaction((tx) => body({
      all: (sql, params) => (seen.push(sql), tx.all(sql, params)),
      run: (sql, params) => (seen.push(sql), tx.run(sql, params)),
    })),
    close: () => inner.close(),
  };
}
