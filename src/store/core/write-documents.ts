// The write calls of a SQL collection. Each call is atomic, and concurrent
// read-modify-writes never lose updates: single-statement writes are atomic by
// themselves; multi-document writes run in one transaction whose reads lock
// the rows they will write (SQLite: the database, PostgreSQL: SELECT … FOR
// UPDATE); single-document ones do too, or — where the dialect prefers it to
// save round trips — compare-and-swap: write only if the document is still
// the one read, else read again (falling back to the transaction).
import { EnsembleError, isEnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import { freshID } from "../fresh-id.ts";
import type { CollectionCore } from "./collection-core.ts";
import { encodeDocument, idKey } from "./document-codec.ts";
import { finishResults } from "./finish-results.ts";
import type { FieldUpdate } from "./field-update.ts";
import { planFilter, selectsOneRow, sqlDecides } from "./filter-planner.ts";
import type { Mutation } from "./mutation.ts";
import { pushFieldUpdate } from "./push-field-update.ts";
import { rowFilter } from "./row-filter.ts";
import { type Candidate, fetchMatching } from "./read-documents.ts";
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
  /**
   * The update as top-level field changes SQL can apply without reading the
   * documents (push-field-update.ts); only from calls that return no document.
   */
  fields?: FieldUpdate | null | undefined;
}

export interface ModifyOutcome {
  matched: number;
  modified: number;
  upsertedId: unknown;
  /** The first matched document before and after the change (after: also an upserted one). */
  before: Document | null;
  after: Document | null;
}

/** Tries a single-document write without a transaction this many times before taking one. */
const SWAP_ATTEMPTS = 8;

/** Applies `mutation` to the documents matching `filter` (the first one unless `multi`), upserting if asked. */
export async function modifyDocuments(core: CollectionCore, filter: Document, mutation: Mutation,
    options: ModifyOptions): Promise<ModifyOutcome> {
  await core.indexes();
  if (options.fields && !options.upsert && !options.keepBefore && !options.sort?.length) {
    const pushed = await core.read(() => pushFieldUpdate(core, filter, options.fields!, options.multi), { matched: 0, modified: 0 });
    if (pushed) return { ...pushed, upsertedId: null, before: null, after: null };
  }
  const run = async (): Promise<ModifyOutcome> => {
    if (!options.multi && core.d.singleWrites === "compare-and-swap") {
      for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
        const candidates = await matchForWrite(core.conn, core, filter, false, options.sort, "");
        const outcome = await applyMutation(core.conn, core, candidates, mutation, options, true);
        if (outcome) return outcome;
      }
    }
    return core.conn.transaction(async (tx) => {
      const candidates = await matchForWrite(tx, core, filter, options.multi, options.sort, core.d.forUpdate);
      return (await applyMutation(tx, core, candidates, mutation, options, false))!;
    });
  };
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

/**
 * Writes the mutated candidates back (and upserts when there were none).
 * `swap`: write only if the stored document is still the one read, and
 * return null when another writer got there first.
 */
async function applyMutation(exec: SqlExecutor, core: CollectionCore, candidates: Candidate[], mutation: Mutation,
    options: ModifyOptions, swap: boolean): Promise<ModifyOutcome | null> {
  const outcome: ModifyOutcome = { matched: candidates.length, modified: 0, upsertedId: null, before: null, after: null };
  for (const [i, { doc, text }] of candidates.entries()) {
    const key = idKey(doc._id);
    if (i === 0 && options.keepBefore) outcome.before = structuredClone(doc);
    const next = mutation.next(doc);
    if (next !== null) {
      const stored = storedText(next, core.name);
      const written = swap
        ? await core.writeRow(exec, core.sql.swapById, [stored, key, text], next)
        : await core.writeRow(exec, core.sql.updateById, [stored, key], next);
      if (written === 0) return null;
      outcome.modified++;
    }
    if (i === 0) outcome.after = next ?? doc;
  }
  if (candidates.length === 0 && options.upsert) {
    const doc = mutation.inserted();
    outcome.upsertedId = assignId(doc, core.name);
    await core.writeRow(exec, core.sql.insert, [idKey(outcome.upsertedId), storedText(doc, core.name)], doc);
    outcome.after = doc;
  }
  return outcome;
}

/** Deletes the documents matching `filter` (the first one unless `multi`); returns the deleted ones' count and the first. */
export async function deleteDocuments(core: CollectionCore, filter: Document, multi: boolean,
    sort?: SortKeys): Promise<{ deleted: number; first: Document | null }> {
  await core.indexes();
  const ctx = core.planner();
  const plan = planFilter(filter, ctx);
  const none: { deleted: number; first: Document | null } = { deleted: 0, first: null };
  // A plan starting with a key equality selects at most one row.
  if (sqlDecides(plan) && (multi || selectsOneRow(plan)) && !sort) {
    // One statement does it: a whole-collection or key-exact delete.
    const sql = core.statement(`delete|${plan.shape}`, () => `DELETE FROM ${core.table}${plan.where ? ` WHERE ${plan.where}` : ""}`);
    return core.read(async () => ({ deleted: await core.conn.run(sql, ctx.params.values), first: null }), none);
  }
  return core.read(async () => {
    if (!multi && core.d.singleWrites === "compare-and-swap") {
      for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
        const [first] = await matchForWrite(core.conn, core, filter, false, sort, "");
        if (!first) return none;
        if (await core.conn.run(core.sql.deleteIfUnchanged, [idKey(first.doc._id), first.text]) > 0) return { deleted: 1, first: first.doc };
      }
    }
    return core.conn.transaction(async (tx) => {
      const candidates = await matchForWrite(tx, core, filter, multi, sort, core.d.forUpdate);
      for (const { doc } of candidates) await tx.run(core.sql.deleteById, [idKey(doc._id)]);
      return { deleted: candidates.length, first: candidates[0]?.doc ?? null };
    });
  }, none);
}

/** The documents a write applies to, in the order it applies to them (`lock`: e.g. FOR UPDATE). */
async function matchForWrite(exec: SqlExecutor, core: CollectionCore, filter: Document, multi: boolean,
    sort: SortKeys | undefined, lock: string): Promise<Candidate[]> {
  const ctx = core.planner();
  const plan = planFilter(filter, ctx);
  const rows = rowFilter(plan, filter, core.name);
  const sorted = sort !== undefined && sort.length > 0;
  const onlyFirst = !multi && !sorted && rows.sqlDecides;
  const candidates = await fetchMatching(exec, core, plan, ctx.params.values, rows, (onlyFirst ? " LIMIT 1" : "") + lock);
  if (sorted) {
    const order = finishResults(candidates.map((c) => c.doc), { sort, skip: 0, limit: multi ? 0 : 1 }, core.name);
    return order.map((doc) => candidates.find((c) => c.doc === doc)!);
  }
  return multi ? candidates : candidates.slice(0, 1);
}
