// The query memo: a guard sync and an acting sync reading the same thing for
// one request read it once; an action of the query's concept in between (in
// this flow or another) makes the next read fresh, and other concepts' actions
// (every concurrent request's own) do not.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions } from "./actions.ts";
import { Engine } from "./engine.ts";
import { RequestsConcept, SessionsConcept } from "./engine-fixtures.ts";
import { memoKey } from "./query-memo.ts";
import type { Sync } from "./sync.ts";

/** Sessions that count their reads. */
class CountingSessions extends SessionsConcept {
  reads = 0;
  override async _getUser(input: { session: string }): Promise<{ user: string }[]> {
    this.reads++;
    return super._getUser(input);
  }
}

function setup() {
  const engine = new Engine({ logLevel: "off" });
  const raw = new CountingSessions();
  return { engine, raw, ...engine.instrument({ Requests: new RequestsConcept(), Sessions: raw }) };
}

test("a guard and an acting sync on one request read the session once", async () => {
  const { engine, raw, Requests, Sessions } = setup();
  raw.sessions.set("s1", "u1");
  const Guard: Sync = ({ request, session }) => ({
    when: actions([Requests.request, { path: "/me", session }, { request }]),
    where: (frames) => frames.queryNone(Sessions._getUser, { session }),
    then: actions([Requests.respond, { request, status: 401 }]),
  });
  const WhoAmI: Sync = ({ request, session, user }) => ({
    when: actions([Requests.request, { path: "/me", session }, { request }]),
    where: (frames) => frames.query(Sessions._getUser, { session }, { user }),
    then: actions([Requests.respond, { request, user }]),
  });
  engine.register({ Guard, WhoAmI });
  const { flow } = await engine.run(Requests.request, { path: "/me", session: "s1" });
  assert.deepEqual(flow.records[1]?.input, { request: "req1", user: "u1" });
  assert.equal(raw.reads, 1);
});

test("after an action runs, the same query reads afresh and sees its effect", async () => {
  const { engine, raw, Requests, Sessions } = setup();
  // Before: no session s1. The first sync creates it (an action), the second must then find it.
  const Before: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: "/x" }, { request }]),
    where: (frames) => frames.queryNone(Sessions._getUser, { session: "s1" }),
    then: actions([Sessions.create, { user: "u9" }]),
  });
  const After: Sync = ({ request, user }) => ({
    when: actions([Requests.request, { path: "/x" }, { request }]),
    where: (frames) => frames.query(Sessions._getUser, { session: "s1" }, { user }),
    then: actions([Requests.respond, { request, user }]),
  });
  engine.register({ Before, After });
  const { flow } = await engine.run(Requests.request, { path: "/x" });
  assert.equal(raw.reads, 2);
  assert.deepEqual(flow.records.at(-1)?.input, { request: "req1", user: "u9" });
});

test("concurrent flows keep their memos: other requests' actions do not force a second read", async () => {
  const { engine, raw, Requests, Sessions } = setup();
  raw.sessions.set("s1", "u1");
  // Each sync's where waits a turn before and after its read, so the flows interleave
  // (as they do over an asynchronous database) and Requests actions of other flows
  // run between a flow's guard and its acting sync.
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const Guard: Sync = ({ request, session }) => ({
    when: actions([Requests.request, { path: "/me", session }, { request }]),
    where: async (frames) => {
      await turn();
      return frames.queryNone(Sessions._getUser, { session });
    },
    then: actions([Requests.respond, { request, status: 401 }]),
  });
  const WhoAmI: Sync = ({ request, session, user }) => ({
    when: actions([Requests.request, { path: "/me", session }, { request }]),
    where: async (frames) => {
      await turn();
      return frames.query(Sessions._getUser, { session }, { user });
    },
    then: actions([Requests.respond, { request, user }]),
  });
  engine.register({ Guard, WhoAmI });
  const flows = await Promise.all(Array.from({ length: 8 }, () => engine.run(Requests.request, { path: "/me", session: "s1" })));
  for (const { flow } of flows) assert.equal(flow.records[1]?.input.user, "u1");
  assert.equal(raw.reads, 8, "one read per request");
});

test("an action of the query's concept in another flow makes the next read fresh", async () => {
  const { engine, raw, Requests, Sessions } = setup();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const Guard: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: "/me" }, { request }]),
    where: (frames) => frames.queryNone(Sessions._getUser, { session: "s1" }),
    then: actions([Requests.respond, { request, status: 401 }]),
  });
  // The acting sync reads only after another flow has created the session.
  const WhoAmI: Sync = ({ request, user }) => ({
    when: actions([Requests.request, { path: "/me" }, { request }]),
    where: async (frames) => {
      await gate;
      return frames.query(Sessions._getUser, { session: "s1" }, { user });
    },
    then: actions([Requests.respond, { request, user }]),
  });
  engine.register({ Guard, WhoAmI });
  const me = engine.run(Requests.request, { path: "/me" });
  await new Promise((resolve) => setImmediate(resolve));
  await engine.run(Sessions.create, { user: "u9" });
  release();
  const { flow } = await me;
  assert.equal(raw.reads, 2, "the create in the other flow made the memo stale");
  assert.deepEqual(flow.records.at(-1)?.input, { request: "req1", user: "u9" });
});

test("memo keys cover flat inputs of primitives only, and tell types apart", () => {
  assert.notEqual(memoKey("Q", { id: "1" }), memoKey("Q", { id: 1 }));
  assert.notEqual(memoKey("Q", { a: "x", b: "y" }), memoKey("Q", { a: "x\u0000b\u0001y" }));
  assert.equal(memoKey("Q", { id: { nested: true } }), undefined);
  assert.equal(memoKey("Q", { ids: ["a"] }), undefined);
  assert.equal(memoKey("Q", {}), "Q{}");
  assert.notEqual(memoKey("Q", { id: "true" }), memoKey("Q", { id: true }));
  assert.notEqual(memoKey("Q", { id: "null" }), memoKey("Q", { id: null }));
  assert.notEqual(memoKey("Q", { a: "1" }), memoKey("Q", { b: "1" }));
});
