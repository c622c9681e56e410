// Following: one-way subscriptions between users ("I follow you"). Following
// and unfollowing are idempotent — the state is what was last asked for — so
// a repeated click or a retried request changes nothing. Each pair is one
// document whose id is the pair itself, so two concurrent follows of the same
// user store it once.

import type { Collection, Db, ID } from "ensemble";

export type User = ID;

interface FollowDoc {
  _id: string;
  follower: User;
  followee: User;
}

export class FollowingConcept {
  readonly follows: Collection<FollowDoc>;
  readonly #ready: Promise<unknown>;

  constructor(db: Db, name = "Following") {
    this.follows = db.collection<FollowDoc>(`${name}.follows`);
    this.#ready = Promise.all([this.follows.createIndex({ follower: 1 }), this.follows.createIndex({ followee: 1 })]);
    this.#ready.catch(() => {});
  }

  /** The follower now follows the followee (again: no change). */
  async follow({ follower, followee }: { follower: User; followee: User }): Promise<{ follower: User; followee: User }> {
    await this.#ready;
    try {
      await this.follows.insertOne({ _id: pairId(follower, followee), follower, followee });
    } catch (e) {
      if ((e as { code?: unknown }).code !== 11000) throw e;
    }
    return { follower, followee };
  }

  /** The follower no longer follows the followee (if they did not: no change). */
  async unfollow({ follower, followee }: { follower: User; followee: User }): Promise<{ follower: User; followee: User }> {
    await this.follows.deleteOne({ _id: pairId(follower, followee) });
    return { follower, followee };
  }

  /** Whether the follower follows the followee: always one row; an absent follower (null, anonymous) follows no one. */
  async _isFollowing({ follower, followee }: { follower: User | null; followee: User }): Promise<{ following: boolean }[]> {
    if (typeof follower !== "string") return [{ following: false }];
    return [{ following: (await this.follows.countDocuments({ _id: pairId(follower, followee) })) > 0 }];
  }

  /** Everyone the follower follows. */
  async _getFollowees({ follower }: { follower: User }): Promise<{ followee: User }[]> {
    const docs = await this.follows.find({ follower }).toArray();
    return docs.map((d) => ({ followee: d.followee }));
  }
}

function pairId(follower: User, followee: User): string {
  return JSON.stringify([follower, followee]);
}
