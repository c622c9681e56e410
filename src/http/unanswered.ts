// What the server says when no sync answered a request: 404 when no sync
// listens on that method and path, 500 when some do but none answered, 504
// when the timeout passed. In development the body carries the engine's
// diagnosis; in production a generic message, the diagnosis going to the log.

import { formatDiagnosis, type Diagnosis, type Engine, type FlowTrace } from "../engine/index.ts";
import type { Mode } from "./http-options.ts";
import type { RouteTable } from "./route-table.ts";

export interface Unanswered {
  readonly status: 401 | 404 | 422 | 500 | 504;
  /** What the client is told. */
  readonly message: string;
  /** The diagnosis, for the body in development and for the log always. */
  readonly diagnosis: readonly string[];
}

export function explainUnanswered(
  engine: Engine,
  routes: RouteTable,
  flowId: string,
  /** The settled flow, when the front has it (production keeps no settled flows); else looked up by id. */
  settled: FlowTrace | undefined,
  request: { method: string; path: string },
  why: "settled" | "timeout",
  timeoutMs: number,
  mode: Mode,
  headers: Readonly<Record<string, string>>,
): Unanswered {
  const { method, path } = request;
  const listening = routes.listening(method, path);
  const flow = settled ?? engine.flow(flowId);
  const diagnosed = flow ? engine.diagnose(flow) : undefined;
  const diagnosis = diagnosed ? formatDiagnosis(diagnosed) : [];
  if (why === "timeout") {
    return {
      status: 504,
      message: mode === "development" ? `No sync answered ${method} ${path} within ${timeoutMs} ms.` : "Gateway Timeout",
      diagnosis: [`The flow was still running after ${timeoutMs} ms (a slow action, or syncs still firing).`, ...diagnosis],
    };
  }
  if (listening.length === 0) {
    const near = routes.closest(method, path);
    const lines = [`No sync listens on ${method} ${path}.`];
    if (near) lines.push(`Did you mean ${near.method ?? "(any method)"} ${near.path}? (${near.syncs.join(", ")})`);
    const [, concept, action, ...rest] = path.split("/");
    if (concept && action && rest.length === 0 && engine.concepts.has(concept)) {
      lines.push(`${concept}.${action} is not a passthrough route: passthrough is off unless listed with a justification (config passthrough: { "${concept}.${action}": "why" }); prefer a sync.`);
    }
    const others = routes.routes.filter((r) => r.path === path);
    if (others.length > 0) lines.push(`Syncs listen on ${path} with other methods: ${others.map((r) => r.method).join(", ")}.`);
    return { status: 404, message: mode === "development" ? lines[0] as string : "Not Found", diagnosis: [...lines.slice(1), ...diagnosis.filter((l) => !l.startsWith("No sync listens"))] };
  }
  const missing = diagnosed && flow?.runs.length === 0 ? missingFields(diagnosed) : [];
  if (missing.length > 0) {
    // Nothing fired because the client left out fields the syncs require: a client error, safe to name.
    const auth = missing.filter((f) => headers[f]?.toLowerCase() === "authorization");
    if (auth.length > 0) {
      return { status: 401, message: "This request needs authentication: send the header Authorization: Token <token>.", diagnosis };
    }
    const list = missing.map((f) => `\`${f}\``).join(", ");
    return { status: 422, message: missing.length === 1 ? `The request has no ${list} field.` : `The request is missing the fields ${list}.`, diagnosis };
  }
  return {
    status: 500,
    message: mode === "development" ? `No sync answered ${method} ${path}: its flow settled without a response.` : "Internal Server Error",
    diagnosis,
  };
}

/** Request fields that listening syncs require and the request lacks. */
function missingFields(diagnosis: Diagnosis): string[] {
  const fields = new Set<string>();
  // Called only when no sync fired, so the request is the flow's only record: every missing input is a request field.
  for (const l of diagnosis.listeners) for (const p of l.patterns) for (const k of p.missingInputs) fields.add(k);
  return [...fields];
}
