// The mistake this project started from: one login sync that creates the
// session and responds with it. The template failed at run time with
// "Missing binding: Symbol(session) in frame: [object Object]"; Ensemble
// rejects it at registration, naming the sync, the variable and the fix.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions, isEnsembleError, type Sync } from "ensemble";
import { testApp } from "ensemble/testing";
import { authApp } from "./app.ts";

test("the one-sync login is rejected at registration with the fix", async () => {
  const broken = {
    ...authApp,
    syncs: (c: Parameters<typeof authApp.syncs>[0]) => {
      const { Requesting, PasswordAuthentication, Sessioning } = c;
      const Login: Sync = ({ request, user, session }) => ({
        when: actions(
          [Requesting.request, { method: "POST", path: "/login" }, { request }],
          [PasswordAuthentication.authenticate, {}, { user }],
        ),
        then: actions([Sessioning.create, { user }], [Requesting.respond, { request, session }]),
      });
      return { Login };
    },
  };
  await assert.rejects(testApp(broken), (e) => {
    assert.ok(isEnsembleError(e, "UNBOUND_VARIABLE"));
    assert.match(e.message, /^Sync "Login": then-action Requesting\.respond uses `session`, but no when pattern binds it/);
    assert.match(e.message, /`session` looks like a result of Sessioning\.create, an earlier then-action of this sync\./);
    assert.match(e.message, /Fix: keep \[Sessioning\.create, \{ user \}\] in "Login", and move Requesting\.respond into a second sync that matches Sessioning\.create in its when:/);
    assert.match(e.message, /\[Sessioning\.create, \{\}, \{ session \}\]/);
    assert.doesNotMatch(e.message, /object Object|Symbol\(/);
    return true;
  });
});
