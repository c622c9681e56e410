// Profile: its operational principle and its error cases, on every backend.

import assert from "node:assert/strict";
import type { ID } from "ensemble";
import { conceptCases } from "ensemble/testing";
import { ProfileConcept } from "./profile.ts";

const ada = "user-ada" as ID;
const bob = "user-bob" as ID;
const t = await conceptCases((db) => new ProfileConcept(db));

t("principle: a registered username finds its user, with an empty bio and image, until renamed", async (profiles) => {
  assert.deepEqual(await profiles.register({ user: ada, username: "ada" }), { user: ada });
  assert.deepEqual(await profiles._getByUsername({ username: "ada" }), [{ user: ada, username: "ada", bio: null, image: null }]);
  assert.deepEqual(await profiles.update({ user: ada, username: "lovelace", bio: "counts" }), { user: ada });
  assert.deepEqual(await profiles._getByUsername({ username: "ada" }), []);
  assert.deepEqual(await profiles._getByUser({ user: ada }), [{ user: ada, username: "lovelace", bio: "counts", image: null }]);
});

t("a taken username is refused on register and on update; one's own is kept", async (profiles) => {
  await profiles.register({ user: ada, username: "ada" });
  await profiles.register({ user: bob, username: "bob" });
  assert.deepEqual(await profiles.register({ user: "user-eve" as ID, username: "ada" }), { error: 'username "ada" has already been taken', reason: "taken" });
  assert.deepEqual(await profiles.update({ user: bob, username: "ada" }), { error: 'username "ada" has already been taken', reason: "taken" });
  assert.deepEqual(await profiles.update({ user: ada, username: "ada" }), { user: ada });
  assert.equal((await profiles.register({ user: ada, username: "ada2" }) as { reason?: string }).reason, "taken", "one profile per user");
});

t("concurrent registrations of one username leave exactly one owner", async (profiles) => {
  const users = ["u1", "u2", "u3", "u4"] as ID[];
  const results = await Promise.all(users.map((user) => profiles.register({ user, username: "popular" })));
  assert.equal(results.filter((r) => !("error" in r)).length, 1);
});

t("update changes only the fields given; null clears the image", async (profiles) => {
  await profiles.register({ user: ada, username: "ada" });
  await profiles.update({ user: ada, bio: "first", image: "https://example.com/a.png" });
  await profiles.update({ user: ada, bio: "second" });
  assert.deepEqual((await profiles._getByUser({ user: ada }))[0], { user: ada, username: "ada", bio: "second", image: "https://example.com/a.png" });
  await profiles.update({ user: ada, image: null });
  assert.equal((await profiles._getByUser({ user: ada }))[0]?.image, null);
  assert.deepEqual(await profiles.update({ user: ada }), { user: ada }, "nothing to change is not an error");
});

t("blank or overlong usernames and non-string bios are invalid; an unknown user is not found", async (profiles) => {
  assert.deepEqual(await profiles.register({ user: ada, username: " " }), { error: "username can't be blank", reason: "invalid" });
  assert.equal((await profiles.register({ user: ada, username: "x".repeat(65) }) as { reason?: string }).reason, "invalid");
  await profiles.register({ user: ada, username: "ada" });
  assert.deepEqual(await profiles.update({ user: ada, username: "" }), { error: "username can't be blank", reason: "invalid" });
  assert.deepEqual(await profiles.update({ user: ada, bio: 42 as never }), { error: "bio must be a string or null", reason: "invalid" });
  assert.deepEqual(await profiles.update({ user: bob, bio: "hi" }), { error: "no such profile", reason: "not-found" });
  assert.deepEqual(await profiles._getByUsername({ username: null as never }), []);
});
