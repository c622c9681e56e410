// Runs each sync's `where` once per probe mode, on one frame whose variables
// hold placeholders, to find what would otherwise surface only on a live
// request: an action read through frames.query (or called directly), a
// variable passed as a value, an async filter, a where that forgets to return
// its frames, a query that does not return an array, and then-inputs that no
// frame leaving the where binds. Errors that depend on real data (a
// placeholder is not a real id) are not findings.

import type { CompiledSync } from "../../engine/compile-sync.ts";
import { attachWhereContext, Frames, whereOrigins, type Frame, type WhereContext } from "../../engine/frames.ts";
import { formatValue } from "../../engine/index.ts";
import { unboundAtRunTime } from "../../engine/unbound-variable.ts";
import { varName } from "../../engine/vars.ts";
import { isEnsembleError } from "../../ensemble-error.ts";
import type { Finding, Rule } from "./finding.ts";
import { about, type LoadedApp } from "./load-for-analysis.ts";
import { probeValue, type ProbeRows } from "./probe-concepts.ts";

const RULE_OF_CODE: Readonly<Record<string, Rule>> = {
  NOT_A_QUERY: "action-as-query",
  VARIABLE_AS_VALUE: "variable-as-value",
  WHERE_FAILED: "where-failed",
  QUERY_CONTRACT: "query-contract",
  UNBOUND_VARIABLE: "unbound-variable",
};

/** A where that has not settled by then is left alone (it waits on something real). */
const WHERE_TIMEOUT_MS = 2_000;

export async function probeWheres(app: LoadedApp): Promise<Finding[]> {
  const findings = new Map<string, Finding>();
  const add = (f: Finding): void => {
    const key = `${f.rule}:${f.sync ?? ""}`;
    if (!findings.has(key)) findings.set(key, f);
  };
  const known = knownOutputs(app.syncs);
  for (const sync of app.syncs) {
    if (!sync.where) continue;
    for (const rows of ["one", "none", "real"] as const) {
      for (const f of await probeOne(app, sync, rows, known)) add(f);
    }
  }
  return [...findings.values()];
}

async function probeOne(app: LoadedApp, sync: CompiledSync, rows: ProbeRows, known: (key: string) => ReadonlySet<string> | undefined): Promise<Finding[]> {
  const findings: Finding[] = [];
  const named = about(app, sync.name);
  app.probe.rows = rows;
  app.probe.actionCalls.length = 0;
  const frame: Frame = {};
  for (const v of sync.origins.keys()) frame[v] = probeValue(varName(v));
  const ctx: WhereContext = { sync: sync.name, steps: [] };
  let result: unknown;
  try {
    result = await settleWithin((sync.where as NonNullable<CompiledSync["where"]>)(attachWhereContext(new Frames(frame), ctx)));
  } catch (e) {
    const rule = isEnsembleError(e) ? RULE_OF_CODE[String(e.code)] : undefined;
    if (rule && isEnsembleError(e)) {
      // Errors raised by a concept call (a variable passed as a value) do not know the sync.
      const message = e.message.startsWith(`Sync "${sync.name}"`) ? e.message : `Sync "${sync.name}", where: ${e.message}`;
      findings.push({ rule, severity: "error", ...named, code: String(e.code), message });
    }
    result = undefined;
  }
  for (const action of new Set(app.probe.actionCalls)) {
    findings.push({
      rule: "action-as-query",
      severity: "error",
      ...named,
      message: `Sync "${sync.name}": its where calls the action ${action} directly. A where only reads state (through queries, whose names start with _); an action called there runs outside the flow: no record, no sync sees it, and it runs again on every match.`,
      fix: `List ${action} in then (in this sync, or in a second sync that matches what it needs).`,
    });
  }
  if (result === TIMED_OUT || findings.length > 0 || rows === "real") return findings;
  if (!Array.isArray(result)) {
    findings.push({
      rule: "where-failed",
      severity: "error",
      ...named,
      message: `Sync "${sync.name}": where must return the frames (an array), got ${result === undefined ? "undefined" : formatValue(result)}.`,
      fix: "Return the frames from where: `return frames` (or the result of frames.query(...)).",
    });
    return findings;
  }
  const first = result[0] as Frame | undefined;
  if (first === undefined) return findings;
  for (const then of sync.then) {
    const missing = then.vars.find((v) => !(v in first));
    if (missing === undefined) continue;
    const error = unboundAtRunTime(sync, then, missing, first, whereOrigins(ctx), known);
    findings.push({ rule: "unbound-variable", severity: "error", ...named, code: String(error.code), message: error.message });
    break;
  }
  return findings;
}

const TIMED_OUT = Symbol("timed out");

async function settleWithin(value: unknown): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), WHERE_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([value, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Result fields other syncs' when patterns name, per action (for the split-the-sync advice). */
function knownOutputs(syncs: readonly CompiledSync[]): (key: string) => ReadonlySet<string> | undefined {
  const known = new Map<string, Set<string>>();
  for (const s of syncs) {
    for (const p of s.when) {
      const set = known.get(p.ref.key) ?? new Set<string>();
      for (const e of p.output) if (e.variable) set.add(varName(e.variable));
      known.set(p.ref.key, set);
    }
  }
  return (key) => known.get(key);
}
