// How documents become JSON text in a SQL column and back. JSON has no dates,
// so a Date is stored as `{ "$date": "<ISO string>" }` (MongoDB's extended
// JSON) and revived on read; this is unambiguous because stored field names may
// not start with `$`. `undefined` is stored as null, as the MongoDB driver does.
// Values JSON cannot hold faithfully (NaN, bigint, Map …) are refused rather
// than silently changed.
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";

/** Serialises a document, checking that it can be stored and read back unchanged. */
export function encodeDocument(doc: Document, collection: string): string {
  return check(doc, "", collection, 0) ? JSON.stringify(doc, dateReplacer) : JSON.stringify(doc);
}

/** Parses a stored document, reviving dates, `_id` first (as MongoDB returns it). */
export function decodeDocument(text: string): Document {
  let doc = JSON.parse(text) as Document;
  // JSONB reorders keys (shortest first); put `_id` back in front.
  for (const first in doc) {
    if (first !== "_id" && "_id" in doc) {
      const { _id, ...rest } = doc;
      doc = { _id, ...rest };
    }
    break;
  }
  // A plain substring search is far cheaper than a reviver on every parse.
  return text.includes('"$date"') ? (revive(doc) as Document) : doc;
}

/**
 * The primary-key text for an `_id`: `s<string>` for strings, `j<json>` for
 * anything else. Strings keep their byte order (so `_id` ranges and sorts can
 * run in SQL) and can never collide with a number of the same spelling.
 */
export function idKey(id: unknown): string {
  return typeof id === "string" ? "s" + id : "j" + JSON.stringify(id, dateReplacer);
}

/**
 * Orders id keys as SQL does (by UTF-8 bytes, i.e. by code point), for
 * results sorted in JS that must agree with `ORDER BY _id`. JS compares UTF-16
 * code units, which differs only between surrogates and U+E000–U+FFFF.
 */
export function compareIdKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Move surrogates above U+E000–U+FFFF, where their code points are.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** The smallest key of a non-string `_id` and the bound above all string keys. */
export const ID_KEY_STRING_FIRST = "s";
export const ID_KEY_STRING_END = "t";

function dateReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) return { $date: raw.toISOString() };
  return value === undefined ? null : value;
}

function revive(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  const obj = value as Record<string, unknown>;
  const date = obj.$date;
  if (typeof date === "string" && Object.keys(obj).length === 1) return new Date(date);
  for (const k in obj) obj[k] = revive(obj[k]);
  return obj;
}

const MAX_DEPTH = 100;

/** Validates `value`; returns true when it holds a Date or undefined (needs the replacer). */
function check(value: unknown, path: string, collection: string, depth: number): boolean {
  if (value === null) return false;
  switch (typeof value) {
    case "string":
    case "boolean":
      return false;
    case "number":
      if (!Number.isFinite(value)) refuse(collection, path, `the number ${value}`);
      return false;
    case "undefined":
      return true;
    case "object":
      break;
    default:
      return refuse(collection, path, `a ${typeof value}`);
  }
  if (depth > MAX_DEPTH) refuse(collection, path, `nesting deeper than ${MAX_DEPTH} levels`);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) refuse(collection, path, "an invalid Date");
    return true;
  }
  let special = false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) special = check(value[i], `${path}.${i}`, collection, depth + 1) || special;
    return special;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
    refuse(collection, path, `a ${name} (store plain objects, arrays, strings, numbers, booleans, null and Dates)`);
  }
  for (const key in value) {
    if (key.charCodeAt(0) === 36 /* $ */) {
      throw new EnsembleError("INVALID_DOCUMENT",
        `Field name "${key}" at ${path ? path.slice(1) : "top level"} in collection "${collection}" starts with "$"; ` +
        `stored field names may not (rename the field).`, { collection, field: key });
    }
    special = check((value as Record<string, unknown>)[key], `${path}.${key}`, collection, depth + 1) || special;
  }
  return special;
}

function refuse(collection: string, path: string, what: string): never {
  throw new EnsembleError("INVALID_DOCUMENT",
    `Cannot store ${what} at field "${path.slice(1) || "(document)"}" in collection "${collection}".`, { collection, path: path.slice(1) });
}
