// What MongoDB refuses in an update and mingo would silently skip: `$inc` on
// a string, `$push` onto a non-array, creating a field inside a number.
// Checked per matched document, before mingo applies the update.
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";

const NUMERIC_OPERATORS = ["$inc", "$mul"];
const ARRAY_OPERATORS = ["$push", "$addToSet", "$pull", "$pullAll", "$pop"];
const PATH_CREATING_OPERATORS = ["$set", "$setOnInsert", "$inc", "$mul", "$min", "$max", "$push", "$addToSet", "$currentDate"];

/** Refuses what MongoDB refuses before mingo would quietly do nothing. */
export function checkTargets(doc: Document, operators: Document, where: string): void {
  for (const op of PATH_CREATING_OPERATORS) {
    for (const path of Object.keys(operators[op] ?? {})) {
      const { value, blocked } = lookup(doc, path);
      if (blocked) {
        fail(`Cannot create field "${path}" in ${where}: "${blocked}" holds ${describe(value)}, not a document.`);
      }
      if (value === undefined) continue;
      if (NUMERIC_OPERATORS.includes(op) && typeof value !== "number") {
        fail(`Cannot apply ${op} to "${path}" in ${where}: it holds ${describe(value)}, not a number.`);
      }
      if (ARRAY_OPERATORS.includes(op) && !Array.isArray(value)) {
        fail(`Cannot apply ${op} to "${path}" in ${where}: it holds ${describe(value)}, not an array.`);
      }
    }
  }
  for (const op of ["$pull", "$pullAll", "$pop"]) {
    for (const path of Object.keys(operators[op] ?? {})) {
      const { value } = lookup(doc, path);
      if (value !== undefined && value !== null && !Array.isArray(value)) {
        fail(`Cannot apply ${op} to "${path}" in ${where}: it holds ${describe(value)}, not an array.`);
      }
    }
  }
}

/** The value at a plain dotted path; `blocked` names a prefix holding a scalar. Positional paths are left to mingo. */
function lookup(doc: Document, path: string): { value: unknown; blocked?: string } {
  let current: unknown = doc;
  const parts = path.split(".");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith("$") || Array.isArray(current)) return { value: undefined };
    if (current === null || typeof current !== "object" || current instanceof Date) {
      return i === 0 ? { value: undefined } : { value: current, blocked: parts.slice(0, i).join(".") };
    }
    current = (current as Record<string, unknown>)[part];
    if (current === undefined) return { value: undefined };
  }
  return { value: current };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a date";
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

function fail(message: string): never {
  throw new EnsembleError("INVALID_ARGUMENT", message);
}

