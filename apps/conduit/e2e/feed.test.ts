// Conduit end to end, the feed (docs/endpoints.md: Feed Articles):
// GET /articles/feed — only articles by followed users, newest first, limit
// (default 20) and offset, articlesCount before paging, no `body`, 401 — on
// SQLite and PostgreSQL.

import assert from "node:assert/strict";
import {
  type Article, createArticle, eachBackend, expectArticleList, expectError, expectListItem, expectNewestFirst,
  expectStatus, favorite, follow, registerUser, uniqueName,
} from "./harness.ts";

await eachBackend("conduit feed", async (t, { api }) => {
  const slugs = (items: Article[]) => items.map((a: Article) => a.slug);

  await t.test("GET /articles/feed without a token is 401, with an invalid token 401", async () => {
    expectError(await api.get("/articles/feed"), 401);
    expectError(await api.as("not-a-valid-token").get("/articles/feed"), 401);
  });

  await t.test("a user who follows nobody has an empty feed: 200, no articles, articlesCount 0", async () => {
    const someone = await registerUser(api);
    await createArticle(someone.api);
    const reader = await registerUser(api);
    assert.deepEqual(expectArticleList(await reader.api.get("/articles/feed"), 0), []);
  });

  await t.test("the feed holds only followed users' articles, newest first, without body", async () => {
    const reader = await registerUser(api);
    const followedA = await registerUser(api);
    const followedB = await registerUser(api);
    const stranger = await registerUser(api);
    await follow(reader.api, followedA.username);
    await follow(reader.api, followedB.username);
    const a1 = await createArticle(followedA.api);
    await createArticle(stranger.api);
    const b1 = await createArticle(followedB.api);
    await createArticle(reader.api);
    const a2 = await createArticle(followedA.api);
    const items = expectArticleList(await reader.api.get("/articles/feed"), 3);
    expectNewestFirst(items, [a1, b1, a2]);
    for (const item of items) assert.equal("body" in item, false, "a feed item has no body");
  });

  await t.test("feed items show the author as followed and favorited relative to the reader", async () => {
    const reader = await registerUser(api);
    const author = await registerUser(api);
    await follow(reader.api, author.username);
    const liked = await createArticle(author.api, { tagList: ["b", "a"] });
    const other = await createArticle(author.api);
    await favorite(reader.api, liked.slug);
    const items = expectArticleList(await reader.api.get("/articles/feed"), 2);
    const bySlug = new Map(items.map((a: Article) => [a.slug, a]));
    expectListItem(bySlug.get(liked.slug), {
      title: liked.title, description: liked.description, tagList: ["a", "b"],
      favorited: true, favoritesCount: 1, author: { username: author.username, following: true },
    });
    expectListItem(bySlug.get(other.slug), { favorited: false, favoritesCount: 0, author: { username: author.username, following: true } });
  });

  await t.test("the feed is per reader: another user's follows do not show", async () => {
    const reader = await registerUser(api);
    const neighbour = await registerUser(api);
    const author = await registerUser(api);
    await follow(neighbour.api, author.username);
    await createArticle(author.api);
    expectArticleList(await reader.api.get("/articles/feed"), 0);
    expectArticleList(await neighbour.api.get("/articles/feed"), 1);
  });

  await t.test("after unfollowing, the author's articles leave the feed", async () => {
    const reader = await registerUser(api);
    const kept = await registerUser(api);
    const dropped = await registerUser(api);
    await follow(reader.api, kept.username);
    await follow(reader.api, dropped.username);
    const keptArticle = await createArticle(kept.api);
    await createArticle(dropped.api);
    expectArticleList(await reader.api.get("/articles/feed"), 2);
    expectStatus(await reader.api.delete(`/profiles/${dropped.username}/follow`), 200);
    assert.deepEqual(slugs(expectArticleList(await reader.api.get("/articles/feed"), 1)), [keptArticle.slug]);
  });

  await t.test("articles written before the follow are in the feed too", async () => {
    const reader = await registerUser(api);
    const author = await registerUser(api);
    const older = await createArticle(author.api);
    await follow(reader.api, author.username);
    const newer = await createArticle(author.api);
    expectNewestFirst(expectArticleList(await reader.api.get("/articles/feed"), 2), [older, newer]);
  });

  await t.test("a deleted article leaves the feed", async () => {
    const reader = await registerUser(api);
    const author = await registerUser(api);
    await follow(reader.api, author.username);
    const gone = await createArticle(author.api);
    const stays = await createArticle(author.api);
    expectStatus(await author.api.delete(`/articles/${encodeURIComponent(gone.slug)}`), 204);
    assert.deepEqual(slugs(expectArticleList(await reader.api.get("/articles/feed"), 1)), [stays.slug]);
  });

  // "Can also take `limit` and `offset` query parameters like List Articles".
  await t.test("the feed takes limit (default 20) and offset; articlesCount is the total before paging", async () => {
    const reader = await registerUser(api);
    const author = await registerUser(api);
    await follow(reader.api, author.username);
    const created: Article[] = [];
    for (let i = 0; i < 21; i++) created.push(await createArticle(author.api, { title: `Feed ${i} ${uniqueName("f")}` }));
    const firstPage = expectArticleList(await reader.api.get("/articles/feed"), 21);
    assert.equal(firstPage.length, 20, "20 articles by default");
    expectNewestFirst(firstPage, created.slice(1));
    const all = expectArticleList(await reader.api.get("/articles/feed", { limit: 50 }), 21);
    expectNewestFirst(all, created);
    const page = expectArticleList(await reader.api.get("/articles/feed", { limit: 5, offset: 5 }), 21);
    assert.deepEqual(slugs(page), slugs(all.slice(5, 10)));
    assert.deepEqual(slugs(expectArticleList(await reader.api.get("/articles/feed", { offset: 20 }), 21)), [created[0].slug]);
    assert.deepEqual(expectArticleList(await reader.api.get("/articles/feed", { offset: 30 }), 21), []);
  });
});
