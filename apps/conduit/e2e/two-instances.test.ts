// Conduit end to end, two app instances on different ports sharing one
// PostgreSQL database (issue 6): a client registers and logs in on one and
// acts on the other — articles, favorites, comments, follows — and reads the
// same state back from both. PostgreSQL only (an in-memory SQLite database
// cannot be shared between servers).

import { test } from "node:test";
import assert from "node:assert/strict";
import { openDb } from "ensemble";
import { backends, freshDb } from "ensemble/testing";
import {
  addComment, articlePath, createArticle, expectArticle, expectArticleList, expectComment, expectError, expectProfile,
  expectStatus, expectUser, favorite, follow, registerUser, startConduit, uniqueName,
} from "./harness.ts";

const postgres = (await backends()).find((b) => b.name === "postgres");
assert.ok(postgres !== undefined, "backends() names a postgres backend");

test("two conduit instances on one PostgreSQL database serve one client interchangeably [postgres]", { skip: postgres.skip }, async (t) => {
  const fresh = await freshDb(postgres.url);
  const secondDb = await openDb(fresh.url);
  try {
    const one = await startConduit(fresh.db);
    const two = await startConduit(secondDb).catch(async (e: unknown) => {
      await one.stop();
      throw e;
    });
    try {
      assert.notEqual(one.url, two.url, "the instances listen on different ports");
      const a = one.api;
      const b = two.api;

      // Register on one, log in on two; each token works on both.
      const jake = await registerUser(a);
      const login = await b.post("/users/login", { user: { email: jake.email, password: jake.password } });
      expectStatus(login, 200);
      expectUser(login.body.user, { username: jake.username, email: jake.email });
      const tokenFromTwo: string = login.body.user.token;
      await t.test("a token from either instance authenticates on both", async () => {
        for (const server of [a, b]) {
          for (const token of [jake.token, tokenFromTwo]) {
            const me = await server.as(token).get("/user");
            expectStatus(me, 200);
            expectUser(me.body.user, { username: jake.username });
          }
        }
      });

      const readerOnTwo = await registerUser(b);
      let slug = "";

      await t.test("an article created on two is read on one, body and all", async () => {
        const created = await createArticle(b.as(jake.token), { body: "written on two", tagList: ["shared", "instances"] });
        slug = created.slug;
        expectArticle((await a.get(articlePath(slug))).body.article, {
          slug, title: created.title, body: "written on two", tagList: ["instances", "shared"], author: { username: jake.username },
        });
        expectArticleList(await a.get("/articles", { author: jake.username }), 1);
        expectArticleList(await a.get("/articles", { tag: "shared" }), 1);
      });

      await t.test("a favorite made on one counts on two, relative to each caller", async () => {
        await favorite(a.as(readerOnTwo.token), slug);
        expectArticle((await b.as(readerOnTwo.token).get(articlePath(slug))).body.article, { favorited: true, favoritesCount: 1 });
        expectArticle((await b.as(tokenFromTwo).get(articlePath(slug))).body.article, { favorited: false, favoritesCount: 1 });
        expectArticleList(await b.get("/articles", { favorited: readerOnTwo.username }), 1);
      });

      await t.test("favoriting the same article on both instances counts the user once", async () => {
        const again = await b.as(readerOnTwo.token).post(articlePath(slug, "/favorite"));
        expectStatus(again, 200);
        expectArticle(again.body.article, { favorited: true, favoritesCount: 1 });
        expectArticle((await a.get(articlePath(slug))).body.article, { favoritesCount: 1 });
      });

      await t.test("a comment added on two is listed on one and deleted on one", async () => {
        const comment = await addComment(b.as(readerOnTwo.token), slug, "commented on two");
        const listed = await a.get(articlePath(slug, "/comments"));
        expectStatus(listed, 200);
        assert.equal(listed.body.comments.length, 1);
        expectComment(listed.body.comments[0], { id: comment.id, body: "commented on two", author: { username: readerOnTwo.username } });
        expectError(await a.as(jake.token).delete(articlePath(slug, `/comments/${comment.id}`)), 403);
        expectStatus(await a.as(readerOnTwo.token).delete(articlePath(slug, `/comments/${comment.id}`)), 204);
        assert.deepEqual((await b.get(articlePath(slug, "/comments"))).body.comments, []);
      });

      await t.test("a follow made on one shows on two, in the profile and the feed", async () => {
        await follow(a.as(readerOnTwo.token), jake.username);
        expectProfile((await b.as(readerOnTwo.token).get(`/profiles/${jake.username}`)).body.profile, { username: jake.username, following: true });
        const feed = expectArticleList(await b.as(readerOnTwo.token).get("/articles/feed"), 1);
        assert.equal(feed[0].slug, slug);
        expectStatus(await b.as(readerOnTwo.token).delete(`/profiles/${jake.username}/follow`), 200);
        expectArticleList(await a.as(readerOnTwo.token).get("/articles/feed"), 0);
      });

      await t.test("uniqueness holds across instances: the same username or email is refused on the other", async () => {
        const username = uniqueName("racer");
        expectStatus(await a.post("/users", { user: { username, email: `${username}@example.com`, password: "a password" } }), 201);
        expectError(await b.post("/users", { user: { username, email: `${uniqueName("x")}@example.com`, password: "a password" } }), 422);
        expectError(await b.post("/users", { user: { username: uniqueName("x"), email: `${username}@example.com`, password: "a password" } }), 422);
      });

      await t.test("same-titled articles on the two instances get different slugs", async () => {
        const title = `Twin title ${uniqueName("s")}`;
        const first = await createArticle(a.as(jake.token), { title, body: "from one" });
        const second = await createArticle(b.as(tokenFromTwo), { title, body: "from two" });
        assert.notEqual(first.slug, second.slug);
        expectArticle((await b.get(articlePath(first.slug))).body.article, { body: "from one" });
        expectArticle((await a.get(articlePath(second.slug))).body.article, { body: "from two" });
      });

      await t.test("an update on one and a delete on two are seen by both", async () => {
        const res = await a.as(jake.token).put(articlePath(slug), { article: { body: "edited on one" } });
        expectStatus(res, 200);
        expectArticle((await b.get(articlePath(slug))).body.article, { body: "edited on one" });
        expectStatus(await b.as(jake.token).delete(articlePath(slug)), 204);
        expectError(await a.get(articlePath(slug)), 404);
        expectError(await b.get(articlePath(slug)), 404);
      });

      await t.test("neither instance logged a sync error, warning or double answer", () => {
        assert.deepEqual([...one.problems(), ...two.problems()], []);
      });
    } finally {
      await two.stop();
      await one.stop();
    }
  } finally {
    await secondDb.close();
    await fresh.dispose();
  }
});
