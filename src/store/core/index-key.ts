// The SQL side of an index key. Every index key path is stored in the index
// as the dialect's key columns: expressions over the document whose tuple
// order is MongoDB's order for scalars (null/missing < numbers < strings <
// objects < arrays < booleans < dates). SQLite manages this in one column
// thanks to its dynamic typing; PostgreSQL uses (rank, number, text).
// A document whose value at the path is an array (or lies under an array on
// the way) gets an "array" key that SQL cannot see into, so every predicate
// here also admits array keys and mingo decides. That keeps the SQL a
// superset of the true answer, which is all correctness needs.
import type { Dialect, SqlValue } from "./sql-backend.ts";

/** The kinds of keys, as MongoDB orders them. */
export type KeyType = "number" | "string" | "object" | "array" | "boolean" | "date";

/** A scalar SQL can compare exactly. Dates travel as ISO strings. */
export type KeyScalar =
  | { type: "number"; value: number }
  | { type: "string"; value: string }
  | { type: "boolean"; value: boolean }
  | { type: "date"; value: string };

/** The key scalar for a filter value, or null when SQL cannot compare it exactly. */
export function keyScalar(value: unknown): KeyScalar | null {
  switch (typeof value) {
    case "number": return Number.isFinite(value) ? { type: "number", value } : null;
    case "string": return { type: "string", value };
    case "boolean": return { type: "boolean", value };
    default:
      return value instanceof Date && !Number.isNaN(value.getTime()) ? { type: "date", value: value.toISOString() } : null;
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

export type RangeOperator = "$gt" | "$gte" | "$lt" | "$lte";
const SQL_OP: Record<RangeOperator, string> = { $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" };

const tuple = (items: readonly string[]): string => (items.length === 1 ? items[0]! : `(${items.join(", ")})`);

/** The key of one path in one dialect, and the SQL conditions on it. */
export class IndexKey {
  readonly columns: readonly string[];
  private readonly key: string;

  constructor(private readonly d: Dialect, path: readonly string[]) {
    this.columns = d.keyColumns(path);
    this.key = tuple(this.columns);
  }

  /** `key = value`, the whole tuple, so that the index is searched. */
  equals(value: KeyScalar, params: SqlParams): string {
    return `${this.key} = ${tuple(this.d.keyTuple(value, params))}`;
  }

  /** `key <op> value`, within the value's type (MongoDB brackets comparisons by type). */
  range(op: RangeOperator, value: KeyScalar, params: SqlParams): string {
    return `${this.key} ${SQL_OP[op]} ${tuple(this.d.keyTuple(value, params))} AND ${this.d.keyHasType(this.columns, value.type)}`;
  }

  /** Rows whose value is an array (or sits under one): SQL cannot decide them. */
  isArray(): string {
    return this.d.keyHasType(this.columns, "array");
  }

  /** Rows whose keys SQL does not sort in MongoDB's order (objects by JSON text, arrays not by element). */
  unsortable(): string {
    return `(${this.d.keyHasType(this.columns, "object")}) OR (${this.isArray()})`;
  }

  /** ORDER BY terms for this key. */
  order(dir: 1 | -1): string {
    return this.columns.map((c) => (dir === 1 ? c : `${c} DESC`)).join(", ");
  }
}
