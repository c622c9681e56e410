// An app's configuration: defaults, then the app's own settings, then the
// caller's, then environment variables. Every value is validated at boot and
// a bad one is reported with the setting's name, where it came from, what it
// accepts and what it got.

import { EnsembleError } from "../ensemble-error.ts";
import { closest } from "../engine/edit-distance.ts";
import { LOG_LEVELS, type LogLevel } from "../engine/index.ts";
import { defaultErrorBody, type CorsOptions, type HttpOptions, type Mode } from "../http/http-options.ts";

export interface AppConfig extends HttpOptions {
  readonly port: number;
  readonly host: string;
  /** `sqlite:./data/app.db` (default), `sqlite::memory:`, `postgres://…`, `mongodb://…`. */
  readonly databaseUrl: string;
  /** The flow inspector at /_ensemble (development only; never reachable in production). */
  readonly inspector: boolean;
  /** How long shutdown waits for in-flight flows before closing the database. */
  readonly shutdownTimeoutMs: number;
  /**
   * Settled flows kept in memory for `engine.flow(id)`, `explain` and the
   * inspector: 200 in development, none in production (nothing reads them
   * there, and every kept flow is work for the garbage collector).
   */
  readonly retainFlows: number;
}

export type AppSettings = Partial<AppConfig>;

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULTS = {
  port: 8000,
  host: "127.0.0.1",
  baseUrl: "/api",
  logLevel: "info" as LogLevel,
  mode: "development" as Mode,
  timeoutMs: 10_000,
  routeTimeouts: {},
  bodyLimit: 1024 * 1024,
  cors: null,
  headers: { token: "authorization" },
  passthrough: {},
  storeRequests: false,
  shutdownTimeoutMs: 5_000,
  errorBody: defaultErrorBody,
} satisfies Omit<AppConfig, "databaseUrl" | "inspector" | "retainFlows">;

const KEYS = new Set<string>([...Object.keys(DEFAULTS), "databaseUrl", "inspector", "retainFlows"]);

/** Resolves settings in order (later wins), then the environment, and validates the result. */
export function resolveConfig(appName: string, layers: readonly (AppSettings | undefined)[], env: Env = process.env): AppConfig {
  const merged: Record<string, unknown> = { ...DEFAULTS, databaseUrl: `sqlite:./data/${appName}.db` };
  const source: Record<string, string> = {};
  /** Environment values as written, for messages (a parsed NaN would print as null). */
  const raw: Record<string, string> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) {
      if (!KEYS.has(key)) {
        const near = closest(key, KEYS);
        throw new EnsembleError("INVALID_CONFIG", `Unknown setting \`${key}\`${near ? `; did you mean \`${near}\`?` : "."} Settings: ${[...KEYS].join(", ")}.`, { setting: key });
      }
      if (value !== undefined) (merged[key] = value), (source[key] = "config");
    }
  }
  const fromEnv = (name: string, key: string, parse: (raw: string) => unknown = (raw) => raw): void => {
    const value = env[name];
    if (value === undefined || value === "") return;
    merged[key] = parse(value);
    raw[key] = value;
    source[key] = `the environment variable ${name}`;
  };
  fromEnv("PORT", "port", Number);
  fromEnv("HOST", "host");
  fromEnv("BASE_URL", "baseUrl");
  fromEnv("DATABASE_URL", "databaseUrl");
  fromEnv("LOG_LEVEL", "logLevel");
  if (env.NODE_ENV === "production") (merged.mode = "production"), (source.mode = "NODE_ENV=production");
  fromEnv("ENSEMBLE_MODE", "mode");
  fromEnv("REQUEST_TIMEOUT_MS", "timeoutMs", Number);
  fromEnv("BODY_LIMIT", "bodyLimit", Number);
  fromEnv("CORS_ORIGINS", "cors", (v) => ({ origins: v.trim() === "*" ? "*" : v.split(",").map((s) => s.trim()).filter(Boolean), credentials: env.CORS_CREDENTIALS === "true" }));
  fromEnv("STORE_REQUESTS", "storeRequests", parseBool);
  fromEnv("ENSEMBLE_INSPECTOR", "inspector", parseBool);
  if (merged.inspector === undefined) merged.inspector = merged.mode === "development";
  fromEnv("RETAIN_FLOWS", "retainFlows", Number);
  if (merged.retainFlows === undefined) merged.retainFlows = merged.mode === "development" ? 200 : 0;

  const bad = (key: string, accepts: string): never => {
    const got = raw[key] ?? merged[key];
    throw new EnsembleError(
      "INVALID_CONFIG",
      `Invalid setting \`${key}\` (from ${source[key] ?? "the defaults"}): ${accepts}, got ${typeof got === "string" ? JSON.stringify(got) : String(JSON.stringify(got) ?? got)}.`,
      { setting: key },
    );
  };
  const int = (key: string, min: number, max: number): void => {
    const v = merged[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) bad(key, `must be a whole number from ${min} to ${max}`);
  };
  int("port", 0, 65535);
  int("timeoutMs", 1, 3_600_000);
  int("bodyLimit", 1, 1024 ** 3);
  int("shutdownTimeoutMs", 0, 600_000);
  int("retainFlows", 0, 100_000);
  if (typeof merged.host !== "string" || merged.host === "") bad("host", "must be a host name or address such as 127.0.0.1");
  const base = merged.baseUrl;
  if (typeof base !== "string" || !/^\/[A-Za-z0-9._~\-/]*[^/]$/.test(base)) bad("baseUrl", 'must start with "/" and not end with "/", e.g. "/api"');
  if (!LOG_LEVELS.includes(merged.logLevel as LogLevel)) bad("logLevel", `must be one of ${LOG_LEVELS.join(", ")}`);
  if (merged.mode !== "development" && merged.mode !== "production") bad("mode", 'must be "development" or "production"');
  if (typeof merged.databaseUrl !== "string" || !/^(sqlite:|postgres(ql)?:\/\/|mongodb(\+srv)?:\/\/|:memory:)/.test(merged.databaseUrl)) {
    bad("databaseUrl", "must be sqlite:<file>, sqlite::memory:, postgres://… or mongodb://…");
  }
  checkCors(merged.cors, bad);
  for (const [route, ms] of Object.entries((merged.routeTimeouts ?? {}) as Record<string, unknown>)) {
    if (!/^[A-Z]+ \/\S*$/.test(route) || typeof ms !== "number" || ms <= 0) bad("routeTimeouts", `takes "METHOD /path": milliseconds, e.g. { "POST /upload": 30000 } (entry "${route}")`);
  }
  for (const key of ["storeRequests", "inspector"]) if (typeof merged[key] !== "boolean") bad(key, "must be true or false");
  if (merged.mode === "production") merged.inspector = false;
  return merged as unknown as AppConfig;
}

function checkCors(cors: unknown, bad: (key: string, accepts: string) => never): void {
  if (cors === null) return;
  const c = cors as Partial<CorsOptions>;
  const originsOk = c.origins === "*" || (Array.isArray(c.origins) && c.origins.every((o) => typeof o === "string" && /^https?:\/\/[^/]+$/.test(o)));
  if (typeof cors !== "object" || !originsOk) bad("cors", 'takes { origins: "*" or ["https://app.example.com", …], credentials: boolean }');
  if (c.credentials && c.origins === "*") bad("cors", "cannot allow credentials for every origin (browsers refuse it); list the origins");
}

function parseBool(raw: string): unknown {
  return raw === "true" || raw === "1" ? true : raw === "false" || raw === "0" ? false : raw;
}
