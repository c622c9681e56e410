// Logging out or deleting the account can lose a race: another request ended
// the session or the account between this request's where and its action.
// The action then returns { error }, and a sync answers it (401, as for a bad
// token) — without one the request would end in 500, which `ensemble check`
// reports as unanswered-error.

import { test } from "node:test";
import assert from "node:assert/strict";
import { PasswordAuthenticationConcept, SessioningConcept } from "ensemble";
import { testApp } from "ensemble/testing";
import { authApp } from "./app.ts";

class SessionsThatVanish extends SessioningConcept {
  override async delete(): Promise<{ error: string }> {
    return { error: "no such session" };
  }
}

class UsersThatVanish extends PasswordAuthenticationConcept {
  override async deleteUser(): Promise<{ error: string; reason: "not-found" }> {
    return { error: "no such user", reason: "not-found" };
  }
}

test("a logout or an account deletion that lost a race is answered 401, not 500", async () => {
  const app = await testApp({ ...authApp, concepts: ({ db }) => ({ PasswordAuthentication: new UsersThatVanish(db), Sessioning: new SessionsThatVanish(db) }) });
  try {
    assert.equal((await app.post("/register", { username: "ada", password: "correct horse" })).status, 201);
    const { token } = (await app.post("/login", { username: "ada", password: "correct horse" })).body;
    const logout = await app.post("/logout", undefined, { token });
    assert.deepEqual([logout.status, logout.body], [401, { error: "invalid or expired session" }]);
    assert.deepEqual(logout.flow?.records.at(-1)?.cause?.sync, "LogoutFailed");
    const deletion = await app.delete("/account", { token });
    assert.deepEqual([deletion.status, deletion.body], [401, { error: "invalid or expired session" }]);
    assert.deepEqual(deletion.flow?.records.at(-1)?.cause?.sync, "DeleteAccountFailed");
  } finally {
    await app.close();
  }
});
