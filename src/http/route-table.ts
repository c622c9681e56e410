// The routing table, read off the syncs: every literal `path` (and `method`)
// a `Requesting.request` pattern requires is a route, so nothing is declared
// twice. Paths with `:name` segments are templates: `/articles/feed` stays
// itself, `/articles/how-to` becomes `path: "/articles/:slug"` plus `slug`.

import type { CompiledSync } from "../engine/index.ts";
import { closestRoute } from "./closest-route.ts";

export interface Route {
  /** Upper-case method, or null when the syncs accept any method. */
  readonly method: string | null;
  readonly path: string;
  /** Names of the syncs whose `when` requires this method and path. */
  readonly syncs: readonly string[];
}

interface Template {
  readonly path: string;
  readonly segments: readonly string[];
  readonly literals: number;
}

export class RouteTable {
  readonly routes: readonly Route[];
  readonly #literal: ReadonlySet<string>;
  readonly #templates: readonly Template[];

  constructor(syncs: readonly CompiledSync[], requestKey: string) {
    const byRoute = new Map<string, { method: string | null; path: string; syncs: string[] }>();
    for (const sync of syncs) {
      for (const p of sync.when) {
        if (p.ref.key !== requestKey) continue;
        const path = literal(p.input, "path");
        if (typeof path !== "string") continue;
        const m = literal(p.input, "method");
        const method = typeof m === "string" ? m.toUpperCase() : null;
        const key = `${method ?? "*"} ${path}`;
        const route = byRoute.get(key) ?? { method, path, syncs: [] };
        if (!route.syncs.includes(sync.name)) route.syncs.push(sync.name);
        byRoute.set(key, route);
      }
    }
    this.routes = [...byRoute.values()].sort((a, b) => a.path.localeCompare(b.path) || (a.method ?? "").localeCompare(b.method ?? ""));
    const paths = [...new Set(this.routes.map((r) => r.path))];
    this.#literal = new Set(paths.filter((p) => !p.includes("/:")));
    this.#templates = paths
      .filter((p) => p.includes("/:"))
      .map((path) => {
        const segments = path.split("/");
        return { path, segments, literals: segments.filter((s) => !s.startsWith(":")).length };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  /** The path as the syncs see it: a literal route, else the best template with its parameters, else unchanged. */
  resolve(path: string): { path: string; params: Record<string, string> } {
    if (this.#literal.has(path)) return { path, params: {} };
    const segments = path.split("/");
    for (const t of this.#templates) {
      if (t.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const fits = t.segments.every((s, i) => {
        const actual = segments[i] as string;
        if (!s.startsWith(":")) return s === actual;
        if (actual === "") return false;
        params[s.slice(1)] = safeDecode(actual);
        return true;
      });
      if (fits) return { path: t.path, params };
    }
    return { path, params: {} };
  }

  /** Routes that a request with this method and (resolved) path reaches. */
  listening(method: string, path: string): Route[] {
    return this.routes.filter((r) => r.path === path && (r.method === null || r.method === method));
  }

  /** The closest known route, for "did you mean" hints. */
  closest(method: string, path: string): Route | undefined {
    return closestRoute(this.routes, method, path);
  }
}

function literal(entries: readonly { key: string; variable?: symbol; literal?: unknown }[], key: string): unknown {
  const e = entries.find((x) => x.key === key && x.variable === undefined);
  return e?.literal;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
