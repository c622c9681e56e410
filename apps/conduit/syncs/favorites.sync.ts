// Favorites (docs/endpoints.md): favorite and unfavorite an article, both
// idempotent, each answered with the article as the caller now sees it.

import { actions, type Sync } from "ensemble";
import type { ConduitConcepts } from "../concepts.ts";
import { conduitChecks } from "./checks.ts";
import { route } from "./route.ts";
import { articleJson, conduitViews } from "./views.ts";

export function favoriteSyncs(concepts: ConduitConcepts) {
  const { Requesting, Favoriting } = concepts;
  const { signedIn, articleBySlug } = conduitChecks(concepts);
  const view = conduitViews(concepts);

  /**
   * POST and DELETE /articles/:slug/favorite → 200 { article }: the same
   * exchange with opposite actions — the caller (un)favorites the article,
   * and the answer is the article as they now see it.
   */
  function favoriteRoute(method: "POST" | "DELETE", action: typeof Favoriting.favorite) {
    const favorite = route(Requesting, method, "/articles/:slug/favorite", (v) => ({ slug: v.slug, token: v.token }), [signedIn, articleBySlug]);
    const act: Sync = (v) => ({
      when: actions(favorite.request(v)),
      where: (frames) => favorite.passing(frames, v),
      then: actions([action, { user: v.caller, item: v.article }]),
    });
    const answer: Sync = (v) => ({
      when: actions(favorite.request(v), [action, { user: v.caller }, { item: v.article }]),
      where: (frames) => view.article(frames, v),
      then: actions([Requesting.respond, { request: v.request, article: articleJson(v) }]),
    });
    return { rejected: favorite.rejected, act, answer };
  }
  const favorite = favoriteRoute("POST", Favoriting.favorite);
  const unfavorite = favoriteRoute("DELETE", Favoriting.unfavorite);

  return {
    FavoriteRejected: favorite.rejected,
    Favorite: favorite.act,
    Favorited: favorite.answer,
    UnfavoriteRejected: unfavorite.rejected,
    Unfavorite: unfavorite.act,
    Unfavorited: unfavorite.answer,
  };
}
