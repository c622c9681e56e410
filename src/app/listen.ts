// Serving an HTTP front on a port, with graceful shutdown: on stop (or
// SIGINT/SIGTERM) stop accepting connections, let in-flight flows settle
// (bounded), then run the caller's cleanup (closing the database).

import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { LogSink } from "../engine/index.ts";
import type { HttpFront } from "../http/http-front.ts";
import { INSPECTOR_PATH } from "../inspector/mount-inspector.ts";

export interface Listening {
  /** e.g. http://127.0.0.1:8000/api */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, then runs the cleanup; idempotent. */
  stop(): Promise<void>;
}

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
  readonly baseUrl: string;
  readonly log: LogSink;
  /** Install SIGINT/SIGTERM handlers that stop and exit (default true). */
  readonly handleSignals?: boolean;
  /** Runs after the server stopped accepting: drain flows, close the database. */
  readonly cleanup: () => Promise<void>;
}

export async function listen(http: HttpFront, options: ListenOptions): Promise<Listening> {
  const { port, host, baseUrl, log } = options;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: http.app.fetch, port, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const actual = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${actual}${baseUrl}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      await options.cleanup();
      await closed;
    })());

  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals): void => {
      log(`[ensemble] ${signal}: shutting down (letting running flows settle)`);
      void stop().then(
        () => process.exit(0),
        (e: unknown) => {
          log(`[ensemble] shutdown failed: ${e instanceof Error ? e.message : String(e)}`);
          process.exit(1);
        },
      );
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  return { url, port: actual, stop };
}

/** A database URL without its password, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

/** "; inspector at http://…/_ensemble" when the inspector is on, for the listening line. */
export function inspectorNote(url: string, config: { readonly inspector: boolean; readonly baseUrl: string }): string {
  return config.inspector ? `; inspector at ${url.slice(0, url.length - config.baseUrl.length)}${INSPECTOR_PATH}` : "";
}
