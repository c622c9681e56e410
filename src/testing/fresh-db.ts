// A fresh, isolated database per test, and its disposal:
//   sqlite::memory: (default)  a new in-memory database;
//   sqlite:<anything else>     a new database file in a temp directory;
//   postgres://…               a new schema on that server, dropped afterwards;
//   mongodb://…                a new database on that server, dropped afterwards.
// `url` opens the same database again (another pool / connection).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenedDb } from "../store/api/db.ts";
import { parseDatabaseUrl } from "../store/database-url.ts";
import { openDb } from "../store/open-db.ts";

export interface FreshDb {
  readonly db: OpenedDb;
  /** A URL that opens this same database again. */
  readonly url: string;
  /** Closes the database and deletes everything in it. */
  dispose(): Promise<void>;
}

export async function freshDb(url = "sqlite::memory:"): Promise<FreshDb> {
  const target = parseDatabaseUrl(url, "freshDb(url)");
  const name = `test_${randomBytes(6).toString("hex")}`;
  switch (target.kind) {
    case "sqlite": {
      if (target.file === ":memory:") {
        const db = await openDb(url);
        return { db, url, dispose: () => db.close() };
      }
      const dir = mkdtempSync(join(tmpdir(), "ensemble-sqlite-"));
      const fileUrl = `sqlite:${join(dir, `${name}.db`)}`;
      const db = await openDb(fileUrl);
      return { db, url: fileUrl, dispose: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      } };
    }
    case "postgres": {
      const schemaUrl = new URL(target.url);
      schemaUrl.searchParams.set("schema", name);
      const db = await openDb(schemaUrl.toString());
      return { db, url: schemaUrl.toString(), dispose: async () => {
        await db.close();
        await dropSchema(target.url, name);
      } };
    }
    case "mongodb": {
      const dbUrl = new URL(target.url);
      dbUrl.pathname = `/${name}`;
      const db = await openDb(dbUrl.toString());
      return { db, url: dbUrl.toString(), dispose: async () => {
        await db.dropDatabase();
        await db.close();
      } };
    }
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
