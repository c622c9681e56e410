// The write calls of a SQL collection. Each call is atomic: single-statement
// writes are atomic by themselves; everything else runs in one transaction
// whose reads lock the rows they will write (SQLite: the database, PostgreSQL:
// SELECT … FOR UPDATE), so concurrent read-modify-writes never lose updates.
import { EnsembleError, isEnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import { freshID } from "../fresh-id.ts";
import type { CollectionCore } from "./collection-core.ts";
import { encodeDocument, idKey } from "./document-codec.ts";
import { finishResults } from "./finish-results.ts";
import { planFilter } from "./filter-planner.ts";
import type { Mutation } from "./mutation.ts";
import { compileFilter } from "./query-matcher.ts";
import { fetchMatching } from "./read-documents.ts";
import type { SqlExecutor } from "./sql-backend.ts";
import type { SortKeys } from "./sort-spec.ts";

/** Gives `doc` an `_id` (a fresh UUID v7) if it has none, as the driver does (in place), and returns it. */
export function assignId(doc: Document, collection: string): unknown {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new EnsembleError("INVALID_DOCUMENT", `Documents inserted into collection "${collection}" must be objects.`);
  }
  if (doc._id === undefined) doc._id = freshID();
  else if (Array.isArray(doc._id) || doc._id instanceof RegExp) {
    throw new EnsembleError("INVALID_DOCUMENT", `_id in collection "${collection}" cannot be an array or a regular expression.`);
  }
  return doc._id;
}

/** Stored text for `doc`, with `_id` first as MongoDB stores it. */
export function storedText(doc: Document, collection: string): string {
  for (const first in doc) {
    if (first !== "_id") {
      const { _id, ...rest } = doc;
      return encodeDocument({ _id, ...rest }, collection);
    }
    break;
  }
  return encodeDocument(doc, collection);
}

/** Inserts documents in one transaction (several) or one statement (one). */
export async function insertDocuments(core: CollectionCore, docs: readonly Document[]): Promise<unknown[]> {
  const ids = docs.map((doc) => assignId(doc, core.name));
  const texts = docs.map((doc) => storedText(doc, core.name));
  await core.write(async () => {
    if (docs.length === 1) {
      await core.writeRow(core.conn, core.sql.insert, [idKey(ids[0]), texts[0]!], docs[0]!);
      return;
    }
    await core.conn.transaction(async (tx) => {
      for (let i = 0; i < docs.length; i++) await core.writeRow(tx, core.sql.insert, [idKey(ids[i]), texts[i]!], docs[i]!);
    });
  });
  return ids;
}

export interface ModifyOptions {
  multi: boolean;
  upsert?: boolean | undefined;
  sort?: SortKeys | undefined;
  /** Keep a copy of the first matched document as it was (findOneAndUpdate's "before"). */
  keepBefore?: boolean | undefined;
}

export interface ModifyOutcome {
  matched: number;
  modified: number;
  upsertedId: unknown;
  /** The first matched document before and after the change (after: also an upserted one). */
  before: Document | null;
  after: Document | null;
}

/** Applies `mutation` to the documents matching `filter` (the first one unless `multi`), upserting if asked. */
export async function modifyDocuments(core: CollectionCore, filter: Document, mutation: Mutation,
    options: ModifyOptions): Promise<ModifyOutcome> {
  await core.indexes();
  const run = (): Promise<ModifyOutcome> => core.conn.transaction(async (tx) => {
    const docs = await matchForWrite(tx, core, filter, options.multi, options.sort);
    const outcome: ModifyOutcome = { matched: docs.length, modified: 0, upsertedId: null, before: null, after: null };
    for (const [i, doc] of docs.entries()) {
      const key = idKey(doc._id);
      if (i === 0 && options.keepBefore) outcome.before = structuredClone(doc);
      const next = mutation.next(doc);
      if (next !== null) {
        await core.writeRow(tx, core.sql.updateById, [storedText(next, core.name), key], next);
        outcome.modified++;
      }
      if (i === 0) outcome.after = next ?? doc;
    }
    if (docs.length === 0 && options.upsert) {
      const doc = mutation.inserted();
      outcome.upsertedId = assignId(doc, core.name);
      await core.writeRow(tx, core.sql.insert, [idKey(outcome.upsertedId), storedText(doc, core.name)], doc);
      outcome.after = doc;
    }
    return outcome;
  });
  if (!options.upsert) return core.read(run, { matched: 0, modified: 0, upsertedId: null, before: null, after: null });
  try {
    return await core.write(run);
  } catch (error) {
    // Another writer inserted the same document between our read and our
    // insert; running again finds and updates it (MongoDB retries likewise).
    if (!isEnsembleError(error, 11000)) throw error;
    return core.write(run);
  }
}

/** Deletes the documents matching `filter` (the first one unless `multi`); returns the deleted ones' count and the first. */
export async function deleteDocuments(core: CollectionCore, filter: Document, multi: boolean,
    sort?: SortKeys): Promise<{ deleted: number; first: Document | null }> {
  await core.indexes();
  const ctx = core.planner();
  const plan = planFilter(filter, ctx);
  const where = plan.where ? ` WHERE ${plan.where}` : "";
  const none: { deleted: number; first: Document | null } = { deleted: 0, first: null };
  // A plan starting with a key equality selects at most one row.
  if (plan.exact && (multi || plan.where.startsWith("_id = ")) && !sort) {
    // One statement does it: a whole-collection or key-exact delete.
    return core.read(async () => ({ deleted: await core.conn.run(`DELETE FROM ${core.table}${where}`, ctx.params.values), first: null }), none);
  }
  return core.read(() => core.conn.transaction(async (tx) => {
    const docs = await matchForWrite(tx, core, filter, multi, sort);
    for (const doc of docs) await tx.run(core.sql.deleteById, [idKey(doc._id)]);
    return { deleted: docs.length, first: docs[0] ?? null };
  }), none);
}

/** Inside a transaction: the documents a write applies to, with their rows locked. */
async function matchForWrite(tx: SqlExecutor, core: CollectionCore, filter: Document, multi: boolean,
    sort: SortKeys | undefined): Promise<Document[]> {
  const ctx = core.planner();
  const plan = planFilter(filter, ctx);
  const matcher = plan.exact ? null : compileFilter(filter, core.name);
  const sorted = sort !== undefined && sort.length > 0;
  const onlyFirst = !multi && !sorted && plan.exact;
  const docs = await fetchMatching(tx, core, plan, ctx.params.values, matcher, (onlyFirst ? " LIMIT 1" : "") + core.d.forUpdate);
  if (sorted) return finishResults(docs, { sort, skip: 0, limit: multi ? 0 : 1, projection: undefined }, core.name);
  return multi ? docs : docs.slice(0, 1);
}
