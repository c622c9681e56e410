// Following: its operational principle, idempotence and the anonymous case, on every backend.

import assert from "node:assert/strict";
import type { ID } from "ensemble";
import { conceptCases } from "ensemble/testing";
import { FollowingConcept } from "./following.ts";

const [ada, bob, eve] = ["ada", "bob", "eve"] as ID[] as [ID, ID, ID];
const t = await conceptCases((db) => new FollowingConcept(db));

t("principle: after a follows b, a follows b (and b not a), until a unfollows b", async (following) => {
  assert.deepEqual(await following.follow({ follower: ada, followee: bob }), { follower: ada, followee: bob });
  assert.deepEqual(await following._isFollowing({ follower: ada, followee: bob }), [{ following: true }]);
  assert.deepEqual(await following._isFollowing({ follower: bob, followee: ada }), [{ following: false }]);
  assert.deepEqual(await following._getFollowees({ follower: ada }), [{ followee: bob }]);
  assert.deepEqual(await following.unfollow({ follower: ada, followee: bob }), { follower: ada, followee: bob });
  assert.deepEqual(await following._isFollowing({ follower: ada, followee: bob }), [{ following: false }]);
  assert.deepEqual(await following._getFollowees({ follower: ada }), []);
});

t("follow and unfollow are idempotent, also when concurrent", async (following) => {
  await Promise.all([1, 2, 3].map(() => following.follow({ follower: ada, followee: bob })));
  assert.equal(await following.follows.countDocuments({}), 1);
  await following.unfollow({ follower: ada, followee: bob });
  assert.deepEqual(await following.unfollow({ follower: ada, followee: bob }), { follower: ada, followee: bob });
  assert.deepEqual(await following._isFollowing({ follower: ada, followee: bob }), [{ following: false }]);
});

t("an anonymous follower (null) follows no one; one user's follows leave another's alone", async (following) => {
  await following.follow({ follower: ada, followee: eve });
  await following.follow({ follower: bob, followee: eve });
  assert.deepEqual(await following._isFollowing({ follower: null, followee: eve }), [{ following: false }]);
  await following.unfollow({ follower: ada, followee: eve });
  assert.deepEqual(await following._isFollowing({ follower: bob, followee: eve }), [{ following: true }]);
});
