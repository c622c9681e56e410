// Profiles (docs/endpoints.md): get a profile (auth optional), follow and
// unfollow a user. `following` is always relative to the caller.

import { actions, optional, type Sync } from "ensemble";
import type { ConduitConcepts } from "../concepts.ts";
import { conduitChecks } from "./checks.ts";
import { route } from "./route.ts";
import { conduitViews, profileJson } from "./views.ts";

export function profileSyncs(concepts: ConduitConcepts) {
  const { Requesting, Following } = concepts;
  const { signedIn, maybeSignedIn, profileByName } = conduitChecks(concepts);
  const view = conduitViews(concepts);

  // ---------------------------------------------------------------- GET /profiles/:username → 200 { profile }
  const getProfile = route(Requesting, "GET", "/profiles/:username", (v) => ({ username: v.name, token: optional(v.token) }), [maybeSignedIn, profileByName]);
  const GetProfile: Sync = (v) => ({
    when: actions(getProfile.request(v)),
    where: async (frames) => view.profileOf(await getProfile.passing(frames, v), v),
    then: actions([Requesting.respond, { request: v.request, profile: profileJson(v) }]),
  });

  /**
   * POST and DELETE /profiles/:username/follow → 200 { profile }: the same
   * exchange with opposite actions — the caller (un)follows the user, and the
   * answer is the profile as they now see it.
   */
  function followRoute(method: "POST" | "DELETE", action: typeof Following.follow) {
    const follow = route(Requesting, method, "/profiles/:username/follow", (v) => ({ username: v.name, token: v.token }), [signedIn, profileByName]);
    const act: Sync = (v) => ({
      when: actions(follow.request(v)),
      where: (frames) => follow.passing(frames, v),
      then: actions([action, { follower: v.caller, followee: v.profileUser }]),
    });
    const answer: Sync = (v) => ({
      when: actions(follow.request(v), [action, { follower: v.caller }, { followee: v.profileUser }]),
      where: (frames) => view.profileOf(frames, v),
      then: actions([Requesting.respond, { request: v.request, profile: profileJson(v) }]),
    });
    return { rejected: follow.rejected, act, answer };
  }
  const follow = followRoute("POST", Following.follow);
  const unfollow = followRoute("DELETE", Following.unfollow);

  return {
    GetProfileRejected: getProfile.rejected,
    GetProfile,
    FollowRejected: follow.rejected,
    Follow: follow.act,
    Followed: follow.answer,
    UnfollowRejected: unfollow.rejected,
    Unfollow: unfollow.act,
    Unfollowed: unfollow.answer,
  };
}
