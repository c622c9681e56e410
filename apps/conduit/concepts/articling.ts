// Articling: authors publish articles — a title, a description and a body —
// addressed by a slug made from the title. Slugs are unique (a unique index
// decides between concurrent writers, and a short random suffix resolves a
// clash), follow the title when it changes, and avoid names the app reserves
// for other routes. Timestamps are ISO 8601 with milliseconds; lists come
// newest first.

import { randomBytes } from "node:crypto";
import type { Collection, Db, Filter, ID } from "ensemble";
import { freshID } from "ensemble";

export type Article = ID;
export type Author = ID;

interface ArticleDoc {
  _id: Article;
  slug: string;
  title: string;
  description: string;
  body: string;
  author: Author;
  createdAt: string;
  updatedAt: string;
}

/** An article as queries return it: the document, its id as `article`. */
export type ArticleRow = Omit<ArticleDoc, "_id"> & { article: Article };

export type ArticlingFailure = { error: string; reason: "invalid" | "not-found" };

export interface ArticlingOptions {
  /** Slugs never given to an article (e.g. "feed", when /articles/feed is another route). */
  readonly reservedSlugs?: readonly string[];
  /** The clock (inject one in tests). */
  readonly now?: () => number;
  /** Collection name prefix (default "Articling"). */
  readonly name?: string;
}

/** The narrowing a list applies: null means "any". */
export interface ArticleFilter {
  /** Only articles by these authors. */
  authors: Author[] | null;
  /** Only these articles. */
  among: Article[] | null;
}

const FIELDS = ["title", "description", "body"] as const;
type Field = (typeof FIELDS)[number];

export class ArticlingConcept {
  readonly articles: Collection<ArticleDoc>;
  readonly #reserved: ReadonlySet<string>;
  readonly #now: () => number;
  readonly #ready: Promise<unknown>;
  /** The last timestamp given, so that one process never gives two articles the same instant. */
  #last = 0;

  constructor(db: Db, options: ArticlingOptions = {}) {
    this.articles = db.collection<ArticleDoc>(`${options.name ?? "Articling"}.articles`);
    this.#reserved = new Set(options.reservedSlugs ?? []);
    this.#now = options.now ?? Date.now;
    this.#ready = Promise.all([
      this.articles.createIndex({ slug: 1 }, { unique: true }),
      this.articles.createIndex({ author: 1 }),
      this.articles.createIndex({ createdAt: 1 }),
    ]);
    this.#ready.catch(() => {});
  }

  /** Publishes an article by the author; its slug comes from the title. */
  async create(input: { author: Author; title: string; description: string; body: string }): Promise<{ article: Article; slug: string } | ArticlingFailure> {
    for (const field of FIELDS) {
      const invalid = checkField(field, input[field]);
      if (invalid) return { error: invalid, reason: "invalid" };
    }
    await this.#ready;
    const at = this.#timestamp();
    const doc = { _id: freshID() as Article, author: input.author, title: input.title, description: input.description, body: input.body, createdAt: at, updatedAt: at };
    const slug = await this.#withFreshSlug(input.title, (s) => this.articles.insertOne({ ...doc, slug: s }).then(() => true));
    return { article: doc._id, slug };
  }

  /** Changes the fields given (undefined keeps a field); a new title gives a new slug. */
  async update(input: { article: Article; title?: string; description?: string; body?: string }): Promise<{ article: Article; slug: string } | ArticlingFailure> {
    const set: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      if (input[field] === undefined) continue;
      const invalid = checkField(field, input[field]);
      if (invalid) return { error: invalid, reason: "invalid" };
      set[field] = input[field];
    }
    await this.#ready;
    const current = await this.articles.findOne({ _id: input.article });
    if (!current) return { error: "no such article", reason: "not-found" };
    const changes = { ...set, updatedAt: this.#timestamp() };
    if (set.title === undefined || slugify(set.title) === slugify(current.title)) {
      await this.articles.updateOne({ _id: input.article }, { $set: changes });
      return { article: input.article, slug: current.slug };
    }
    const title = set.title;
    const slug = await this.#withFreshSlug(title, async (s) => (await this.articles.updateOne({ _id: input.article }, { $set: { ...changes, slug: s } })).matchedCount === 1);
    return { article: input.article, slug };
  }

  /** Removes the article. */
  async delete({ article }: { article: Article }): Promise<{ article: Article } | ArticlingFailure> {
    const { deletedCount } = await this.articles.deleteOne({ _id: article });
    return deletedCount === 1 ? { article } : { error: "no such article", reason: "not-found" };
  }

  /** The article: zero or one row. */
  async _get({ article }: { article: Article }): Promise<ArticleRow[]> {
    return rows([await this.articles.findOne({ _id: article })]);
  }

  /** The article with this slug: zero or one row. */
  async _getBySlug({ slug }: { slug: string }): Promise<ArticleRow[]> {
    if (typeof slug !== "string") return [];
    return rows([await this.articles.findOne({ slug })]);
  }

  /** One page of the articles that pass the filter, newest first. */
  async _list(input: ArticleFilter & { offset: number; limit: number }): Promise<ArticleRow[]> {
    const docs = await this.articles.find(toFilter(input)).sort({ createdAt: -1, _id: -1 }).skip(input.offset).limit(input.limit).toArray();
    return rows(docs);
  }

  /** How many articles pass the filter: always one row. */
  async _count(input: ArticleFilter): Promise<{ count: number }[]> {
    return [{ count: await this.articles.countDocuments(toFilter(input)) }];
  }

  /** Now, as ISO 8601 with milliseconds, strictly after the last timestamp this instance gave. */
  #timestamp(): string {
    this.#last = Math.max(this.#now(), this.#last + 1);
    return new Date(this.#last).toISOString();
  }

  /**
   * Tries `write` with the title's slug, then with random suffixes, until the
   * unique index accepts one; returns the slug written.
   */
  async #withFreshSlug(title: string, write: (slug: string) => Promise<boolean>): Promise<string> {
    const base = slugify(title);
    for (let attempt = 0; attempt < 8; attempt++) {
      const slug = attempt === 0 && !this.#reserved.has(base) ? base : `${base}-${randomBytes(4).toString("hex")}`;
      try {
        if (await write(slug)) return slug;
        throw new Error("the article vanished while its slug was being changed");
      } catch (e) {
        if ((e as { code?: unknown }).code !== 11000) throw e;
      }
    }
    throw new Error(`no free slug for "${base}" after 8 attempts`);
  }
}

/** "How to train your dragon!" → "how-to-train-your-dragon": lower case, ASCII letters and digits, dashes. */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug === "" ? "article" : slug;
}

function checkField(field: Field, value: unknown): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return `${field} can't be blank`;
  return undefined;
}

function toFilter({ authors, among }: ArticleFilter): Filter<ArticleDoc> {
  const filter: Filter<ArticleDoc> = {};
  if (authors !== null) filter.author = { $in: authors };
  if (among !== null) filter._id = { $in: among };
  return filter;
}

function rows(docs: readonly (ArticleDoc | null)[]): ArticleRow[] {
  return docs.flatMap((d) => {
    if (!d) return [];
    const { _id, ...fields } = d;
    return [{ article: _id, ...fields }];
  });
}
