// Conduit end to end, favorites (docs/endpoints.md: Favorite Article,
// Unfavorite Article): POST and DELETE /articles/:slug/favorite — the
// returned {article}, favorited/favoritesCount per caller, idempotence, 401
// and 404 — on SQLite and PostgreSQL.

import {
  articlePath, createArticle, eachBackend, expectArticle, expectArticleList, expectError, expectKeys, expectListItem, expectStatus,
  favorite, registerUser, uniqueName,
} from "./harness.ts";

await eachBackend("conduit favorites", async (t, { api }) => {
  const favoritePath = (slug: string) => articlePath(slug, "/favorite");

  await t.test("POST /articles/:slug/favorite: 200 with the full {article}, favorited=true, favoritesCount=1", async () => {
    const author = await registerUser(api);
    const fan = await registerUser(api);
    const article = await createArticle(author.api, { body: "the body", tagList: ["x"] });
    const res = await fan.api.post(favoritePath(article.slug));
    expectStatus(res, 200);
    expectKeys(res.body, ["article"], "the response");
    expectArticle(res.body.article, {
      slug: article.slug, title: article.title, body: "the body", tagList: ["x"],
      favorited: true, favoritesCount: 1, author: { username: author.username, following: false },
    });
  });

  await t.test("favoritesCount counts every user; favorited is the caller's own", async () => {
    const author = await registerUser(api);
    const fan1 = await registerUser(api);
    const fan2 = await registerUser(api);
    const bystander = await registerUser(api);
    const article = await createArticle(author.api);
    await favorite(fan1.api, article.slug);
    const second = await fan2.api.post(favoritePath(article.slug));
    expectArticle(second.body.article, { favorited: true, favoritesCount: 2 });
    expectArticle((await fan1.api.get(articlePath(article.slug))).body.article, { favorited: true, favoritesCount: 2 });
    expectArticle((await bystander.api.get(articlePath(article.slug))).body.article, { favorited: false, favoritesCount: 2 });
    expectArticle((await api.get(articlePath(article.slug))).body.article, { favorited: false, favoritesCount: 2 });
  });

  await t.test("an author may favorite their own article", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    await favorite(author.api, article.slug);
    expectArticle((await author.api.get(articlePath(article.slug))).body.article, { favorited: true, favoritesCount: 1 });
  });

  // favoritesCount counts users who favorited (response format): favoriting
  // again leaves the state as requested, 200, and counts the user once.
  await t.test("favoriting twice is idempotent: 200, favorited, counted once", async () => {
    const author = await registerUser(api);
    const fan = await registerUser(api);
    const article = await createArticle(author.api);
    await favorite(fan.api, article.slug);
    const again = await fan.api.post(favoritePath(article.slug));
    expectStatus(again, 200);
    expectArticle(again.body.article, { favorited: true, favoritesCount: 1 });
    expectArticle((await api.get(articlePath(article.slug))).body.article, { favoritesCount: 1 });
  });

  await t.test("DELETE /articles/:slug/favorite: 200 with the full {article}, favorited=false, count down by one", async () => {
    const author = await registerUser(api);
    const fan = await registerUser(api);
    const other = await registerUser(api);
    const article = await createArticle(author.api);
    await favorite(fan.api, article.slug);
    await favorite(other.api, article.slug);
    const res = await fan.api.delete(favoritePath(article.slug));
    expectStatus(res, 200);
    expectKeys(res.body, ["article"], "the response");
    expectArticle(res.body.article, { slug: article.slug, body: article.body, favorited: false, favoritesCount: 1 });
    expectArticle((await other.api.get(articlePath(article.slug))).body.article, { favorited: true, favoritesCount: 1 });
    expectArticle((await fan.api.get(articlePath(article.slug))).body.article, { favorited: false, favoritesCount: 1 });
  });

  await t.test("unfavoriting an article one has not favorited is idempotent: 200, count unchanged", async () => {
    const author = await registerUser(api);
    const fan = await registerUser(api);
    const stranger = await registerUser(api);
    const article = await createArticle(author.api);
    await favorite(fan.api, article.slug);
    const res = await stranger.api.delete(favoritePath(article.slug));
    expectStatus(res, 200);
    expectArticle(res.body.article, { favorited: false, favoritesCount: 1 });
  });

  await t.test("favorite, unfavorite, favorite again: the count follows", async () => {
    const author = await registerUser(api);
    const fan = await registerUser(api);
    const article = await createArticle(author.api);
    await favorite(fan.api, article.slug);
    expectArticle((await fan.api.delete(favoritePath(article.slug))).body.article, { favorited: false, favoritesCount: 0 });
    expectArticle((await fan.api.post(favoritePath(article.slug))).body.article, { favorited: true, favoritesCount: 1 });
  });

  await t.test("favorites show in ?favorited= and leave it when unfavorited", async () => {
    const author = await registerUser(api);
    const fan = await registerUser(api);
    const kept = await createArticle(author.api);
    const dropped = await createArticle(author.api);
    await favorite(fan.api, kept.slug);
    await favorite(fan.api, dropped.slug);
    expectArticleList(await api.get("/articles", { favorited: fan.username }), 2);
    expectStatus(await fan.api.delete(favoritePath(dropped.slug)), 200);
    const items = expectArticleList(await api.get("/articles", { favorited: fan.username }), 1);
    expectListItem(items[0], { slug: kept.slug, favorited: false, favoritesCount: 1 });
  });

  await t.test("favorite and unfavorite without a token are 401, with an invalid token 401", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    expectError(await api.post(favoritePath(article.slug)), 401);
    expectError(await api.delete(favoritePath(article.slug)), 401);
    expectError(await api.as("not-a-valid-token").post(favoritePath(article.slug)), 401);
    expectError(await api.as("not-a-valid-token").delete(favoritePath(article.slug)), 401);
    expectArticle((await api.get(articlePath(article.slug))).body.article, { favoritesCount: 0 });
  });

  await t.test("favorite and unfavorite of an unknown slug are 404", async () => {
    const fan = await registerUser(api);
    expectError(await fan.api.post(favoritePath(uniqueName("no-such-article"))), 404);
    expectError(await fan.api.delete(favoritePath(uniqueName("no-such-article"))), 404);
  });
});
