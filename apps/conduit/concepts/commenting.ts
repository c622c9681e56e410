// Commenting: users write short comments on a target (an article here).
// Comments are numbered 1, 2, 3 … by a counter in the database, so ids are
// small integers that stay unique however many app instances share it.
// Only the target's comments are listed, newest first; a target's comments
// can be removed at once when the target goes away.

import type { Collection, Db, ID } from "ensemble";

export type Comment = number;
export type Author = ID;
export type Target = ID;

interface CommentDoc {
  _id: Comment;
  target: Target;
  author: Author;
  body: string;
  createdAt: string;
  updatedAt: string;
}

interface CounterDoc {
  _id: string;
  n: number;
}

/** A comment as queries return it. */
export interface CommentRow {
  comment: Comment;
  target: Target;
  author: Author;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface CommentingOptions {
  /** The clock (inject one in tests). */
  readonly now?: () => number;
  /** Collection name prefix (default "Commenting"). */
  readonly name?: string;
}

export class CommentingConcept {
  readonly comments: Collection<CommentDoc>;
  readonly counters: Collection<CounterDoc>;
  readonly #now: () => number;
  readonly #ready: Promise<unknown>;

  constructor(db: Db, options: CommentingOptions = {}) {
    const name = options.name ?? "Commenting";
    this.comments = db.collection<CommentDoc>(`${name}.comments`);
    this.counters = db.collection<CounterDoc>(`${name}.counters`);
    this.#now = options.now ?? Date.now;
    this.#ready = this.comments.createIndex({ target: 1 });
    this.#ready.catch(() => {});
  }

  /** The author comments on the target; the comment gets the next number. */
  async create({ target, author, body }: { target: Target; author: Author; body: string }): Promise<{ comment: Comment } | { error: string; reason: "invalid" }> {
    if (typeof body !== "string" || body.trim() === "") return { error: "body can't be blank", reason: "invalid" };
    await this.#ready;
    const counter = await this.counters.findOneAndUpdate({ _id: "comment" }, { $inc: { n: 1 } }, { upsert: true, returnDocument: "after" });
    const comment = counter?.n;
    if (typeof comment !== "number") throw new Error("the comment counter returned no number");
    const at = new Date(this.#now()).toISOString();
    await this.comments.insertOne({ _id: comment, target, author, body, createdAt: at, updatedAt: at });
    return { comment };
  }

  /** Removes the comment. */
  async delete({ comment }: { comment: Comment }): Promise<{ comment: Comment } | { error: string; reason: "not-found" }> {
    const { deletedCount } = await this.comments.deleteOne({ _id: comment });
    return deletedCount === 1 ? { comment } : { error: "no such comment", reason: "not-found" };
  }

  /** Removes every comment on the target. */
  async removeTarget({ target }: { target: Target }): Promise<{ target: Target; removed: number }> {
    const { deletedCount } = await this.comments.deleteMany({ target });
    return { target, removed: deletedCount };
  }

  /** The comment: zero or one row. */
  async _get({ comment }: { comment: Comment }): Promise<CommentRow[]> {
    if (typeof comment !== "number") return [];
    const doc = await this.comments.findOne({ _id: comment });
    return doc ? [row(doc)] : [];
  }

  /** The target's comments, newest first. */
  async _getForTarget({ target }: { target: Target }): Promise<CommentRow[]> {
    const docs = await this.comments.find({ target }).sort({ _id: -1 }).toArray();
    return docs.map(row);
  }
}

function row(d: CommentDoc): CommentRow {
  return { comment: d._id, target: d.target, author: d.author, body: d.body, createdAt: d.createdAt, updatedAt: d.updatedAt };
}
