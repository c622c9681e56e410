// Conduit end to end, users and authentication (docs/endpoints.md:
// Registration, Authentication, Get Current User, Update User): POST /users,
// POST /users/login, GET /user, PUT /user — success, 401 and 422 — on SQLite
// and PostgreSQL.

import assert from "node:assert/strict";
import { eachBackend, expectError, expectKeys, expectProfile, expectStatus, expectUser, registerUser, uniqueName } from "./harness.ts";

await eachBackend("conduit users and authentication", async (t, { api }) => {
  // ---------------------------------------------------------- registration

  await t.test("POST /users registers: 201 with {user} of exactly email, token, username, bio, image", async () => {
    const username = uniqueName("jacob");
    const res = await api.post("/users", { user: { username, email: `${username}@jake.jake`, password: "jakejake" } });
    expectStatus(res, 201);
    expectKeys(res.body, ["user"], "the response");
    expectUser(res.body.user, { username, email: `${username}@jake.jake` });
  });

  await t.test("the token from registration authenticates GET /user", async () => {
    const jake = await registerUser(api);
    const res = await jake.api.get("/user");
    expectStatus(res, 200);
    expectUser(res.body.user, { username: jake.username, email: jake.email });
  });

  await t.test("registration requires email, username and password: 422 when one is missing", async () => {
    const username = uniqueName("missing");
    const full = { username, email: `${username}@example.com`, password: "a password" };
    for (const field of ["email", "username", "password"] as const) {
      const user: Record<string, string> = { ...full };
      delete user[field];
      expectError(await api.post("/users", { user }), 422);
    }
    // None of the refused attempts registered anyone.
    expectStatus(await api.post("/users", { user: full }), 201);
  });

  await t.test("registration refuses empty email, username or password: 422", async () => {
    const username = uniqueName("empty");
    const full = { username, email: `${username}@example.com`, password: "a password" };
    for (const field of ["email", "username", "password"] as const) {
      expectError(await api.post("/users", { user: { ...full, [field]: "" } }), 422);
    }
  });

  await t.test("registration without the {user} wrapper is 422", async () => {
    const username = uniqueName("bare");
    expectError(await api.post("/users", { username, email: `${username}@example.com`, password: "a password" }), 422);
  });

  await t.test("email is unique: registering a taken email is 422", async () => {
    const jake = await registerUser(api);
    const res = await api.post("/users", { user: { username: uniqueName("other"), email: jake.email, password: "a password" } });
    expectError(res, 422);
  });

  await t.test("username is unique: registering a taken username is 422", async () => {
    const jake = await registerUser(api);
    const res = await api.post("/users", { user: { username: jake.username, email: `${uniqueName("other")}@example.com`, password: "a password" } });
    expectError(res, 422);
  });

  // ---------------------------------------------------------- login

  await t.test("POST /users/login: 200 with {user} for the registered user, and a working token", async () => {
    const jake = await registerUser(api);
    const res = await api.post("/users/login", { user: { email: jake.email, password: jake.password } });
    expectStatus(res, 200);
    expectKeys(res.body, ["user"], "the response");
    expectUser(res.body.user, { username: jake.username, email: jake.email });
    const me = await api.as(res.body.user.token).get("/user");
    expectStatus(me, 200);
    expectUser(me.body.user, { username: jake.username, email: jake.email });
  });

  // A user signed in on two devices: a new login does not sign the other out.
  await t.test("tokens from registration and from each login all stay valid", async () => {
    const jake = await registerUser(api);
    const first = await api.post("/users/login", { user: { email: jake.email, password: jake.password } });
    const second = await api.post("/users/login", { user: { email: jake.email, password: jake.password } });
    for (const token of [jake.token, first.body.user.token, second.body.user.token]) {
      const me = await api.as(token).get("/user");
      expectStatus(me, 200);
      expectUser(me.body.user, { username: jake.username });
    }
  });

  // openapi /users/login lists 401 (Unauthorized) besides 422; 422 is for a
  // request that "fails any validations" (docs/error-handling.md), so wrong
  // credentials in a well-formed request are read as 401.
  await t.test("login with a wrong password is 401", async () => {
    const jake = await registerUser(api);
    expectError(await api.post("/users/login", { user: { email: jake.email, password: `${jake.password}-wrong` } }), 401);
  });

  await t.test("login with an unknown email is 401", async () => {
    expectError(await api.post("/users/login", { user: { email: `${uniqueName("nobody")}@example.com`, password: "a password" } }), 401);
  });

  await t.test("login requires email and password: 422 when one is missing or empty", async () => {
    const jake = await registerUser(api);
    expectError(await api.post("/users/login", { user: { password: jake.password } }), 422);
    expectError(await api.post("/users/login", { user: { email: jake.email } }), 422);
    expectError(await api.post("/users/login", { user: { email: "", password: jake.password } }), 422);
    expectError(await api.post("/users/login", { user: { email: jake.email, password: "" } }), 422);
    expectError(await api.post("/users/login", {}), 422);
  });

  // ---------------------------------------------------------- current user

  await t.test("GET /user: 200 with the current user, whose token works in turn", async () => {
    const jake = await registerUser(api);
    const res = await jake.api.get("/user");
    expectStatus(res, 200);
    expectKeys(res.body, ["user"], "the response");
    expectUser(res.body.user, { username: jake.username, email: jake.email });
    // Clients store the token they get back from GET /user.
    expectStatus(await api.as(res.body.user.token).get("/user"), 200);
  });

  await t.test("GET /user without a token is 401", async () => {
    expectError(await api.get("/user"), 401);
  });

  await t.test("GET /user with an invalid token is 401", async () => {
    expectError(await api.as("not-a-valid-token").get("/user"), 401);
    const jake = await registerUser(api);
    expectError(await api.as(`${jake.token}x`).get("/user"), 401);
  });

  // ---------------------------------------------------------- update user

  await t.test("PUT /user updates bio and image: 200 with the updated user, seen by GET /user and the profile", async () => {
    const jake = await registerUser(api);
    const res = await jake.api.put("/user", { user: { bio: "I like to skateboard", image: "https://i.stack.imgur.com/xHWG8.jpg" } });
    expectStatus(res, 200);
    expectKeys(res.body, ["user"], "the response");
    const expected = { username: jake.username, email: jake.email, bio: "I like to skateboard", image: "https://i.stack.imgur.com/xHWG8.jpg" };
    expectUser(res.body.user, expected);
    const me = await api.as(res.body.user.token).get("/user");
    expectStatus(me, 200);
    expectUser(me.body.user, expected);
    const profile = await api.get(`/profiles/${jake.username}`);
    expectStatus(profile, 200);
    expectProfile(profile.body.profile, { username: jake.username, bio: "I like to skateboard", image: "https://i.stack.imgur.com/xHWG8.jpg", following: false });
  });

  await t.test("PUT /user changes only the fields given", async () => {
    const jake = await registerUser(api);
    expectStatus(await jake.api.put("/user", { user: { bio: "first bio" } }), 200);
    const res = await jake.api.put("/user", { user: { image: "https://example.com/me.png" } });
    expectStatus(res, 200);
    expectUser(res.body.user, { username: jake.username, email: jake.email, bio: "first bio", image: "https://example.com/me.png" });
  });

  await t.test("PUT /user with the user's own current email is allowed", async () => {
    const jake = await registerUser(api);
    const res = await jake.api.put("/user", { user: { email: jake.email, bio: "same email" } });
    expectStatus(res, 200);
    expectUser(res.body.user, { email: jake.email, username: jake.username, bio: "same email" });
  });

  await t.test("PUT /user with the user's own current username is allowed", async () => {
    const jake = await registerUser(api);
    const res = await jake.api.put("/user", { user: { username: jake.username } });
    expectStatus(res, 200);
    expectUser(res.body.user, { email: jake.email, username: jake.username });
  });

  await t.test("PUT /user changes the email: login works with the new email only", async () => {
    const jake = await registerUser(api);
    const email = `${uniqueName("new")}@example.com`;
    const res = await jake.api.put("/user", { user: { email } });
    expectStatus(res, 200);
    expectUser(res.body.user, { email, username: jake.username });
    expectStatus(await api.post("/users/login", { user: { email, password: jake.password } }), 200);
    expectError(await api.post("/users/login", { user: { email: jake.email, password: jake.password } }), 401);
  });

  await t.test("PUT /user changes the username: the profile moves to the new name", async () => {
    const jake = await registerUser(api);
    const username = uniqueName("renamed");
    const res = await jake.api.put("/user", { user: { username } });
    expectStatus(res, 200);
    expectUser(res.body.user, { email: jake.email, username });
    expectProfile((await api.get(`/profiles/${username}`)).body.profile, { username });
    expectError(await api.get(`/profiles/${jake.username}`), 404);
    const me = await api.as(res.body.user.token).get("/user");
    expectUser(me.body.user, { username });
  });

  await t.test("PUT /user changes the password: login works with the new password only", async () => {
    const jake = await registerUser(api);
    expectStatus(await jake.api.put("/user", { user: { password: "a brand new password" } }), 200);
    const ok = await api.post("/users/login", { user: { email: jake.email, password: "a brand new password" } });
    expectStatus(ok, 200);
    expectUser(ok.body.user, { username: jake.username });
    expectError(await api.post("/users/login", { user: { email: jake.email, password: jake.password } }), 401);
  });

  await t.test("PUT /user to an email taken by another user is 422, and changes nothing", async () => {
    const jake = await registerUser(api);
    const other = await registerUser(api);
    expectError(await jake.api.put("/user", { user: { email: other.email, bio: "should not stick" } }), 422);
    const me = await jake.api.get("/user");
    expectUser(me.body.user, { email: jake.email });
    assert.notEqual(me.body.user.bio, "should not stick");
  });

  await t.test("PUT /user to a username taken by another user is 422", async () => {
    const jake = await registerUser(api);
    const other = await registerUser(api);
    expectError(await jake.api.put("/user", { user: { username: other.username } }), 422);
    expectUser((await jake.api.get("/user")).body.user, { username: jake.username });
  });

  await t.test("PUT /user refuses an empty email or username: 422", async () => {
    const jake = await registerUser(api);
    expectError(await jake.api.put("/user", { user: { email: "" } }), 422);
    expectError(await jake.api.put("/user", { user: { username: "" } }), 422);
    expectUser((await jake.api.get("/user")).body.user, { email: jake.email, username: jake.username });
  });

  // openapi UpdateUserRequest: "User details to update. At least **one** field is required."
  await t.test("PUT /user with no field at all is 422", async () => {
    const jake = await registerUser(api);
    expectError(await jake.api.put("/user", { user: {} }), 422);
  });

  await t.test("PUT /user without a token is 401, with an invalid token 401", async () => {
    expectError(await api.put("/user", { user: { bio: "anonymous" } }), 401);
    expectError(await api.as("not-a-valid-token").put("/user", { user: { bio: "forged" } }), 401);
  });
});
