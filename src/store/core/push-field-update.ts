// Runs an update of top-level fields (field-update.ts) in SQL instead of
// reading each document into JS and writing it back: updateOne by `_id` is
// one UPDATE statement, where the read-modify-write needs a read and a write.
//
// The statement changes a document only when the update certainly succeeds on
// it and changes it: every `$inc` field holds a number (or is missing), each
// new number is stored exactly, and some field gets a different value. When
// it changes nothing the caller runs the read-modify-write, which then finds
// the document unchanged, missing or refused, and reports matched and
// modified counts and errors exactly as before.
//
// updateMany reads, in `_id` order and locking them as the read-modify-write
// does, only the keys of the matching documents and what the update would do
// to each; if it would fail on any, the read-modify-write runs instead (and
// raises the error); else one UPDATE changes exactly the rows read that change.
//
// Numbers are doubles throughout, so `$inc` rounds as JavaScript does.
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import type { CollectionCore } from "./collection-core.ts";
import { type FieldChange, type FieldUpdate, INC_LIMIT } from "./field-update.ts";
import { planFilter, selectsOneRow, sqlDecides } from "./filter-planner.ts";
import type { SqlParams } from "./index-key.ts";
import type { FieldSql, SqlValue } from "./sql-backend.ts";

export interface PushedCounts {
  matched: number;
  modified: number;
}

type IncChange = FieldChange & { op: "$inc" };

/** What the update does to one document, as the statements compute it. */
const FAILS = 0;
const UNCHANGED = 1;
const CHANGES = 2;

/**
 * Thrown to roll back an updateMany whose UPDATE did not change exactly the
 * rows it read: the locks rule that out, but a key that does not survive the
 * trip through JSON (a lone surrogate on SQLite) would not; caught below.
 */
const MISSED = new EnsembleError("STORE_ERROR", "A pushed-down updateMany did not change the rows it read.");

/**
 * Applies `update` to the documents matching `filter` (the first one unless
 * `multi`) in SQL; null when it did nothing and the read-modify-write must run.
 */
export async function pushFieldUpdate(core: CollectionCore, filter: Document, update: FieldUpdate,
    multi: boolean): Promise<PushedCounts | null> {
  const sql = core.d.fields;
  if (sql === null) return null;
  // The filter's values and shape; its text is needed only when a statement is built.
  const probe = core.planner();
  const plan = planFilter(filter, probe);
  if (!sqlDecides(plan) || !(multi || selectsOneRow(plan))) return null;
  try {
    if (!multi) {
      const one = compiled(core, `fields-one|${plan.shape}${update.shape}`, () => {
        const ctx = core.planner();
        const doc = new Binder(ctx.params);
        const set = newDocument(sql, update, doc);
        const { where } = planFilter(filter, ctx);
        const state = new Binder(ctx.params);
        return { text: `UPDATE ${core.table} SET doc = ${set} WHERE (${where}) AND (${stateOf(sql, update, state)}) = ${CHANGES}`,
          before: doc.slots, after: state.slots };
      });
      return (await core.conn.run(one.text, one.params(update, probe.params.values))) > 0 ? { matched: 1, modified: 1 } : null;
    }
    const read = compiled(core, `fields-read|${plan.shape}${update.shape}`, () => {
      const ctx = core.planner();
      const state = new Binder(ctx.params);
      const s = stateOf(sql, update, state);
      const { where } = planFilter(filter, ctx);
      // Locked in `_id` order, as the read-modify-write locks them.
      return { text: `SELECT _id, ${s} AS s FROM ${core.table}${where ? ` WHERE ${where}` : ""} ORDER BY _id${core.d.forUpdate}`,
        before: state.slots, after: [] };
    });
    return await core.conn.transaction(async (tx) => {
      const rows = await tx.all(read.text, read.params(update, probe.params.values));
      const changing: string[] = [];
      for (const row of rows) {
        const s = Number(row.s);
        if (s === FAILS) return null;
        if (s === CHANGES) changing.push(row._id as string);
      }
      if (changing.length === 0) return { matched: rows.length, modified: 0 };
      const write = compiled(core, `fields-many|${update.shape}`, () => {
        const ctx = core.planner();
        const doc = new Binder(ctx.params);
        const set = newDocument(sql, update, doc);
        return { text: `UPDATE ${core.table} SET doc = ${set} WHERE ${sql.inStrings("_id", ctx.params.add(null))}`,
          before: doc.slots, after: [] };
      });
      if (await tx.run(write.text, write.params(update, [JSON.stringify(changing)])) !== changing.length) throw MISSED;
      return { matched: rows.length, modified: changing.length };
    });
  } catch (error) {
    // A unique index refused a new value: the read-modify-write reports it as the driver does, naming the document.
    if (error === MISSED || core.d.uniqueViolation(error) !== null) return null;
    throw error;
  }
}

/** Which value of which change a placeholder of the update holds. */
interface Slot {
  readonly change: number;
  readonly value: "by" | "json" | "plain";
}

/**
 * Hands out placeholders for the update's values, recording which value each
 * holds, so that a statement built once can be given the values of any
 * update of the same shape without building its text again.
 */
class Binder {
  readonly slots: Slot[] = [];
  constructor(private readonly params: SqlParams) {}
  bind(change: number, value: Slot["value"]): string {
    this.slots.push({ change, value });
    return this.params.add(null);
  }
}

/** A statement: the update's placeholders `before` and `after` the middle ones (the filter's, or the keys). */
interface Built { text: string; before: readonly Slot[]; after: readonly Slot[] }

interface Compiled {
  text: string;
  params(update: FieldUpdate, middle: readonly SqlValue[]): SqlValue[];
}

/** Slots by statement text (they depend on the update's shape alone); bounded like the statement cache. */
const slotsByText = new Map<string, Pick<Built, "before" | "after">>();
const MAX_SLOTS = 1000;

/** The statement cached under `key` (see CollectionCore.statement), built by `build` when missing. */
function compiled(core: CollectionCore, key: string, build: () => Built): Compiled {
  let built: Built | undefined;
  const text = core.statement(key, () => (built = build()).text);
  let slots = slotsByText.get(text);
  if (slots === undefined) {
    slots = built ?? build();
    if (slotsByText.size >= MAX_SLOTS) slotsByText.clear();
    slotsByText.set(text, { before: slots.before, after: slots.after });
  }
  const { before, after } = slots;
  return { text, params: (update, middle) => [...before.map((s) => slotValue(update, s)), ...middle, ...after.map((s) => slotValue(update, s))] };
}

function slotValue(update: FieldUpdate, slot: Slot): SqlValue {
  const c = update.changes[slot.change]!;
  if (c.op === "$inc") return c.by;
  return slot.value === "json" ? JSON.stringify(c.value) : (c.value as string | number);
}

/** The document with the changes made. Placeholders are handed out in the order they appear (SQLite's are positional). */
function newDocument(sql: FieldSql, update: FieldUpdate, bind: Binder): string {
  return sql.setFields(update.changes.map((c, i) =>
    [c.name, c.op === "$inc" ? sql.doubleJson(incremented(sql, c, i, bind)) : sql.jsonParam(bind.bind(i, "json"))] as const));
}

/**
 * FAILS, UNCHANGED or CHANGES for the row's document. Nested CASEs, because
 * only CASE fixes the order of evaluation: a field's number is read only once
 * it is known to be one (PostgreSQL raises on a string), and added to only
 * once the sum is known to be finite; and a NULL anywhere means FAILS.
 */
function stateOf(sql: FieldSql, update: FieldUpdate, bind: Binder): string {
  const incs = update.changes.flatMap((c, i) => (c.op === "$inc" ? [{ c, i }] : []));
  let text = "";
  if (incs.length > 0) {
    const numbers = incs.map(({ c }) =>
      `CASE WHEN ${sql.is(c.name, "number")} THEN abs(${sql.double(c.name)}) <= ${INC_LIMIT} ELSE ${sql.missing(c.name)} END`);
    const exact = incs.map(({ c, i }) => (sql.maxNumber === null ? "" : `abs(${incremented(sql, c, i, bind)}) <= ${sql.maxNumber} AND `) +
      `${sql.storedDouble(incremented(sql, c, i, bind))} = ${incremented(sql, c, i, bind)}`);
    text += `CASE WHEN ${numbers.join(" AND ")} THEN CASE WHEN ${exact.join(" AND ")} THEN `;
  }
  // Never NULL: `is` is false on a missing field, and a missing field always changes.
  const changed = update.changes.map((c, i) => changes(sql, c, i, bind));
  text += `CASE WHEN ${changed.join(" OR ")} THEN ${CHANGES} ELSE ${UNCHANGED} END`;
  return incs.length > 0 ? `${text} ELSE ${FAILS} END ELSE ${FAILS} END` : text;
}

/** True when the change gives the field a different value (mingo's test: `!==` for $inc, isEqual for $set). */
function changes(sql: FieldSql, c: FieldChange, i: number, bind: Binder): string {
  if (c.op === "$inc") return `(${sql.missing(c.name)} OR ${incremented(sql, c, i, bind)} <> ${current(sql, c.name)})`;
  switch (c.type) {
    case "number": return `COALESCE(${current(sql, c.name)} <> ${sql.doubleParam(bind.bind(i, "plain"))}, TRUE)`;
    case "string":
      return `COALESCE(CASE WHEN ${sql.is(c.name, "string")} THEN ${sql.text(c.name)} END <> ${bind.bind(i, "plain")}, TRUE)`;
    default: return `NOT (${sql.is(c.name, c.type)})`;
  }
}

/** The field's number, NULL when it holds none. */
function current(sql: FieldSql, name: string): string {
  return `CASE WHEN ${sql.is(name, "number")} THEN ${sql.double(name)} END`;
}

/** The field's new number: as mingo computes it, `(old || 0) + by`. */
function incremented(sql: FieldSql, c: IncChange, i: number, bind: Binder): string {
  return `(COALESCE(${current(sql, c.name)}, 0) + ${sql.doubleParam(bind.bind(i, "by"))})`;
}
