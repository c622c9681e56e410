// A static model of the flows an app can have, one per kind of request
// (method and path, as the routing table knows them) and per passthrough
// action: which actions can happen in such a flow, which syncs can fire, and
// under what conditions — which actions must have succeeded or failed, and
// whether a `where` decides. The lints read it: a sync that fires in no flow
// is unreachable; two answering syncs that fire under compatible conditions
// both answer; an action whose success is answered and whose error is not
// ends requests in 500. It over-approximates (data is unknown), so lints
// built on it say "can", and conditions only ever rule firings out.

import type { CompiledSync } from "../../engine/compile-sync.ts";
import { formatValue } from "../../engine/index.ts";
import type { CompiledPattern } from "../../engine/pattern.ts";
import { hasNestedVars } from "../../engine/substitute.ts";
import { valueEquals } from "../../engine/value-equals.ts";
import type { RouteTable } from "../../http/route-table.ts";

/** How a flow starts: a request with this method and path, or a passthrough call. */
export interface Root {
  /** e.g. "POST /api/login", "any other method on /api/x", "passthrough POST /api/Notes/add". */
  readonly label: string;
  readonly action: string;
  /** Upper-case; null: a method no sync names. Requests only. */
  readonly method: string | null;
  /** null: a path no sync names. Requests only. */
  readonly path: string | null;
}

export type Outcome = "success" | "error" | "any";

/** What must hold of one action's record: its outcome and literal fields. */
export interface Condition {
  readonly outcome: Outcome;
  readonly literals: ReadonlyMap<string, unknown>;
}

/** Per action key, what the flow must have seen of it. */
export type Conditions = ReadonlyMap<string, Condition>;

/** A value a then-action passes that is only known at run time. */
export const UNKNOWN = Symbol("unknown");

export interface Invocation {
  readonly action: string;
  /** The input as invoked (key → literal or UNKNOWN); null for a root's open input (a request's body). */
  readonly input: ReadonlyMap<string, unknown> | null;
  /** The sync whose then invokes it; null for the root. */
  readonly by: string | null;
  readonly conditions: Conditions;
  /** A where on the way decides whether it happens. */
  readonly conditional: boolean;
}

export interface Firing {
  readonly sync: CompiledSync;
  readonly conditions: Conditions;
  readonly conditional: boolean;
}

export interface FlowModel {
  readonly root: Root;
  readonly invocations: ReadonlyMap<string, readonly Invocation[]>;
  readonly firings: ReadonlyMap<string, readonly Firing[]>;
}

/** Bounds that keep the model small on large apps; past them it stops adding alternatives. */
const MAX_PER_ACTION = 12;
const MAX_COMBINATIONS = 32;
const MAX_ROUNDS = 40;

/** One root per method named on each path (plus "any other method"), per passthrough action, and one for unknown paths. */
export function roots(routes: RouteTable, baseUrl: string, requestKey: string, passthrough: readonly string[]): Root[] {
  const out: Root[] = [];
  const paths = [...new Set(routes.routes.map((r) => r.path))];
  for (const path of paths) {
    const methods = [...new Set(routes.routes.filter((r) => r.path === path && r.method !== null).map((r) => r.method as string))];
    for (const method of methods) out.push({ label: `${method} ${baseUrl}${path}`, action: requestKey, method, path });
    out.push({ label: `any other method on ${baseUrl}${path}`, action: requestKey, method: null, path });
  }
  const allMethods = [...new Set(routes.routes.map((r) => r.method).filter((m): m is string => m !== null))];
  for (const method of allMethods) out.push({ label: `${method} on a path no sync names`, action: requestKey, method, path: null });
  out.push({ label: "a request no sync names", action: requestKey, method: null, path: null });
  for (const key of passthrough) {
    const [concept, method] = key.split(".");
    out.push({ label: `passthrough POST ${baseUrl}/${concept}/${method}`, action: key, method: null, path: null });
  }
  return out;
}

export function modelFlow(root: Root, syncs: readonly CompiledSync[], requestKey: string): FlowModel {
  const invocations = new Map<string, Invocation[]>([[root.action, [{ action: root.action, input: null, by: null, conditions: new Map(), conditional: false }]]]);
  const firings = new Map<string, Firing[]>();
  const seen = new Set<string>();
  for (let round = 0, grew = true; grew && round < MAX_ROUNDS; round++) {
    grew = false;
    for (const sync of syncs) {
      for (const firing of fire(sync, invocations, root, requestKey)) {
        const key = `${sync.name}|${firing.conditional}|${conditionsKey(firing.conditions)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        grew = true;
        firings.set(sync.name, [...(firings.get(sync.name) ?? []), firing]);
        for (const then of sync.then) {
          const list = invocations.get(then.ref.key) ?? [];
          if (list.length >= MAX_PER_ACTION) continue;
          list.push({ action: then.ref.key, input: invokedInput(then.input), by: sync.name, conditions: firing.conditions, conditional: firing.conditional });
          invocations.set(then.ref.key, list);
        }
      }
    }
  }
  return { root, invocations, firings };
}

/** Every way `sync` can fire given the invocations so far. */
function fire(sync: CompiledSync, invocations: ReadonlyMap<string, readonly Invocation[]>, root: Root, requestKey: string): Firing[] {
  const candidates = sync.when.map((p) => (invocations.get(p.ref.key) ?? []).filter((inv) => inputMismatch(p, inv, root, requestKey) === undefined));
  if (candidates.some((c) => c.length === 0)) return [];
  const out: Firing[] = [];
  const walk = (i: number, conditions: Conditions, conditional: boolean): void => {
    if (out.length >= MAX_COMBINATIONS) return;
    const p = sync.when[i];
    if (!p) {
      out.push({ sync, conditions, conditional: conditional || sync.where !== undefined });
      return;
    }
    for (const inv of candidates[i] as Invocation[]) {
      const before = mergeConditions(conditions, inv.conditions);
      const merged = before && mergeConditions(before, new Map([[p.ref.key, conditionOf(p, requestKey)]]));
      if (merged) walk(i + 1, merged, conditional || inv.conditional);
    }
  };
  walk(0, new Map(), false);
  return out;
}

/** Why invocation `inv` cannot be the record pattern `p` matches; undefined when it can. */
export function inputMismatch(p: CompiledPattern, inv: Invocation, root: Root, requestKey: string): string | undefined {
  if (inv.input === null) {
    if (p.ref.key !== requestKey) return undefined;
    for (const e of p.input) {
      if (e.variable !== undefined) continue;
      if (e.key === "path" && e.literal !== root.path) return `the request's path is ${root.path ?? "another path"}`;
      if (e.key === "method" && (typeof e.literal !== "string" || e.literal.toUpperCase() !== root.method)) return `the request's method is ${root.method ?? "another method"}`;
    }
    return undefined;
  }
  const by = inv.by ? ` (${inv.by} invokes ${inv.action} with ${describeInput(inv.input)})` : "";
  for (const e of p.input) {
    if (!inv.input.has(e.key)) {
      if (e.optional) continue;
      return `the pattern needs input \`${e.key}\`${by}`;
    }
    const v = inv.input.get(e.key);
    if (e.variable === undefined && v !== UNKNOWN && !valueEquals(e.literal, v)) return `the pattern wants \`${e.key}\` to be ${formatValue(e.literal)}${by}`;
  }
  return undefined;
}

/** The outcome and literals a when pattern requires of its record. */
export function conditionOf(p: CompiledPattern, requestKey: string): Condition {
  const required = p.output.filter((e) => !e.optional);
  const outcome: Outcome = required.some((e) => e.key === "error") ? "error" : required.length > 0 ? "success" : "any";
  const literals = new Map<string, unknown>();
  for (const e of p.output) if (e.variable === undefined) literals.set(e.key, e.literal);
  // A request's own literal fields (other than the route) tell requests apart too.
  if (p.ref.key === requestKey) for (const e of p.input) if (e.variable === undefined && e.key !== "path" && e.key !== "method") literals.set(`in:${e.key}`, e.literal);
  return { outcome, literals };
}

/** Both sets of conditions at once, or null when they contradict (success and error, different literals). */
export function mergeConditions(a: Conditions, b: Conditions): Conditions | null {
  if (b.size === 0) return a;
  const out = new Map(a);
  for (const [action, cb] of b) {
    const ca = out.get(action);
    if (!ca) {
      out.set(action, cb);
      continue;
    }
    if (ca.outcome !== "any" && cb.outcome !== "any" && ca.outcome !== cb.outcome) return null;
    const literals = new Map(ca.literals);
    for (const [k, v] of cb.literals) {
      if (literals.has(k) && !valueEquals(literals.get(k), v)) return null;
      literals.set(k, v);
    }
    out.set(action, { outcome: ca.outcome === "any" ? cb.outcome : ca.outcome, literals });
  }
  return out;
}

function conditionsKey(c: Conditions): string {
  return [...c.entries()]
    .map(([action, { outcome, literals }]) => `${action}:${outcome}:${[...literals.entries()].map(([k, v]) => `${k}=${formatValue(v)}`).join(",")}`)
    .sort()
    .join(";");
}

function invokedInput(input: Readonly<Record<string, unknown>>): Map<string, unknown> {
  return new Map(Object.entries(input).map(([k, v]) => [k, hasNestedVars(v) ? UNKNOWN : v]));
}

function describeInput(input: ReadonlyMap<string, unknown>): string {
  const parts = [...input.entries()].map(([k, v]) => (v === UNKNOWN ? k : `${k}: ${formatValue(v, 40)}`));
  return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
}
