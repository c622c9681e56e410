// `ensemble routes [app]`: every method and path the app answers, read off
// its syncs as the server reads them, with the syncs listening on each, and
// the passthrough routes — as a table, or JSON with --json.

import { lintPassthrough } from "./check/lint-passthrough.ts";
import { loadForAnalysis } from "./check/load-for-analysis.ts";
import type { Command } from "./command.ts";
import { findApp } from "./find-app.ts";
import { methodColor, paint } from "./terminal.ts";
import { textTable } from "./text-table.ts";

export const routesCommand: Command = {
  name: "routes",
  usage: "routes [app] [--json]",
  summary: "list every method and path the app answers, the syncs listening on each, and passthrough routes",
  details: [
    'A method of "*" means the syncs accept any method on that path. Paths include the base URL.',
    "--json prints { baseUrl, routes: [{ method, path, syncs }], passthrough: [{ method, path, action, kind, why }] }.",
  ],
  options: { json: { type: "boolean" } },
  maxPositionals: 1,
  async run(args, { term, env, cwd }) {
    term.progress("loading the app…");
    const found = await findApp(args.positionals[0], cwd);
    const app = await loadForAnalysis(found.definition, env, cwd);
    try {
      term.done();
      const base = app.config.baseUrl;
      const routes = app.routes.routes.map((r) => ({ method: r.method ?? "*", path: `${base}${r.path}`, syncs: r.syncs }));
      const passthrough = lintPassthrough(app).entries.map((e) => {
        const [concept, method] = e.key.split(".");
        return { method: "POST", path: `${base}/${concept}/${method}`, action: e.key, kind: e.kind, why: e.why };
      });
      const failed = app.definitions.size - app.syncs.length;
      if (failed > 0) term.err(`note: ${failed} sync(s) failed registration and are not listed; run \`ensemble check ${found.label}\` to see why.`);
      if (args.values.json === true) {
        term.out(JSON.stringify({ baseUrl: base, routes, passthrough }, null, 2));
        return 0;
      }
      const p = paint(term.color);
      const head = (cells: string[]): string[] => cells.map((c) => p.bold(c));
      if (routes.length === 0) term.out(`${app.name} answers no route: no sync matches a Requesting.request with a literal path.`);
      else {
        const rows = routes.map((r) => [methodColor(p, r.method)(r.method), r.path, r.syncs.join(", ")]);
        for (const line of textTable([head(["METHOD", "PATH", "SYNCS"]), ...rows])) term.out(line);
      }
      term.out("");
      if (passthrough.length === 0) {
        term.out(p.dim(`No passthrough routes (POST ${base}/<Concept>/<method> is off unless listed in the passthrough setting).`));
      } else {
        term.out(p.bold("Passthrough routes (straight to a concept, no sync in between)"));
        const rows = passthrough.map((r) => [methodColor(p, r.method)(r.method), r.path, `${r.kind === "action" ? p.yellow("action") : "query"} ${r.action}: "${r.why}"`]);
        for (const line of textTable(rows)) term.out(line);
      }
      return 0;
    } finally {
      await app.close();
    }
  },
};
