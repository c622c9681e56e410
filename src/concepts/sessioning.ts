// Sessioning: sessions that stand for a user until they end or expire.
// Session ids are 256 random bits (unguessable bearer tokens); expired
// sessions are never returned and are removed when met and in periodic
// sweeps piggybacked on `create`, so no timer keeps the process alive.

import { randomBytes } from "node:crypto";
import type { Collection, Db } from "../store/index.ts";
import type { ID } from "../store/fresh-id.ts";

export type Session = ID;
export type User = ID;

interface SessionDoc {
  _id: Session;
  user: User;
  createdAt: number;
  expiresAt: number;
}

export interface SessioningOptions {
  /** How long a session lasts, in milliseconds (default 30 days). */
  readonly ttlMs?: number;
  /** The clock (inject one in tests). */
  readonly now?: () => number;
  /** Collection name prefix (default "Sessioning"). */
  readonly name?: string;
}

const SWEEP_EVERY_MS = 60_000;

export class SessioningConcept {
  readonly sessions: Collection<SessionDoc>;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #ready: Promise<unknown>;
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(db: Db, options: SessioningOptions = {}) {
    this.sessions = db.collection<SessionDoc>(`${options.name ?? "Sessioning"}.sessions`);
    this.#ttlMs = options.ttlMs ?? 30 * 24 * 3600 * 1000;
    this.#now = options.now ?? Date.now;
    this.#ready = Promise.all([this.sessions.createIndex({ user: 1 }), this.sessions.createIndex({ expiresAt: 1 })]);
    this.#ready.catch(() => {});
  }

  /** Starts a session for the user. */
  async create({ user }: { user: User }): Promise<{ session: Session }> {
    await this.#ready;
    const now = this.#now();
    if (now - this.#lastSweep >= SWEEP_EVERY_MS) {
      this.#lastSweep = now;
      await this.sessions.deleteMany({ expiresAt: { $lte: now } });
    }
    const session = randomBytes(32).toString("base64url") as Session;
    await this.sessions.insertOne({ _id: session, user, createdAt: now, expiresAt: now + this.#ttlMs });
    return { session };
  }

  /** Ends a session. */
  async delete({ session }: { session: Session }): Promise<{ session: Session } | { error: string }> {
    const { deletedCount } = await this.sessions.deleteOne({ _id: session });
    return deletedCount === 1 ? { session } : { error: "no such session" };
  }

  /** Ends every session of the user (e.g. when the account is deleted). */
  async deleteAllForUser({ user }: { user: User }): Promise<{ user: User; deleted: number }> {
    const { deletedCount } = await this.sessions.deleteMany({ user });
    return { user, deleted: deletedCount };
  }

  /** The session's user, if the session exists and has not expired. */
  async _getUser({ session }: { session: Session }): Promise<{ user: User }[]> {
    if (typeof session !== "string") return [];
    const doc = await this.sessions.findOne({ _id: session });
    if (!doc) return [];
    if (doc.expiresAt <= this.#now()) {
      await this.sessions.deleteOne({ _id: session });
      return [];
    }
    return [{ user: doc.user }];
  }

  /** The user's live sessions, newest first. */
  async _getSessionsForUser({ user }: { user: User }): Promise<{ session: Session; createdAt: number; expiresAt: number }[]> {
    const docs = await this.sessions.find({ user, expiresAt: { $gt: this.#now() } }).sort({ createdAt: -1 }).toArray();
    return docs.map((d) => ({ session: d._id, createdAt: d.createdAt, expiresAt: d.expiresAt }));
  }
}
