// Passthrough routes (`POST <base>/<Concept>/<method>` straight to a
// concept): an entry naming no method, or without a justification, is an
// error (the server refuses to start); one naming an action is a warning —
// any client may then change state with no sync checking who asks.

import { kindOf } from "../../engine/action-ref.ts";
import type { Finding } from "./finding.ts";
import type { LoadedApp } from "./load-for-analysis.ts";
import { locateText } from "./sync-location.ts";

export interface PassthroughEntry {
  readonly key: string;
  readonly kind: "action" | "query";
  readonly why: string;
}

/** The valid passthrough entries, and findings for every entry. */
export function lintPassthrough(app: LoadedApp, appFile?: string, cwd?: string): { entries: PassthroughEntry[]; findings: Finding[] } {
  const entries: PassthroughEntry[] = [];
  const findings: Finding[] = [];
  const base = app.config.baseUrl;
  for (const [key, why] of Object.entries(app.config.passthrough)) {
    const at = appFile === undefined ? undefined : locateText(appFile, JSON.stringify(key), cwd);
    const location = at ? { location: at } : {};
    const [concept, method, ...rest] = key.split(".");
    const instance = concept ? (app.raw[concept] as Record<string, unknown> | undefined) : undefined;
    if (!instance || !method || rest.length > 0 || typeof instance[method] !== "function") {
      findings.push({
        rule: "invalid-passthrough",
        severity: "error",
        ...location,
        route: key,
        message: `passthrough lists "${key}", which is not a method of a concept (concepts: ${Object.keys(app.raw).join(", ")}); the server would refuse to start.`,
        fix: 'Write "Concept.method", or remove the entry.',
      });
      continue;
    }
    if (typeof why !== "string" || why.trim().length < 3) {
      findings.push({
        rule: "invalid-passthrough",
        severity: "error",
        ...location,
        route: `POST ${base}/${concept}/${method}`,
        message: `passthrough lists "${key}" without a justification; the server would refuse to start.`,
        fix: `Say why clients may call it directly: passthrough: { "${key}": "public profile lookup" }.`,
      });
      continue;
    }
    const kind = kindOf(method);
    entries.push({ key, kind, why });
    if (kind === "action") {
      findings.push({
        rule: "mutating-passthrough",
        severity: "warning",
        ...location,
        route: `POST ${base}/${concept}/${method}`,
        message: `passthrough route POST ${base}/${concept}/${method} lets any client invoke the action ${key} directly, with no sync checking who asks ("${why}").`,
        fix: `Remove "${key}" from passthrough and write syncs for a route instead: one that invokes ${key} once where has checked the session, one that answers.`,
      });
    }
  }
  return { entries, findings };
}
