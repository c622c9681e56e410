// The inspector's JSON endpoints under /_ensemble/api, read by its page and
// by `ensemble trace`:
//   GET info                        app name, mode, base URL, sync names
//   GET requests?after=<seq>        recent requests, oldest first
//   GET flows                       recent settled flows, newest first
//   GET flows/<id|prefix|latest>    one flow (redacted), its tree, request, diagnosis
//   GET flows/<id>/explain/<sync>   why that sync did or did not fire
//   GET map                         concepts, syncs as edges with counts, routes
// Unknown flows and syncs are 404 with { error } naming them.

import type { Context, Hono } from "hono";
import type { Engine } from "../engine/index.ts";
import { isEnsembleError } from "../ensemble-error.ts";
import type { HttpFront } from "../http/http-front.ts";
import { appMap } from "./app-map.ts";
import { findFlow, flowView } from "./flow-view.ts";
import type { RequestHistory } from "./request-history.ts";
import type { SyncStats } from "./sync-stats.ts";

/** Set on every answer of the API, so a client can tell "no such flow" from "no inspector here". */
export const INSPECTOR_HEADER = "x-ensemble-inspector";

export interface InspectorInfo {
  readonly app: string;
  readonly mode: string;
  readonly baseUrl: string;
}

export function mountApi(router: Hono, prefix: string, parts: { engine: Engine; http: HttpFront; history: RequestHistory; stats: SyncStats; info: InspectorInfo }): void {
  const { engine, http, history, stats, info } = parts;
  const latest = (): string | null | undefined => history.latest()?.flow;
  const flowOr404 = (c: Context, id: string) => findFlow(engine, id, latest) ?? notFound(c, id);

  router.use(`${prefix}/*`, async (c, next) => {
    c.header(INSPECTOR_HEADER, "1");
    await next();
  });
  router.get(`${prefix}/info`, (c) => c.json({ ...info, syncs: engine.syncs.map((s) => s.name) }));
  router.get(`${prefix}/requests`, (c) => c.json(history.after(Number(c.req.query("after") ?? 0) || 0)));
  router.get(`${prefix}/flows`, (c) =>
    c.json(
      engine.recentFlows(Number(c.req.query("limit") ?? 50) || 50).map((f) => ({
        id: f.id,
        startedAt: f.startedAt,
        endedAt: f.endedAt,
        actions: f.records.length,
        first: f.records[0] ? `${f.records[0].concept}.${f.records[0].action}` : null,
        errors: f.errors.length,
        request: history.byFlow(f.id) ?? null,
      })),
    ),
  );
  router.get(`${prefix}/flows/:id`, (c) => {
    const flow = flowOr404(c, c.req.param("id"));
    return flow instanceof Response ? flow : c.json(flowView(engine, flow, history.byFlow(flow.id)));
  });
  router.get(`${prefix}/flows/:id/explain/:sync`, (c) => {
    const flow = flowOr404(c, c.req.param("id"));
    if (flow instanceof Response) return flow;
    const sync = c.req.param("sync");
    try {
      return c.json(engine.explain(flow.id, sync));
    } catch (e) {
      if (!isEnsembleError(e)) throw e;
      return c.json({ error: `No sync named "${sync}" is registered in this app.` }, 404);
    }
  });
  router.get(`${prefix}/map`, (c) => c.json(appMap(engine, stats, info, http.routes.routes)));
  router.all(`${prefix}/*`, (c) => c.json({ error: `No inspector endpoint ${c.req.method} ${c.req.path}; see ${prefix}/info, requests, flows, flows/<id>, map.` }, 404));
}

function notFound(c: Context, id: string): Response {
  const why =
    id === "latest"
      ? "No request has been answered yet."
      : `No flow "${id}" is retained: the engine keeps the most recent flows only (a prefix must name exactly one).`;
  return c.json({ error: why }, 404);
}
