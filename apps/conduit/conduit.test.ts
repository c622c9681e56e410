// Conduit from the inside (the black-box suite is in e2e/): which syncs a
// request goes through, the answers the runtime gives in the spec's shape,
// the cascade when an article is deleted, and the undo when a username is
// lost to a racing registration. In-process, on SQLite.

import { test } from "node:test";
import assert from "node:assert/strict";
import { formatFlowTree, type FlowTrace } from "ensemble";
import { testApp, type TestApp } from "ensemble/testing";
import { conduitApp } from "./app.ts";
import { conduitConcepts } from "./concepts.ts";

/** The syncs that produced the flow's records, in order. */
function syncsOf(flow: FlowTrace | undefined): string[] {
  return (flow?.records ?? []).flatMap((r) => (r.cause ? [r.cause.sync] : []));
}

type Conduit = TestApp<ReturnType<typeof conduitConcepts>>;

async function withConduit(fn: (app: Conduit) => Promise<void>, definition = conduitApp): Promise<void> {
  const app = await testApp(definition);
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

async function register(app: Conduit, username: string): Promise<string> {
  const res = await app.post("/users", { user: { username, email: `${username}@example.com`, password: "a password" } });
  assert.equal(res.status, 201, res.text);
  assert.doesNotMatch(formatFlowTree(res.flow as FlowTrace), /a password/, "traces never show the password");
  return res.body.user.token as string;
}

test("creating an article: one sync per step, answered once, after the tags are set", async () => {
  await withConduit(async (app) => {
    const token = await register(app, "jake");
    const res = await app.post("/articles", { article: { title: "How to train your dragon", description: "Ever wonder how?", body: "You have to believe", tagList: ["dragons", "training"] } }, { token });
    assert.equal(res.status, 201);
    assert.deepEqual(syncsOf(res.flow), ["CreateArticle", "TagNewArticle", "ArticleCreated"]);
    assert.deepEqual(res.flow?.errors, []);
    assert.deepEqual(res.flow?.warnings, []);
    const tree = formatFlowTree(res.flow as FlowTrace);
    assert.match(tree, /CreateArticle \[#1\] → #2 Articling\.create/);
    assert.match(tree, /ArticleCreated \[#1, #2, #3\] → #4 Requesting\.respondWith/);
    assert.doesNotMatch(tree, /Token |\[object Object\]/);
  });
});

test("a failing check is answered by the route's one Rejected sync, with the first failing check's status", async () => {
  await withConduit(async (app) => {
    const token = await register(app, "jake");
    const other = await register(app, "intruder");
    const created = await app.post("/articles", { article: { title: "Mine", description: "d", body: "b" } }, { token });
    const slug = created.body.article.slug as string;
    const cases: [string | undefined, string, number, string][] = [
      ["forged", "/articles/nope", 401, "the token is invalid or has expired"],
      [other, "/articles/nope", 404, "article not found"],
      [other, `/articles/${slug}`, 403, "only the author may change or delete this article"],
      [token, `/articles/${slug}`, 422, "title can't be blank"],
    ];
    for (const [who, path, status, message] of cases) {
      const res = await app.put(path, { article: { title: "" } }, who === undefined ? {} : { token: who });
      assert.equal(res.status, status, `${path} as ${who}: ${res.text}`);
      assert.deepEqual(res.body, { errors: { body: [message] } });
      assert.deepEqual(syncsOf(res.flow), ["UpdateArticleRejected"]);
    }
  });
});

test("what the runtime answers itself has the spec's error shape", async () => {
  await withConduit(async (app) => {
    const noToken = await app.get("/user");
    assert.equal(noToken.status, 401);
    assert.deepEqual(noToken.body.errors, { body: ["This request needs authentication: send the header Authorization: Token <token>."] });
    const noBody = await app.post("/users", {});
    assert.equal(noBody.status, 422);
    assert.deepEqual(noBody.body.errors, { body: ["The request has no `user` field."] });
    const unknown = await app.get("/nothing-here");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.errors.body.length, 1);
  });
});

test("deleting an article takes its tags, favorites and comments with it", async () => {
  await withConduit(async (app) => {
    const token = await register(app, "jake");
    const fan = await register(app, "fan");
    const created = await app.post("/articles", { article: { title: "Doomed", description: "d", body: "b", tagList: ["gone"] } }, { token });
    const slug = created.body.article.slug as string;
    assert.equal((await app.post(`/articles/${slug}/favorite`, undefined, { token: fan })).status, 200);
    assert.equal((await app.post(`/articles/${slug}/comments`, { comment: { body: "bye" } }, { token: fan })).status, 200);
    const res = await app.delete(`/articles/${slug}`, { token });
    assert.equal(res.status, 204);
    assert.deepEqual(syncsOf(res.flow), ["DeleteArticle", "ForgetDeletedArticle", "ForgetDeletedArticle", "ForgetDeletedArticle", "ArticleDeleted"]);
    const { Tagging, Favoriting, Commenting } = app.concepts;
    assert.deepEqual(await Tagging._allTags({}), []);
    assert.equal(await Favoriting.favorites.countDocuments({}), 0);
    assert.equal(await Commenting.comments.countDocuments({}), 0);
  });
});

test("a username lost to a racing registration undoes the new credentials and answers 422", async () => {
  // Simulate the race: the check sees every username as free, so only the unique index catches the clash.
  const racing = {
    ...conduitApp,
    concepts: (ctx: Parameters<typeof conduitConcepts>[0]) => {
      const concepts = conduitConcepts(ctx);
      concepts.Profile._getByUsername = async () => [];
      return concepts;
    },
  };
  await withConduit(async (app) => {
    await register(app, "jake");
    const clash = await app.post("/users", { user: { username: "jake", email: "other@example.com", password: "a password" } });
    assert.equal(clash.status, 422);
    assert.deepEqual(clash.body, { errors: { body: ['username "jake" has already been taken'] } });
    assert.deepEqual(syncsOf(clash.flow), ["Register", "CreateProfileOnRegister", "UndoRegisterWhenUsernameTaken", "UndoRegisterWhenUsernameTaken"]);
    // The e-mail address is free again.
    assert.equal((await app.post("/users", { user: { username: "other", email: "other@example.com", password: "a password" } })).status, 201);
  }, racing);
});

test("concurrent registrations of one e-mail address: one 201, the others 422, each answered once", async () => {
  await withConduit(async (app) => {
    const attempts = await Promise.all(
      ["a", "b", "c"].map((n) => app.post("/users", { user: { username: `racer-${n}`, email: "race@example.com", password: "a password" } })),
    );
    assert.deepEqual(attempts.map((r) => r.status).sort(), [201, 422, 422]);
    for (const r of attempts) assert.deepEqual(r.flow?.warnings, []);
  });
});
