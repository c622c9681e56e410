// Favoriting: users mark items they like, and everyone can see how many users
// like an item. Marking is idempotent (a user counts once per item), and an
// item's favorites can be dropped at once when the item goes away. One
// document per (user, item) whose id is the pair, so concurrent marks by one
// user store one.

import type { Collection, Db, ID } from "ensemble";

export type User = ID;
export type Item = ID;

interface FavoriteDoc {
  _id: string;
  user: User;
  item: Item;
}

export class FavoritingConcept {
  readonly favorites: Collection<FavoriteDoc>;
  readonly #ready: Promise<unknown>;

  constructor(db: Db, name = "Favoriting") {
    this.favorites = db.collection<FavoriteDoc>(`${name}.favorites`);
    this.#ready = Promise.all([this.favorites.createIndex({ item: 1 }), this.favorites.createIndex({ user: 1 })]);
    this.#ready.catch(() => {});
  }

  /** The user favors the item (already did: no change). */
  async favorite({ user, item }: { user: User; item: Item }): Promise<{ user: User; item: Item }> {
    await this.#ready;
    await this.favorites.updateOne({ _id: markId(user, item) }, { $setOnInsert: { user, item } }, { upsert: true });
    return { user, item };
  }

  /** The user no longer favors the item (did not: no change). */
  async unfavorite({ user, item }: { user: User; item: Item }): Promise<{ user: User; item: Item }> {
    await this.favorites.deleteOne({ _id: markId(user, item) });
    return { user, item };
  }

  /** Forgets every favorite of the item (when the item itself is gone). */
  async removeItem({ item }: { item: Item }): Promise<{ item: Item; removed: number }> {
    const { deletedCount } = await this.favorites.deleteMany({ item });
    return { item, removed: deletedCount };
  }

  /** Whether the user favors the item: always one row; an absent user (null, anonymous) favors nothing. */
  async _isFavorited({ user, item }: { user: User | null; item: Item }): Promise<{ favorited: boolean }[]> {
    if (typeof user !== "string") return [{ favorited: false }];
    return [{ favorited: (await this.favorites.countDocuments({ _id: markId(user, item) })) > 0 }];
  }

  /** How many users favor the item: always one row. */
  async _countFor({ item }: { item: Item }): Promise<{ count: number }[]> {
    return [{ count: await this.favorites.countDocuments({ item }) }];
  }

  /** The items the user favors. */
  async _getItems({ user }: { user: User }): Promise<{ item: Item }[]> {
    const docs = await this.favorites.find({ user }).toArray();
    return docs.map((d) => ({ item: d.item }));
  }
}

function markId(user: User, item: Item): string {
  return JSON.stringify([user, item]);
}
