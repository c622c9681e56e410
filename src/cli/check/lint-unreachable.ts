// unreachable-sync: a sync that fires in no flow the app can have — its
// `when` names an action nothing invokes, or a key the invocations never
// pass (a misspelt parameter), or actions that never happen in one flow. A
// warning: an action invoked from outside a request (a timer, a script)
// reaches syncs this analysis cannot see.

import type { CompiledSync } from "../../engine/compile-sync.ts";
import type { Finding } from "./finding.ts";
import type { CompiledPattern } from "../../engine/pattern.ts";
import { inputMismatch, type FlowModel, type Invocation } from "./flow-model.ts";
import { about, REQUEST_KEY, type LoadedApp } from "./load-for-analysis.ts";

export function lintUnreachable(app: LoadedApp, models: readonly FlowModel[]): Finding[] {
  const fired = new Set(models.flatMap((m) => [...m.firings.keys()]));
  return app.syncs
    .filter((s) => !fired.has(s.name))
    .map((sync) => {
      const { why, fix } = explain(sync, models);
      return {
        rule: "unreachable-sync",
        severity: "warning",
        ...about(app, sync.name),
        message: `Sync "${sync.name}" can fire in no request's flow: ${why}`,
        fix: `${fix} If the action is invoked from outside a request (a timer, a script), ignore this warning.`,
      } satisfies Finding;
    });
}

function explain(sync: CompiledSync, models: readonly FlowModel[]): { why: string; fix: string } {
  const fits = (m: FlowModel, p: CompiledPattern): boolean => (m.invocations.get(p.ref.key) ?? []).some((inv) => inputMismatch(p, inv, m.root, REQUEST_KEY) === undefined);
  const never = sync.when.find((p) => models.every((m) => !m.invocations.has(p.ref.key)));
  if (never) {
    return {
      why: `when #${never.position + 1} (${never.ref.key}): nothing invokes ${never.ref.key} — no sync reachable from a request lists it in then, and no passthrough route calls it.`,
      fix: `Invoke ${never.ref.key} from the then of a sync that requests reach, or remove "${sync.name}".`,
    };
  }
  // The flow that comes closest: the most patterns matching, and the first one that does not.
  const score = (m: FlowModel): number => sync.when.filter((p) => fits(m, p)).length;
  const closest = models.reduce((best, m) => (score(m) > score(best) ? m : best));
  const stuck = sync.when.find((p) => !fits(closest, p));
  if (stuck === undefined) {
    return {
      why: `in the flow of ${closest.root.label}, its when patterns all match only under contradicting conditions (an action both succeeding and failing, or a field with two different literal values).`,
      fix: "Check the output patterns: one sync cannot match both an action's success ({ user }) and its failure ({ error }).",
    };
  }
  const at = `when #${stuck.position + 1} (${stuck.ref.key})`;
  const invoked = closest.invocations.get(stuck.ref.key) ?? [];
  if (invoked.length === 0) {
    const elsewhere = models.filter((m) => fits(m, stuck)).map((m) => m.root.label);
    return {
      why: `${at} never happens in the flow of ${closest.root.label}${elsewhere.length > 0 ? ` (only in ${elsewhere.slice(0, 2).join(", ")}${elsewhere.length > 2 ? ", …" : ""})` : ""}; syncs only match records of one flow.`,
      fix: "Match actions of one request's flow; to react to another request's actions, read the state they left in where.",
    };
  }
  return {
    why: `${at} never matches in the flow of ${closest.root.label}: ${inputMismatch(stuck, invoked[0] as Invocation, closest.root, REQUEST_KEY)}.`,
    fix: `Use the input keys and literals ${stuck.ref.key} is invoked with (a misspelt key never matches).`,
  };
}
