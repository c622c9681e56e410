// The MongoDB backend: the official driver passed straight through — its Db
// and Collection already are the API concepts use. The driver is an optional
// dependency, loaded only when a mongodb:// URL is configured.
// Loaded on demand by openDb; also the `./store/mongodb` subpath.
import { EnsembleError } from "../../ensemble-error.ts";
import type { Db, OpenedDb } from "../api/db.ts";
import { redactUrl } from "../database-url.ts";

type Driver = typeof import("mongodb");

export async function openMongo(url: string): Promise<OpenedDb> {
  const { MongoClient } = await loadDriver(url);
  const client = new MongoClient(url);
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new EnsembleError("STORE_ERROR", `Could not connect to MongoDB at ${redactUrl(url)}: ` +
      `${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  }
  // Default database: the one named in the URL, else "ensemble".
  const db = client.db(new URL(url).pathname.slice(1) || "ensemble");
  // The driver's Db and Collection satisfy our interfaces for concrete schemas
  // (driver-types.test.ts checks that); TypeScript cannot relate the generic
  // `collection<T>()` of both, because the default id type differs (ObjectId
  // there, string here), hence the cast.
  const opened: OpenedDb = Object.assign(db as unknown as Db, {
    backend: "mongodb" as const,
    close: () => client.close(),
  });
  return opened;
}

async function loadDriver(url: string): Promise<Driver> {
  try {
    return await import("mongodb");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") throw error;
    throw new EnsembleError("INVALID_CONFIG",
      `The database URL ${redactUrl(url)} selects MongoDB, but the "mongodb" package is not installed: ` +
      `run \`npm install mongodb\` (or choose sqlite: or postgres://).`, { url: redactUrl(url) }, { cause: error });
  }
}
