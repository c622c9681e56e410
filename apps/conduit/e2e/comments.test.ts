// Conduit end to end, comments (docs/endpoints.md: Add Comments to an
// Article, Get Comments from an Article, Delete Comment): POST and GET
// /articles/:slug/comments, DELETE /articles/:slug/comments/:id — shapes,
// author.following per caller, 401/403/404/422 — on SQLite and PostgreSQL.

import assert from "node:assert/strict";
import {
  addComment, articlePath, createArticle, eachBackend, expectComment, expectError, expectKeys, expectNoContent,
  expectStatus, follow, registerUser, uniqueName,
} from "./harness.ts";

await eachBackend("conduit comments", async (t, { api }) => {
  const commentsPath = (slug: string) => articlePath(slug, "/comments");
  const commentPath = (slug: string, id: number | string) => articlePath(slug, `/comments/${id}`);
  const ids = (comments: { id: number }[]) => comments.map((c) => c.id).sort((x, y) => x - y);

  // openapi CreateArticleComment answers '200' (not 201) with SingleCommentResponse.
  await t.test("POST /articles/:slug/comments: 200 with {comment} of exactly id, createdAt, updatedAt, body, author", async () => {
    const author = await registerUser(api);
    const commenter = await registerUser(api);
    const article = await createArticle(author.api);
    const res = await commenter.api.post(commentsPath(article.slug), { comment: { body: "His name was my name too." } });
    expectStatus(res, 200);
    expectKeys(res.body, ["comment"], "the response");
    expectComment(res.body.comment, { body: "His name was my name too.", author: { username: commenter.username, following: false } });
  });

  await t.test("the comment's author shows following relative to the caller", async () => {
    const author = await registerUser(api);
    const commenter = await registerUser(api);
    const article = await createArticle(author.api);
    await follow(author.api, commenter.username);
    const comment = await addComment(commenter.api, article.slug, "followed commenter");
    const asAuthor = (await author.api.get(commentsPath(article.slug))).body.comments;
    expectComment(asAuthor[0], { id: comment.id, author: { username: commenter.username, following: true } });
    const anonymous = (await api.get(commentsPath(article.slug))).body.comments;
    expectComment(anonymous[0], { id: comment.id, author: { username: commenter.username, following: false } });
  });

  await t.test("comment ids are distinct integers", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    const other = await createArticle(author.api);
    const made = [
      await addComment(author.api, article.slug, "one"),
      await addComment(author.api, article.slug, "two"),
      await addComment(author.api, other.slug, "three"),
    ];
    assert.equal(new Set(made.map((c) => c.id)).size, 3);
  });

  await t.test("add requires a body: 422 when missing or empty, and nothing is added", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    expectError(await author.api.post(commentsPath(article.slug), { comment: {} }), 422);
    expectError(await author.api.post(commentsPath(article.slug), { comment: { body: "" } }), 422);
    expectError(await author.api.post(commentsPath(article.slug), {}), 422);
    assert.deepEqual((await api.get(commentsPath(article.slug))).body.comments, []);
  });

  await t.test("add without a token is 401, with an invalid token 401", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    expectError(await api.post(commentsPath(article.slug), { comment: { body: "anonymous" } }), 401);
    expectError(await api.as("not-a-valid-token").post(commentsPath(article.slug), { comment: { body: "forged" } }), 401);
    assert.deepEqual((await api.get(commentsPath(article.slug))).body.comments, []);
  });

  await t.test("add to an unknown slug is 404", async () => {
    const commenter = await registerUser(api);
    expectError(await commenter.api.post(commentsPath(uniqueName("no-such-article")), { comment: { body: "hello" } }), 404);
  });

  // ---------------------------------------------------------- list

  await t.test("GET /articles/:slug/comments: 200 with exactly {comments}, every comment of the article", async () => {
    const author = await registerUser(api);
    const commenter = await registerUser(api);
    const article = await createArticle(author.api);
    const elsewhere = await createArticle(author.api);
    const first = await addComment(commenter.api, article.slug, "first");
    const second = await addComment(author.api, article.slug, "second");
    await addComment(commenter.api, elsewhere.slug, "on another article");
    const res = await commenter.api.get(commentsPath(article.slug));
    expectStatus(res, 200);
    expectKeys(res.body, ["comments"], "the response");
    assert.ok(Array.isArray(res.body.comments));
    assert.deepEqual(ids(res.body.comments), ids([first, second]), "the article's comments, and only them");
    const byId = new Map(res.body.comments.map((c: { id: number }) => [c.id, c]));
    expectComment(byId.get(first.id), { id: first.id, body: "first", author: { username: commenter.username, following: false } });
    expectComment(byId.get(second.id), { id: second.id, body: "second", author: { username: author.username, following: false } });
    assert.deepEqual(byId.get(first.id), first, "a listed comment is the comment as created");
  });

  await t.test("GET comments needs no token (auth is optional); an article without comments lists []", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    const empty = await api.get(commentsPath(article.slug));
    expectStatus(empty, 200);
    assert.deepEqual(empty.body, { comments: [] });
    const comment = await addComment(author.api, article.slug, "hello");
    const res = await api.get(commentsPath(article.slug));
    expectStatus(res, 200);
    assert.deepEqual(ids(res.body.comments), [comment.id]);
  });

  await t.test("GET comments of an unknown slug is 404", async () => {
    expectError(await api.get(commentsPath(uniqueName("no-such-article"))), 404);
  });

  // ---------------------------------------------------------- delete

  await t.test("DELETE /articles/:slug/comments/:id by its author: 204 without a body; the comment is gone", async () => {
    const author = await registerUser(api);
    const commenter = await registerUser(api);
    const article = await createArticle(author.api);
    const kept = await addComment(author.api, article.slug, "kept");
    const doomed = await addComment(commenter.api, article.slug, "doomed");
    expectNoContent(await commenter.api.delete(commentPath(article.slug, doomed.id)));
    assert.deepEqual(ids((await api.get(commentsPath(article.slug))).body.comments), [kept.id]);
    expectError(await commenter.api.delete(commentPath(article.slug, doomed.id)), 404);
  });

  await t.test("DELETE a comment by a user who did not write it is 403, and it stays", async () => {
    const author = await registerUser(api);
    const commenter = await registerUser(api);
    const intruder = await registerUser(api);
    const article = await createArticle(author.api);
    const comment = await addComment(commenter.api, article.slug, "mine");
    expectError(await intruder.api.delete(commentPath(article.slug, comment.id)), 403);
    assert.deepEqual(ids((await api.get(commentsPath(article.slug))).body.comments), [comment.id]);
  });

  await t.test("DELETE a comment without a token is 401, with an invalid token 401", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    const comment = await addComment(author.api, article.slug, "mine");
    expectError(await api.delete(commentPath(article.slug, comment.id)), 401);
    expectError(await api.as("not-a-valid-token").delete(commentPath(article.slug, comment.id)), 401);
    assert.deepEqual(ids((await api.get(commentsPath(article.slug))).body.comments), [comment.id]);
  });

  await t.test("DELETE an unknown comment id is 404", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    const comment = await addComment(author.api, article.slug, "the only one");
    expectError(await author.api.delete(commentPath(article.slug, comment.id + 1_000_000)), 404);
  });

  await t.test("DELETE a comment under an unknown slug is 404", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    const comment = await addComment(author.api, article.slug, "hello");
    expectError(await author.api.delete(commentPath(uniqueName("no-such-article"), comment.id)), 404);
    assert.deepEqual(ids((await api.get(commentsPath(article.slug))).body.comments), [comment.id]);
  });

  // The path names the comment under its article: a comment of another
  // article is not found there (docs/error-handling.md, 404).
  await t.test("DELETE a comment through another article's slug is 404, and it stays", async () => {
    const author = await registerUser(api);
    const article = await createArticle(author.api);
    const other = await createArticle(author.api);
    const comment = await addComment(author.api, article.slug, "on the first article");
    expectError(await author.api.delete(commentPath(other.slug, comment.id)), 404);
    assert.deepEqual(ids((await api.get(commentsPath(article.slug))).body.comments), [comment.id]);
  });
});
