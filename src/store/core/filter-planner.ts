// Pushes the simple parts of a MongoDB filter down to SQL: equality, $in and
// ranges on `_id` (the primary key) and on paths that lead an index. The SQL
// predicate is always a superset of the true answer. When every part of the
// filter was pushed down it is exact — except for documents holding an array
// at an indexed path (SQL cannot look inside it): the plan lists those paths
// in `arrays` so that only such documents go to mingo.
import type { Document } from "../api/document.ts";
import { ID_KEY_STRING_END, ID_KEY_STRING_FIRST, idKey } from "./document-codec.ts";
import { type IndexKey, type KeyScalar, keyScalar, type RangeOperator, type SqlParams } from "./index-key.ts";

export interface FilterPlan {
  /** SQL boolean expression, or "" when SQL cannot narrow the filter. */
  where: string;
  /** True when `where` selects exactly the matching documents among those without an array at an `arrays` path. */
  exact: boolean;
  /** Pushed-down paths at which a document holding an array needs mingo (SQL cannot look inside arrays). */
  arrays: readonly string[];
  /**
   * A short key that determines `where` and `arrays` (paths, operators, value
   * types — never the values, which are parameters): statements built from
   * the plan are cached under it, so repeated queries of one shape reuse one
   * SQL string instead of rebuilding and rehashing it.
   */
  shape: string;
}

/** True when SQL alone decides the filter (no row needs mingo): SQL may then count, skip and limit. */
export function sqlDecides(plan: FilterPlan): boolean {
  return plan.exact && plan.arrays.length === 0;
}

/** True when the plan selects at most one row: its first conjunct is an equality on the key column. */
export function selectsOneRow(plan: FilterPlan): boolean {
  return plan.where.startsWith("_id = ");
}

export interface PlannerContext {
  params: SqlParams;
  /** The key of `path` when it leads an index, else undefined. */
  indexed(path: string): IndexKey | undefined;
  /** The quoted `_id` column. */
  idColumn: string;
}

const NO_PLAN: FilterPlan = { where: "", exact: false, arrays: [], shape: "-" };
const RANGE_OPS: readonly RangeOperator[] = ["$gt", "$gte", "$lt", "$lte"];

export function planFilter(filter: Document, ctx: PlannerContext): FilterPlan {
  const parts: string[] = [];
  const arrays = new Set<string>();
  let exact = true;
  let shape = "{";
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
    for (const a of plan.arrays) arrays.add(a);
    exact &&= plan.exact;
    shape += `${key.length}:${key}${plan.shape}`;
  }
  const where = parts.length > 1 ? join(parts.map((p) => `(${p})`), " AND ") : (parts[0] ?? "");
  return { where, exact, arrays: [...arrays], shape: `${shape}}` };
}

/** Joins without flattening (unlike Array.join): a plan whose statement is cached never pays for its text. */
function join(parts: readonly string[], separator: string): string {
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i++) out = out + separator + parts[i]!;
  return out;
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
  return {
    where: join(wheres, joiner),
    exact: plans.every((p) => p.exact),
    arrays: [...new Set(plans.flatMap((p) => p.arrays))],
    shape: `${joiner.trim()}[${plans.map((p) => p.shape).join(",")}]`,
  };
}

/** The shape of a key scalar: its type, and a boolean's value (booleans are inlined in SQL). */
function scalarShape(scalar: KeyScalar): string {
  return scalar.type === "boolean" ? String(scalar.value) : scalar.type;
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
  if (idLiteral(value)) return { where: `${idColumn} = ${params.add(idKey(value))}`, exact: true, arrays: [], shape: "=" };
  const ops = operatorDocument(value);
  if (!ops) return NO_PLAN;
  const parts: string[] = [];
  let exact = true;
  let shape = "";
  for (const op in ops) {
    const arg: unknown = ops[op];
    if (op === "$eq" && idLiteral(arg)) {
      parts.push(`${idColumn} = ${params.add(idKey(arg))}`);
      shape += "e";
    } else if (op === "$in" && Array.isArray(arg) && arg.every(idLiteral)) {
      parts.push(arg.length === 0 ? "1 = 0" : `${idColumn} IN (${arg.map((v) => params.add(idKey(v))).join(", ")})`);
      shape += `i${arg.length}`;
    } else if (RANGE_OPS.includes(op as RangeOperator) && typeof arg === "string") {
      // String keys are "s" + the string, so string order is key order; the
      // other bound keeps the range inside strings, as MongoDB's type bracketing does.
      const sqlOp = { $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" }[op as RangeOperator];
      parts.push(`${idColumn} ${sqlOp} ${params.add(idKey(arg))}`);
      parts.push(op.startsWith("$g") ? `${idColumn} < '${ID_KEY_STRING_END}'` : `${idColumn} >= '${ID_KEY_STRING_FIRST}'`);
      shape += op;
    } else {
      exact = false;
      shape += "x";
    }
  }
  return { where: join(parts, " AND "), exact: exact && parts.length > 0, arrays: [], shape: `(${shape})` };
}

function planIndexed(path: string, value: unknown, ctx: PlannerContext): FilterPlan {
  const key = ctx.indexed(path);
  if (!key) return NO_PLAN;
  const { params } = ctx;
  const ops = operatorDocument(value);
  const literal = ops ? null : keyScalar(value);
  const arrays = [path];
  if (literal) return { where: `${key.equals(literal, params)} OR ${key.isArray()}`, exact: true, arrays, shape: `=${scalarShape(literal)}` };
  if (!ops) return NO_PLAN;
  const parts: string[] = [];
  let exact = true;
  let shape = "";
  for (const op in ops) {
    const arg: unknown = ops[op];
    const before = parts.length;
    if (op === "$eq") {
      const scalar = keyScalar(arg);
      if (scalar) {
        parts.push(key.equals(scalar, params));
        shape += `e${scalarShape(scalar)}`;
      }
    } else if (op === "$in" && Array.isArray(arg)) {
      const scalars = arg.map(keyScalar);
      if (scalars.every((l) => l !== null)) {
        parts.push(scalars.length === 0 ? "1 = 0" : join(scalars.map((l) => key.equals(l!, params)), " OR "));
        shape += `i[${scalars.map((l) => scalarShape(l!)).join(",")}]`;
      }
    } else if (RANGE_OPS.includes(op as RangeOperator)) {
      const scalar = keyScalar(arg);
      if (scalar) {
        parts.push(key.range(op as RangeOperator, scalar, params));
        shape += `${op}${scalarShape(scalar)}`;
      }
    }
    if (parts.length === before) {
      exact = false;
      shape += "x";
    }
  }
  if (parts.length === 0) return NO_PLAN;
  const scalar = parts.length > 1 ? join(parts.map((p) => `(${p})`), " AND ") : parts[0]!;
  return { where: `(${scalar}) OR ${key.isArray()}`, exact, arrays, shape: `(${shape})` };
}
