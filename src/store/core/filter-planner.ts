// Pushes the simple parts of a MongoDB filter down to SQL: equality, $in and
// ranges on `_id` (the primary key) and on paths that lead an index. The SQL
// predicate is always a superset of the true answer; when it is exactly the
// answer (`exact`) the caller can skip mingo and let SQL do skip/limit/count.
import type { Document } from "../api/document.ts";
import { ID_KEY_STRING_END, ID_KEY_STRING_FIRST, idKey } from "./document-codec.ts";
import { keyEquals, keyIsArray, keyLiteral, keyRange, type RangeOperator, type SqlParams } from "./index-key.ts";
import type { KeyColumns } from "./sql-backend.ts";

export interface FilterPlan {
  /** SQL boolean expression, or "" when SQL cannot narrow the filter. */
  where: string;
  /** True when `where` selects exactly the matching documents. */
  exact: boolean;
}

export interface PlannerContext {
  params: SqlParams;
  /** Key columns of `path` when it leads an index, else undefined. */
  indexed(path: string): KeyColumns | undefined;
  /** The quoted `_id` column. */
  idColumn: string;
}

const NO_PLAN: FilterPlan = { where: "", exact: false };
const RANGE_OPS: readonly RangeOperator[] = ["$gt", "$gte", "$lt", "$lte"];

export function planFilter(filter: Document, ctx: PlannerContext): FilterPlan {
  const parts: string[] = [];
  let exact = true;
  for (const key in filter) {
    const value: unknown = filter[key];
    let plan: FilterPlan;
    if (key === "$comment") continue;
    if (key === "$and" && Array.isArray(value)) plan = combine(value.map((f: Document) => planFilter(f, ctx)), " AND ");
    else if (key === "$or" && Array.isArray(value)) plan = planOr(value, ctx);
    else if (key.startsWith("$")) plan = NO_PLAN;
    else if (key === "_id") plan = planId(value, ctx);
    else plan = planIndexed(key, value, ctx);
    if (plan.where) parts.push(plan.where);
    exact &&= plan.exact;
  }
  return { where: parts.length > 1 ? parts.map((p) => `(${p})`).join(" AND ") : (parts[0] ?? ""), exact };
}

function planOr(branches: Document[], ctx: PlannerContext): FilterPlan {
  const mark = ctx.params.mark();
  const plans = branches.map((f) => planFilter(f, ctx));
  // One branch SQL cannot narrow makes the whole $or un-narrowable.
  if (plans.length === 0 || plans.some((p) => !p.where)) {
    ctx.params.rewind(mark);
    return NO_PLAN;
  }
  return combine(plans, " OR ");
}

function combine(plans: FilterPlan[], joiner: string): FilterPlan {
  const wheres = plans.filter((p) => p.where).map((p) => `(${p.where})`);
  return { where: wheres.join(joiner), exact: plans.every((p) => p.exact) };
}

/** A value is an operator document when its first key starts with "$" (MongoDB's rule). */
export function operatorDocument(value: unknown): Document | null {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date || value instanceof RegExp) return null;
  for (const k in value) return k.startsWith("$") ? (value as Document) : null;
  return null;
}

/** `_id` cannot hold an array, so equality on the key column is exact. */
function idLiteral(value: unknown): boolean {
  return value !== undefined && !(value instanceof RegExp) && !Array.isArray(value) && operatorDocument(value) === null;
}

function planId(value: unknown, ctx: PlannerContext): FilterPlan {
  const { params, idColumn } = ctx;
  if (idLiteral(value)) return { where: `${idColumn} = ${params.add(idKey(value))}`, exact: true };
  const ops = operatorDocument(value);
  if (!ops) return NO_PLAN;
  const parts: string[] = [];
  let exact = true;
  for (const op in ops) {
    const arg: unknown = ops[op];
    if (op === "$eq" && idLiteral(arg)) parts.push(`${idColumn} = ${params.add(idKey(arg))}`);
    else if (op === "$in" && Array.isArray(arg) && arg.every(idLiteral)) {
      parts.push(arg.length === 0 ? "1 = 0" : `${idColumn} IN (${arg.map((v) => params.add(idKey(v))).join(", ")})`);
    } else if (RANGE_OPS.includes(op as RangeOperator) && typeof arg === "string") {
      // String keys are "s" + the string, so string order is key order; the
      // other bound keeps the range inside strings, as MongoDB's type bracketing does.
      const sqlOp = { $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" }[op as RangeOperator];
      parts.push(`${idColumn} ${sqlOp} ${params.add(idKey(arg))}`);
      parts.push(op.startsWith("$g") ? `${idColumn} < '${ID_KEY_STRING_END}'` : `${idColumn} >= '${ID_KEY_STRING_FIRST}'`);
    } else exact = false;
  }
  return { where: parts.join(" AND "), exact: exact && parts.length > 0 };
}

function planIndexed(path: string, value: unknown, ctx: PlannerContext): FilterPlan {
  const cols = ctx.indexed(path);
  if (!cols) return NO_PLAN;
  const { params } = ctx;
  const ops = operatorDocument(value);
  const literal = ops ? null : keyLiteral(value);
  if (literal) return { where: `${keyEquals(cols, literal, params)} OR ${keyIsArray(cols)}`, exact: false };
  if (!ops) return NO_PLAN;
  const parts: string[] = [];
  for (const op in ops) {
    const arg: unknown = ops[op];
    if (op === "$eq") {
      const lit = keyLiteral(arg);
      if (lit) parts.push(keyEquals(cols, lit, params));
    } else if (op === "$in" && Array.isArray(arg)) {
      const lits = arg.map(keyLiteral);
      if (lits.every((l) => l !== null)) {
        parts.push(lits.length === 0 ? "1 = 0" : lits.map((l) => keyEquals(cols, l!, params)).join(" OR "));
      }
    } else if (RANGE_OPS.includes(op as RangeOperator)) {
      const lit = keyLiteral(arg);
      const range = lit && keyRange(cols, op as RangeOperator, lit, params);
      if (range) parts.push(range);
    }
  }
  if (parts.length === 0) return NO_PLAN;
  const scalar = parts.length > 1 ? parts.map((p) => `(${p})`).join(" AND ") : parts[0]!;
  return { where: `(${scalar}) OR ${keyIsArray(cols)}`, exact: false };
}
