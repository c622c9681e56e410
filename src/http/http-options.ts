// What the HTTP front needs to know, already validated (the app runtime
// resolves these from config, environment and defaults).

import type { LogLevel } from "../engine/index.ts";

export type Mode = "development" | "production";

export interface CorsOptions {
  /** "*" or exact origins such as "http://localhost:5173". */
  readonly origins: "*" | readonly string[];
  readonly credentials: boolean;
}

export interface HttpOptions {
  /** Requests under this prefix become `Requesting.request` actions (default "/api"). */
  readonly baseUrl: string;
  /** Development answers unanswered requests with the engine's diagnosis; production logs it instead. */
  readonly mode: Mode;
  /** Milliseconds before an unanswered request gets 504 (default 10 000). */
  readonly timeoutMs: number;
  /** Per-route timeouts: "METHOD /path" (path as the syncs write it) → milliseconds. */
  readonly routeTimeouts: Readonly<Record<string, number>>;
  /** Maximum request body in bytes (default 1 MiB); larger gets 413. */
  readonly bodyLimit: number;
  readonly cors: CorsOptions | null;
  /** Input field ← request header; default { token: "authorization" }. */
  readonly headers: Readonly<Record<string, string>>;
  /** "Concept.method" → why it may be called straight over HTTP. Off unless listed. */
  readonly passthrough: Readonly<Record<string, string>>;
  /** Keep a redacted copy of each request and its status in the `Requesting.requests` collection. */
  readonly storeRequests: boolean;
  readonly logLevel: LogLevel;
  /** Body of answers the server gives itself (400, 404, 413, 415, 500, 504). */
  readonly errorBody: (status: number, message: string, diagnosis: readonly string[] | undefined, flow: string | undefined) => unknown;
}

/** The default error body: `{ error, diagnosis?, flow? }`. */
export function defaultErrorBody(_status: number, message: string, diagnosis: readonly string[] | undefined, flow: string | undefined): unknown {
  return { error: message, ...(diagnosis ? { diagnosis } : {}), ...(flow ? { flow } : {}) };
}
