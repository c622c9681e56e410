// Printing values, frames and records for people: variables by name (never
// `[object Object]` or `Symbol()`), long values shortened, and secrets such as
// passwords and tokens redacted wherever something is logged or shown.

import { varName } from "./vars.ts";

// `session`: a session id is the bearer credential of the apps this model builds
// (Sessioning's ids travel as the token), so it is as secret as a token.
const SECRET_KEY = /passw(or)?d|passwd|secret|token|authorization|api[-_]?key|credential|^session$/i;
const REDACTED = "[redacted]";

/** True for keys whose values must never be logged or shown (password, token …). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A deep copy of `value` with every secret-looking field replaced by "[redacted]". */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[…]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redact(v, depth + 1);
  return out;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A compact, redacted, one-line rendering of any value. */
export function formatValue(value: unknown, max = 160): string {
  const text = render(value, 0);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function render(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "symbol":
      return `\`${varName(value)}\``;
    case "function":
      return value.name ? `${value.name}()` : "function";
    case "undefined":
      return "undefined";
    case "bigint":
      return `${value}n`;
    case "object":
      break;
    default:
      return String(value);
  }
  if (value === null) return "null";
  if (depth > 4) return "…";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `[${value.map((v) => render(v, depth + 1)).join(", ")}]`;
  const parts = Object.entries(value).map(([k, v]) => `${k}: ${isSecretKey(k) ? REDACTED : render(v, depth + 1)}`);
  return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
}

/** The names of the variables a frame binds, in binding order. */
export function frameVarNames(frame: object): string[] {
  return Object.getOwnPropertySymbols(frame).map(varName);
}

/** A frame as `{ request: "r1", user: "u7" }`, by variable name, redacted. */
export function formatFrame(frame: object, max = 300): string {
  const syms = Object.getOwnPropertySymbols(frame);
  if (syms.length === 0) return "{}";
  const record = frame as Record<symbol, unknown>;
  const parts = syms.map((s) => {
    const name = varName(s);
    return `${name}: ${isSecretKey(name) ? REDACTED : formatValue(record[s], 80)}`;
  });
  const text = `{ ${parts.join(", ")} }`;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A frame as a plain object keyed by variable name (redacted), for traces and JSON. */
export function frameToObject(frame: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const record = frame as Record<symbol, unknown>;
  for (const s of Object.getOwnPropertySymbols(frame)) {
    const name = varName(s);
    out[name] = isSecretKey(name) ? REDACTED : redact(record[s]);
  }
  return out;
}
