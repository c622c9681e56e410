// The application the engine benchmarks run: the login cascade (four syncs:
// request → authenticate → create session → respond, plus the failure
// answer) and the who-am-I cascade (request → where queries → respond),
// each beside a hand-written version that calls the same concept methods
// in the same order, awaiting the same async methods.

import { actions, Engine, type EngineOptions, type Sync, type SyncSet } from "../src/engine/index.ts";
import type { Db } from "../src/store/index.ts";
import { BenchRequesting, BenchSessions, BenchUsers, StoreSessions, StoreUsers } from "./bench-concepts.ts";

export interface BenchConcepts {
  readonly Requesting: BenchRequesting;
  readonly Users: Pick<BenchUsers, "register" | "authenticate" | "_getName">;
  readonly Sessions: Pick<BenchSessions, "create" | "_getUser"> & { forget(session: unknown): void | Promise<void> };
}

export const LOGIN_INPUT = { path: "/login", name: "ada", password: "pw" } as const;

export function loginSyncs({ Requesting, Users, Sessions }: BenchConcepts): SyncSet {
  const Login: Sync = ({ request, name, password }) => ({
    when: actions([Requesting.request, { path: "/login", name, password }, { request }]),
    then: actions([Users.authenticate, { name, password }]),
  });
  const CreateSession: Sync = ({ request, user }) => ({
    when: actions([Requesting.request, { path: "/login" }, { request }], [Users.authenticate, {}, { user }]),
    then: actions([Sessions.create, { user }]),
  });
  const RespondLogin: Sync = ({ request, session }) => ({
    when: actions([Requesting.request, { path: "/login" }, { request }], [Sessions.create, {}, { session }]),
    then: actions([Requesting.respond, { request, session }]),
  });
  const LoginFailed: Sync = ({ request, error }) => ({
    when: actions([Requesting.request, { path: "/login" }, { request }], [Users.authenticate, {}, { error }]),
    then: actions([Requesting.respond, { request, error }]),
  });
  return { Login, CreateSession, RespondLogin, LoginFailed };
}

export function whoAmISyncs({ Requesting, Users, Sessions }: BenchConcepts): SyncSet {
  const WhoAmI: Sync = ({ request, session, user, name }) => ({
    when: actions([Requesting.request, { path: "/whoami", session }, { request }]),
    where: async (frames) => {
      const withUser = await frames.query(Sessions._getUser, { session }, { user });
      return withUser.query(Users._getName, { user }, { name });
    },
    then: actions([Requesting.respond, { request, user, name }]),
  });
  return { WhoAmI };
}

/** Map-based concepts, or, given a database, the store-backed twins. */
export async function newConcepts(db?: Db): Promise<BenchConcepts> {
  if (!db) return { Requesting: new BenchRequesting(), Users: new BenchUsers(), Sessions: new BenchSessions() };
  const users = new StoreUsers(db);
  await users.init();
  return { Requesting: new BenchRequesting(), Users: users, Sessions: new StoreSessions(db) };
}

/** A user "ada" and a session of hers, so both cascades succeed. */
async function seed(c: BenchConcepts): Promise<string> {
  const registered = await c.Users.register({ name: LOGIN_INPUT.name, password: LOGIN_INPUT.password });
  if ("error" in registered) throw new Error(registered.error);
  return (await c.Sessions.create({ user: registered.user })).session;
}

export interface EngineApp {
  readonly engine: Engine;
  /** The concept instances themselves (for `take`, which is not an action). */
  readonly raw: BenchConcepts;
  /** The instrumented concepts, used in syncs and to start flows. */
  readonly app: BenchConcepts;
  readonly session: string;
}

export async function engineApp(extraSyncs?: (app: BenchConcepts) => SyncSet, options: EngineOptions = {}, db?: Db): Promise<EngineApp> {
  const raw = await newConcepts(db);
  const engine = new Engine({ logLevel: "off", ...options });
  const app = engine.instrument({ ...raw });
  engine.register({ ...loginSyncs(app), ...whoAmISyncs(app) });
  if (extraSyncs) engine.register(extraSyncs(app));
  return { engine, raw, app, session: await seed(raw) };
}

export interface HandApp {
  readonly raw: BenchConcepts;
  readonly session: string;
}

export async function handApp(db?: Db): Promise<HandApp> {
  const raw = await newConcepts(db);
  return { raw, session: await seed(raw) };
}

export type Response = Readonly<Record<string, unknown>>;

/** Takes the cascade's response, as the HTTP layer would, and fails loudly if the cascade did not answer. */
function expectResponse(c: BenchConcepts, request: string, key: string): Response {
  const response = c.Requesting.take(request);
  if (response?.[key] === undefined) throw new Error(`bench: request ${request} got no response with \`${key}\`: ${JSON.stringify(response)}`);
  return response;
}

export async function engineLogin(a: EngineApp): Promise<Response> {
  const { output } = await a.engine.run(a.app.Requesting.request, LOGIN_INPUT);
  const response = expectResponse(a.raw, output.request, "session");
  await a.raw.Sessions.forget(response.session);
  return response;
}

export async function engineWhoAmI(a: EngineApp): Promise<Response> {
  const { output } = await a.engine.run(a.app.Requesting.request, { path: "/whoami", session: a.session });
  return expectResponse(a.raw, output.request, "name");
}

export async function handLogin({ raw }: HandApp): Promise<Response> {
  const { request } = await raw.Requesting.request(LOGIN_INPUT);
  const auth = await raw.Users.authenticate({ name: LOGIN_INPUT.name, password: LOGIN_INPUT.password });
  if ("error" in auth) {
    await raw.Requesting.respond({ request, error: auth.error });
  } else {
    const { session } = await raw.Sessions.create({ user: auth.user });
    await raw.Requesting.respond({ request, session });
  }
  const response = expectResponse(raw, request, "session");
  await raw.Sessions.forget(response.session);
  return response;
}

export async function handWhoAmI({ raw, session }: HandApp): Promise<Response> {
  const { request } = await raw.Requesting.request({ path: "/whoami", session });
  for (const { user } of await raw.Sessions._getUser({ session })) {
    for (const { name } of await raw.Users._getName({ user })) await raw.Requesting.respond({ request, user, name });
  }
  return expectResponse(raw, request, "name");
}
