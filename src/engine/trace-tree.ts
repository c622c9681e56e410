// A flow as a tree: each record under the record that triggered the sync
// that produced it (the newest of the records it matched). Used by logs, the
// `ensemble trace` command and the inspector.

import type { ActionRecord, FlowTrace } from "./flow.ts";
import { formatValue } from "./format.ts";

export interface TraceNode {
  readonly record: ActionRecord;
  readonly children: TraceNode[];
}

/** The roots of the flow's tree (normally one: the action that started it). */
export function traceTree(flow: FlowTrace): TraceNode[] {
  const nodes = new Map<number, TraceNode>();
  const roots: TraceNode[] = [];
  for (const record of flow.records) {
    const node: TraceNode = { record, children: [] };
    nodes.set(record.id, node);
    const parent = record.cause ? nodes.get(Math.max(...record.cause.records)) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The flow as indented text, values redacted. */
export function formatFlowTree(flow: FlowTrace): string {
  const duration = flow.endedAt === null ? "running" : `${(flow.endedAt - flow.startedAt).toFixed(1)} ms`;
  const lines = [`flow ${flow.id} (${flow.records.length} actions, ${duration})`];
  const walk = (node: TraceNode, depth: number): void => {
    const r = node.record;
    const by = r.cause ? `${r.cause.sync} [${r.cause.records.map((id) => `#${id}`).join(", ")}] → ` : "";
    lines.push(`${"  ".repeat(depth)}${depth > 0 ? "└ " : ""}${by}#${r.id} ${r.concept}.${r.action} ${formatValue(r.input, 120)} → ${formatValue(r.output, 120)}`);
    for (const c of node.children) walk(c, depth + 1);
  };
  for (const root of traceTree(flow)) walk(root, 0);
  for (const e of flow.errors) lines.push(`✗ ${e.message}`);
  for (const w of flow.warnings) lines.push(`! ${w}`);
  if (flow.stopped) lines.push(`■ stopped: ${flow.stopped.message}`);
  return lines.join("\n");
}
