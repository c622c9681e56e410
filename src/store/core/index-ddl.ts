// createIndex / dropIndex / indexes / drop for the SQL backends. Indexes are
// real SQL expression indexes over the order-preserving key columns
// (index-key.ts); a unique one makes the database itself refuse duplicates,
// so two concurrent inserts (even from two processes) cannot both succeed.
import { resolve } from "mingo/util";
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import type { CreateIndexesOptions, IndexSpecification } from "../api/options.ts";
import type { IndexDescriptionInfo } from "../api/results.ts";
import type { CollectionCore } from "./collection-core.ts";
import { decodeDocument } from "./document-codec.ts";
import { DuplicateKeyError } from "./duplicate-key-error.ts";
import {
  checkIndexOptions, defaultIndexName, describeIndex, ID_INDEX, type IndexInfo, normalizeIndexKeys,
} from "./index-spec.ts";
import { createSqlIndex, ddl, dropCollectionTable, readIndexes, sqlIndexName } from "./schema.ts";

export async function createIndex(core: CollectionCore, spec: IndexSpecification, options: CreateIndexesOptions = {}): Promise<string> {
  checkIndexOptions(options, core.name);
  const keys = normalizeIndexKeys(spec, core.name);
  const name = options.name ?? defaultIndexName(keys);
  // The primary key is MongoDB's `_id_` index, which always exists.
  if (name === ID_INDEX.name || (keys.length === 1 && keys[0]![0] === "_id")) return ID_INDEX.name;
  const index: IndexInfo = { name, keys, unique: options.unique === true, sparse: options.sparse === true,
    sqlName: sqlIndexName(core.tableName, name) };
  await core.ensureTable();
  await ddl(core.conn, async (tx) => {
    const existing = await readIndexes(tx, core.d, core.name);
    const sameName = existing.find((i) => i.name === name);
    const sameKeys = existing.find((i) => JSON.stringify(i.keys) === JSON.stringify(keys));
    if (sameName && JSON.stringify(sameName.keys) === JSON.stringify(keys) && sameName.unique === index.unique) return;
    if (sameName) conflict(core, `an index named "${name}" already exists with a different key or options`);
    if (sameKeys) conflict(core, `an index with the same key already exists with a different name: "${sameKeys.name}"`);
    try {
      await createSqlIndex(tx, core.d, core.name, core.tableName, index);
    } catch (error) {
      if (core.d.uniqueViolation(error) === null) throw error;
      throw new IndexBuildDuplicate(index);
    }
  }).catch(async (error: unknown) => {
    throw error instanceof IndexBuildDuplicate ? await duplicateFor(core, error.index) : await core.failure(error);
  });
  core.setIndexes(await readIndexes(core.conn, core.d, core.name));
  return name;
}

export async function dropIndex(core: CollectionCore, name: string): Promise<Document> {
  if (name === ID_INDEX.name) throw new EnsembleError("INVALID_ARGUMENT", `Cannot drop the _id_ index of collection "${core.name}".`);
  const before = await core.read(() => ddl(core.conn, async (tx) => {
    const list = await readIndexes(tx, core.d, core.name);
    const index = list.find((i) => i.name === name);
    if (!index) return null;
    await tx.run(`DROP INDEX IF EXISTS ${core.d.qualify(index.sqlName)}`);
    await tx.run(`DELETE FROM ${core.d.qualify("_ensemble_indexes")} WHERE collection = ${core.d.param(1)} AND name = ${core.d.param(2)}`,
      [core.name, name]);
    return list.length + 1;
  }), null);
  if (before === null) {
    throw new EnsembleError("INVALID_ARGUMENT", `index not found with name [${name}] in collection "${core.name}".`, { index: name });
  }
  core.setIndexes(await readIndexes(core.conn, core.d, core.name));
  return { nIndexesWas: before, ok: 1 };
}

export async function listIndexes(core: CollectionCore): Promise<IndexDescriptionInfo[]> {
  const list = await readIndexes(core.conn, core.d, core.name);
  core.setIndexes(list);
  return [describeIndex(ID_INDEX), ...list.map(describeIndex)];
}

export async function dropCollection(core: CollectionCore): Promise<boolean> {
  const dropped = await ddl(core.conn, (tx) => dropCollectionTable(tx, core.d, core.name, core.tableName));
  core.reset();
  return dropped;
}

/** Thrown inside the DDL transaction; turned into the driver's E11000 once it has rolled back. */
class IndexBuildDuplicate extends Error {
  constructor(readonly index: IndexInfo) {
    super("duplicate key while building a unique index");
  }
}

function conflict(core: CollectionCore, what: string): never {
  throw new EnsembleError("INVALID_ARGUMENT", `Index conflict in collection "${core.name}": ${what}.`, { collection: core.name });
}

/** The E11000 error naming a duplicated key, found by reading the collection (index builds do not say which). */
async function duplicateFor(core: CollectionCore, index: IndexInfo): Promise<EnsembleError> {
  const rows = await core.conn.all(`SELECT ${core.d.docText} AS doc FROM ${core.table} ORDER BY _id`);
  const seen = new Set<string>();
  for (const row of rows) {
    const doc = decodeDocument(row.doc as string);
    const key = JSON.stringify(index.keys.map(([path]) => resolve(doc, path) ?? null));
    if (seen.has(key)) return new DuplicateKeyError(core.namespace, index, doc);
    seen.add(key);
  }
  return new EnsembleError(11000, `E11000 duplicate key error collection: ${core.namespace} index: ${index.name}`, { index: index.name });
}
