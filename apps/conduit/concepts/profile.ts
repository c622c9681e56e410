// Profile: how a user presents themselves to others — a unique public
// username, a bio and an image. Identity and credentials live elsewhere
// (the user id comes from whoever registered the user); this concept only
// knows names and looks. A unique index on the username makes two
// concurrent claims of one name end with one owner.

import type { Collection, Db, ID } from "ensemble";

export type User = ID;

interface ProfileDoc {
  _id: User;
  username: string;
  bio: string | null;
  image: string | null;
}

/** A profile as queries return it. */
export interface ProfileRow {
  user: User;
  username: string;
  bio: string | null;
  image: string | null;
}

export interface ProfileOptions {
  /** Longest accepted username (default 64). */
  readonly maxUsernameLength?: number;
  /** Collection name prefix (default "Profile"). */
  readonly name?: string;
}

/** Failures carry a `reason`, so syncs can answer each kind with an exclusive pattern. */
export type ProfileFailure = { error: string; reason: "invalid" | "taken" | "not-found" };

export class ProfileConcept {
  readonly profiles: Collection<ProfileDoc>;
  readonly #maxUsernameLength: number;
  readonly #ready: Promise<unknown>;

  constructor(db: Db, options: ProfileOptions = {}) {
    this.profiles = db.collection<ProfileDoc>(`${options.name ?? "Profile"}.profiles`);
    this.#maxUsernameLength = options.maxUsernameLength ?? 64;
    this.#ready = this.profiles.createIndex({ username: 1 }, { unique: true });
    this.#ready.catch(() => {}); // surfaced by the first action that awaits it
  }

  /** Gives the user a profile with this username, an empty bio and no image. */
  async register({ user, username }: { user: User; username: string }): Promise<{ user: User } | ProfileFailure> {
    const invalid = this.#checkUsername(username);
    if (invalid) return { error: invalid, reason: "invalid" };
    await this.#ready;
    try {
      await this.profiles.insertOne({ _id: user, username, bio: null, image: null });
    } catch (e) {
      if (isDuplicate(e)) {
        const mine = await this.profiles.findOne({ _id: user });
        return mine ? { error: "this user already has a profile", reason: "taken" } : taken(username);
      }
      throw e;
    }
    return { user };
  }

  /**
   * Changes the fields given; a field left undefined keeps its value. Keeping
   * one's own username is allowed; another user's is not.
   */
  async update({ user, username, bio, image }: { user: User; username?: string; bio?: string | null; image?: string | null }): Promise<{ user: User } | ProfileFailure> {
    const set: Partial<ProfileDoc> = {};
    if (username !== undefined) {
      const invalid = this.#checkUsername(username);
      if (invalid) return { error: invalid, reason: "invalid" };
      set.username = username;
    }
    for (const [key, value] of [["bio", bio], ["image", image]] as const) {
      if (value === undefined) continue;
      if (value !== null && typeof value !== "string") return { error: `${key} must be a string or null`, reason: "invalid" };
      set[key] = value;
    }
    await this.#ready;
    if (Object.keys(set).length === 0) return (await this.profiles.findOne({ _id: user })) ? { user } : { error: "no such profile", reason: "not-found" };
    try {
      const { matchedCount } = await this.profiles.updateOne({ _id: user }, { $set: set });
      return matchedCount === 1 ? { user } : { error: "no such profile", reason: "not-found" };
    } catch (e) {
      if (isDuplicate(e) && username !== undefined) return taken(username);
      throw e;
    }
  }

  /** The user's profile: zero or one row. */
  async _getByUser({ user }: { user: User }): Promise<ProfileRow[]> {
    return rows(await this.profiles.findOne({ _id: user }));
  }

  /** The profile with this username: zero or one row. */
  async _getByUsername({ username }: { username: string }): Promise<ProfileRow[]> {
    if (typeof username !== "string") return [];
    return rows(await this.profiles.findOne({ username }));
  }

  #checkUsername(username: unknown): string | undefined {
    if (typeof username !== "string" || username.trim() === "") return "username can't be blank";
    if (username.length > this.#maxUsernameLength) return `username is too long (at most ${this.#maxUsernameLength} characters)`;
    return undefined;
  }
}


function taken(username: string): ProfileFailure {
  return { error: `username "${username}" has already been taken`, reason: "taken" };
}

function isDuplicate(e: unknown): boolean {
  return (e as { code?: unknown }).code === 11000;
}

function rows(doc: ProfileDoc | null): ProfileRow[] {
  return doc ? [{ user: doc._id, username: doc.username, bio: doc.bio, image: doc.image }] : [];
}
