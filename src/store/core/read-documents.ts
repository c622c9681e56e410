// Reads documents for find, findOne, countDocuments and distinct. SQL narrows
// (filter-planner) and orders (by `_id`, or by an index key when the sort is
// on an indexed path and SQL's order is MongoDB's for the stored values);
// mingo decides what SQL could not. Results come in pages, so a cursor or a
// limit never loads more of a large collection than it needs.
import type { Document } from "../api/document.ts";
import type { CollectionCore } from "./collection-core.ts";
import { decodeDocument, ID_KEY_STRING_FIRST } from "./document-codec.ts";
import { finishResults, projectDocuments } from "./finish-results.ts";
import { type FilterPlan, planFilter } from "./filter-planner.ts";
import { keyOrder, keyUnsortable } from "./index-key.ts";
import { compileFilter, type DocumentPredicate } from "./query-matcher.ts";
import type { SqlExecutor, SqlValue } from "./sql-backend.ts";
import type { SortKeys } from "./sort-spec.ts";

export interface ReadRequest {
  filter: Document;
  sort: SortKeys;
  skip: number;
  /** 0 for no limit. */
  limit: number;
  projection?: Document | undefined;
  /** Rows fetched per statement; Infinity fetches all candidates at once. */
  pageSize: number;
}

/** LIMIT value meaning "no limit" (SQLite needs a LIMIT to take an OFFSET). */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** How rows are ordered in SQL: by `_id` (pages continue after the last key) or by an index key (pages by offset). */
interface SqlOrder { orderBy: string; keyset: 1 | -1 | 0 }

/** Yields the matching documents, finished (sorted, skipped, limited, projected), page by page. */
export async function* readPages(core: CollectionCore, req: ReadRequest): AsyncGenerator<Document[]> {
  await core.indexes();
  const ctx = core.planner();
  const plan = planFilter(req.filter, ctx);
  // Compiled before any SQL runs, so a bad operator fails even on an empty collection.
  const matcher = plan.exact ? null : compileFilter(req.filter, core.name);
  const order = await sqlOrder(core, req.sort);
  if (order === null) {
    const docs = await fetchMatching(core.conn, core, plan, ctx.params.values, matcher);
    yield finishResults(docs, req, core.name);
    return;
  }
  yield* orderedPages(core, req, plan, ctx.params.values, matcher, order);
}

/** Every matching document, finished. */
export async function readAll(core: CollectionCore, req: ReadRequest): Promise<Document[]> {
  return core.read(async () => {
    const out: Document[] = [];
    for await (const page of readPages(core, req)) for (const doc of page) out.push(doc);
    return out;
  }, []);
}

async function* orderedPages(core: CollectionCore, req: ReadRequest, plan: FilterPlan, base: readonly SqlValue[],
    matcher: DocumentPredicate | null, order: SqlOrder): AsyncGenerator<Document[]> {
  const { d } = core;
  let toSkip = req.skip;
  let remaining = req.limit > 0 ? req.limit : Infinity;
  let offset = 0;
  let after: string | null = null;
  // An exact filter lets SQL do the skipping.
  if (plan.exact) [offset, toSkip] = [toSkip, 0];
  while (remaining > 0) {
    const want = plan.exact ? Math.min(req.pageSize, remaining) : req.pageSize;
    const params = [...base];
    const conditions = plan.where ? [`(${plan.where})`] : [];
    if (after !== null) {
      params.push(after);
      conditions.push(`_id ${order.keyset === 1 ? ">" : "<"} ${d.param(params.length)}`);
    }
    let sql = `SELECT _id, ${d.docText} AS doc FROM ${core.table}` +
      (conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "") + ` ORDER BY ${order.orderBy}`;
    const limited = Number.isFinite(want);
    if (limited || offset > 0) {
      params.push(limited ? want : NO_LIMIT, offset);
      sql += ` LIMIT ${d.param(params.length - 1)} OFFSET ${d.param(params.length)}`;
    }
    const rows = await core.conn.all(sql, params);
    const page: Document[] = [];
    for (const row of rows) {
      const doc = decodeDocument(row.doc as string);
      if (matcher && !matcher(doc)) continue;
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      page.push(doc);
      if (--remaining === 0) break;
    }
    if (page.length > 0) yield req.projection ? projectDocuments(page, req.projection, core.name) : page;
    if (!limited || rows.length < want) return;
    if (order.keyset !== 0) [after, offset] = [rows[rows.length - 1]!._id as string, 0];
    else offset += rows.length;
  }
}

/** All candidate rows of `plan` that `matcher` accepts, in `_id` order (`suffix`: e.g. FOR UPDATE). */
export async function fetchMatching(exec: SqlExecutor, core: CollectionCore, plan: FilterPlan, params: readonly SqlValue[],
    matcher: DocumentPredicate | null, suffix = ""): Promise<Document[]> {
  const where = plan.where ? ` WHERE ${plan.where}` : "";
  const rows = await exec.all(`SELECT ${core.d.docText} AS doc FROM ${core.table}${where} ORDER BY _id${suffix}`, params);
  const docs: Document[] = [];
  for (const row of rows) {
    const doc = decodeDocument(row.doc as string);
    if (!matcher || matcher(doc)) docs.push(doc);
  }
  return docs;
}

/** The SQL order for `sort`, or null when only JS can sort in MongoDB's order. */
async function sqlOrder(core: CollectionCore, sort: SortKeys): Promise<SqlOrder | null> {
  if (sort.length === 0) return { orderBy: "_id", keyset: 1 };
  if (sort.length > 1) return null;
  const [path, dir] = sort[0]!;
  if (path === "_id") {
    // Non-string ids sort before strings in SQL but after numbers in MongoDB.
    if (await any(core, `_id < '${ID_KEY_STRING_FIRST}'`)) return null;
    return { orderBy: dir === 1 ? "_id" : "_id DESC", keyset: dir };
  }
  const cols = core.indexedKey(path);
  if (!cols || await any(core, keyUnsortable(cols))) return null;
  return { orderBy: keyOrder(cols, dir), keyset: 0 };
}

async function any(core: CollectionCore, condition: string): Promise<boolean> {
  const rows = await core.conn.all(`SELECT 1 AS found FROM ${core.table} WHERE ${condition} LIMIT 1`);
  return rows.length > 0;
}

/** How many documents match, after skip and limit (0 = none); SQL counts when the filter is exact. */
export async function countMatching(core: CollectionCore, filter: Document, skip: number, limit: number): Promise<number> {
  return core.read(async () => {
    await core.indexes();
    const ctx = core.planner();
    const plan = planFilter(filter, ctx);
    if (!plan.exact) {
      let n = 0;
      for await (const page of readPages(core, { filter, sort: [], skip, limit, pageSize: 1000 })) n += page.length;
      return n;
    }
    const where = plan.where ? ` WHERE ${plan.where}` : "";
    const params = [...ctx.params.values, limit > 0 ? limit : NO_LIMIT, skip];
    const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM ${core.table}${where} ` +
      `LIMIT ${core.d.param(params.length - 1)} OFFSET ${core.d.param(params.length)}) AS counted`;
    return Number((await core.conn.all(sql, params))[0]!.n);
  }, 0);
}
