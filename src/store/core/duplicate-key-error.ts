// The error a write gets when it would break a unique index, shaped like the
// MongoDB driver's MongoServerError for code 11000 (message, code, codeName,
// keyPattern, keyValue), so code written for the driver recognises it.
import { resolve } from "mingo/util";
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import type { IndexInfo } from "./index-spec.ts";

export class DuplicateKeyError extends EnsembleError {
  readonly codeName = "DuplicateKey";
  /** The index key, e.g. `{ email: 1 }`. */
  readonly keyPattern: Record<string, 1 | -1>;
  /** The duplicated value, e.g. `{ email: "a@b.c" }`. */
  readonly keyValue: Record<string, unknown>;

  constructor(namespace: string, index: IndexInfo, doc: Document) {
    const keyPattern = Object.fromEntries(index.keys);
    const keyValue = Object.fromEntries(index.keys.map(([path]) => [path, resolve(doc, path) ?? null]));
    const shown = Object.entries(keyValue).map(([k, v]) => `${k}: ${formatValue(v)}`).join(", ");
    super(11000, `E11000 duplicate key error collection: ${namespace} index: ${index.name} dup key: { ${shown} }`,
      { namespace, index: index.name, keyPattern, keyValue });
    this.keyPattern = keyPattern;
    this.keyValue = keyValue;
  }
}

/** Values as the MongoDB server prints them in E11000 messages. */
function formatValue(value: unknown): string {
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value === undefined) return "null";
  return JSON.stringify(value);
}
