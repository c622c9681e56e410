// `ensemble check` as a function: load the app without serving it, collect
// the registration findings, probe every where, model the flows and run the
// lints. Returns the report; printing is the command's business.

import type { AppDefinition, ConceptInstances } from "../../app/define-app.ts";
import type { AppLocation } from "../find-app.ts";
import { report, type CheckReport } from "./finding.ts";
import { modelFlow, roots } from "./flow-model.ts";
import { lintOverlappingAnswers, lintUnansweredErrors } from "./lint-answers.ts";
import { lintPassthrough } from "./lint-passthrough.ts";
import { lintUnreachable } from "./lint-unreachable.ts";
import { loadForAnalysis, REQUEST_KEY } from "./load-for-analysis.ts";
import { probeWheres } from "./probe-where.ts";

export interface CheckOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Called before each stage, for a progress line. */
  readonly progress?: (stage: string) => void;
}

/** Checks the app defined in `where.file` (its folder shown as `where.label`). */
export async function runCheck<C extends ConceptInstances>(definition: AppDefinition<C>, where: Pick<AppLocation, "file" | "label">, options: CheckOptions = {}): Promise<CheckReport> {
  const progress = options.progress ?? (() => {});
  progress(`loading ${definition.name}`);
  const app = await loadForAnalysis(definition, options.env, options.cwd);
  try {
    progress(`probing the where clauses of ${app.syncs.length} syncs`);
    const probed = await probeWheres(app);
    progress(`modelling ${app.routes.routes.length} routes`);
    const passthrough = lintPassthrough(app, where.file, options.cwd);
    const actions = passthrough.entries.filter((e) => e.kind === "action").map((e) => e.key);
    const models = roots(app.routes, app.config.baseUrl, REQUEST_KEY, actions).map((root) => modelFlow(root, app.syncs, REQUEST_KEY));
    const findings = [
      ...app.findings,
      ...probed,
      ...lintUnansweredErrors(app, models),
      ...lintOverlappingAnswers(app, models),
      ...lintUnreachable(app, models),
      ...passthrough.findings,
    ];
    return report(app.name, where.label, app.definitions.size, app.routes.routes.length, findings);
  } finally {
    await app.close();
  }
}
