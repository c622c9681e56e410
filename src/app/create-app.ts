// Builds a runnable app without listening on a port: opens the database,
// builds and instruments the concepts (adding Requesting), registers the
// syncs, and assembles the HTTP front. `startApp` serves it; the test client
// calls its `fetch` in-process.

import { EnsembleError } from "../ensemble-error.ts";
import { Engine, type LogSink } from "../engine/index.ts";
import type { HttpFront } from "../http/http-front.ts";
import { PendingAnswers } from "../http/pending-answers.ts";
import { RequestingConcept } from "../http/requesting-concept.ts";
import { openDb, type OpenedDb } from "../store/index.ts";
import { resolveConfig, type AppConfig, type AppSettings } from "./app-config.ts";
import type { AppConcepts, AppDefinition, ConceptInstances } from "./define-app.ts";
import { mountInspector } from "../inspector/mount-inspector.ts";
import { mergeSyncSets } from "./merge-sync-sets.ts";
import { httpFrontFor } from "./start-server.ts";

export interface AppInstance<C extends ConceptInstances = ConceptInstances> {
  readonly name: string;
  readonly config: AppConfig;
  readonly engine: Engine;
  readonly db: OpenedDb;
  /** The instrumented concepts, Requesting included. */
  readonly concepts: AppConcepts<C>;
  readonly http: HttpFront;
  /** Answers one HTTP request in-process. */
  fetch(request: Request): Promise<Response>;
  /** Lets in-flight flows settle (bounded), closes concepts that have `close()`, then the database. */
  close(): Promise<void>;
}

export interface CreateOptions {
  /** Environment variables to read (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where log lines go (default stderr). */
  readonly log?: LogSink;
  /** Use this database instead of opening `databaseUrl` (it is not closed by the app). */
  readonly db?: OpenedDb;
}

export async function createApp<C extends ConceptInstances>(
  definition: AppDefinition<C>,
  settings?: AppSettings,
  options: CreateOptions = {},
): Promise<AppInstance<C>> {
  const config = resolveConfig(definition.name, [definition.config, settings], options.env);
  const log: LogSink = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const db = options.db ?? (await openDb(config.databaseUrl));
  const ownsDb = options.db === undefined;
  try {
    const raw = await definition.concepts({ db, config });
    if ("Requesting" in raw) {
      throw new EnsembleError("INVALID_CONFIG", `App "${definition.name}": do not build a Requesting concept yourself; the runtime adds it (configured from the app's settings).`);
    }
    const answers = new PendingAnswers();
    const engine = new Engine({ logLevel: config.logLevel, log, retainFlows: config.retainFlows });
    const concepts = engine.instrument({ ...raw, Requesting: new RequestingConcept(answers) }) as AppConcepts<C>;
    const sets = definition.syncs(concepts);
    engine.register(mergeSyncSets(definition.name, sets));
    const http = httpFrontFor(engine, config, { log, db });
    const inspector = config.inspector ? mountInspector(http, engine, { app: definition.name, mode: config.mode, baseUrl: config.baseUrl }) : null;
    let closed = false;
    return {
      name: definition.name,
      config,
      engine,
      db,
      concepts,
      http,
      fetch: (request) => Promise.resolve(http.app.fetch(request)),
      async close() {
        if (closed) return;
        closed = true;
        inspector?.close();
        const drained = await http.drain(config.shutdownTimeoutMs);
        if (!drained) log(`[ensemble] shutdown: ${http.inFlight} flow(s) still running after ${config.shutdownTimeoutMs} ms; closing anyway.`);
        for (const instance of Object.values(raw)) {
          const close = (instance as { close?: unknown }).close;
          if (typeof close === "function") await (close as () => unknown).call(instance);
        }
        if (ownsDb) await db.close();
      },
    };
  } catch (e) {
    if (ownsDb) await db.close();
    throw e;
  }
}
