// Tagging: free-form labels on items, for browsing by topic. An item's tags
// are a set (trimmed, without duplicates) kept sorted, so every reader sees
// them in the same order; the tags in use are those of some item, so a tag
// disappears with its last item. One document per item, replaced whole.

import type { Collection, Db, ID } from "ensemble";

export type Item = ID;

interface TagsDoc {
  _id: Item;
  tags: string[];
}

const MAX_TAG = 64;

export class TaggingConcept {
  readonly items: Collection<TagsDoc>;
  readonly #ready: Promise<unknown>;

  constructor(db: Db, name = "Tagging") {
    this.items = db.collection<TagsDoc>(`${name}.items`);
    this.#ready = this.items.createIndex({ tags: 1 });
    this.#ready.catch(() => {});
  }

  /** Sets the item's tags (an empty list removes them all). */
  async setTags({ item, tags }: { item: Item; tags: string[] }): Promise<{ item: Item; tags: string[] } | { error: string; reason: "invalid" }> {
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string")) return { error: "tagList must be a list of strings", reason: "invalid" };
    const clean = [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ""))].sort(alphabetically);
    const long = clean.find((t) => t.length > MAX_TAG);
    if (long !== undefined) return { error: `the tag "${long.slice(0, 20)}…" is longer than ${MAX_TAG} characters`, reason: "invalid" };
    await this.#ready;
    if (clean.length === 0) await this.items.deleteOne({ _id: item });
    else await this.items.updateOne({ _id: item }, { $set: { tags: clean } }, { upsert: true });
    return { item, tags: clean };
  }

  /** Removes the item and its tags. */
  async removeItem({ item }: { item: Item }): Promise<{ item: Item }> {
    await this.items.deleteOne({ _id: item });
    return { item };
  }

  /** The item's tags, sorted: always one row (an untagged item has `[]`). */
  async _getTags({ item }: { item: Item }): Promise<{ tags: string[] }[]> {
    const doc = await this.items.findOne({ _id: item });
    return [{ tags: doc?.tags ?? [] }];
  }

  /** The items carrying the tag. */
  async _getItems({ tag }: { tag: string }): Promise<{ item: Item }[]> {
    if (typeof tag !== "string") return [];
    const docs = await this.items.find({ tags: tag }).toArray();
    return docs.map((d) => ({ item: d._id }));
  }

  /** Every tag in use, sorted, each once. */
  async _allTags(_: Record<string, never>): Promise<{ tag: string }[]> {
    const tags = (await this.items.distinct("tags")) as string[];
    return tags.sort(alphabetically).map((tag) => ({ tag }));
  }
}

/** Dictionary order ("alpha" before "Beta"), ties broken by code units so the order is total. */
function alphabetically(a: string, b: string): number {
  return a.localeCompare(b, "en") || (a < b ? -1 : a > b ? 1 : 0);
}
