// Conduit end to end, profiles (docs/endpoints.md: Get Profile, Follow user,
// Unfollow user): GET /profiles/:username, POST and DELETE
// /profiles/:username/follow — shapes, `following` relative to the caller,
// idempotence, 401 and 404 — on SQLite and PostgreSQL.

import { eachBackend, expectError, expectKeys, expectProfile, expectStatus, follow, registerUser, uniqueName } from "./harness.ts";

await eachBackend("conduit profiles", async (t, { api }) => {
  const followPath = (username: string) => `/profiles/${encodeURIComponent(username)}/follow`;

  await t.test("GET /profiles/:username anonymously: 200 with {profile} of exactly username, bio, image, following=false", async () => {
    const jake = await registerUser(api);
    const res = await api.get(`/profiles/${jake.username}`);
    expectStatus(res, 200);
    expectKeys(res.body, ["profile"], "the response");
    expectProfile(res.body.profile, { username: jake.username, following: false });
  });

  await t.test("GET /profiles/:username shows the user's bio and image", async () => {
    const jake = await registerUser(api);
    expectStatus(await jake.api.put("/user", { user: { bio: "I work at statefarm", image: "https://api.realworld.io/images/smiley-cyrus.jpg" } }), 200);
    const res = await api.get(`/profiles/${jake.username}`);
    expectProfile(res.body.profile, {
      username: jake.username, bio: "I work at statefarm", image: "https://api.realworld.io/images/smiley-cyrus.jpg", following: false,
    });
  });

  await t.test("GET /profiles/:username of an unknown user is 404", async () => {
    expectError(await api.get(`/profiles/${uniqueName("nobody")}`), 404);
    const jake = await registerUser(api);
    expectError(await jake.api.get(`/profiles/${uniqueName("nobody")}`), 404);
  });

  await t.test("POST /profiles/:username/follow: 200 with {profile} following=true", async () => {
    const jake = await registerUser(api);
    const celeb = await registerUser(api);
    const res = await jake.api.post(followPath(celeb.username));
    expectStatus(res, 200);
    expectKeys(res.body, ["profile"], "the response");
    expectProfile(res.body.profile, { username: celeb.username, following: true });
  });

  await t.test("following is relative to the caller: true for the follower, false for others and anonymous", async () => {
    const jake = await registerUser(api);
    const other = await registerUser(api);
    const celeb = await registerUser(api);
    await follow(jake.api, celeb.username);
    expectProfile((await jake.api.get(`/profiles/${celeb.username}`)).body.profile, { username: celeb.username, following: true });
    expectProfile((await other.api.get(`/profiles/${celeb.username}`)).body.profile, { username: celeb.username, following: false });
    expectProfile((await api.get(`/profiles/${celeb.username}`)).body.profile, { username: celeb.username, following: false });
    // Following is one-way: the followed user does not follow back.
    expectProfile((await celeb.api.get(`/profiles/${jake.username}`)).body.profile, { username: jake.username, following: false });
  });

  await t.test("following twice is idempotent: 200 and still following", async () => {
    const jake = await registerUser(api);
    const celeb = await registerUser(api);
    await follow(jake.api, celeb.username);
    const again = await jake.api.post(followPath(celeb.username));
    expectStatus(again, 200);
    expectProfile(again.body.profile, { username: celeb.username, following: true });
    // One unfollow undoes it: the second follow did not count twice.
    expectStatus(await jake.api.delete(followPath(celeb.username)), 200);
    expectProfile((await jake.api.get(`/profiles/${celeb.username}`)).body.profile, { following: false });
  });

  await t.test("DELETE /profiles/:username/follow: 200 with {profile} following=false, seen afterwards", async () => {
    const jake = await registerUser(api);
    const celeb = await registerUser(api);
    await follow(jake.api, celeb.username);
    const res = await jake.api.delete(followPath(celeb.username));
    expectStatus(res, 200);
    expectKeys(res.body, ["profile"], "the response");
    expectProfile(res.body.profile, { username: celeb.username, following: false });
    expectProfile((await jake.api.get(`/profiles/${celeb.username}`)).body.profile, { username: celeb.username, following: false });
  });

  await t.test("unfollowing a user one does not follow is idempotent: 200 with following=false", async () => {
    const jake = await registerUser(api);
    const celeb = await registerUser(api);
    const res = await jake.api.delete(followPath(celeb.username));
    expectStatus(res, 200);
    expectProfile(res.body.profile, { username: celeb.username, following: false });
  });

  await t.test("one user's unfollow leaves another follower's following untouched", async () => {
    const jake = await registerUser(api);
    const other = await registerUser(api);
    const celeb = await registerUser(api);
    await follow(jake.api, celeb.username);
    await follow(other.api, celeb.username);
    expectStatus(await jake.api.delete(followPath(celeb.username)), 200);
    expectProfile((await other.api.get(`/profiles/${celeb.username}`)).body.profile, { following: true });
    expectProfile((await jake.api.get(`/profiles/${celeb.username}`)).body.profile, { following: false });
  });

  await t.test("follow and unfollow without a token are 401, with an invalid token 401", async () => {
    const celeb = await registerUser(api);
    expectError(await api.post(followPath(celeb.username)), 401);
    expectError(await api.delete(followPath(celeb.username)), 401);
    expectError(await api.as("not-a-valid-token").post(followPath(celeb.username)), 401);
    expectError(await api.as("not-a-valid-token").delete(followPath(celeb.username)), 401);
  });

  await t.test("follow and unfollow of an unknown user are 404", async () => {
    const jake = await registerUser(api);
    expectError(await jake.api.post(followPath(uniqueName("nobody"))), 404);
    expectError(await jake.api.delete(followPath(uniqueName("nobody"))), 404);
  });

  await t.test("following survives the followed user's rename", async () => {
    const jake = await registerUser(api);
    const celeb = await registerUser(api);
    await follow(jake.api, celeb.username);
    const renamed = uniqueName("renamed");
    expectStatus(await celeb.api.put("/user", { user: { username: renamed } }), 200);
    expectProfile((await jake.api.get(`/profiles/${renamed}`)).body.profile, { username: renamed, following: true });
  });
});
