// Why a sync did or did not fire in a flow: which `when` pattern found no
// record and which key differed, whether the patterns failed to agree on a
// variable, or which `where` step left zero frames. Computed from the flow's
// data alone, so it works for live and retained flows alike.

import type { CompiledSync } from "./compile-sync.ts";
import type { ActionRecord, FlowTrace, SyncRun } from "./flow.ts";
import { formatValue } from "./format.ts";
import { copyFrame, type Frame } from "./frames.ts";
import { matchPattern, type CompiledPattern, type Mismatch } from "./pattern.ts";
import { printPattern } from "./print-pattern.ts";
import type { ActionPattern } from "./actions.ts";
import { varName } from "./vars.ts";

export interface PatternReport {
  readonly position: number;
  readonly pattern: string;
  /** Records of the pattern's action in the flow. */
  readonly candidates: number;
  /** Of those, how many fit the pattern on their own. */
  readonly matching: number;
  /** Why the first few candidates did not fit. */
  readonly reasons: readonly string[];
  /** Input keys the pattern requires that some candidate lacked (e.g. a request body field). */
  readonly missingInputs: readonly string[];
}

export type ExplanationStatus = "fired" | "no-record" | "no-match" | "inconsistent" | "zero-frames" | "error";

export interface Explanation {
  readonly sync: string;
  readonly status: ExplanationStatus;
  /** One sentence a person can act on. */
  readonly reason: string;
  readonly patterns: readonly PatternReport[];
  readonly runs: readonly SyncRun[];
}

export function explainSync(flow: FlowTrace, sync: CompiledSync): Explanation {
  const candidatesOf = (p: CompiledPattern) => flow.records.filter((r) => r.concept === p.ref.concept && r.action === p.ref.name);
  const patterns = sync.when.map((p): PatternReport => {
    const candidates = candidatesOf(p);
    const reasons: string[] = [];
    const missingInputs = new Set<string>();
    let matching = 0;
    for (const r of candidates) {
      const m = matchPattern(p, r, {});
      if (m === undefined) matching++;
      else {
        if (reasons.length < 3) reasons.push(`#${r.id}: ${describeMismatch(m, r)}`);
        // Every required input key the record lacks, not just the first one checked.
        if (m.kind === "missing" && m.side === "input") for (const e of p.input) if (!e.optional && !Object.hasOwn(r.input, e.key)) missingInputs.add(e.key);
      }
    }
    return {
      position: p.position,
      pattern: printPattern(sync.declaration.when[p.position] as ActionPattern),
      candidates: candidates.length,
      matching,
      reasons,
      missingInputs: [...missingInputs],
    };
  });
  const runs = flow.runs.filter((r) => r.sync === sync.name);
  const base = { sync: sync.name, patterns, runs };

  const failed = runs.find((r) => r.error !== undefined);
  if (failed) return { ...base, status: "error", reason: `fired on records ${ids(failed)}, then failed: ${failed.error}` };
  const empty = runs.find((r) => r.frames === 0);
  if (empty && runs.every((r) => r.frames === 0)) {
    const step = empty.steps.findIndex((s) => s.out === 0);
    const s = empty.steps[step];
    const where = s ? `at step ${step + 1} (${s.op}: ${s.in} → 0 frames)` : "(it returned no frames)";
    return { ...base, status: "zero-frames", reason: `matched records ${ids(empty)}, but its where clause left zero frames ${where}, so nothing fired.` };
  }
  if (runs.length > 0) return { ...base, status: "fired", reason: `fired ${runs.length} time(s), invoking ${runs.reduce((n, r) => n + r.invoked.length, 0)} action(s).` };

  const none = patterns.find((p) => p.candidates === 0);
  if (none) return { ...base, status: "no-record", reason: `when #${none.position + 1} ${none.pattern}: no such action happened in this flow.` };
  const unmatched = patterns.find((p) => p.matching === 0);
  if (unmatched) {
    return { ...base, status: "no-match", reason: `when #${unmatched.position + 1} ${unmatched.pattern} did not match: ${unmatched.reasons[0] ?? "no record fits"}.` };
  }
  return { ...base, status: "inconsistent", reason: inconsistency(sync, candidatesOf) };
}

export function describeMismatch(m: Mismatch, record: ActionRecord): string {
  const action = `${record.concept}.${record.action}`;
  switch (m.kind) {
    case "missing":
      if (m.side === "output" && record.output.error !== undefined) {
        return `${action} returned ${formatValue(record.output)}, which has no \`${m.key}\``;
      }
      return `${action} ${m.side} has no \`${m.key}\` (it has ${m.present.map((k) => `\`${k}\``).join(", ") || "no fields"})`;
    case "literal":
      return `${action} ${m.side} \`${m.key}\` is ${formatValue(m.got)}, the pattern wants ${formatValue(m.want)}`;
    case "conflict":
      return `\`${varName(m.variable)}\` is ${formatValue(m.got)} here but ${formatValue(m.bound)} in an earlier pattern`;
  }
}

/** All patterns have fitting records, yet no combination agrees: find the first disagreement. */
function inconsistency(sync: CompiledSync, candidatesOf: (p: CompiledPattern) => ActionRecord[]): string {
  let deepest: { depth: number; text: string } = { depth: -1, text: "no combination of distinct records fits all patterns" };
  const walk = (j: number, frame: Frame, used: ActionRecord[]): void => {
    const p = sync.when[j];
    if (!p) return;
    for (const r of candidatesOf(p)) {
      if (used.includes(r)) continue;
      const next: Frame = copyFrame(frame);
      const m = matchPattern(p, r, next);
      if (m === undefined) walk(j + 1, next, [...used, r]);
      else if (j > deepest.depth) deepest = { depth: j, text: `when #${j + 1}, record #${r.id}: ${describeMismatch(m, r)}` };
    }
  };
  walk(0, {}, []);
  return `each when pattern matches some record, but no combination agrees: ${deepest.text}.`;
}

function ids(run: SyncRun): string {
  return run.records.map((id) => `#${id}`).join(", ");
}

/** A multi-line rendering for logs and the CLI. */
export function formatExplanation(e: Explanation): string {
  const lines = [`${e.sync}: ${e.reason}`];
  for (const p of e.patterns) {
    lines.push(`  when #${p.position + 1} ${p.pattern}: ${p.matching}/${p.candidates} record(s) fit`);
    for (const r of p.reasons) lines.push(`    ${r}`);
  }
  for (const run of e.runs) {
    if (run.steps.length > 0) lines.push(`  where on ${ids(run)}: ${run.steps.map((s) => `${s.op} ${s.in}→${s.out}`).join(", ")}`);
  }
  return lines.join("\n");
}
