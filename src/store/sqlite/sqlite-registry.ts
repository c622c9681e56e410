// One better-sqlite3 connection per database file per process. Two
// connections to one file in one process would deadlock: a transaction's
// statements are separated by awaits, so the other connection's BEGIN could
// run in between and block the event loop in SQLite's busy wait while the
// lock holder waits for that same event loop. Sharing one connection lets the
// transaction queue (SqliteConnection) serialise them instead. Other
// processes are independent and simply wait for the lock (busy_timeout).
import { realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { SqlConnection } from "../core/sql-backend.ts";
import type { SqliteConnection } from "./sqlite-connection.ts";

interface Shared { conn: SqliteConnection; refs: number }
const open = new Map<string, Shared>();

/** A handle on the connection for `file`, made by `create` on first use; closing the last handle closes it. */
export function shareConnection(file: string, create: () => SqliteConnection): SqlConnection {
  const key = canonical(file);
  let shared = open.get(key);
  if (!shared) {
    shared = { conn: create(), refs: 0 };
    open.set(key, shared);
  }
  shared.refs++;
  const entry = shared;
  let closed = false;
  return {
    dialect: entry.conn.dialect,
    all: (sql, params) => entry.conn.all(sql, params),
    run: (sql, params) => entry.conn.run(sql, params),
    transaction: (body) => entry.conn.transaction(body),
    async close() {
      if (closed) return;
      closed = true;
      if (--entry.refs === 0) {
        open.delete(key);
        await entry.conn.close();
      }
    },
  };
}

/** The file's real path (its directory exists; the file itself may not yet). */
function canonical(file: string): string {
  const dir = realpathSync(dirname(resolve(file)));
  return join(dir, resolve(file).slice(dirname(resolve(file)).length + 1));
}
