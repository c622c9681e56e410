// `ensemble start [app]`: serve an app. Settings come, strongest first, from
// flags, the environment, a `.env` file (the app folder's, then the working
// directory's), the app's own config, and the defaults. Flags are turned into
// the environment variables they stand for, so they win over both.

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseEnv } from "node:util";
import { startApp } from "../app/start-app.ts";
import { EnsembleError } from "../ensemble-error.ts";
import { stringOption, type Command, type Parsed } from "./command.ts";
import { findApp, locateApp } from "./find-app.ts";

/** Flag → the environment variable it sets. */
const FLAG_ENV: Readonly<Record<string, string>> = {
  port: "PORT",
  host: "HOST",
  db: "DATABASE_URL",
  "log-level": "LOG_LEVEL",
  "base-url": "BASE_URL",
  mode: "ENSEMBLE_MODE",
};

export const startCommand: Command = {
  name: "start",
  usage: "start [app] [--port n] [--host h] [--db url] [--log-level l] [--base-url /api] [--mode m | --production] [--no-inspector] [--env-file f]",
  summary: "serve the app (settings from flags, then the environment, then .env, then the app's config)",
  details: [
    "--port PORT, --host HOST, --db DATABASE_URL, --log-level LOG_LEVEL (off, info, trace, verbose),",
    "--base-url BASE_URL, --mode ENSEMBLE_MODE (development, production), --production (the same as --mode production),",
    "--no-inspector (ENSEMBLE_INSPECTOR=false). Each flag sets the environment variable named after it.",
    ".env files: --env-file, else <app>/.env and ./.env; a variable already set in the environment is kept.",
    "In development the flow inspector is served at /_ensemble on the same port; in production it does not exist.",
  ],
  options: {
    port: { type: "string", short: "p" },
    host: { type: "string" },
    db: { type: "string" },
    "log-level": { type: "string" },
    "base-url": { type: "string" },
    mode: { type: "string" },
    production: { type: "boolean" },
    "no-inspector": { type: "boolean" },
    "env-file": { type: "string" },
  },
  maxPositionals: 1,
  async run(args, { term, env, cwd }) {
    const location = locateApp(args.positionals[0], cwd);
    const envFile = stringOption(args, "env-file");
    const files = envFile !== undefined ? [resolve(cwd, envFile)] : [...new Set([join(location.dir, ".env"), join(cwd, ".env")])];
    const fromFiles = readEnvFiles(files, envFile !== undefined);
    // Also into process.env, as Node's own --env-file does: concepts may read their secrets from it when built.
    for (const [key, value] of Object.entries(fromFiles)) if (process.env[key] === undefined) process.env[key] = value;
    const found = await findApp(args.positionals[0], cwd);
    await startApp(found.definition, {}, { env: { ...fromFiles, ...env, ...flagEnv(args) } });
    term.err(`Stop with Ctrl-C. Routes: ensemble routes ${found.label}; a flow as a tree: ensemble trace <flow-id>.`);
    return 0;
  },
};

function flagEnv(args: Parsed): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [flag, name] of Object.entries(FLAG_ENV)) {
    const value = stringOption(args, flag);
    if (value !== undefined) out[name] = value;
  }
  if (args.values.production === true) out.ENSEMBLE_MODE = "production";
  if (args.values["no-inspector"] === true) out.ENSEMBLE_INSPECTOR = "false";
  return out;
}

/** Variables from the .env files that exist, the first file winning; a named file must exist. */
export function readEnvFiles(files: readonly string[], required: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of [...files].reverse()) {
    if (!existsSync(file)) {
      if (required) throw new EnsembleError("USAGE", `--env-file ${file}: no such file.`, { file });
      continue;
    }
    for (const [k, v] of Object.entries(parseEnv(readFileSync(file, "utf8")))) if (v !== undefined) out[k] = v;
  }
  return out;
}
