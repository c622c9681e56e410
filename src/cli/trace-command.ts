// `ensemble trace [flow-id]`: print a flow of a running development server
// as an indented tree, read from the inspector's JSON endpoint
// (/_ensemble/api/flows/<id>); without an id, the latest request's flow. An
// id may be shortened to a unique prefix, as the log lines show it.

import { formatDiagnosis, formatFlowTree } from "../engine/index.ts";
import { EnsembleError } from "../ensemble-error.ts";
import type { FlowView } from "../inspector/flow-view.ts";
import { INSPECTOR_HEADER } from "../inspector/inspector-api.ts";
import { INSPECTOR_PATH } from "../inspector/mount-inspector.ts";
import { stringOption, type Command } from "./command.ts";
import { readEnvFiles } from "./start-command.ts";
import { paint, type Paint } from "./terminal.ts";
import { join } from "node:path";

export const traceCommand: Command = {
  name: "trace",
  usage: "trace [flow-id] [--url http://127.0.0.1:8000] [--json]",
  summary: "print a flow of a running development server as an indented tree (default: the latest request's)",
  details: [
    "The flow id is in each request's log line (flow=…) and in the x-ensemble-flow response header; a unique prefix will do.",
    "--url is the server's address (default: ENSEMBLE_URL, else http://HOST:PORT from the environment or ./.env, else http://127.0.0.1:8000).",
    "--json prints what the inspector serves: { flow, tree, request, answered, diagnosis, syncs }.",
  ],
  options: { url: { type: "string" }, json: { type: "boolean" } },
  maxPositionals: 1,
  async run(args, { term, env, cwd }) {
    const base = (stringOption(args, "url") ?? defaultUrl({ ...readEnvFiles([join(cwd, ".env")], false), ...env })).replace(/\/+$/, "");
    const id = args.positionals[0] ?? "latest";
    const url = `${base}${INSPECTOR_PATH}/api/flows/${encodeURIComponent(id)}`;
    term.progress(`fetching ${url}…`);
    let res: Response;
    try {
      res = await fetch(url, { headers: { accept: "application/json" } });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e instanceof Error ? e.message : String(e));
      throw new EnsembleError(
        "SERVER_UNREACHABLE",
        `Could not reach an Ensemble app at ${base} (${cause}). Start it in development (ensemble start), or pass its address with --url.`,
        { url: base },
      );
    } finally {
      term.done();
    }
    const body = (await res.json().catch(() => undefined)) as (FlowView & { error?: string }) | undefined;
    if (!res.ok || body === undefined || body.error !== undefined) {
      if (res.headers.get(INSPECTOR_HEADER) === null) {
        throw new EnsembleError("SERVER_UNREACHABLE", `The app at ${base} has no inspector: it runs in production mode or with inspector off (ENSEMBLE_INSPECTOR=false).`, { url: base });
      }
      term.err(body?.error ?? `The inspector answered ${res.status} ${res.statusText}.`);
      return 1;
    }
    if (args.values.json === true) term.out(JSON.stringify(body, null, 2));
    else {
      for (const line of formatTrace(body, paint(term.color))) term.out(line);
      term.err(`In the inspector: ${base}${INSPECTOR_PATH}#/flow/${body.flow.id}`);
    }
    return 0;
  },
};

export function formatTrace(view: FlowView, p: Paint): string[] {
  const lines: string[] = [];
  if (view.request) {
    const r = view.request;
    const status = r.status >= 500 ? p.red(String(r.status)) : r.status >= 400 ? p.yellow(String(r.status)) : p.green(String(r.status));
    lines.push(`${p.bold(`${r.method} ${r.path}`)} → ${status} in ${r.durationMs} ms`);
  }
  for (const line of formatFlowTree(view.flow).split("\n")) lines.push(colorLine(line, p));
  if (view.answered === false) {
    lines.push("", p.bold("No sync answered this request. Why:"));
    for (const l of formatDiagnosis(view.diagnosis)) lines.push(`  ${l}`);
  }
  return lines;
}

function colorLine(line: string, p: Paint): string {
  if (line.startsWith("flow ")) return p.bold(line);
  if (line.startsWith("✗") || line.startsWith("■")) return p.red(line);
  if (line.startsWith("! ")) return p.yellow(line);
  // "  └ SyncName [#1, #2] → #3 Concept.action {…} → {…}"
  return line.replace(/^(\s*(?:└ )?)(?:(\S+) (\[[^\]]*\]) → )?(#\d+) (\S+)/, (_all, lead: string, sync: string | undefined, on: string | undefined, id: string, action: string) =>
    `${lead}${sync ? `${p.cyan(sync)} ${p.dim(on ?? "")} → ` : ""}${p.dim(id)} ${p.bold(action)}`,
  );
}

function defaultUrl(env: Readonly<Record<string, string | undefined>>): string {
  if (env.ENSEMBLE_URL) return env.ENSEMBLE_URL;
  const host = !env.HOST || env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT || 8000}`;
}
