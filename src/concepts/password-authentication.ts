// PasswordAuthentication: users identified by a username and a password.
// Passwords are hashed with argon2id; a wrong username and a wrong password
// take the same time and give the same error; a unique index on the
// username means two concurrent registrations cannot both succeed.

import { hash, verify } from "@node-rs/argon2";
import type { Collection, Db } from "../store/index.ts";
import { freshID, type ID } from "../store/fresh-id.ts";

export type User = ID;

interface UserDoc {
  _id: User;
  username: string;
  passwordHash: string;
}

export interface PasswordAuthenticationOptions {
  /** Shortest accepted password (default 8). */
  readonly minPasswordLength?: number;
  /** Longest accepted username (default 64; an e-mail address used as the username needs up to 254). */
  readonly maxUsernameLength?: number;
  /** Collection name prefix (default "PasswordAuthentication"). */
  readonly name?: string;
}

const BAD_CREDENTIALS = "invalid username or password";

/**
 * Failures carry a machine-readable `reason` beside the message, so that syncs
 * can answer each differently with exclusive literal patterns, e.g.
 * `[PasswordAuthentication.register, {}, { error, reason: "taken" }]`.
 */
export type AuthFailure = { error: string; reason: "invalid" | "taken" | "credentials" | "wrong-password" | "not-found" };

export class PasswordAuthenticationConcept {
  readonly users: Collection<UserDoc>;
  readonly #minPasswordLength: number;
  readonly #maxUsernameLength: number;
  readonly #ready: Promise<unknown>;
  /** A real hash of a random password, verified when the username is unknown, so both failures cost the same. */
  readonly #decoy: Promise<string>;

  constructor(db: Db, options: PasswordAuthenticationOptions = {}) {
    this.users = db.collection<UserDoc>(`${options.name ?? "PasswordAuthentication"}.users`);
    this.#minPasswordLength = options.minPasswordLength ?? 8;
    this.#maxUsernameLength = options.maxUsernameLength ?? 64;
    this.#ready = this.users.createIndex({ username: 1 }, { unique: true });
    this.#ready.catch(() => {}); // surfaced by the first action that awaits it
    this.#decoy = hash(freshID());
  }

  /** Registers a new user; the username must be free. */
  async register({ username, password }: { username: string; password: string }): Promise<{ user: User } | AuthFailure> {
    const invalid = this.#validate(username, password);
    if (invalid) return { error: invalid, reason: "invalid" };
    await this.#ready;
    const user = freshID() as User;
    try {
      await this.users.insertOne({ _id: user, username, passwordHash: await hash(password) });
    } catch (e) {
      if ((e as { code?: unknown }).code === 11000) return { error: `the username "${username}" is already taken`, reason: "taken" };
      throw e;
    }
    return { user };
  }

  /** The user with this username and password, or one error for any mismatch. */
  async authenticate({ username, password }: { username: string; password: string }): Promise<{ user: User } | AuthFailure> {
    if (typeof username !== "string" || typeof password !== "string") return { error: BAD_CREDENTIALS, reason: "credentials" };
    await this.#ready;
    const doc = await this.users.findOne({ username });
    const ok = await verify(doc?.passwordHash ?? (await this.#decoy), password);
    return doc && ok ? { user: doc._id } : { error: BAD_CREDENTIALS, reason: "credentials" };
  }

  /** Replaces the password, given the current one. */
  async changePassword({ user, oldPassword, newPassword }: { user: User; oldPassword: string; newPassword: string }): Promise<{ user: User } | AuthFailure> {
    const doc = await this.users.findOne({ _id: user });
    if (!doc || !(await verify(doc.passwordHash, String(oldPassword)))) return { error: "the current password is wrong", reason: "wrong-password" };
    const invalid = this.#validate(doc.username, newPassword);
    if (invalid) return { error: invalid, reason: "invalid" };
    await this.users.updateOne({ _id: user }, { $set: { passwordHash: await hash(newPassword) } });
    return { user };
  }

  /**
   * Replaces the password without asking for the current one, for callers
   * that have identified the user otherwise (a live session, a reset link).
   */
  async setPassword({ user, password }: { user: User; password: string }): Promise<{ user: User } | AuthFailure> {
    const doc = await this.users.findOne({ _id: user });
    if (!doc) return { error: `no user ${user}`, reason: "not-found" };
    const invalid = this.#validate(doc.username, password);
    if (invalid) return { error: invalid, reason: "invalid" };
    await this.users.updateOne({ _id: user }, { $set: { passwordHash: await hash(password) } });
    return { user };
  }

  /** Renames the user; the new username must be free (keeping one's own is allowed). */
  async changeUsername({ user, username }: { user: User; username: string }): Promise<{ user: User } | AuthFailure> {
    const invalid = this.#validateUsername(username);
    if (invalid) return { error: invalid, reason: "invalid" };
    await this.#ready;
    try {
      const { matchedCount } = await this.users.updateOne({ _id: user }, { $set: { username } });
      return matchedCount === 1 ? { user } : { error: `no user ${user}`, reason: "not-found" };
    } catch (e) {
      if ((e as { code?: unknown }).code === 11000) return { error: `the username "${username}" is already taken`, reason: "taken" };
      throw e;
    }
  }

  /** Removes the user. */
  async deleteUser({ user }: { user: User }): Promise<{ user: User } | AuthFailure> {
    const { deletedCount } = await this.users.deleteOne({ _id: user });
    return deletedCount === 1 ? { user } : { error: `no user ${user}`, reason: "not-found" };
  }

  async _getUserByUsername({ username }: { username: string }): Promise<{ user: User }[]> {
    // A missing or non-string name (an optional request field) names nobody; never let it reach the filter.
    if (typeof username !== "string") return [];
    const doc = await this.users.findOne({ username });
    return doc ? [{ user: doc._id }] : [];
  }

  async _getUsername({ user }: { user: User }): Promise<{ username: string }[]> {
    const doc = await this.users.findOne({ _id: user });
    return doc ? [{ username: doc.username }] : [];
  }

  #validate(username: unknown, password: unknown): string | undefined {
    const invalid = this.#validateUsername(username);
    if (invalid) return invalid;
    if (typeof password !== "string" || password === "") return "a password is required";
    if (password.length < this.#minPasswordLength) return `the password must have at least ${this.#minPasswordLength} characters`;
    return undefined;
  }

  #validateUsername(username: unknown): string | undefined {
    if (typeof username !== "string" || username.trim() === "") return "a username is required";
    if (username.length > this.#maxUsernameLength) return `the username is longer than ${this.#maxUsernameLength} characters`;
    return undefined;
  }
}
