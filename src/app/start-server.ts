// Serving an engine you built yourself, the 6.1040 template's way: a module
// instruments the concepts (Requesting among them) at load time, sync modules
// import them, and the main module registers the syncs and serves. Apps
// written with `defineApp` use `startApp` instead.

import { EnsembleError } from "../ensemble-error.ts";
import type { Engine, LogSink } from "../engine/index.ts";
import { HttpFront } from "../http/http-front.ts";
import { RequestingConcept } from "../http/requesting-concept.ts";
import type { Db } from "../store/api/db.ts";
import { resolveConfig, type AppConfig, type AppSettings } from "./app-config.ts";
import { mountInspector } from "../inspector/mount-inspector.ts";
import { inspectorNote, listen, type Listening } from "./listen.ts";

export interface ServerOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly log?: LogSink;
  /** Needed only for `storeRequests`. */
  readonly db?: Db;
  /** Called after in-flight flows settle on shutdown (close your database here). */
  readonly onStop?: () => Promise<void>;
  readonly handleSignals?: boolean;
}

export interface RunningServer extends Listening {
  readonly http: HttpFront;
  readonly config: AppConfig;
}

/** The HTTP front for an engine with an instrumented concept named "Requesting". */
export function httpFrontFor(engine: Engine, config: AppConfig, options: { log: LogSink; db?: Db }): HttpFront {
  const requesting = engine.concepts.get("Requesting") as RequestingConcept | undefined;
  if (!requesting || !(requesting.answers && typeof requesting.request === "function")) {
    throw new EnsembleError("INVALID_CONFIG", 'startServer: the engine has no concept named "Requesting"; instrument one: engine.instrument({ Requesting: new RequestingConcept(), ... }).');
  }
  return new HttpFront({ engine, requesting, answers: requesting.answers, requestingName: "Requesting", db: options.db, log: options.log }, config);
}

export async function startServer(engine: Engine, settings: AppSettings = {}, options: ServerOptions = {}): Promise<RunningServer> {
  const config = resolveConfig("app", [settings], options.env);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const http = httpFrontFor(engine, config, { log, db: options.db });
  const inspector = config.inspector ? mountInspector(http, engine, { app: "app", mode: config.mode, baseUrl: config.baseUrl }) : null;
  const listening = await listen(http, {
    ...config,
    log,
    handleSignals: options.handleSignals,
    cleanup: async () => {
      inspector?.close();
      await http.drain(config.shutdownTimeoutMs);
      await options.onStop?.();
    },
  });
  log(`Ensemble server listening on ${listening.url} (${config.mode})${inspectorNote(listening.url, config)}`);
  return { ...listening, http, config };
}
