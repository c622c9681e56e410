// PasswordAuthentication: its operational principle and its error cases, on
// every backend.

import assert from "node:assert/strict";
import { conceptCases } from "../testing/concept-cases.ts";
import { PasswordAuthenticationConcept } from "./password-authentication.ts";

const t = await conceptCases((db) => new PasswordAuthenticationConcept(db));

t("principle: after registering, the same username and password authenticate as the same user", async (auth) => {
  const registered = await auth.register({ username: "ada", password: "correct horse" });
  assert.ok("user" in registered);
  assert.deepEqual(await auth.authenticate({ username: "ada", password: "correct horse" }), { user: registered.user });
  assert.deepEqual(await auth._getUserByUsername({ username: "ada" }), [{ user: registered.user }]);
  assert.deepEqual(await auth._getUsername({ user: registered.user }), [{ username: "ada" }]);
  assert.deepEqual(await auth._getUserByUsername({ username: undefined as never }), [], "no name names nobody");
});

t("a wrong password and an unknown username give the same error", async (auth) => {
  await auth.register({ username: "ada", password: "correct horse" });
  const wrongPassword = await auth.authenticate({ username: "ada", password: "wrong horse" });
  const unknownUser = await auth.authenticate({ username: "bob", password: "correct horse" });
  assert.deepEqual(wrongPassword, { error: "invalid username or password", reason: "credentials" });
  assert.deepEqual(unknownUser, wrongPassword);
});

t("the password is stored only as an argon2id hash", async (auth) => {
  await auth.register({ username: "ada", password: "correct horse" });
  const doc = await auth.users.findOne({ username: "ada" });
  assert.match(doc?.passwordHash ?? "", /^\$argon2id\$/);
  assert.ok(!JSON.stringify(doc).includes("correct horse"));
});

t("a taken username, and concurrent registrations of one name, yield exactly one user", async (auth) => {
  await auth.register({ username: "ada", password: "correct horse" });
  assert.deepEqual(await auth.register({ username: "ada", password: "other password" }), { error: 'the username "ada" is already taken', reason: "taken" });
  const racing = await Promise.all(Array.from({ length: 5 }, () => auth.register({ username: "bob", password: "password1" })));
  assert.equal(racing.filter((r) => "user" in r).length, 1);
  assert.equal(await auth.users.countDocuments({ username: "bob" }), 1);
});

t("missing or short fields are refused with a message naming the field", async (auth) => {
  assert.deepEqual(await auth.register({ username: "", password: "password1" }), { error: "a username is required", reason: "invalid" });
  assert.deepEqual(await auth.register({ username: "ada", password: "" }), { error: "a password is required", reason: "invalid" });
  assert.deepEqual(await auth.register({ username: "ada", password: "short" }), { error: "the password must have at least 8 characters", reason: "invalid" });
});

t("changePassword needs the current password; afterwards only the new one works", async (auth) => {
  const r = await auth.register({ username: "ada", password: "correct horse" });
  assert.ok("user" in r);
  assert.deepEqual(await auth.changePassword({ user: r.user, oldPassword: "nope", newPassword: "new password" }), { error: "the current password is wrong", reason: "wrong-password" });
  assert.deepEqual(await auth.changePassword({ user: r.user, oldPassword: "correct horse", newPassword: "new password" }), { user: r.user });
  assert.ok("error" in (await auth.authenticate({ username: "ada", password: "correct horse" })));
  assert.deepEqual(await auth.authenticate({ username: "ada", password: "new password" }), { user: r.user });
});

t("setPassword replaces the password without the current one; it must still be valid", async (auth) => {
  const r = await auth.register({ username: "ada", password: "correct horse" });
  assert.ok("user" in r);
  assert.deepEqual(await auth.setPassword({ user: r.user, password: "short" }), { error: "the password must have at least 8 characters", reason: "invalid" });
  assert.deepEqual(await auth.setPassword({ user: r.user, password: "new password" }), { user: r.user });
  assert.ok("error" in (await auth.authenticate({ username: "ada", password: "correct horse" })));
  assert.deepEqual(await auth.authenticate({ username: "ada", password: "new password" }), { user: r.user });
  assert.equal((await auth.setPassword({ user: "nobody" as never, password: "new password" }) as { reason?: string }).reason, "not-found");
});

t("changeUsername renames; a taken name is refused, one's own is kept, the old name no longer authenticates", async (auth) => {
  const ada = await auth.register({ username: "ada", password: "correct horse" });
  const bob = await auth.register({ username: "bob", password: "correct horse" });
  assert.ok("user" in ada && "user" in bob);
  assert.deepEqual(await auth.changeUsername({ user: ada.user, username: "bob" }), { error: 'the username "bob" is already taken', reason: "taken" });
  assert.deepEqual(await auth.changeUsername({ user: ada.user, username: "ada" }), { user: ada.user });
  assert.deepEqual(await auth.changeUsername({ user: ada.user, username: "" }), { error: "a username is required", reason: "invalid" });
  assert.deepEqual(await auth.changeUsername({ user: ada.user, username: "lovelace" }), { user: ada.user });
  assert.deepEqual(await auth.authenticate({ username: "lovelace", password: "correct horse" }), { user: ada.user });
  assert.ok("error" in (await auth.authenticate({ username: "ada", password: "correct horse" })));
  assert.equal((await auth.changeUsername({ user: "nobody" as never, username: "someone" }) as { reason?: string }).reason, "not-found");
});

t("maxUsernameLength bounds usernames (e-mail addresses need more than the default 64)", async (auth, db) => {
  const long = `${"a".repeat(70)}@example.com`;
  assert.deepEqual(await auth.register({ username: long, password: "correct horse" }), { error: "the username is longer than 64 characters", reason: "invalid" });
  const roomy = new PasswordAuthenticationConcept(db, { maxUsernameLength: 254, name: "Roomy" });
  assert.ok("user" in (await roomy.register({ username: long, password: "correct horse" })));
  assert.deepEqual(await roomy.changeUsername({ user: "x" as never, username: `${"a".repeat(255)}` }), { error: "the username is longer than 254 characters", reason: "invalid" });
});

t("deleteUser removes the user; deleting again is an error", async (auth) => {
  const r = await auth.register({ username: "ada", password: "correct horse" });
  assert.ok("user" in r);
  assert.deepEqual(await auth.deleteUser({ user: r.user }), { user: r.user });
  assert.deepEqual(await auth._getUsername({ user: r.user }), []);
  assert.ok("error" in (await auth.deleteUser({ user: r.user })));
});
