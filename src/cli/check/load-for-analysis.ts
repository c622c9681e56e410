// Loads an app the way `ensemble check` and `ensemble routes` need it: its
// configuration, its concepts built on an empty in-memory database and
// wrapped in probes (nothing runs, nothing is stored), and its syncs put
// through every registration check — one failing sync is a finding, not the
// end of the analysis: the others are registered and linted.

import { resolveConfig, type AppConfig } from "../../app/app-config.ts";
import type { AppConcepts, AppDefinition, ConceptInstances } from "../../app/define-app.ts";
import { combineSyncSets, duplicateSyncError } from "../../app/merge-sync-sets.ts";
import type { ActionRef } from "../../engine/action-ref.ts";
import { Engine, type CompiledSync, type Sync, type SyncSet } from "../../engine/index.ts";
import { assertNoVariables, instrumentConcept } from "../../engine/instrument.ts";
import { isEnsembleError } from "../../ensemble-error.ts";
import { RequestingConcept } from "../../http/requesting-concept.ts";
import { RouteTable } from "../../http/route-table.ts";
import { openDb } from "../../store/index.ts";
import type { Finding, SourceLocation } from "./finding.ts";
import { probeConcept, probeState, type ProbeState } from "./probe-concepts.ts";
import { syncLocation } from "./sync-location.ts";

export const REQUEST_KEY = "Requesting.request";

export interface LoadedApp {
  readonly name: string;
  readonly config: AppConfig;
  /** The concept instances as the app built them (for reading their methods), Requesting included. */
  readonly raw: Readonly<Record<string, object>>;
  /** The same, instrumented over probes: what the syncs were given. */
  readonly concepts: Readonly<Record<string, object>>;
  /** The syncs that passed registration, in registration order. */
  readonly syncs: readonly CompiledSync[];
  /** Every sync the app defines (passed or not), by name. */
  readonly definitions: ReadonlyMap<string, Sync>;
  readonly locations: ReadonlyMap<string, SourceLocation>;
  readonly routes: RouteTable;
  /** Registration and configuration findings. */
  readonly findings: readonly Finding[];
  readonly probe: ProbeState;
  close(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

export async function loadForAnalysis<C extends ConceptInstances>(definition: AppDefinition<C>, env: Env = process.env, cwd: string = process.cwd()): Promise<LoadedApp> {
  const findings: Finding[] = [];
  let config: AppConfig;
  try {
    config = resolveConfig(definition.name, [definition.config], env);
  } catch (e) {
    if (!isEnsembleError(e)) throw e;
    findings.push({ rule: "invalid-config", severity: "error", code: String(e.code), message: e.message });
    config = resolveConfig(definition.name, [], {});
  }
  // Never the app's own database: a check must not touch data.
  const db = await openDb("sqlite::memory:");
  try {
    const built = await definition.concepts({ db, config });
    if ("Requesting" in built) {
      findings.push({
        rule: "invalid-config",
        severity: "error",
        code: "INVALID_CONFIG",
        message: `App "${definition.name}": concepts() builds a concept named Requesting; the runtime adds Requesting itself.`,
        fix: "Remove Requesting from concepts(); syncs receive it anyway.",
      });
    }
    const raw: Record<string, object> = { ...built, Requesting: new RequestingConcept() };
    const probe = probeState();
    const call = (ref: ActionRef, input: Record<string, unknown>): unknown => {
      assertNoVariables(ref, input);
      return ref.method.call(ref.instance, input);
    };
    const concepts: Record<string, object> = {};
    for (const [name, instance] of Object.entries(raw)) concepts[name] = instrumentConcept(name, probeConcept(name, instance, probe), call, call);

    const sets = definition.syncs(concepts as AppConcepts<C>);
    const { syncs: all, duplicates } = combineSyncSets(sets);
    const locations = new Map<string, SourceLocation>();
    for (const [name, fn] of Object.entries(all)) {
      const at = syncLocation(fn, cwd);
      if (at) locations.set(name, at);
    }
    const duplicate = duplicateSyncError(definition.name, duplicates);
    for (const d of duplicates) findings.push(registrationFinding({ code: "DUPLICATE_SYNC", message: duplicate?.message ?? "", sync: d.name }, locations));

    const syncs = registerWhatPasses(all, locations, findings);
    return {
      name: definition.name,
      config,
      raw,
      concepts,
      syncs,
      definitions: new Map(Object.entries(all)),
      locations,
      routes: new RouteTable(syncs, REQUEST_KEY),
      findings,
      probe,
      // As the app runtime does: concepts holding resources (timers, connections) release them.
      async close() {
        for (const instance of Object.values(built)) {
          const close = (instance as { close?: unknown }).close;
          if (typeof close === "function") await (close as () => unknown).call(instance);
        }
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}

/** Registers every sync; the ones that fail become findings and the rest are registered alone. */
function registerWhatPasses(all: SyncSet, locations: ReadonlyMap<string, SourceLocation>, findings: Finding[]): readonly CompiledSync[] {
  const engine = new Engine({ logLevel: "off" });
  try {
    engine.register(all);
    return engine.syncs;
  } catch (e) {
    if (!isEnsembleError(e)) throw e;
    const problems = (e.details.problems as Problem[] | undefined) ?? [{ ...e.details, code: e.code, message: e.message }];
    for (const p of problems) findings.push(registrationFinding(p, locations));
    const failed = new Set(problems.map((p) => p.sync));
    const rest = new Engine({ logLevel: "off" });
    rest.register(Object.fromEntries(Object.entries(all).filter(([name]) => !failed.has(name))));
    return rest.syncs;
  }
}

interface Problem {
  readonly code: string | number;
  readonly message: string;
  readonly sync?: unknown;
}

function registrationFinding(p: Problem, locations: ReadonlyMap<string, SourceLocation>): Finding {
  const rule = p.code === "NOT_AN_ACTION" ? "query-as-action" : "registration";
  const named = typeof p.sync === "string" ? about({ locations }, p.sync) : {};
  // The engine's messages end in "Fix: …" when they have one; tools get it as `fix`.
  const at = p.message.indexOf("\nFix: ");
  const split = at < 0 ? { message: p.message } : { message: p.message.slice(0, at), fix: p.message.slice(at + "\nFix: ".length) };
  return { rule, severity: "error", ...named, code: String(p.code), ...split };
}

/** The `sync` and `location` fields of a finding about `name`. */
export function about(app: Pick<LoadedApp, "locations">, name: string): { sync: string; location?: SourceLocation } {
  const location = app.locations.get(name);
  return location ? { sync: name, location } : { sync: name };
}
