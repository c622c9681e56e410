// Serves an app over HTTP: creates it, listens, and says where. Shutdown on
// SIGINT/SIGTERM stops accepting, lets in-flight flows settle (bounded) and
// closes the database.

import type { AppSettings } from "./app-config.ts";
import { createApp, type AppInstance, type CreateOptions } from "./create-app.ts";
import type { AppDefinition, ConceptInstances } from "./define-app.ts";
import { inspectorNote, listen, redactUrl, type Listening } from "./listen.ts";

export interface RunningApp<C extends ConceptInstances = ConceptInstances> extends AppInstance<C>, Listening {}

export interface StartOptions extends CreateOptions {
  /** Install SIGINT/SIGTERM handlers that stop the app and exit (default true). */
  readonly handleSignals?: boolean;
}

export async function startApp<C extends ConceptInstances>(
  definition: AppDefinition<C>,
  settings?: AppSettings,
  options: StartOptions = {},
): Promise<RunningApp<C>> {
  const app = await createApp(definition, settings, options);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    const listening = await listen(app.http, { ...app.config, log, handleSignals: options.handleSignals, cleanup: () => app.close() });
    log(`Ensemble app "${app.name}" listening on ${listening.url} (${app.config.mode}, ${redactUrl(app.config.databaseUrl)})${inspectorNote(listening.url, app.config)}`);
    return { ...app, ...listening };
  } catch (e) {
    await app.close();
    throw e;
  }
}
