// Registration checks (DESIGN.md §2): each fails fast, names the sync and
// says how to fix it. The seed case — one login sync that creates the
// session and responds with it — is pinned word for word where it matters.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions } from "./actions.ts";
import { setup } from "./engine-fixtures.ts";
import { isEnsembleError } from "../ensemble-error.ts";
import type { Sync } from "./sync.ts";

function registrationError(fn: () => void): { code: unknown; message: string } {
  try {
    fn();
  } catch (e) {
    assert.ok(isEnsembleError(e), `expected an EnsembleError, got ${String(e)}`);
    return { code: e.code, message: e.message };
  }
  assert.fail("registration should have failed");
}

test("the seed mistake (create the session and respond with it in one sync) is rejected with a fix-it", () => {
  const { engine, Requests, Users, Sessions } = setup();
  const Login: Sync = ({ request, user, session }) => ({
    when: actions([Requests.request, { path: "/login" }, { request }], [Users.authenticate, {}, { user }]),
    then: actions([Sessions.create, { user }], [Requests.respond, { request, session }]),
  });
  const { code, message } = registrationError(() => engine.register({ Login }));
  assert.equal(code, "UNBOUND_VARIABLE");
  assert.match(message, /^Sync "Login": then-action Requests\.respond uses `session`, but no when pattern binds it/);
  assert.match(message, /`session` looks like a result of Sessions\.create, an earlier then-action of this sync/);
  assert.match(message, /move Requests\.respond into a second sync that matches Sessions\.create in its when/);
  // The suggested second sync is ready to paste.
  assert.match(message, /\[Sessions\.create, \{\}, \{ session \}\]/);
  assert.match(message, /then: actions\(\[Requests\.respond, \{ request, session \}\]\)/);
  assert.equal(engine.syncs.length, 0, "nothing is registered");
});

test("when another sync matches the producer's output, the hint is certain", () => {
  const { engine, Requests, Users, Sessions } = setup();
  const Login: Sync = ({ request, user, session }) => ({
    when: actions([Requests.request, { path: "/login" }, { request }], [Users.authenticate, {}, { user }]),
    then: actions([Sessions.create, { user }], [Requests.respond, { request, session }]),
  });
  const Elsewhere: Sync = ({ session }) => ({
    when: actions([Sessions.create, {}, { session }]),
    then: actions([Requests.respond, { request: "x", session }]),
  });
  const { message } = registrationError(() => engine.register({ Elsewhere, Login }));
  assert.match(message, /`session` is a result of Sessions\.create/);
});

test("an output pattern in then is rejected with the same split advice", () => {
  const { engine, Requests, Users, Sessions } = setup();
  const Login: Sync = ({ request, user, session }) => ({
    when: actions([Requests.request, { path: "/login" }, { request }], [Users.authenticate, {}, { user }]),
    then: actions([Sessions.create, { user }, { session }], [Requests.respond, { request, session }]),
  });
  const { code, message } = registrationError(() => engine.register({ Login }));
  assert.equal(code, "INVALID_SYNC");
  assert.match(message, /then #1 \(Sessions\.create\) has an output pattern \{ session \}/);
  assert.match(message, /second sync that matches Sessions\.create in its when/);
});

test("an unbound then-variable with no earlier then-action suggests the closest bound name", () => {
  const { engine, Requests } = setup();
  const Typo: Sync = ({ request, requst }) => ({
    when: actions([Requests.request, { path: "/x" }, { request }]),
    then: actions([Requests.respond, { request: requst }]),
  });
  const { message } = registrationError(() => engine.register({ Typo }));
  assert.match(message, /uses `requst`, but no when pattern binds it/);
  assert.match(message, /Did you mean `request`\?/);
});

test("a when pattern without an output pattern is rejected", () => {
  const { engine, Requests, Counter } = setup();
  const NoOutput: Sync = () => ({
    when: [[Requests.request, { path: "/x" }]] as never,
    then: actions([Counter.increment, { by: 1 }]),
  });
  const { message } = registrationError(() => engine.register({ NoOutput }));
  assert.match(message, /^Sync "NoOutput": when #1 \(Requests\.request\) has no output pattern\. Write \[Requests\.request, \{ path: "\/x" \}, \{\}\]/);
});

test("a query in when or then is rejected, naming it as a query", () => {
  const { engine, Requests, Sessions } = setup();
  const QueryInWhen: Sync = ({ user }) => ({
    // @ts-expect-error a query's rows are not an action's result: the types reject this too
    when: actions([Sessions._getUser, {}, { user }]),
    then: actions([Requests.respond, { request: "r", user }]),
  });
  const a = registrationError(() => engine.register({ QueryInWhen }));
  assert.equal(a.code, "NOT_AN_ACTION");
  assert.match(a.message, /when #1 uses Sessions\._getUser, which is a query .* read them in where with frames\.query\(Sessions\._getUser/);
  const QueryInThen: Sync = ({ request, session }) => ({
    when: actions([Requests.request, { path: "/x", session }, { request }]),
    then: actions([Sessions._getUser, { session }]),
  });
  const b = registrationError(() => engine.register({ QueryInThen }));
  assert.match(b.message, /then #1 uses Sessions\._getUser, which is a query/);
});

test("an action that was not instrumented is rejected with the fix", () => {
  const { engine, Requests } = setup();
  const raw = { async poke(_: { n: number }) { return { ok: true }; } };
  const Raw: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: "/x" }, { request }]),
    then: actions([raw.poke, { n: 1 }]),
  });
  const { code, message } = registrationError(() => engine.register({ Raw }));
  assert.equal(code, "NOT_INSTRUMENTED");
  assert.match(message, /then #1 uses poke\(\), which is not an instrumented concept action\. Pass your concepts through engine\.instrument/);
});

test("two syncs with the same name are rejected, across register calls too", () => {
  const { engine, Requests } = setup();
  const S: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: "/x" }, { request }]),
    then: actions([Requests.respond, { request }]),
  });
  engine.register({ S });
  const { code, message } = registrationError(() => engine.register({ S }));
  assert.equal(code, "DUPLICATE_SYNC");
  assert.match(message, /Sync "S" is registered twice/);
});

test("an undefined pattern value and a non-function sync are rejected by name", () => {
  const { engine, Requests } = setup();
  const Undef: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: undefined as unknown as string }, { request }]),
    then: actions([Requests.respond, { request }]),
  });
  assert.match(registrationError(() => engine.register({ Undef })).message, /input key `path` is undefined/);
  assert.match(registrationError(() => engine.register({ NotASync: 42 as unknown as Sync })).message, /^Sync "NotASync": is 42, not a sync/);
});

test("registration is all or nothing, and lists every failing sync", () => {
  const { engine, Requests } = setup();
  const Good: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: "/ok" }, { request }]),
    then: actions([Requests.respond, { request }]),
  });
  const Bad1: Sync = ({ request, x }) => ({
    when: actions([Requests.request, { path: "/1" }, { request }]),
    then: actions([Requests.respond, { request, x }]),
  });
  const Bad2: Sync = ({ request, y }) => ({
    when: actions([Requests.request, { path: "/2" }, { request }]),
    then: actions([Requests.respond, { request, y }]),
  });
  const { message } = registrationError(() => engine.register({ Good, Bad1, Bad2 }));
  assert.match(message, /^2 syncs failed registration:/);
  assert.match(message, /1\. Sync "Bad1"/);
  assert.match(message, /2\. Sync "Bad2"/);
  assert.equal(engine.syncs.length, 0);
});

test("a then-variable bound only by where is accepted at registration", () => {
  const { engine, Requests, Sessions } = setup();
  const WhoAmI: Sync = ({ request, session, user }) => ({
    when: actions([Requests.request, { path: "/me", session }, { request }]),
    where: (frames) => frames.query(Sessions._getUser, { session }, { user }),
    then: actions([Requests.respond, { request, user }]),
  });
  engine.register({ WhoAmI });
  assert.deepEqual(engine.syncs.map((s) => s.name), ["WhoAmI"]);
});
