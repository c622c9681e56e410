// Sync source as a person would write it, for error messages and fix-its:
// `[Requesting.request, { path: "/login" }, { request }]`.

import { describeFunction } from "./action-ref.ts";
import type { ActionPattern } from "./actions.ts";
import { formatValue } from "./format.ts";
import { isPlainObject } from "./substitute.ts";
import { isOptional, printOptional } from "./optional.ts";
import { isVar, varName } from "./vars.ts";

/** `{ path: "/login", request, user: author }` */
export function printObject(obj: unknown): string {
  if (isVar(obj)) return varName(obj);
  if (isOptional(obj)) return printOptional(obj);
  if (Array.isArray(obj)) return `[${obj.map(printObject).join(", ")}]`;
  if (!isPlainObject(obj)) return formatValue(obj);
  const parts = Object.entries(obj).map(([k, v]) => (isVar(v) && varName(v) === k ? k : `${k}: ${printObject(v)}`));
  return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
}

/** `[Concept.action, { ... }, { ... }]` */
export function printPattern(p: ActionPattern): string {
  const parts = [describeFunction(p[0]), printObject(p[1])];
  if (p[2] !== undefined) parts.push(printObject(p[2]));
  return `[${parts.join(", ")}]`;
}

/** A whole sync declaration as source text, indented by `indent` spaces. */
export function printSync(
  name: string,
  varNames: readonly string[],
  when: readonly ActionPattern[],
  then: readonly ActionPattern[],
  indent = 2,
): string {
  const pad = " ".repeat(indent);
  const list = (ps: readonly ActionPattern[]): string =>
    ps.length === 1 ? `actions(${printPattern(ps[0] as ActionPattern)})` : `actions(\n${ps.map((p) => `${pad}    ${printPattern(p)},`).join("\n")}\n${pad}  )`;
  return [
    `${pad}export const ${name}: Sync = ({ ${varNames.join(", ")} }) => ({`,
    `${pad}  when: ${list(when)},`,
    `${pad}  then: ${list(then)},`,
    `${pad}});`,
  ].join("\n");
}
