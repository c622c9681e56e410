// The SQL side of an index key. Each indexed path is stored in the index as
// three expressions (see Dialect.keyColumns) whose lexicographic order is
// MongoDB's order for scalars:
//   rank  0 null/missing · 1 number · 2 string · 3 object · 4 array · 5 boolean · 6 date
//   num   the number (booleans 0/1), else 0
//   txt   the string (dates: ISO text, objects: JSON text), else '' —
//         except for null/missing/arrays, where it is the row's _id so that a
//         unique index never counts two such documents as duplicates.
// A document whose value at the path is an array (or lies under an array on
// the way) gets rank 4: SQL cannot see inside it, so every predicate below
// also admits rank 4 and mingo decides. That keeps the SQL a superset of the
// true answer, which is all correctness needs.
import type { KeyColumns, SqlValue } from "./sql-backend.ts";

export const RANK = { missing: 0, number: 1, string: 2, object: 3, array: 4, boolean: 5, date: 6 } as const;

/** A scalar turned into key-column values, or null when SQL cannot compare it exactly. */
export interface KeyLiteral { rank: number; num: number; txt: string }

export function keyLiteral(value: unknown): KeyLiteral | null {
  switch (typeof value) {
    case "number": return Number.isFinite(value) ? { rank: RANK.number, num: value, txt: "" } : null;
    case "string": return { rank: RANK.string, num: 0, txt: value };
    case "boolean": return { rank: RANK.boolean, num: value ? 1 : 0, txt: "" };
    default:
      return value instanceof Date && !Number.isNaN(value.getTime())
        ? { rank: RANK.date, num: 0, txt: value.toISOString() }
        : null;
  }
}

/** Collects parameters and hands out the dialect's placeholders in order. */
export class SqlParams {
  readonly values: SqlValue[] = [];
  constructor(private readonly placeholder: (n: number) => string) {}
  add(value: SqlValue): string {
    this.values.push(value);
    return this.placeholder(this.values.length);
  }
  /** How many values so far; pass it to `rewind` to forget what a discarded fragment added. */
  mark(): number {
    return this.values.length;
  }
  rewind(mark: number): void {
    this.values.length = mark;
  }
}

/** `key = literal` — the whole key, so that the index is searched, not scanned. */
export function keyEquals(cols: KeyColumns, lit: KeyLiteral, params: SqlParams): string {
  const num = lit.rank === RANK.number || lit.rank === RANK.boolean ? params.add(lit.num) : "0";
  const txt = lit.txt === "" ? "''" : params.add(lit.txt);
  return `(${cols.rank} = ${lit.rank} AND ${cols.num} = ${num} AND ${cols.txt} = ${txt})`;
}

export type RangeOperator = "$gt" | "$gte" | "$lt" | "$lte";
const SQL_OP: Record<RangeOperator, string> = { $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" };

/** `key <op> literal` within the literal's type, as MongoDB's comparison operators bracket by type. */
export function keyRange(cols: KeyColumns, op: RangeOperator, lit: KeyLiteral, params: SqlParams): string | null {
  if (lit.rank === RANK.number) return `(${cols.rank} = ${RANK.number} AND ${cols.num} ${SQL_OP[op]} ${params.add(lit.num)})`;
  if (lit.rank === RANK.string || lit.rank === RANK.date) {
    return `(${cols.rank} = ${lit.rank} AND ${cols.num} = 0 AND ${cols.txt} ${SQL_OP[op]} ${params.add(lit.txt)})`;
  }
  return null;
}

/** Rows whose value is an array (or sits under one): SQL cannot decide them. */
export function keyIsArray(cols: KeyColumns): string {
  return `${cols.rank} = ${RANK.array}`;
}

/** ORDER BY terms for sorting by this key in direction `dir`. */
export function keyOrder(cols: KeyColumns, dir: 1 | -1): string {
  const d = dir === 1 ? "" : " DESC";
  return `${cols.rank}${d}, ${cols.num}${d}, ${cols.txt}${d}`;
}

/**
 * Rows whose key does not sort in MongoDB's order in SQL (objects compare by
 * JSON text, arrays by their elements): a sort that meets one must run in JS.
 */
export function keyUnsortable(cols: KeyColumns): string {
  return `${cols.rank} IN (${RANK.object}, ${RANK.array})`;
}
