// What an application is: a name, a function that builds its concepts from
// the database, and a function that builds its syncs from the instrumented
// concepts. No generated import files: an app imports its concepts and syncs
// directly, and each test can build a fresh copy on a fresh database.

import type { SyncSet } from "../engine/index.ts";
import type { RequestingConcept } from "../http/requesting-concept.ts";
import type { Db } from "../store/api/db.ts";
import type { AppConfig, AppSettings } from "./app-config.ts";

export interface AppContext {
  readonly db: Db;
  readonly config: AppConfig;
}

export type ConceptInstances = Record<string, object>;

/** The concepts a sync factory receives: the app's own, plus Requesting. */
export type AppConcepts<C extends ConceptInstances> = C & { readonly Requesting: RequestingConcept };

export interface AppDefinition<C extends ConceptInstances = ConceptInstances> {
  /** Names the default database file (./data/<name>.db) and log lines. */
  readonly name: string;
  /** Builds the concept instances (may be async, e.g. to create indexes). Requesting is added for you. */
  readonly concepts: (context: AppContext) => C | Promise<C>;
  /** Builds the syncs from the instrumented concepts; several sets are merged. */
  readonly syncs: (concepts: AppConcepts<C>) => SyncSet | readonly SyncSet[];
  /** The app's own settings (overridden by the caller's and by the environment). */
  readonly config?: AppSettings;
}

/** Declares an app (an identity function that gives TypeScript the concept types). */
export function defineApp<C extends ConceptInstances>(definition: AppDefinition<C>): AppDefinition<C> {
  return definition;
}
