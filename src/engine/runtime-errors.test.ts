// Errors while flows run: a throwing action becomes `{ error }` that an
// error sync can answer; a sync error is recorded against its sync and does
// not stop the others; cycles and runaway flows are stopped, naming syncs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions } from "./actions.ts";
import { setup } from "./engine-fixtures.ts";
import type { Sync } from "./sync.ts";

test("an action that throws completes with { error } and an error sync answers it", async () => {
  const { engine, Requests, Users } = setup();
  const Boom: Sync = ({ message }) => ({
    when: actions([Requests.request, { path: "/boom", message }, {}]),
    then: actions([Users.explode, { message }]),
  });
  const BoomError: Sync = ({ request, error }) => ({
    when: actions([Requests.request, { path: "/boom" }, { request }], [Users.explode, {}, { error }]),
    then: actions([Requests.respond, { request, error }]),
  });
  engine.register({ Boom, BoomError });
  const { flow } = await engine.run(Requests.request, { path: "/boom", message: "disk on fire" });
  assert.deepEqual(flow.records[1]?.output, { error: "disk on fire" });
  assert.deepEqual(flow.records[2]?.input, { request: "req1", error: "disk on fire" });
});

test("a where that throws is a sync error; other syncs still fire and the process goes on", async () => {
  const { engine, Requests } = setup();
  const Broken: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: "/x" }, { request }]),
    where: () => {
      throw new Error("kaput");
    },
    then: actions([Requests.respond, { request, from: "Broken" }]),
  });
  const Fine: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: "/x" }, { request }]),
    then: actions([Requests.respond, { request, from: "Fine" }]),
  });
  engine.register({ Broken, Fine });
  const { flow } = await engine.run(Requests.request, { path: "/x" });
  assert.equal(flow.errors.length, 1);
  assert.equal(flow.errors[0]?.sync, "Broken");
  assert.match(flow.errors[0]?.message ?? "", /^Sync "Broken": where threw: kaput/);
  assert.deepEqual(flow.records.slice(1).map((r) => r.input.from), ["Fine"]);
});

test("a then-variable the where clause left unbound names the sync, the variable and the frame's variables with their origins", async () => {
  const { engine, Requests, Sessions } = setup();
  await Sessions.create({ user: "u1" });
  const WhoAmI: Sync = ({ request, session, user, name }) => ({
    when: actions([Requests.request, { path: "/me", session }, { request }]),
    where: (frames) => frames.query(Sessions._getUser, { session }, { user }),
    then: actions([Requests.respond, { request, user, name }]),
  });
  engine.register({ WhoAmI });
  const { flow } = await engine.run(Requests.request, { path: "/me", session: "s1" });
  const message = flow.errors[0]?.message ?? "";
  assert.equal(flow.errors[0]?.code, "UNBOUND_VARIABLE");
  assert.match(message, /^Sync "WhoAmI": then-action Requests\.respond needs `name`, but this frame does not bind it\. The frame binds:/);
  assert.match(message, /request = "req1"  \(when #1: Requests\.request output `request`\)/);
  // A session id is a bearer credential: named, never printed.
  assert.match(message, /session = \[redacted\]  \(when #1: Requests\.request input `session`\)/);
  assert.match(message, /user = "u1"  \(where: Sessions\._getUser → user\)/);
  assert.doesNotMatch(message, /object Object|Symbol\(/);
  assert.equal(flow.records.length, 1, "no then-action of that frame runs");
});

test("an action that returns undefined (a forgotten return) is recorded as an error that says so", async () => {
  const { engine } = setup();
  const { Forgetful } = engine.instrument({ Forgetful: { async act(_: { x: number }) {} } });
  const { output } = await engine.run(Forgetful.act, { x: 1 });
  assert.match(String((output as unknown as Record<string, unknown>).error), /Forgetful\.act returned undefined \(a forgotten `return`\?\)/);
});

test("a sync that re-fires itself with the same input is stopped, naming the syncs of the cycle", async () => {
  const { engine, Requests, Counter } = setup();
  const Start: Sync = () => ({
    when: actions([Requests.request, { path: "/loop" }, {}]),
    then: actions([Counter.reset, {}]),
  });
  const Ping: Sync = () => ({
    when: actions([Counter.reset, {}, {}]),
    then: actions([Counter.increment, { by: 0 }]),
  });
  const Pong: Sync = () => ({
    when: actions([Counter.increment, { by: 0 }, {}]),
    then: actions([Counter.reset, {}]),
  });
  engine.register({ Start, Ping, Pong });
  const { flow } = await engine.run(Requests.request, { path: "/loop" });
  assert.equal(flow.stopped?.code, "CYCLE");
  assert.match(flow.stopped?.message ?? "", /sync cycle Ping → Pong → Ping/);
  assert.ok(flow.records.length < 10, `stopped early, after ${flow.records.length} records`);
  assert.equal(engine.liveFlows, 0);
});

test("a flow that exceeds the step limit is stopped, naming the most-fired syncs", async () => {
  const { engine, Counter } = setup({ stepLimit: 50 });
  const Forever: Sync = ({ value }) => ({
    when: actions([Counter.increment, {}, { value }]),
    // A new input every time (1, 2, 4 …): not a cycle the engine can prove, so the step limit ends it.
    then: actions([Counter.increment, { by: value }]),
  });
  engine.register({ Forever });
  const { flow } = await engine.run(Counter.increment, { by: 1 });
  assert.equal(flow.stopped?.code, "STEP_LIMIT");
  assert.equal(flow.records.length, 50);
  assert.match(flow.stopped?.message ?? "", /exceeded the step limit of 50 actions\. Most-fired syncs: Forever \(49×\)/);
});

test("a sync firing on an error its pattern did not ask for is warned about", async () => {
  const lines: string[] = [];
  const { engine, Requests, Users } = setup({ logLevel: "info", log: (l) => lines.push(l) });
  const Login: Sync = ({ name, password }) => ({
    when: actions([Requests.request, { path: "/login", name, password }, {}]),
    then: actions([Users.authenticate, { name, password }]),
  });
  const Respond: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: "/login" }, { request }], [Users.authenticate, {}, {}]),
    then: actions([Requests.respond, { request, ok: true }]),
  });
  engine.register({ Login, Respond });
  const { flow } = await engine.run(Requests.request, { path: "/login", name: "x", password: "secret-pw" });
  assert.match(flow.warnings[0] ?? "", /Sync "Respond" fired on an error: Users\.authenticate returned \{ error: "invalid credentials" \}/);
  assert.ok(lines.some((l) => l.includes('Sync "Respond" fired on an error')));
});
