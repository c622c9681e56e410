// Reads documents for find, findOne, countDocuments and distinct. SQL narrows
// (filter-planner) and orders (by `_id`, or by an index key when the sort is
// on an indexed path and SQL's order is MongoDB's for the stored values);
// mingo decides what SQL could not. Results come in pages, so a cursor or a
// limit never loads more of a large collection than it needs.
import type { Document } from "../api/document.ts";
import type { CollectionCore } from "./collection-core.ts";
import { compareIdKeys, decodeDocument, ID_KEY_STRING_FIRST, idKey } from "./document-codec.ts";
import { finishResults, projectDocuments } from "./finish-results.ts";
import { type FilterPlan, planFilter, sqlDecides } from "./filter-planner.ts";
import { type RowFilter, rowFilter } from "./row-filter.ts";
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
interface SqlOrder { orderBy: string; keyset: 1 | -1 | 0; /** Short name of the order, for statement keys. */ name: string }

/** A read planned: the SQL filter, its parameters, the row check and the SQL order (null: order in JS). */
interface ReadPlan { plan: FilterPlan; params: readonly SqlValue[]; rows: RowFilter; order: SqlOrder | null }

async function planRead(core: CollectionCore, req: ReadRequest): Promise<ReadPlan> {
  if (!core.indexesKnown) await core.indexes();
  const ctx = core.planner();
  const plan = planFilter(req.filter, ctx);
  const rows = rowFilter(plan, req.filter, core.name);
  // Everything at once in natural order needs no SQL order: one plain query.
  const all = req.sort.length === 0 && req.limit === 0 && !Number.isFinite(req.pageSize);
  return { plan, params: ctx.params.values, rows, order: all ? null : await sqlOrder(core, req.sort) };
}

/** One query for all candidates, then sort, skip, limit and projection in JS. */
async function readUnordered(core: CollectionCore, req: ReadRequest, read: ReadPlan): Promise<Document[]> {
  const docs = (await fetchMatching(core.conn, core, read.plan, read.params, read.rows, null)).map((c) => c.doc);
  return finishResults(docs, req, core.name);
}

/** Yields the matching documents, finished (sorted, skipped, limited, projected), page by page. */
export async function* readPages(core: CollectionCore, req: ReadRequest): AsyncGenerator<Document[]> {
  const read = await planRead(core, req);
  if (read.order === null) yield await readUnordered(core, req, read);
  else yield* orderedPages(core, req, read.plan, read.params, read.rows, read.order);
}

/** Every matching document, finished. */
export async function readAll(core: CollectionCore, req: ReadRequest): Promise<Document[]> {
  return core.read(async () => {
    const read = await planRead(core, req);
    if (read.order === null) return readUnordered(core, req, read);
    const out: Document[] = [];
    for await (const page of orderedPages(core, req, read.plan, read.params, read.rows, read.order)) {
      for (const doc of page) out.push(doc);
    }
    return out;
  }, []);
}

async function* orderedPages(core: CollectionCore, req: ReadRequest, plan: FilterPlan, base: readonly SqlValue[],
    rows: RowFilter, order: SqlOrder): AsyncGenerator<Document[]> {
  const { d } = core;
  let toSkip = req.skip;
  let remaining = req.limit > 0 ? req.limit : Infinity;
  let offset = 0;
  let after: string | null = null;
  // A filter SQL decides lets SQL do the skipping.
  if (rows.sqlDecides) [offset, toSkip] = [toSkip, 0];
  while (remaining > 0) {
    const want = rows.sqlDecides ? Math.min(req.pageSize, remaining) : req.pageSize;
    const params = [...base];
    const conditions = plan.where ? [`(${plan.where})`] : [];
    if (after !== null) {
      params.push(after);
      conditions.push(`_id ${order.keyset === 1 ? ">" : "<"} ${d.param(params.length)}`);
    }
    const limited = Number.isFinite(want);
    const paged = limited || offset > 0;
    if (paged) params.push(limited ? want : NO_LIMIT, offset);
    const sql = core.statement(`page|${plan.shape}|${order.name}|${after !== null}|${paged}`, () =>
      `SELECT _id, ${d.docText} AS doc FROM ${core.table}` +
      (conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "") + ` ORDER BY ${order.orderBy}` +
      (paged ? ` LIMIT ${d.param(params.length - 1)} OFFSET ${d.param(params.length)}` : ""));
    const found = await core.conn.all(sql, params);
    const page: Document[] = [];
    for (const row of found) {
      const doc = decodeDocument(row.doc as string);
      if (!rows.accepts(doc)) continue;
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      page.push(doc);
      if (--remaining === 0) break;
    }
    if (page.length > 0) yield req.projection ? projectDocuments(page, req.projection, core.name) : page;
    if (!limited || found.length < want) return;
    if (order.keyset !== 0) [after, offset] = [found[found.length - 1]!._id as string, 0];
    else offset += found.length;
  }
}

/** A stored document and its stored text (writes use the text to detect concurrent changes). */
export interface Candidate { doc: Document; text: string }

/**
 * The candidates of `plan` that `rows` accepts, in `_id` order: sorted by SQL
 * when `suffix` is given (e.g. " LIMIT 1", " FOR UPDATE": locks are taken in
 * key order, which keeps writers from deadlocking), else in JS, which for
 * a handful of rows is cheaper than SQLite's sorter.
 */
export async function fetchMatching(exec: SqlExecutor, core: CollectionCore, plan: FilterPlan, params: readonly SqlValue[],
    rows: RowFilter, suffix: string | null): Promise<Candidate[]> {
  const sql = core.statement(`fetch|${plan.shape}|${suffix}`, () =>
    `SELECT ${core.d.docText} AS doc FROM ${core.table}${plan.where ? ` WHERE ${plan.where}` : ""}` +
    (suffix === null ? "" : ` ORDER BY _id${suffix}`));
  const found = await exec.all(sql, params);
  const out: Candidate[] = [];
  for (const row of found) {
    const text = row.doc as string;
    const doc = decodeDocument(text);
    if (rows.accepts(doc)) out.push({ doc, text });
  }
  if (suffix === null && out.length > 1) {
    const keyed = out.map((c) => ({ c, key: idKey(c.doc._id) }));
    keyed.sort((x, y) => compareIdKeys(x.key, y.key));
    return keyed.map((k) => k.c);
  }
  return out;
}

/** The SQL order for `sort`, or null when only JS can sort in MongoDB's order. */
async function sqlOrder(core: CollectionCore, sort: SortKeys): Promise<SqlOrder | null> {
  if (sort.length === 0) return { orderBy: "_id", keyset: 1, name: "_id" };
  if (sort.length > 1) return null;
  const [path, dir] = sort[0]!;
  if (path === "_id") {
    // Non-string ids sort before strings in SQL but after numbers in MongoDB.
    if (await anyRow(core, "_id", () => `_id < '${ID_KEY_STRING_FIRST}'`)) return null;
    return { orderBy: dir === 1 ? "_id" : "_id DESC", keyset: dir, name: `_id${dir}` };
  }
  const key = core.indexedKey(path);
  if (!key || await anyRow(core, path, () => key.unsortable())) return null;
  return { orderBy: key.order(dir), keyset: 0, name: `${path.length}:${path}${dir}` };
}

/** True when some row meets `condition` (a probe on the key of `path`). */
async function anyRow(core: CollectionCore, path: string, condition: () => string): Promise<boolean> {
  const sql = core.statement(`probe|${path}`, () => `SELECT 1 AS found FROM ${core.table} WHERE ${condition()} LIMIT 1`);
  return (await core.conn.all(sql)).length > 0;
}

/** How many documents match, after skip and limit (0 = none); SQL counts when the filter is exact. */
export async function countMatching(core: CollectionCore, filter: Document, skip: number, limit: number): Promise<number> {
  return core.read(async () => {
    await core.indexes();
    const ctx = core.planner();
    const plan = planFilter(filter, ctx);
    if (!sqlDecides(plan)) {
      let n = 0;
      for await (const page of readPages(core, { filter, sort: [], skip, limit, pageSize: 1000 })) n += page.length;
      return n;
    }
    const params = [...ctx.params.values, limit > 0 ? limit : NO_LIMIT, skip];
    const sql = core.statement(`count|${plan.shape}`, () =>
      `SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM ${core.table}${plan.where ? ` WHERE ${plan.where}` : ""} ` +
      `LIMIT ${core.d.param(params.length - 1)} OFFSET ${core.d.param(params.length)}) AS counted`);
    return Number((await core.conn.all(sql, params))[0]!.n);
  }, 0);
}
