// A 6.1040-template app — module-level concepts, POST routes, flat bodies,
// Requesting.respond — runs with import changes only, over real HTTP. The
// seed's SessioningConcept is among its concepts, unchanged.

import { test } from "node:test";
import assert from "node:assert/strict";
import { db, Engine_ } from "./concepts.ts";
import * as postingSyncs from "./posting.sync.ts";
import { startServer } from "../start-server.ts";

test("a template-style app runs with import changes only", async () => {
  Engine_.register(postingSyncs);
  const server = await startServer(Engine_, { port: 0, logLevel: "off" }, { env: {}, handleSignals: false, onStop: () => db.close() });
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  try {
    const login = await post("/login", { user: "alice" });
    assert.equal(login.status, 200);
    const session = login.body.session as string;
    assert.match(session, /^[0-9a-f-]{36}$/);
    const created = await post("/Posting/createPost", { session, content: "hello" });
    assert.equal(created.status, 200);
    assert.equal(typeof created.body.post, "string");
    const empty = await post("/Posting/createPost", { session, content: "" });
    assert.deepEqual(empty.body, { error: "Post content cannot be empty" });
    const mine = await post("/Posting/_getPostsByAuthor", { session });
    assert.deepEqual(mine.body, { results: [{ post: created.body.post, content: "hello" }] });
    // The seed's _getUser answers an unknown session with an error row; Ensemble says so instead of hanging.
    const bad = await post("/Posting/_getPostsByAuthor", { session: "nope" });
    assert.equal(bad.status, 500);
    assert.match(String((bad.body.diagnosis as string[]).join("\n")), /query Sessioning\._getUser returned row 0 without `user`.*It is an error row/);
  } finally {
    await server.stop();
  }
});
