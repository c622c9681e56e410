// Conduit end to end, listing articles (docs/endpoints.md: List Articles):
// GET /articles — the {articles, articlesCount} shape without `body`, newest
// first, limit (default 20) and offset (default 0), articlesCount before
// paging, the tag/author/favorited filters alone and combined, and
// favorited/following relative to the caller — on SQLite and PostgreSQL.

import assert from "node:assert/strict";
import {
  type Article, type Registered, createArticle, eachBackend, expectArticleList, expectKeys, expectListItem,
  expectNewestFirst, favorite, follow, registerUser, uniqueName,
} from "./harness.ts";

await eachBackend("conduit article lists", async (t, { api }) => {
  const slugs = (items: Article[]) => items.map((a: Article) => a.slug);

  await t.test("GET /articles: 200 with exactly {articles, articlesCount}; items carry no body", async () => {
    const jake = await registerUser(api);
    const created = await createArticle(jake.api, { body: "It takes a Jacobian", tagList: ["training", "dragons"] });
    const res = await api.get("/articles", { author: jake.username });
    expectKeys(res.body, ["articles", "articlesCount"], "the list response");
    const [item, ...rest] = expectArticleList(res, 1);
    assert.deepEqual(rest, []);
    // docs/api-response-format.md, caution of 2024/08/16: no `body` in lists.
    assert.equal("body" in item, false, "a list item has no body");
    expectListItem(item, {
      slug: created.slug, title: created.title, description: created.description, tagList: ["dragons", "training"],
      favorited: false, favoritesCount: 0, author: { username: jake.username, following: false },
    });
    assert.equal(item.createdAt, created.createdAt);
    assert.equal(item.updatedAt, created.updatedAt);
  });

  await t.test("articles are ordered newest first", async () => {
    const jake = await registerUser(api);
    const created = [];
    for (let i = 0; i < 4; i++) created.push(await createArticle(jake.api, { title: `Ordered ${i} ${uniqueName("o")}` }));
    expectNewestFirst(expectArticleList(await api.get("/articles", { author: jake.username }), 4), created);
  });

  await t.test("without filters the list is global: every author, newest first, articlesCount the total", async () => {
    const before = await api.get("/articles", { limit: 1 });
    expectArticleList(before);
    const total = before.body.articlesCount as number;
    const jake = await registerUser(api);
    const other = await registerUser(api);
    const created = [await createArticle(jake.api), await createArticle(other.api), await createArticle(jake.api)];
    const items = expectArticleList(await api.get("/articles", { limit: 3 }), total + 3);
    expectNewestFirst(items, created);
  });

  // 21 articles by one author, shared by the paging tests below.
  let many: { author: Registered; created: Article[] } | undefined;
  const manyArticles = async () => {
    if (many === undefined) {
      const author = await registerUser(api);
      const created: Article[] = [];
      for (let i = 0; i < 21; i++) created.push(await createArticle(author.api, { title: `Paged ${i} ${uniqueName("p")}` }));
      many = { author, created };
    }
    return many;
  };

  await t.test("limit defaults to 20 and offset to 0; articlesCount counts every match", async () => {
    const { author, created } = await manyArticles();
    const items = expectArticleList(await api.get("/articles", { author: author.username }), 21);
    assert.equal(items.length, 20, "20 articles by default");
    expectNewestFirst(items, created.slice(1));
  });

  await t.test("limit and offset page through the list; articlesCount is the total before paging", async () => {
    const { author, created } = await manyArticles();
    const all = expectArticleList(await api.get("/articles", { author: author.username, limit: 100 }), 21);
    expectNewestFirst(all, created);
    const pages: string[] = [];
    for (let offset = 0; offset < 21; offset += 5) {
      const page = expectArticleList(await api.get("/articles", { author: author.username, limit: 5, offset }), 21);
      assert.deepEqual(slugs(page), slugs(all.slice(offset, offset + 5)), `the page at offset ${offset}`);
      pages.push(...slugs(page));
    }
    assert.deepEqual(pages, slugs(all), "the pages together are the whole list, once each");
  });

  await t.test("offset alone skips from the newest; limit alone takes the newest", async () => {
    const { author, created } = await manyArticles();
    const skipped = expectArticleList(await api.get("/articles", { author: author.username, offset: 20 }), 21);
    assert.deepEqual(slugs(skipped), [created[0].slug], "offset 20 leaves the oldest article");
    const newest = expectArticleList(await api.get("/articles", { author: author.username, limit: 2 }), 21);
    expectNewestFirst(newest, created.slice(19));
  });

  await t.test("an offset past the end gives an empty page with the full articlesCount", async () => {
    const { author } = await manyArticles();
    const items = expectArticleList(await api.get("/articles", { author: author.username, offset: 21 }), 21);
    assert.deepEqual(items, []);
    assert.deepEqual(expectArticleList(await api.get("/articles", { author: author.username, offset: 100, limit: 5 }), 21), []);
  });

  // The data set for the filters: tag T, authors A and B, a fan F.
  //   a1 by A [T]      a2 by A []      b1 by B [T]      b2 by B [T, other]
  // F favorites b2, a1, a2 (not in creation order).
  let filtered: { tag: string; a: Registered; b: Registered; fan: Registered; a1: Article; a2: Article; b1: Article; b2: Article } | undefined;
  const filterData = async () => {
    if (filtered === undefined) {
      const tag = uniqueName("tag");
      const a = await registerUser(api);
      const b = await registerUser(api);
      const fan = await registerUser(api);
      const a1 = await createArticle(a.api, { tagList: [tag] });
      const a2 = await createArticle(a.api, { tagList: [] });
      const b1 = await createArticle(b.api, { tagList: [tag] });
      const b2 = await createArticle(b.api, { tagList: [tag, uniqueName("other")] });
      for (const article of [b2, a1, a2]) await favorite(fan.api, article.slug);
      filtered = { tag, a, b, fan, a1, a2, b1, b2 };
    }
    return filtered;
  };

  await t.test("?tag= lists only the articles with that tag, newest first", async () => {
    const { tag, a1, b1, b2 } = await filterData();
    expectNewestFirst(expectArticleList(await api.get("/articles", { tag }), 3), [a1, b1, b2]);
  });

  await t.test("?author= lists only that author's articles, newest first", async () => {
    const { a, b, a1, a2, b1, b2 } = await filterData();
    expectNewestFirst(expectArticleList(await api.get("/articles", { author: a.username }), 2), [a1, a2]);
    expectNewestFirst(expectArticleList(await api.get("/articles", { author: b.username }), 2), [b1, b2]);
  });

  // "ordered by most recent first" (List Articles) holds for every filter: by
  // the articles' creation, not by when they were favorited.
  await t.test("?favorited= lists only the articles that user favorited, newest first", async () => {
    const { fan, a1, a2, b2 } = await filterData();
    expectNewestFirst(expectArticleList(await api.get("/articles", { favorited: fan.username }), 3), [a1, a2, b2]);
  });

  await t.test("filters combine: tag and author", async () => {
    const { tag, a, b, a1, b1, b2 } = await filterData();
    expectNewestFirst(expectArticleList(await api.get("/articles", { tag, author: a.username }), 1), [a1]);
    expectNewestFirst(expectArticleList(await api.get("/articles", { tag, author: b.username }), 2), [b1, b2]);
  });

  await t.test("filters combine: tag and favorited", async () => {
    const { tag, fan, a1, b2 } = await filterData();
    expectNewestFirst(expectArticleList(await api.get("/articles", { tag, favorited: fan.username }), 2), [a1, b2]);
  });

  await t.test("filters combine: author and favorited", async () => {
    const { a, b, fan, a1, a2, b2 } = await filterData();
    expectNewestFirst(expectArticleList(await api.get("/articles", { author: a.username, favorited: fan.username }), 2), [a1, a2]);
    expectNewestFirst(expectArticleList(await api.get("/articles", { author: b.username, favorited: fan.username }), 1), [b2]);
  });

  await t.test("filters combine: tag, author and favorited together", async () => {
    const { tag, a, b, fan, a1, b2 } = await filterData();
    expectNewestFirst(expectArticleList(await api.get("/articles", { tag, author: b.username, favorited: fan.username }), 1), [b2]);
    expectNewestFirst(expectArticleList(await api.get("/articles", { tag, author: a.username, favorited: fan.username }), 1), [a1]);
    expectArticleList(await api.get("/articles", { tag, author: a.username, favorited: b.username }), 0);
  });

  await t.test("filters combine with paging: articlesCount counts the filtered matches", async () => {
    const { tag, a1, b1, b2 } = await filterData();
    const first = expectArticleList(await api.get("/articles", { tag, limit: 1 }), 3);
    expectNewestFirst(first, [b2]);
    const rest = expectArticleList(await api.get("/articles", { tag, limit: 5, offset: 1 }), 3);
    expectNewestFirst(rest, [a1, b1]);
  });

  // A filter naming nobody matches nothing: the list is empty, not an error.
  await t.test("filters that match nothing give 200 with no articles and articlesCount 0", async () => {
    await filterData();
    const nobody = uniqueName("nobody");
    assert.deepEqual(expectArticleList(await api.get("/articles", { tag: uniqueName("unused") }), 0), []);
    assert.deepEqual(expectArticleList(await api.get("/articles", { author: nobody }), 0), []);
    assert.deepEqual(expectArticleList(await api.get("/articles", { favorited: nobody }), 0), []);
    const idle = await registerUser(api);
    assert.deepEqual(expectArticleList(await api.get("/articles", { favorited: idle.username }), 0), []);
    assert.deepEqual(expectArticleList(await api.get("/articles", { author: idle.username }), 0), []);
  });

  await t.test("favorited, favoritesCount and author.following in lists are relative to the caller", async () => {
    const author = await registerUser(api);
    const fan = await registerUser(api);
    const follower = await registerUser(api);
    const article = await createArticle(author.api);
    await favorite(fan.api, article.slug);
    await follow(follower.api, author.username);
    const asSeenBy = async (who: Registered | undefined) => {
      const client = who === undefined ? api : who.api;
      const [item] = expectArticleList(await client.get("/articles", { author: author.username }), 1);
      return item;
    };
    expectListItem(await asSeenBy(undefined), { favorited: false, favoritesCount: 1, author: { username: author.username, following: false } });
    expectListItem(await asSeenBy(fan), { favorited: true, favoritesCount: 1, author: { username: author.username, following: false } });
    expectListItem(await asSeenBy(follower), { favorited: false, favoritesCount: 1, author: { username: author.username, following: true } });
    expectListItem(await asSeenBy(author), { favorited: false, favoritesCount: 1, author: { username: author.username, following: false } });
  });

  await t.test("the list with a valid token is the same list (auth is optional)", async () => {
    const { tag, fan } = await filterData();
    const anonymous = expectArticleList(await api.get("/articles", { tag }), 3);
    const authed = expectArticleList(await fan.api.get("/articles", { tag }), 3);
    assert.deepEqual(slugs(authed), slugs(anonymous));
  });
});
