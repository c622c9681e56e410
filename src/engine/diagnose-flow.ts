// The diagnosis of a flow that ended without the outcome someone waited for
// (typically a request nobody answered): the syncs that listen for the
// flow's first action and why each did not fire, `{ error }` results no sync
// handled, sync errors, and warnings. Data first; `formatDiagnosis` for text.

import type { CompiledSync } from "./compile-sync.ts";
import { explainSync, type Explanation } from "./explain.ts";
import type { FlowTrace, SyncErrorEntry } from "./flow.ts";
import { formatValue } from "./format.ts";

export interface UnhandledError {
  readonly record: number;
  readonly action: string;
  readonly error: unknown;
  readonly firedBy: string | null;
}

export interface Diagnosis {
  readonly flow: string;
  /** Syncs listening for the flow's first action, each with why it did or did not fire. */
  readonly listeners: readonly Explanation[];
  readonly unhandledErrors: readonly UnhandledError[];
  readonly syncErrors: readonly SyncErrorEntry[];
  readonly warnings: readonly string[];
  readonly stopped: FlowTrace["stopped"];
}

export function diagnoseFlow(flow: FlowTrace, listeners: readonly CompiledSync[]): Diagnosis {
  const used = new Set(flow.runs.flatMap((r) => r.records));
  const unhandledErrors = flow.records
    .filter((r) => r.output.error !== undefined && !used.has(r.id))
    .map((r) => ({ record: r.id, action: `${r.concept}.${r.action}`, error: r.output.error, firedBy: r.cause?.sync ?? null }));
  return {
    flow: flow.id,
    listeners: listeners.map((s) => explainSync(flow, s)),
    unhandledErrors,
    syncErrors: flow.errors,
    warnings: flow.warnings,
    stopped: flow.stopped,
  };
}

/** Lines a person reads to see why the flow ended as it did. */
export function formatDiagnosis(d: Diagnosis): string[] {
  const lines: string[] = [];
  if (d.stopped) lines.push(`The flow was stopped: ${d.stopped.message}`);
  for (const e of d.unhandledErrors) {
    lines.push(
      `${e.action} returned { error: ${formatValue(e.error)} }${e.firedBy ? ` (invoked by sync ${e.firedBy})` : ""} and no sync handles it: ` +
        `add a sync whose when matches [${e.action}, {}, { error }] and responds.`,
    );
  }
  for (const s of d.syncErrors) lines.push(s.message);
  if (d.listeners.length === 0) lines.push("No sync listens for this action with these literals.");
  for (const l of d.listeners) lines.push(`Sync "${l.sync}": ${l.reason}`);
  for (const w of d.warnings) lines.push(`Warning: ${w}`);
  return lines;
}
