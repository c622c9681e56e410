// Opens the embedded SQLite backend: a file (WAL journal, created with its
// directory when missing) or an in-memory database for tests.
import { mkdirSync } from "node:fs";
import { basename, dirname, extname } from "node:path";
import Database from "better-sqlite3";
import type { OpenedDb } from "../api/db.ts";
import { SqlDb } from "../core/sql-db.ts";
import { SqliteConnection } from "./sqlite-connection.ts";
import { shareConnection } from "./sqlite-registry.ts";

export const MEMORY = ":memory:";

/** Opens `file` (or ":memory:") as a Db. */
export async function openSqlite(file: string): Promise<OpenedDb> {
  if (file === MEMORY || file === "") return SqlDb.open(new SqliteConnection(new Database(MEMORY)), "memory", "sqlite");
  mkdirSync(dirname(file), { recursive: true });
  const conn = shareConnection(file, () => {
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    // In WAL mode NORMAL is durable against application crashes, and avoids an fsync per commit.
    db.pragma("synchronous = NORMAL");
    // Another process holding the write lock makes us wait instead of failing.
    db.pragma("busy_timeout = 5000");
    return new SqliteConnection(db);
  });
  return SqlDb.open(conn, basename(file, extname(file)), "sqlite");
}
