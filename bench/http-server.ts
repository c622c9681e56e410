// One server under test for benchmark 5, run in its own process so that it
// shares its event loop with neither the load generator nor the other server:
//   node --import tsx bench/http-server.ts ensemble|hono <databaseUrl> [development|production]
// It seeds a user and a session, serves on 127.0.0.1 (a free port), prints
// one JSON line { port, user, token, username, password } on stdout, and
// exits when stdin closes or on SIGTERM (the parent ending ends it too).

import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { PasswordAuthenticationConcept, SessioningConcept, openDb, startApp, type Mode } from "ensemble";
import { authApp } from "../apps/auth/app.ts";
import { honoAuthApp } from "./hono-auth-app.ts";

export type ServerKind = "ensemble" | "hono";

/** What the server prints once it listens. */
export interface ServerReady {
  readonly port: number;
  readonly user: string;
  readonly token: string;
  readonly username: string;
  readonly password: string;
}

const USERNAME = "bench";
const PASSWORD = "correct horse battery staple";

/** Registers the bench user and opens a session for it, through the concepts, before the server starts. */
async function seed(databaseUrl: string): Promise<{ user: string; token: string }> {
  const db = await openDb(databaseUrl);
  try {
    const auth = new PasswordAuthenticationConcept(db);
    const registered = await auth.register({ username: USERNAME, password: PASSWORD });
    if ("error" in registered) throw new Error(`seeding the bench user failed: ${registered.error}`);
    const { session } = await new SessioningConcept(db).create({ user: registered.user });
    return { user: registered.user, token: session };
  } finally {
    await db.close();
  }
}

/** Starts the server; resolves with what to print and how to stop it. */
export async function startHttpServer(kind: ServerKind, databaseUrl: string, mode: Mode): Promise<{ ready: ServerReady; stop: () => Promise<void> }> {
  const seeded = await seed(databaseUrl);
  const ready = (port: number): ServerReady => ({ port, ...seeded, username: USERNAME, password: PASSWORD });
  if (kind === "ensemble") {
    // What a deployment runs: the app as `npm run start:auth` starts it, without request log lines.
    const app = await startApp(authApp, { port: 0, host: "127.0.0.1", logLevel: "off", mode, databaseUrl }, { env: {}, handleSignals: false, log: () => {} });
    return { ready: ready(app.port), stop: () => app.stop() };
  }
  const db = await openDb(databaseUrl);
  const app = honoAuthApp({ auth: new PasswordAuthenticationConcept(db), sessions: new SessioningConcept(db) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    s.once("error", reject);
  });
  const stop = async (): Promise<void> => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
  };
  return { ready: ready((server.address() as AddressInfo).port), stop };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [kind, databaseUrl, mode = "production"] = process.argv.slice(2);
  if ((kind !== "ensemble" && kind !== "hono") || !databaseUrl || (mode !== "production" && mode !== "development")) {
    process.stderr.write("usage: node --import tsx bench/http-server.ts ensemble|hono <databaseUrl> [development|production]\n");
    process.exit(2);
  }
  const { ready, stop } = await startHttpServer(kind, databaseUrl, mode);
  let stopping = false;
  const end = (): void => {
    if (stopping) return;
    stopping = true;
    // Keep-alive connections from the load generator are gone by now; a stuck close must not keep the process.
    setTimeout(() => process.exit(0), 2_000).unref();
    void stop().then(() => process.exit(0));
  };
  process.stdin.on("end", end).on("error", end).resume();
  process.once("SIGTERM", end);
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}
