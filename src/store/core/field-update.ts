// Recognises the updates SQL can apply by itself, so that updateOne and
// updateMany can skip the read-modify-write (push-field-update.ts): only
// `$set` and `$inc`, only on plain top-level field names, with `$inc` by a
// finite number and `$set` to a value the codec stores as it is (a string, a
// finite number, a boolean or null; Dates, objects, arrays and undefined are
// encoded or compared in ways SQL would not reproduce). Anything else is
// applied in JS by mingo, as before.
import type { Document } from "../api/document.ts";
import type { FieldType } from "./sql-backend.ts";

export type FieldChange =
  | { readonly op: "$inc"; readonly name: string; readonly by: number }
  | { readonly op: "$set"; readonly name: string; readonly value: string | number | boolean | null; readonly type: FieldType };

export interface FieldUpdate {
  /** In the update's order, which is the order mingo would apply them (and new fields are added) in. */
  readonly changes: readonly FieldChange[];
  /** Determines the SQL text (operators, names, value types), never the values. */
  readonly shape: string;
}

/**
 * The most an `$inc` pushed down may add, and the most a number it adds to may
 * hold: with both at most this, the sum is finite, so SQL never overflows
 * (PostgreSQL would raise, SQLite would store infinity). Larger numbers take
 * the JS path, which refuses an infinite result as it always did.
 */
export const INC_LIMIT = 1e307;

/**
 * Names SQL text can hold as they are (inside quotes, in both dialects'
 * paths): no dot (a path), no leading `$` (an operator), no quote, backslash
 * or control character.
 */
const PLAIN_NAME = /^[^$."'\\\u0000-\u001f][^."'\\\u0000-\u001f]*$/;
/** A lone surrogate: not valid UTF-8, so SQL would not store or compare the string as JS sees it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The update as top-level field changes, or null when SQL cannot apply it exactly as mingo would. */
export function fieldUpdate(update: Document | Document[]): FieldUpdate | null {
  if (Array.isArray(update) || !plainObject(update)) return null;
  const changes: FieldChange[] = [];
  const names = new Set<string>();
  let shape = "";
  for (const op in update) {
    const fields: unknown = update[op];
    if ((op !== "$set" && op !== "$inc") || !plainObject(fields)) return null;
    for (const name in fields) {
      // `__proto__` would set the prototype in JS, not a field; `_id` is immutable.
      if (!PLAIN_NAME.test(name) || LONE_SURROGATE.test(name) || name === "_id" || name === "__proto__") return null;
      // Two operators on one field conflict (mingo refuses it before this runs).
      if (names.has(name)) return null;
      names.add(name);
      const value: unknown = fields[name];
      if (op === "$inc") {
        if (typeof value !== "number" || !(Math.abs(value) <= INC_LIMIT)) return null;
        changes.push({ op, name, by: value });
        shape += `|i${name.length}:${name}`;
      } else {
        const type = verbatimType(value);
        if (type === null) return null;
        changes.push({ op, name, value: value as string | number | boolean | null, type });
        shape += `|s${type}${name.length}:${name}`;
      }
    }
  }
  return changes.length > 0 ? { changes, shape } : null;
}

/** The JSON type of a value the codec stores unchanged, else null. */
function verbatimType(value: unknown): FieldType | null {
  switch (typeof value) {
    case "string":
      // NUL is refused by PostgreSQL text and JSONB.
      return value.includes("\u0000") || LONE_SURROGATE.test(value) ? null : "string";
    case "number":
      return Number.isFinite(value) ? "number" : null;
    case "boolean":
      return value ? "true" : "false";
    case "object":
      return value === null ? "null" : null;
    default:
      return null;
  }
}

function plainObject(value: unknown): value is Document {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
