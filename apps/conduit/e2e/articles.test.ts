// Conduit end to end, single articles (docs/endpoints.md: Create, Get,
// Update, Delete Article): POST /articles, GET, PUT and DELETE
// /articles/:slug — shapes, timestamps, tagList, slugs, 401/403/404/422 —
// on SQLite and PostgreSQL.

import assert from "node:assert/strict";
import {
  articlePath, createArticle, eachBackend, expectArticle, expectArticleList, expectError, expectKeys, expectNoContent,
  expectStatus, favorite, follow, registerUser, uniqueName,
} from "./harness.ts";

await eachBackend("conduit articles", async (t, { api }) => {
  // ---------------------------------------------------------- create

  await t.test("POST /articles: 201 with {article} of exactly the spec's fields, as given", async () => {
    const jake = await registerUser(api);
    const title = `How to train your dragon ${uniqueName("d")}`;
    const res = await jake.api.post("/articles", {
      article: { title, description: "Ever wonder how?", body: "You have to believe", tagList: ["dragons", "training"] },
    });
    expectStatus(res, 201);
    expectKeys(res.body, ["article"], "the response");
    expectArticle(res.body.article, {
      title, description: "Ever wonder how?", body: "You have to believe", tagList: ["dragons", "training"],
      favorited: false, favoritesCount: 0, author: { username: jake.username, following: false },
    });
  });

  await t.test("createdAt and updatedAt are ISO 8601 with milliseconds and date the creation", async () => {
    const jake = await registerUser(api);
    const before = Date.now();
    const article = await createArticle(jake.api);
    const after = Date.now();
    // createdAt/updatedAt formats are checked by expectArticle; here, their values.
    const created = Date.parse(article.createdAt);
    assert.ok(created >= before - 60_000 && created <= after + 60_000, `createdAt ${article.createdAt} is the time of creation`);
    assert.ok(Date.parse(article.updatedAt) >= created, "updatedAt is not before createdAt");
  });

  // docs/endpoints.md Create Article sends ["reactjs", "angularjs", "dragons"];
  // docs/api-response-format.md shows tagList sorted; issue 6: sorted alphabetically.
  await t.test("tagList comes back sorted alphabetically", async () => {
    const jake = await registerUser(api);
    const article = await createArticle(jake.api, { tagList: ["reactjs", "angularjs", "dragons"] });
    assert.deepEqual(article.tagList, ["angularjs", "dragons", "reactjs"]);
    const read = await api.get(articlePath(article.slug));
    assert.deepEqual(read.body.article.tagList, ["angularjs", "dragons", "reactjs"]);
  });

  await t.test("tagList is optional: an article without tags has tagList []", async () => {
    const jake = await registerUser(api);
    const res = await jake.api.post("/articles", { article: { title: `No tags ${uniqueName("t")}`, description: "d", body: "b" } });
    expectStatus(res, 201);
    expectArticle(res.body.article, { tagList: [] });
  });

  await t.test("create requires title, description and body: 422 when one is missing", async () => {
    const jake = await registerUser(api);
    const full = { title: `Complete ${uniqueName("t")}`, description: "d", body: "b" };
    for (const field of ["title", "description", "body"] as const) {
      const article: Record<string, string> = { ...full };
      delete article[field];
      expectError(await jake.api.post("/articles", { article }), 422);
    }
    expectArticleList(await api.get("/articles", { author: jake.username }), 0);
  });

  await t.test("create refuses an empty title, description or body: 422", async () => {
    const jake = await registerUser(api);
    const full = { title: `Complete ${uniqueName("t")}`, description: "d", body: "b" };
    for (const field of ["title", "description", "body"] as const) {
      expectError(await jake.api.post("/articles", { article: { ...full, [field]: "" } }), 422);
    }
    expectError(await jake.api.post("/articles", {}), 422);
    expectArticleList(await api.get("/articles", { author: jake.username }), 0);
  });

  await t.test("create without a token is 401, with an invalid token 401", async () => {
    const article = { title: `Anonymous ${uniqueName("t")}`, description: "d", body: "b" };
    expectError(await api.post("/articles", { article }), 401);
    expectError(await api.as("not-a-valid-token").post("/articles", { article }), 401);
  });

  // ---------------------------------------------------------- slugs

  // docs/api-response-format.md: "How to train your dragon" has the slug
  // "how-to-train-your-dragon"; a client puts the slug in URLs as is.
  await t.test("the slug is derived from the title and is URL-safe", async () => {
    const jake = await registerUser(api);
    const article = await createArticle(jake.api, { title: `How to train your dragon ${uniqueName("s")}` });
    assert.match(article.slug, /^[A-Za-z0-9._~-]+$/, `slug ${article.slug} needs no escaping in a URL`);
    assert.match(article.slug.toLowerCase(), /how-to-train-your-dragon/, `slug ${article.slug} comes from the title`);
  });

  await t.test("slugs are unique: two articles with the same title get different slugs, each its own article", async () => {
    const jake = await registerUser(api);
    const other = await registerUser(api);
    const title = `Same title ${uniqueName("s")}`;
    const first = await createArticle(jake.api, { title, body: "first body" });
    const second = await createArticle(other.api, { title, body: "second body" });
    const third = await createArticle(jake.api, { title, body: "third body" });
    assert.equal(new Set([first.slug, second.slug, third.slug]).size, 3, "three different slugs");
    expectArticle((await api.get(articlePath(first.slug))).body.article, { slug: first.slug, body: "first body", author: { username: jake.username } });
    expectArticle((await api.get(articlePath(second.slug))).body.article, { slug: second.slug, body: "second body", author: { username: other.username } });
    expectArticle((await api.get(articlePath(third.slug))).body.article, { slug: third.slug, body: "third body" });
  });

  // ---------------------------------------------------------- get

  await t.test("GET /articles/:slug anonymously: 200 with {article} incl. body, favorited=false, following=false", async () => {
    const jake = await registerUser(api);
    const created = await createArticle(jake.api, { body: "It takes a Jacobian", tagList: ["dragons"] });
    const res = await api.get(articlePath(created.slug));
    expectStatus(res, 200);
    expectKeys(res.body, ["article"], "the response");
    expectArticle(res.body.article, {
      slug: created.slug, title: created.title, description: created.description, body: "It takes a Jacobian",
      tagList: ["dragons"], favorited: false, favoritesCount: 0, author: { username: jake.username, following: false },
    });
    assert.equal(res.body.article.createdAt, created.createdAt);
    assert.equal(res.body.article.updatedAt, created.updatedAt);
  });

  await t.test("GET /articles/:slug is relative to the caller: favorited and author.following", async () => {
    const jake = await registerUser(api);
    const reader = await registerUser(api);
    const created = await createArticle(jake.api);
    await follow(reader.api, jake.username);
    await favorite(reader.api, created.slug);
    expectArticle((await reader.api.get(articlePath(created.slug))).body.article, {
      favorited: true, favoritesCount: 1, author: { username: jake.username, following: true },
    });
    expectArticle((await api.get(articlePath(created.slug))).body.article, {
      favorited: false, favoritesCount: 1, author: { username: jake.username, following: false },
    });
    expectArticle((await jake.api.get(articlePath(created.slug))).body.article, {
      favorited: false, favoritesCount: 1, author: { username: jake.username, following: false },
    });
  });

  await t.test("an article's author is the author's current profile: bio and image follow user updates", async () => {
    const jake = await registerUser(api);
    const created = await createArticle(jake.api);
    expectStatus(await jake.api.put("/user", { user: { bio: "I work at statefarm", image: "https://i.stack.imgur.com/xHWG8.jpg" } }), 200);
    expectArticle((await api.get(articlePath(created.slug))).body.article, {
      author: { username: jake.username, bio: "I work at statefarm", image: "https://i.stack.imgur.com/xHWG8.jpg", following: false },
    });
    const [item] = expectArticleList(await api.get("/articles", { author: jake.username }), 1);
    assert.equal(item.author.bio, "I work at statefarm");
    assert.equal(item.author.image, "https://i.stack.imgur.com/xHWG8.jpg");
  });

  await t.test("GET /articles/:slug of an unknown slug is 404", async () => {
    expectError(await api.get(articlePath(uniqueName("no-such-article"))), 404);
  });

  // ---------------------------------------------------------- update

  await t.test("PUT /articles/:slug with a new title: 200, the slug follows the title, the new slug resolves", async () => {
    const jake = await registerUser(api);
    const created = await createArticle(jake.api, { title: `Original title ${uniqueName("u")}`, tagList: ["b", "a"] });
    const title = `Did you train your dragon ${uniqueName("u")}`;
    const res = await jake.api.put(articlePath(created.slug), { article: { title } });
    expectStatus(res, 200);
    expectKeys(res.body, ["article"], "the response");
    const updated = res.body.article;
    expectArticle(updated, {
      title, description: created.description, body: created.body, tagList: ["a", "b"], author: { username: jake.username },
    });
    // docs/endpoints.md Update Article: "The slug also gets updated when the title is changed".
    assert.notEqual(updated.slug, created.slug);
    assert.match(updated.slug.toLowerCase(), /did-you-train-your-dragon/);
    expectArticle((await api.get(articlePath(updated.slug))).body.article, { slug: updated.slug, title });
    assert.equal(updated.createdAt, created.createdAt, "createdAt does not change");
    assert.ok(Date.parse(updated.updatedAt) >= Date.parse(created.updatedAt), "updatedAt does not go back");
  });

  await t.test("PUT /articles/:slug with only body or description keeps the slug and the other fields", async () => {
    const jake = await registerUser(api);
    const created = await createArticle(jake.api, { tagList: ["dragons"] });
    const bodyRes = await jake.api.put(articlePath(created.slug), { article: { body: "With two hands" } });
    expectStatus(bodyRes, 200);
    expectArticle(bodyRes.body.article, { slug: created.slug, title: created.title, description: created.description, body: "With two hands", tagList: ["dragons"] });
    const descRes = await jake.api.put(articlePath(created.slug), { article: { description: "A new description" } });
    expectStatus(descRes, 200);
    expectArticle(descRes.body.article, { slug: created.slug, title: created.title, description: "A new description", body: "With two hands" });
    expectArticle((await api.get(articlePath(created.slug))).body.article, { description: "A new description", body: "With two hands" });
  });

  await t.test("PUT /articles/:slug keeps favorites: favorited and favoritesCount are the caller's", async () => {
    const jake = await registerUser(api);
    const fan = await registerUser(api);
    const created = await createArticle(jake.api);
    await favorite(fan.api, created.slug);
    const res = await jake.api.put(articlePath(created.slug), { article: { body: "edited" } });
    expectArticle(res.body.article, { favorited: false, favoritesCount: 1 });
    expectArticle((await fan.api.get(articlePath(created.slug))).body.article, { favorited: true, favoritesCount: 1, body: "edited" });
  });

  await t.test("renaming an article to another article's title still gives unique slugs", async () => {
    const jake = await registerUser(api);
    const title = `Taken title ${uniqueName("s")}`;
    const first = await createArticle(jake.api, { title, body: "first" });
    const second = await createArticle(jake.api, { body: "second" });
    const res = await jake.api.put(articlePath(second.slug), { article: { title } });
    expectStatus(res, 200);
    assert.notEqual(res.body.article.slug, first.slug);
    expectArticle((await api.get(articlePath(first.slug))).body.article, { body: "first" });
    expectArticle((await api.get(articlePath(res.body.article.slug))).body.article, { title, body: "second" });
  });

  // A client cannot show an article with an empty title (nor build its slug);
  // docs/error-handling.md shows "can't be empty" as the 422 validation error.
  await t.test("PUT /articles/:slug refuses an empty title, description or body: 422, nothing changes", async () => {
    const jake = await registerUser(api);
    const created = await createArticle(jake.api);
    for (const field of ["title", "description", "body"] as const) {
      expectError(await jake.api.put(articlePath(created.slug), { article: { [field]: "" } }), 422);
    }
    expectArticle((await api.get(articlePath(created.slug))).body.article, {
      title: created.title, description: created.description, body: created.body,
    });
  });

  await t.test("PUT /articles/:slug by another user is 403, and changes nothing", async () => {
    const jake = await registerUser(api);
    const intruder = await registerUser(api);
    const created = await createArticle(jake.api);
    expectError(await intruder.api.put(articlePath(created.slug), { article: { body: "defaced" } }), 403);
    expectArticle((await api.get(articlePath(created.slug))).body.article, { body: created.body });
  });

  await t.test("PUT /articles/:slug without a token is 401, with an invalid token 401", async () => {
    const jake = await registerUser(api);
    const created = await createArticle(jake.api);
    expectError(await api.put(articlePath(created.slug), { article: { body: "anonymous" } }), 401);
    expectError(await api.as("not-a-valid-token").put(articlePath(created.slug), { article: { body: "forged" } }), 401);
    expectArticle((await api.get(articlePath(created.slug))).body.article, { body: created.body });
  });

  await t.test("PUT /articles/:slug of an unknown slug is 404", async () => {
    const jake = await registerUser(api);
    expectError(await jake.api.put(articlePath(uniqueName("no-such-article")), { article: { body: "x" } }), 404);
  });

  // ---------------------------------------------------------- delete

  await t.test("DELETE /articles/:slug: 204 without a body; the article is gone (404) and unlisted", async () => {
    const jake = await registerUser(api);
    const kept = await createArticle(jake.api);
    const doomed = await createArticle(jake.api);
    expectNoContent(await jake.api.delete(articlePath(doomed.slug)));
    expectError(await api.get(articlePath(doomed.slug)), 404);
    const list = expectArticleList(await api.get("/articles", { author: jake.username }), 1);
    assert.deepEqual(list.map((a) => a.slug), [kept.slug]);
    expectError(await jake.api.delete(articlePath(doomed.slug)), 404);
    expectError(await api.get(articlePath(doomed.slug, "/comments")), 404);
  });

  await t.test("DELETE /articles/:slug by another user is 403, and the article stays", async () => {
    const jake = await registerUser(api);
    const intruder = await registerUser(api);
    const created = await createArticle(jake.api);
    expectError(await intruder.api.delete(articlePath(created.slug)), 403);
    expectStatus(await api.get(articlePath(created.slug)), 200);
  });

  await t.test("DELETE /articles/:slug without a token is 401, with an invalid token 401", async () => {
    const jake = await registerUser(api);
    const created = await createArticle(jake.api);
    expectError(await api.delete(articlePath(created.slug)), 401);
    expectError(await api.as("not-a-valid-token").delete(articlePath(created.slug)), 401);
    expectStatus(await api.get(articlePath(created.slug)), 200);
  });

  await t.test("DELETE /articles/:slug of an unknown slug is 404", async () => {
    const jake = await registerUser(api);
    expectError(await jake.api.delete(articlePath(uniqueName("no-such-article"))), 404);
  });

  await t.test("deleting one of two same-titled articles leaves the other", async () => {
    const jake = await registerUser(api);
    const title = `Twin ${uniqueName("s")}`;
    const first = await createArticle(jake.api, { title, body: "first" });
    const second = await createArticle(jake.api, { title, body: "second" });
    expectNoContent(await jake.api.delete(articlePath(second.slug)));
    expectArticle((await api.get(articlePath(first.slug))).body.article, { body: "first" });
  });
});
