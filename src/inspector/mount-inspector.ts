// The flow inspector, mounted at /_ensemble on the app's own server in
// development (the app runtime never mounts it in production, so there the
// path is a plain 404). The page is plain HTML, CSS and JavaScript files
// from ./page, served as they are: no build step, no dependencies.

import { readFileSync } from "node:fs";
import type { Engine } from "../engine/index.ts";
import type { HttpFront } from "../http/http-front.ts";
import { InspectorEvents } from "./inspector-events.ts";
import { mountApi, type InspectorInfo } from "./inspector-api.ts";
import { RequestHistory } from "./request-history.ts";
import { SyncStats } from "./sync-stats.ts";

export const INSPECTOR_PATH = "/_ensemble";

export interface Inspector {
  readonly history: RequestHistory;
  /** Stops listening to the app and ends open live streams. */
  close(): void;
}

const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
};

const PAGE_FILES = ["index.html", "inspector.css", "inspector.js", "flow-view.js", "why-not.js", "app-map.js", "dom.js"];

export function mountInspector(http: HttpFront, engine: Engine, info: InspectorInfo): Inspector {
  const history = new RequestHistory();
  const stats = new SyncStats(engine);
  const events = new InspectorEvents(engine, history);
  const stopListening = http.onAnswered((request) => history.add(request));
  const files = new Map(PAGE_FILES.map((f) => [f, readFileSync(new URL(`./page/${f}`, import.meta.url), "utf8")]));
  const router = http.app;

  const page = (name: string): Response =>
    new Response(files.get(name) as string, { headers: { "content-type": TYPES[name.split(".").pop() ?? ""] ?? "text/plain", "cache-control": "no-store" } });
  router.get(INSPECTOR_PATH, () => page("index.html"));
  router.get(`${INSPECTOR_PATH}/`, () => page("index.html"));
  router.get(`${INSPECTOR_PATH}/assets/:file`, (c) => (files.has(c.req.param("file")) ? page(c.req.param("file")) : c.json({ error: "no such inspector file" }, 404)));
  router.get(`${INSPECTOR_PATH}/api/events`, (c) => events.stream(c));
  mountApi(router, `${INSPECTOR_PATH}/api`, { engine, http, history, stats, info });

  return {
    history,
    close() {
      stopListening();
      stats.close();
      events.close();
    },
  };
}
