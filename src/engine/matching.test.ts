// Firing semantics (DESIGN.md §2): joins, partial patterns, literals,
// distinct records, at-most-once firing, zero frames, deterministic order.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions } from "./actions.ts";
import { loginSyncs, setup } from "./engine-fixtures.ts";
import type { Sync } from "./sync.ts";

test("a sync joins records across two when patterns on a shared variable", async () => {
  const { engine, Requests, Users, Sessions } = setup();
  await Users.register({ name: "ada", password: "pw" });
  engine.register(loginSyncs({ Requests, Users, Sessions }));
  const { flow } = await engine.run(Requests.request, { path: "/login", name: "ada", password: "pw" });
  assert.deepEqual(
    flow.records.map((r) => `${r.concept}.${r.action}`),
    ["Requests.request", "Users.authenticate", "Sessions.create", "Requests.respond"],
  );
  assert.deepEqual(flow.records[3]?.input, { request: "req1", session: "s1" });
  assert.deepEqual(flow.records[3]?.cause, { sync: "RespondLogin", records: [1, 3] });
});

test("a pattern lists only the keys it cares about; a missing key means no match", async () => {
  const { engine, Requests, Counter } = setup();
  const Inc: Sync = ({ by }) => ({
    when: actions([Requests.request, { path: "/inc", by }, {}]),
    then: actions([Counter.increment, { by }]),
  });
  engine.register({ Inc });
  const extra = await engine.run(Requests.request, { path: "/inc", by: 2, other: "ignored" });
  assert.equal(extra.flow.records.length, 2);
  const missing = await engine.run(Requests.request, { path: "/inc" });
  assert.equal(missing.flow.records.length, 1, "no `by` in the input: the sync must not fire");
});

test("a literal that differs prevents the match", async () => {
  const { engine, Requests, Counter } = setup();
  const Inc: Sync = () => ({
    when: actions([Requests.request, { path: "/inc" }, {}]),
    then: actions([Counter.increment, { by: 1 }]),
  });
  engine.register({ Inc });
  const { flow } = await engine.run(Requests.request, { path: "/dec" });
  assert.equal(flow.records.length, 1);
});

test("the same record cannot fill two patterns", async () => {
  const { engine, Counter, Requests } = setup();
  const Twice: Sync = () => ({
    when: actions([Requests.request, { path: "/twice" }, {}]),
    then: actions([Counter.increment, { by: 1 }], [Counter.increment, { by: 1 }]),
  });
  const Pair: Sync = ({ a, b }) => ({
    when: actions([Counter.increment, {}, { value: a }], [Counter.increment, {}, { value: b }]),
    then: actions([Requests.respond, { request: "pairs", a, b }]),
  });
  engine.register({ Twice, Pair });
  const { flow } = await engine.run(Requests.request, { path: "/twice" });
  const pairs = flow.records.filter((r) => r.action === "respond").map((r) => [r.input.a, r.input.b]);
  // Two increments give the ordered pairs (2,1) and (1,2) — never (1,1) or (2,2).
  assert.deepEqual(pairs, [[2, 1], [1, 2]]);
});

test("each (sync, matched tuple) fires once, however many records arrive later", async () => {
  const { engine, Requests, Counter } = setup();
  // Start: one request causes three increments in the same flow.
  const Three: Sync = () => ({
    when: actions([Requests.request, { path: "/three" }, {}]),
    then: actions([Counter.increment, { by: 1 }], [Counter.increment, { by: 1 }], [Counter.increment, { by: 1 }]),
  });
  // Pairs of (request, increment): must fire exactly once per increment record.
  const Seen: Sync = ({ request, value }) => ({
    when: actions([Requests.request, { path: "/three" }, { request }], [Counter.increment, {}, { value }]),
    then: actions([Requests.respond, { request, value }]),
  });
  engine.register({ Three, Seen });
  const { flow } = await engine.run(Requests.request, { path: "/three" });
  const responses = flow.records.filter((r) => r.action === "respond").map((r) => r.input.value);
  assert.deepEqual(responses, [1, 2, 3]);
  assert.equal(flow.runs.filter((r) => r.sync === "Seen").length, 3);
});

test("a where that leaves zero frames fires nothing", async () => {
  const { engine, Requests, Sessions } = setup();
  const WhoAmI: Sync = ({ request, session, user }) => ({
    when: actions([Requests.request, { path: "/me", session }, { request }]),
    where: (frames) => frames.query(Sessions._getUser, { session }, { user }),
    then: actions([Requests.respond, { request, user }]),
  });
  engine.register({ WhoAmI });
  const { flow } = await engine.run(Requests.request, { path: "/me", session: "nope" });
  assert.equal(flow.records.length, 1);
  assert.equal(flow.runs[0]?.frames, 0);
});

test("then-actions run once per frame, in order, each cascade completing before the next", async () => {
  const { engine, Requests, Users, Counter } = setup();
  await Users.register({ name: "a", password: "1" });
  await Users.register({ name: "b", password: "2" });
  const Each: Sync = ({ request, user, name }) => ({
    when: actions([Requests.request, { path: "/each" }, { request }]),
    where: (frames) => frames.query(Users._all, {}, { user, name }),
    then: actions([Requests.respond, { request, name }], [Counter.increment, { by: 1 }]),
  });
  const AfterIncrement: Sync = ({ value }) => ({
    when: actions([Counter.increment, {}, { value }]),
    then: actions([Requests.respond, { request: "log", value }]),
  });
  engine.register({ Each, AfterIncrement });
  const { flow } = await engine.run(Requests.request, { path: "/each" });
  assert.deepEqual(
    flow.records.slice(1).map((r) => `${r.action}:${String(r.input.name ?? r.input.value ?? r.input.by)}`),
    ["respond:a", "increment:1", "respond:1", "respond:b", "increment:1", "respond:2"],
  );
});

test("syncs fire in registration order", async () => {
  const { engine, Requests } = setup();
  const make = (tag: string): Sync => ({ request }) => ({
    when: actions([Requests.request, { path: "/order" }, { request }]),
    then: actions([Requests.respond, { request, tag }]),
  });
  engine.register({ B: make("B"), A: make("A"), C: make("C") });
  const { flow } = await engine.run(Requests.request, { path: "/order" });
  assert.deepEqual(flow.records.slice(1).map((r) => r.input.tag), ["B", "A", "C"]);
});

test("flows are separate: syncs never match records of another flow", async () => {
  const { engine, Requests, Counter } = setup();
  const Join: Sync = ({ request, value }) => ({
    when: actions([Requests.request, { path: "/join" }, { request }], [Counter.increment, {}, { value }]),
    then: actions([Requests.respond, { request, value }]),
  });
  engine.register({ Join });
  await engine.run(Counter.increment, { by: 5 });
  const { flow } = await engine.run(Requests.request, { path: "/join" });
  assert.equal(flow.records.length, 1, "the increment happened in another flow");
});

test("nested variables in a then-input are filled in", async () => {
  const { engine, Requests } = setup();
  const Shape: Sync = ({ request, name }) => ({
    when: actions([Requests.request, { path: "/shape", name }, { request }]),
    then: actions([Requests.respond, { request, user: { name, tags: [name, "x"] } }]),
  });
  engine.register({ Shape });
  const { flow } = await engine.run(Requests.request, { path: "/shape", name: "ada" });
  assert.deepEqual(flow.records[1]?.input, { request: "req1", user: { name: "ada", tags: ["ada", "x"] } });
});

test("a frame binds variables in the order matching reads them: the new record's pattern (input, then output), then the others in when order", async () => {
  const { engine, Requests, Users } = setup();
  await Users.register({ name: "ada", password: "pw" });
  let order: (string | undefined)[] = [];
  const Auth: Sync = ({ name }) => ({
    when: actions([Requests.request, { path: "/who", name }, {}]),
    then: actions([Users.authenticate, { name, password: "pw" }]),
  });
  const Joined: Sync = ({ request, name, user }) => ({
    when: actions([Requests.request, { path: "/who", name }, { request }], [Users.authenticate, { name }, { user }]),
    where: (frames) => {
      order = Object.getOwnPropertySymbols(frames[0] ?? {}).map((s) => s.description);
      return frames;
    },
    then: actions([Requests.respond, { request, user }]),
  });
  engine.register({ Auth, Joined });
  await engine.run(Requests.request, { path: "/who", name: "ada" });
  // Frames print in this order (traces, unbound-variable messages).
  assert.deepEqual(order, ["name", "user", "request"]);
});
