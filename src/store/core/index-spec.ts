// Index definitions as the driver takes them (`{ email: 1 }`, `"email"`,
// `[["a", 1], ["b", -1]]` …), normalised, named the driver's way (`email_1`)
// and checked: only ascending/descending keys on plain paths are supported by
// the SQL backends, and options that would change behaviour are refused.
import { EnsembleError } from "../../ensemble-error.ts";
import type { CreateIndexesOptions, IndexSpecification } from "../api/options.ts";
import type { IndexDescriptionInfo, IndexDirection } from "../api/results.ts";
import type { SortKeys } from "./sort-spec.ts";

/** An index as the store keeps it. */
export interface IndexInfo {
  name: string;
  keys: SortKeys;
  unique: boolean;
  sparse: boolean;
  /** The SQL index that implements it. */
  sqlName: string;
}

const IGNORED_OPTIONS = new Set(["unique", "name", "sparse", "background", "comment", "maxTimeMS", "writeConcern", "commitQuorum", "version", "v"]);

/** The key of an index spec as ordered [path, 1 | -1] pairs. */
export function normalizeIndexKeys(spec: IndexSpecification, collection: string): SortKeys {
  const out: Array<readonly [string, 1 | -1]> = [];
  const add = (path: string, dir: IndexDirection): void => {
    if (dir !== 1 && dir !== -1) {
      throw new EnsembleError("UNSUPPORTED_OPERATOR",
        `Unsupported index type ${JSON.stringify(dir)} on "${path}" in collection "${collection}": ` +
        `the SQL backends support ascending (1) and descending (-1) keys.`, { collection, path, operator: String(dir) });
    }
    checkPath(path, collection);
    out.push([path, dir]);
  };
  const visit = (s: unknown): void => {
    if (typeof s === "string") add(s, 1);
    else if (s instanceof Map) for (const [k, d] of s as Map<string, IndexDirection>) add(k, d);
    else if (Array.isArray(s)) {
      if (s.length === 2 && typeof s[0] === "string" && typeof s[1] !== "string" && !Array.isArray(s[1])) add(s[0], s[1] as IndexDirection);
      else for (const item of s) visit(item);
    } else if (s !== null && typeof s === "object") for (const [k, d] of Object.entries(s)) add(k, d as IndexDirection);
    else throw new EnsembleError("INVALID_ARGUMENT", `Invalid index specification ${JSON.stringify(s)} for collection "${collection}".`);
  };
  visit(spec);
  if (out.length === 0) throw new EnsembleError("INVALID_ARGUMENT", `Index specification for collection "${collection}" has no keys.`);
  return out;
}

/** The driver's default name: `a_1_b_-1`. */
export function defaultIndexName(keys: SortKeys): string {
  return keys.map(([k, d]) => `${k}_${d}`).join("_");
}

/** Refuses index options that would change behaviour and are not implemented. */
export function checkIndexOptions(options: CreateIndexesOptions | undefined, collection: string): void {
  for (const key of Object.keys(options ?? {})) {
    if (!IGNORED_OPTIONS.has(key)) {
      throw new EnsembleError("UNSUPPORTED_OPERATOR",
        `Unsupported index option "${key}" in collection "${collection}": the SQL backends support unique, sparse and name.`,
        { collection, operator: key });
    }
  }
}

/** The driver's `indexes()` entry for an index. */
export function describeIndex(index: IndexInfo): IndexDescriptionInfo {
  const info: IndexDescriptionInfo = { v: 2, key: Object.fromEntries(index.keys), name: index.name };
  // MongoDB does not list `_id_` as unique although it is.
  if (index.unique && index !== ID_INDEX) info.unique = true;
  if (index.sparse) info.sparse = true;
  return info;
}

/** The built-in primary-key index, `_id_`. */
export const ID_INDEX: IndexInfo = { name: "_id_", keys: [["_id", 1]], unique: true, sparse: false, sqlName: "" };

function checkPath(path: string, collection: string): void {
  const bad = path.split(".").find((s) => s === "" || s.startsWith("$") || /["\\\u0000]/.test(s));
  if (bad !== undefined) {
    throw new EnsembleError("INVALID_ARGUMENT",
      `Invalid index key "${path}" in collection "${collection}": each dotted part must be non-empty, ` +
      `not start with "$" and not contain quotes or backslashes.`, { collection, path });
  }
}
