// In-memory concepts for the engine benchmarks: a Requesting-like concept
// (request returns { request }, respond stores the response), users with
// password login, and sessions. Map-based, so a benchmark measures the
// engine's overhead rather than a store's; store-backed twins at the end.

import { freshID, type Collection, type Db } from "../src/store/index.ts";

export class BenchRequesting {
  readonly responses = new Map<string, Readonly<Record<string, unknown>>>();
  #next = 0;

  async request(input: { path: string; [key: string]: unknown }): Promise<{ request: string }> {
    void input;
    return { request: `r${++this.#next}` };
  }

  async respond(input: { request: string; [key: string]: unknown }): Promise<{ request: string }> {
    this.responses.set(input.request, input);
    return { request: input.request };
  }

  /**
   * Hands a stored response to its caller and forgets it, as the HTTP layer
   * does once it has answered; not an action (drivers call it on the raw instance).
   */
  take(request: string): Readonly<Record<string, unknown>> | undefined {
    const response = this.responses.get(request);
    this.responses.delete(request);
    return response;
  }
}

export class BenchUsers {
  readonly #byName = new Map<string, { user: string; password: string }>();
  readonly #names = new Map<string, string>();

  async register({ name, password }: { name: string; password: string }): Promise<{ user: string } | { error: string }> {
    if (this.#byName.has(name)) return { error: `name ${name} is taken` };
    const user = `u${this.#byName.size + 1}`;
    this.#byName.set(name, { user, password });
    this.#names.set(user, name);
    return { user };
  }

  async authenticate({ name, password }: { name: string; password: string }): Promise<{ user: string } | { error: string }> {
    const found = this.#byName.get(name);
    return found && found.password === password ? { user: found.user } : { error: "invalid credentials" };
  }

  async _getName({ user }: { user: string }): Promise<{ name: string }[]> {
    const name = this.#names.get(user);
    return name === undefined ? [] : [{ name }];
  }
}

export class BenchSessions {
  readonly #sessions = new Map<string, string>();
  #next = 0;

  async create({ user }: { user: string }): Promise<{ session: string }> {
    const session = `s${++this.#next}`;
    this.#sessions.set(session, user);
    return { session };
  }

  /**
   * Drops a session, as logout would; not an action (drivers call it on the
   * raw instance after each login, so the map stays the size of a steady app).
   */
  forget(session: unknown): void {
    if (typeof session !== "string" || !this.#sessions.delete(session)) throw new Error(`bench: no session ${String(session)} to forget`);
  }

  async _getUser({ session }: { session: string }): Promise<{ user: string }[]> {
    const user = this.#sessions.get(session);
    return user === undefined ? [] : [{ user }];
  }

  get size(): number {
    return this.#sessions.size;
  }
}

/** Steps for long flows: each step is one action; `_range` yields one row per step. */
export class BenchSteps {
  async step({ i }: { i: number }): Promise<{ i: number }> {
    return { i };
  }

  async _range({ n }: { n: number }): Promise<{ k: number }[]> {
    return Array.from({ length: n }, (_, k) => ({ k: k + 1 }));
  }
}

/**
 * The same users, kept in a collection of the store (SQLite by default), as
 * an application's concepts are: the realistic counterpart of `BenchUsers`,
 * so the cascade benchmark can also say what the engine costs beside real
 * state access.
 */
export class StoreUsers {
  readonly #users: Collection<{ _id: string; name: string; password: string }>;

  constructor(db: Db) {
    this.#users = db.collection("Users.users");
  }

  async register({ name, password }: { name: string; password: string }): Promise<{ user: string } | { error: string }> {
    if (await this.#users.findOne({ name })) return { error: `name ${name} is taken` };
    const user = freshID();
    await this.#users.insertOne({ _id: user, name, password });
    return { user };
  }

  async authenticate({ name, password }: { name: string; password: string }): Promise<{ user: string } | { error: string }> {
    const found = await this.#users.findOne({ name });
    return found && found.password === password ? { user: found._id } : { error: "invalid credentials" };
  }

  async _getName({ user }: { user: string }): Promise<{ name: string }[]> {
    const found = await this.#users.findOne({ _id: user });
    return found ? [{ name: found.name }] : [];
  }

  /** Indexes the login name, as a real users concept would. */
  init(): Promise<string> {
    return this.#users.createIndex({ name: 1 }, { unique: true });
  }
}

/** Sessions in a collection of the store: the realistic counterpart of `BenchSessions`. */
export class StoreSessions {
  readonly #sessions: Collection<{ _id: string; user: string }>;

  constructor(db: Db) {
    this.#sessions = db.collection("Sessions.sessions");
  }

  async create({ user }: { user: string }): Promise<{ session: string }> {
    const session = freshID();
    await this.#sessions.insertOne({ _id: session, user });
    return { session };
  }

  /** Drops a session, as logout would; not an action (drivers call it on the raw instance). */
  async forget(session: unknown): Promise<void> {
    const { deletedCount } = await this.#sessions.deleteOne({ _id: String(session) });
    if (deletedCount !== 1) throw new Error(`bench: no session ${String(session)} to forget`);
  }

  async _getUser({ session }: { session: string }): Promise<{ user: string }[]> {
    const found = await this.#sessions.findOne({ _id: session });
    return found ? [{ user: found.user }] : [];
  }
}
