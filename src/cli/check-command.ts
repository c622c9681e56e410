// `ensemble check [app]`: load the app without serving it, run every
// registration check and the lints, print the findings (or JSON with
// --json), and exit 1 when there are errors (or warnings, with --strict).

import { runCheck } from "./check/run-check.ts";
import type { Command } from "./command.ts";
import { findApp } from "./find-app.ts";
import { formatReport } from "./format-findings.ts";

export const checkCommand: Command = {
  name: "check",
  usage: "check [app] [--json] [--strict]",
  summary: "load the app's concepts and syncs without serving, run every registration check and the lints",
  details: [
    "Findings: registration failures; query-as-action and action-as-query; variable-as-value, where-failed,",
    "query-contract and unbound-variable (each where is run once on placeholder values, with no action",
    "running and no data touched); unanswered-error (a sync answers an action's success, none its { error });",
    "overlapping-answers (two syncs answer the same request); unreachable-sync; mutating-passthrough and",
    "invalid-passthrough. Exit code 1 when there are errors (or warnings, with --strict), else 0.",
    "--json prints { app, dir, syncs, routes, errors, warnings, ok, findings: [{ rule, severity, sync?,",
    "location?: { file, line, column }, route?, code?, message, fix? }] }.",
  ],
  options: { json: { type: "boolean" }, strict: { type: "boolean" } },
  maxPositionals: 1,
  async run(args, { term, env, cwd }) {
    term.progress("loading the app…");
    const app = await findApp(args.positionals[0], cwd);
    const report = await runCheck(app.definition, app, { env, cwd, progress: (stage) => term.progress(`${stage}…`) });
    term.done();
    const failed = report.errors > 0 || (args.values.strict === true && report.warnings > 0);
    if (args.values.json === true) term.out(JSON.stringify({ ...report, ok: !failed }, null, 2));
    else for (const line of formatReport(report, term.color)) term.out(line);
    return failed ? 1 : 0;
  },
};
