// Which app a command works on, and loading it. The convention: an app is a
// folder with an `app.ts` that exports one AppDefinition (`defineApp(...)`).
// `ensemble <command> [app]` takes that folder (or the file itself); without
// one, the current directory if it holds an app.ts, else the folder named by
// `"ensemble": { "app": "…" }` in the current directory's package.json.

import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { AppDefinition } from "../app/define-app.ts";
import { EnsembleError } from "../ensemble-error.ts";

export interface AppLocation {
  /** Absolute folder of the app. */
  readonly dir: string;
  /** Absolute path of the module that exports the app. */
  readonly file: string;
  /** The folder as the user would type it (relative to the working directory). */
  readonly label: string;
}

export interface FoundApp extends AppLocation {
  readonly definition: AppDefinition;
  readonly exportName: string;
}

const USAGE_HINT = 'pass the app\'s folder (e.g. `ensemble check apps/auth`), or name it in package.json: "ensemble": { "app": "apps/auth" }';

/** Where the app is, without loading it. */
export function locateApp(arg: string | undefined, cwd: string = process.cwd()): AppLocation {
  const at = (dir: string, file: string): AppLocation => ({ dir, file, label: relative(cwd, dir) || "." });
  if (arg === undefined) {
    if (existsSync(join(cwd, "app.ts"))) return at(cwd, join(cwd, "app.ts"));
    const configured = configuredApp(cwd);
    if (configured !== undefined) return locateApp(configured, cwd);
    throw new EnsembleError("APP_NOT_FOUND", `No app here: ${cwd} has no app.ts and its package.json names no app. To fix, ${USAGE_HINT}.`, { cwd });
  }
  const path = resolve(cwd, arg);
  if (!existsSync(path)) throw new EnsembleError("APP_NOT_FOUND", `No app at ${arg}: there is no such file or folder. To fix, ${USAGE_HINT}.`, { app: arg });
  if (statSync(path).isFile()) return at(dirname(path), path);
  const file = join(path, "app.ts");
  if (!existsSync(file)) {
    throw new EnsembleError(
      "APP_NOT_FOUND",
      `${arg} has no app.ts. An app folder holds an app.ts that exports the app: export const myApp = defineApp({ name, concepts, syncs }).`,
      { app: arg },
    );
  }
  return at(path, file);
}

/** Locates and imports the app, and picks its AppDefinition export. */
export async function findApp(arg: string | undefined, cwd: string = process.cwd()): Promise<FoundApp> {
  const location = locateApp(arg, cwd);
  const shown = relative(cwd, location.file) || location.file;
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(location.file).href)) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof EnsembleError) throw e;
    throw new EnsembleError("INVALID_APP", `Loading ${shown} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, { file: shown }, { cause: e });
  }
  const apps = Object.entries(module).filter(([, v]) => isAppDefinition(v));
  const [first, ...rest] = apps;
  if (!first) {
    throw new EnsembleError(
      "INVALID_APP",
      `${shown} exports no app. Export the app's definition from it: export const myApp = defineApp({ name, concepts, syncs }).`,
      { file: shown },
    );
  }
  // `export default app` alongside `export const app` is one app, not two.
  const distinct = rest.filter(([, v]) => v !== first[1]);
  if (distinct.length > 0) {
    throw new EnsembleError("INVALID_APP", `${shown} exports ${apps.length} apps (${apps.map(([k]) => k).join(", ")}); export one app per app.ts.`, { file: shown });
  }
  return { ...location, definition: first[1] as AppDefinition, exportName: first[0] };
}

export function isAppDefinition(value: unknown): value is AppDefinition {
  if (value === null || typeof value !== "object") return false;
  const v = value as Partial<Record<keyof AppDefinition, unknown>>;
  return typeof v.name === "string" && typeof v.concepts === "function" && typeof v.syncs === "function";
}

function configuredApp(cwd: string): string | undefined {
  const file = join(cwd, "package.json");
  if (!existsSync(file)) return undefined;
  try {
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { ensemble?: { app?: unknown } };
    return typeof pkg.ensemble?.app === "string" ? pkg.ensemble.app : undefined;
  } catch {
    return undefined;
  }
}
