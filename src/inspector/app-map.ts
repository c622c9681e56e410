// The map of an app for the inspector: its concepts with their actions and
// queries, its syncs as edges from the actions their `when` matches to the
// actions their `then` invokes, with how often each fired, and its routes.

import type { Engine } from "../engine/index.ts";
import type { Route } from "../http/route-table.ts";
import type { SyncStats } from "./sync-stats.ts";

export interface ConceptNode {
  readonly name: string;
  readonly actions: readonly string[];
  readonly queries: readonly string[];
}

export interface SyncEdge {
  readonly name: string;
  /** Action keys ("Concept.action") its when patterns match, in order. */
  readonly when: readonly string[];
  /** Action keys its then invokes, in order. */
  readonly then: readonly string[];
  readonly where: boolean;
  readonly matched: number;
  readonly fired: number;
  readonly errors: number;
}

export interface AppMap {
  readonly app: string;
  readonly mode: string;
  readonly baseUrl: string;
  readonly concepts: readonly ConceptNode[];
  readonly syncs: readonly SyncEdge[];
  readonly routes: readonly Route[];
}

export function appMap(engine: Engine, stats: SyncStats, info: { app: string; mode: string; baseUrl: string }, routes: readonly Route[]): AppMap {
  const concepts = [...engine.concepts.entries()].map(([name, instance]): ConceptNode => {
    const methods = methodNames(instance);
    return { name, actions: methods.filter((m) => !m.startsWith("_")), queries: methods.filter((m) => m.startsWith("_")) };
  });
  const syncs = engine.syncs.map(
    (s): SyncEdge => ({
      name: s.name,
      when: s.when.map((p) => p.ref.key),
      then: s.then.map((t) => t.ref.key),
      where: s.where !== undefined,
      ...stats.of(s.name),
    }),
  );
  return { ...info, concepts, syncs, routes };
}

/** Methods of a concept's class (and its base classes), in declaration order. */
function methodNames(instance: object): string[] {
  const names: string[] = [];
  for (let proto: unknown = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (name !== "constructor" && typeof d?.value === "function" && !names.includes(name)) names.push(name);
    }
  }
  return names;
}
