// Small in-memory concepts for the engine's own tests: a request/response
// pair standing in for Requesting, password-less users, sessions, and a
// counter. Deliberately plain classes, as application concepts are.

import { actions } from "./actions.ts";
import { Engine, type EngineOptions } from "./engine.ts";
import type { Sync } from "./sync.ts";

export class RequestsConcept {
  readonly responses = new Map<string, Record<string, unknown>[]>();
  #next = 0;

  async request(input: { path: string; [key: string]: unknown }): Promise<{ request: string }> {
    void input;
    return { request: `req${++this.#next}` };
  }

  async respond(input: { request: string; [key: string]: unknown }): Promise<{ request: string }> {
    const list = this.responses.get(input.request) ?? [];
    list.push(input);
    this.responses.set(input.request, list);
    return { request: input.request };
  }
}

export class UsersConcept {
  readonly users = new Map<string, { name: string; password: string }>();

  async register({ name, password }: { name: string; password: string }): Promise<{ user: string } | { error: string }> {
    if ([...this.users.values()].some((u) => u.name === name)) return { error: `name ${name} is taken` };
    const user = `u${this.users.size + 1}`;
    this.users.set(user, { name, password });
    return { user };
  }

  async authenticate({ name, password }: { name: string; password: string }): Promise<{ user: string } | { error: string }> {
    for (const [user, u] of this.users) if (u.name === name && u.password === password) return { user };
    return { error: "invalid credentials" };
  }

  async explode({ message }: { message: string }): Promise<{ never: true }> {
    throw new Error(message);
  }

  async _getName({ user }: { user: string }): Promise<{ name: string }[]> {
    const u = this.users.get(user);
    return u ? [{ name: u.name }] : [];
  }

  async _all(_: Record<string, never>): Promise<{ user: string; name: string }[]> {
    return [...this.users.entries()].map(([user, u]) => ({ user, name: u.name }));
  }
}

export class SessionsConcept {
  readonly sessions = new Map<string, string>();

  async create({ user }: { user: string }): Promise<{ session: string }> {
    const session = `s${this.sessions.size + 1}`;
    this.sessions.set(session, user);
    return { session };
  }

  async _getUser({ session }: { session: string }): Promise<{ user: string }[]> {
    const user = this.sessions.get(session);
    return user ? [{ user }] : [];
  }
}

export class CounterConcept {
  value = 0;

  async increment({ by }: { by: number }): Promise<{ value: number }> {
    this.value += by;
    return { value: this.value };
  }

  async reset(_: Record<string, never>): Promise<{ value: number }> {
    this.value = 0;
    return { value: 0 };
  }

  async _value(_: Record<string, never>): Promise<{ value: number }[]> {
    return [{ value: this.value }];
  }
}

/** A quiet engine with the fixture concepts instrumented. */
export function setup(options: EngineOptions = {}) {
  const engine = new Engine({ logLevel: "off", ...options });
  const concepts = engine.instrument({
    Requests: new RequestsConcept(),
    Users: new UsersConcept(),
    Sessions: new SessionsConcept(),
    Counter: new CounterConcept(),
  });
  return { engine, ...concepts };
}

/** The seed's login flow as three syncs: authenticate, create the session, respond with it. */
export function loginSyncs({ Requests, Users, Sessions }: Pick<ReturnType<typeof setup>, "Requests" | "Users" | "Sessions">): Record<string, Sync> {
  const Login: Sync = ({ request, name, password }) => ({
    when: actions([Requests.request, { path: "/login", name, password }, { request }]),
    then: actions([Users.authenticate, { name, password }]),
  });
  const CreateSession: Sync = ({ user }) => ({
    when: actions([Requests.request, { path: "/login" }, {}], [Users.authenticate, {}, { user }]),
    then: actions([Sessions.create, { user }]),
  });
  const RespondLogin: Sync = ({ request, session }) => ({
    when: actions([Requests.request, { path: "/login" }, { request }], [Sessions.create, {}, { session }]),
    then: actions([Requests.respond, { request, session }]),
  });
  return { Login, CreateSession, RespondLogin };
}
