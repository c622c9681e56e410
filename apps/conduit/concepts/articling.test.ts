// Articling: its operational principle, slugs (unique, following the title,
// avoiding reserved names), timestamps, validation, and filtered newest-first
// pages, on every backend.

import assert from "node:assert/strict";
import type { ID } from "ensemble";
import { conceptCases } from "ensemble/testing";
import { ArticlingConcept, slugify, type Article } from "./articling.ts";

const [ada, bob] = ["ada", "bob"] as ID[] as [ID, ID];
const clock = { now: Date.parse("2016-02-18T03:22:56.637Z") };
const t = await conceptCases((db) => new ArticlingConcept(db, { reservedSlugs: ["feed"], now: () => clock.now }));
const draft = (title: string, author = ada) => ({ author, title, description: "d", body: "b" });

function created(r: unknown): { article: Article; slug: string } {
  assert.ok(r !== null && typeof r === "object" && "article" in r, `created: ${JSON.stringify(r)}`);
  return r as { article: Article; slug: string };
}

t("principle: a published article is found by its slug with what was written, until deleted", async (articles) => {
  const { article, slug } = created(await articles.create({ author: ada, title: "How to train your dragon", description: "Ever wonder how?", body: "It takes a Jacobian" }));
  assert.equal(slug, "how-to-train-your-dragon");
  assert.deepEqual(await articles._getBySlug({ slug }), [{
    article, slug, title: "How to train your dragon", description: "Ever wonder how?", body: "It takes a Jacobian", author: ada,
    createdAt: "2016-02-18T03:22:56.637Z", updatedAt: "2016-02-18T03:22:56.637Z",
  }]);
  assert.deepEqual(await articles.delete({ article }), { article });
  assert.deepEqual(await articles._getBySlug({ slug }), []);
  assert.deepEqual(await articles.delete({ article }), { error: "no such article", reason: "not-found" });
});

t("slugs are unique, also for concurrent writers, and never a reserved name", async (articles) => {
  const results = await Promise.all([1, 2, 3].map(() => articles.create(draft("Same title"))));
  const slugs = results.map((r) => created(r).slug);
  assert.equal(new Set(slugs).size, 3);
  assert.ok(slugs.includes("same-title"));
  for (const s of slugs) assert.match(s, /^same-title(-[0-9a-f]{8})?$/);
  const feed = created(await articles.create(draft("Feed")));
  assert.match(feed.slug, /^feed-[0-9a-f]{8}$/);
});

t("a new title gives a new slug (unique too); other changes keep it; createdAt stays, updatedAt moves", async (articles) => {
  const first = created(await articles.create(draft("Taken")));
  const second = created(await articles.create(draft("Original")));
  clock.now += 1000;
  assert.deepEqual(await articles.update({ article: second.article, body: "new body" }), { article: second.article, slug: "original" });
  const renamed = created(await articles.update({ article: second.article, title: "Taken" }));
  assert.notEqual(renamed.slug, first.slug);
  const [row] = await articles._get({ article: second.article });
  assert.equal(row?.slug, renamed.slug);
  assert.equal(row?.body, "new body");
  assert.ok(row && row.updatedAt > row.createdAt);
});

t("one instance never gives two articles the same instant; timestamps are ISO 8601 with milliseconds", async (articles) => {
  const a = created(await articles.create(draft("One")));
  const b = created(await articles.create(draft("Two")));
  const [ra] = await articles._get({ article: a.article });
  const [rb] = await articles._get({ article: b.article });
  assert.match(ra?.createdAt ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok((rb?.createdAt ?? "") > (ra?.createdAt ?? ""));
});

t("blank fields are invalid on create and on update; an unknown article is not found", async (articles) => {
  assert.deepEqual(await articles.create({ ...draft("T"), body: " " }), { error: "body can't be blank", reason: "invalid" });
  assert.deepEqual(await articles.create({ ...draft("T"), title: undefined as never }), { error: "title can't be blank", reason: "invalid" });
  const { article } = created(await articles.create(draft("T")));
  assert.deepEqual(await articles.update({ article, description: "" }), { error: "description can't be blank", reason: "invalid" });
  assert.deepEqual(await articles.update({ article: "nope" as ID, body: "x" }), { error: "no such article", reason: "not-found" });
});

t("_list pages newest first through the articles that pass the filter; _count counts them all", async (articles) => {
  const made: Article[] = [];
  for (const [i, author] of [ada, bob, ada, bob, ada].entries()) made.push(created(await articles.create(draft(`Article ${i}`, author))).article);
  const titles = async (input: Parameters<ArticlingConcept["_list"]>[0]) => (await articles._list(input)).map((r) => r.title);
  assert.deepEqual(await titles({ authors: null, among: null, offset: 0, limit: 20 }), ["Article 4", "Article 3", "Article 2", "Article 1", "Article 0"]);
  assert.deepEqual(await titles({ authors: [ada], among: null, offset: 1, limit: 1 }), ["Article 2"]);
  assert.deepEqual(await titles({ authors: null, among: [made[0] as Article, made[3] as Article], offset: 0, limit: 20 }), ["Article 3", "Article 0"]);
  assert.deepEqual(await titles({ authors: [], among: null, offset: 0, limit: 20 }), []);
  assert.deepEqual(await articles._count({ authors: [bob], among: null }), [{ count: 2 }]);
  assert.deepEqual(await articles._count({ authors: [ada], among: [made[1] as Article] }), [{ count: 0 }]);
});

t("slugify keeps ASCII letters and digits, folds accents and never returns an empty slug", async () => {
  assert.equal(slugify("Crème Brûlée: a how-to!"), "creme-brulee-a-how-to");
  assert.equal(slugify("日本語"), "article");
  assert.equal(slugify(`${"word ".repeat(30)}`).length <= 80, true);
});
