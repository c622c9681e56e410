// optional() in when patterns, and the anti-join frames.queryNone.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions } from "./actions.ts";
import { setup } from "./engine-fixtures.ts";
import { optional } from "./optional.ts";
import type { Sync } from "./sync.ts";

test("an optional field binds its value, or the fallback when absent", async () => {
  const { engine, Requests } = setup();
  const List: Sync = ({ request, tag, limit }) => ({
    when: actions([Requests.request, { path: "/list", tag: optional(tag), limit: optional(limit, "20") }, { request }]),
    then: actions([Requests.respond, { request, tag, limit }]),
  });
  engine.register({ List });
  const none = await engine.run(Requests.request, { path: "/list" });
  assert.deepEqual(none.flow.records[1]?.input, { request: "req1", tag: null, limit: "20" });
  const some = await engine.run(Requests.request, { path: "/list", tag: "x", limit: "5" });
  assert.deepEqual(some.flow.records[1]?.input, { request: "req2", tag: "x", limit: "5" });
});

test("optional() in then is rejected at registration", () => {
  const { engine, Requests } = setup();
  const Bad: Sync = ({ request, tag }) => ({
    when: actions([Requests.request, { path: "/x", tag }, { request }]),
    then: actions([Requests.respond, { request, tag: optional(tag) }]),
  });
  assert.throws(() => engine.register({ Bad }), /then #1 \(Requests\.respond\): `tag` uses optional\(\), which belongs in when patterns/);
});

test("queryNone keeps the frames for which the query has no rows", async () => {
  const { engine, Requests, Sessions } = setup();
  await Sessions.create({ user: "u1" });
  const Unauthorized: Sync = ({ request, session }) => ({
    when: actions([Requests.request, { path: "/me", session }, { request }]),
    where: (frames) => frames.queryNone(Sessions._getUser, { session }),
    then: actions([Requests.respond, { request, status: 401 }]),
  });
  engine.register({ Unauthorized });
  const valid = await engine.run(Requests.request, { path: "/me", session: "s1" });
  assert.equal(valid.flow.records.length, 1);
  const invalid = await engine.run(Requests.request, { path: "/me", session: "nope" });
  assert.equal(invalid.flow.records[1]?.input.status, 401);
});
