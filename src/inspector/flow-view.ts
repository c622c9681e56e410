// A flow as the inspector page and `ensemble trace` read it: the trace with
// every input and output redacted, the records as a tree (each under the
// record that triggered the sync that produced it), the request it served,
// whether a sync answered it, and the engine's diagnosis of why not.

import { redact, traceTree, type Diagnosis, type Engine, type FlowTrace, type TraceNode } from "../engine/index.ts";
import type { RequestEntry } from "./request-history.ts";

export interface TreeView {
  readonly id: number;
  readonly children: readonly TreeView[];
}

export interface FlowView {
  readonly flow: FlowTrace;
  readonly tree: readonly TreeView[];
  readonly request: RequestEntry | null;
  /** Whether a sync answered the request (a Requesting response that succeeded); null when the flow is no request. */
  readonly answered: boolean | null;
  /** Why the flow ended as it did: listening syncs and why each did not fire, unhandled errors. */
  readonly diagnosis: Diagnosis;
  /** Every registered sync, for "why did this sync not fire?". */
  readonly syncs: readonly string[];
}

const RESPONSES = new Set(["respond", "respondWith"]);

export function flowView(engine: Engine, flow: FlowTrace, request: RequestEntry | undefined, requesting = "Requesting"): FlowView {
  const first = flow.records[0];
  const isRequest = first?.concept === requesting && first.action === "request";
  const answered = isRequest ? flow.records.some((r) => r.concept === requesting && RESPONSES.has(r.action) && r.output.error === undefined) : null;
  return {
    flow: redactFlow(flow),
    tree: traceTree(flow).map(treeView),
    request: request ?? null,
    answered,
    diagnosis: engine.diagnose(flow.id),
    syncs: engine.syncs.map((s) => s.name),
  };
}

/** The trace with secrets (passwords, tokens …) replaced in every input and output. */
export function redactFlow(flow: FlowTrace): FlowTrace {
  return {
    ...flow,
    records: flow.records.map((r) => ({ ...r, input: redact(r.input) as Record<string, unknown>, output: redact(r.output) as Record<string, unknown> })),
  };
}

/** A flow by id, by a unique prefix of one (as logs shorten them), or "latest". */
export function findFlow(engine: Engine, id: string, latest: () => string | null | undefined): FlowTrace | undefined {
  if (id === "latest") {
    const last = latest();
    return last ? engine.flow(last) : engine.recentFlows(1)[0];
  }
  const exact = engine.flow(id);
  if (exact || id.length < 4) return exact;
  const matches = engine.recentFlows().filter((f) => f.id.startsWith(id));
  return matches.length === 1 ? matches[0] : undefined;
}

function treeView(node: TraceNode): TreeView {
  return { id: node.record.id, children: node.children.map(treeView) };
}
