// Articles (docs/endpoints.md): list (filters by tag, author and favorited;
// auth optional), feed (followed authors), get, create, update and delete.
// An article is Articling's; its tags are Tagging's, its favorites
// Favoriting's, its comments Commenting's — so deleting it is a cascade.

import { actions, optional, type Frame, type Frames, type Sync, type Vars } from "ensemble";
import type { ConduitConcepts } from "../concepts.ts";
import { conduitChecks } from "./checks.ts";
import { unpack, validBody } from "./request-body.ts";
import { route } from "./route.ts";
import { articleJson, conduitViews } from "./views.ts";

export function articleSyncs(concepts: ConduitConcepts) {
  const { Requesting, Articling, Tagging, Favoriting, Commenting, Following, Profile } = concepts;
  const { signedIn, maybeSignedIn, articleBySlug, articleAuthor, paging } = conduitChecks(concepts);
  const view = conduitViews(concepts);
  const pagingFields = (v: Vars) => ({ limit: optional(v.limitText, "20"), offset: optional(v.offsetText, "0") });

  // ---------------------------------------------------------------- GET /articles?tag&author&favorited&limit&offset → 200 { articles, articlesCount }
  const listArticles = route(
    Requesting,
    "GET",
    "/articles",
    (v) => ({ token: optional(v.token), tag: optional(v.tag), author: optional(v.byAuthor), favorited: optional(v.favoritedBy), ...pagingFields(v) }),
    [maybeSignedIn, paging],
  );
  /**
   * Each filter given narrows the list: `authors` to the named author (none
   * when nobody has that name), `among` to the articles that carry the tag
   * and that the named user favorited. A filter not given narrows nothing.
   */
  async function filters(frames: Frames, v: Vars): Promise<Frames> {
    frames = await frames.gather(v.named, v.user, (one) => one.query(Profile._getByUsername, { username: v.byAuthor }, { user: v.user }));
    frames = await frames.gather(v.tagged, v.item, (one) => one.query(Tagging._getItems, { tag: v.tag }, { item: v.item }));
    frames = await frames.gather(v.liked, v.item, async (one) => {
      const fans = await one.query(Profile._getByUsername, { username: v.favoritedBy }, { user: v.fan });
      return fans.query(Favoriting._getItems, { user: v.fan }, { item: v.item });
    });
    const given = (filter: string, ids: string) => ($: Frame) => ($[v[filter]!] === null ? null : ($[v[ids]!] as string[]));
    return frames.let(v.authors, given("byAuthor", "named")).let(v.among, ($) => intersect(given("tag", "tagged")($), given("favoritedBy", "liked")($)));
  }
  const ListArticles: Sync = (v) => ({
    when: actions(listArticles.request(v)),
    where: async (frames) => view.articlePage(await filters(await listArticles.passing(frames, v), v), v),
    then: actions([Requesting.respond, { request: v.request, articles: v.articles, articlesCount: v.articlesCount }]),
  });

  // ---------------------------------------------------------------- GET /articles/feed?limit&offset → 200 { articles, articlesCount }
  const feed = route(Requesting, "GET", "/articles/feed", (v) => ({ token: v.token, ...pagingFields(v) }), [signedIn, paging]);
  const Feed: Sync = (v) => ({
    when: actions(feed.request(v)),
    where: async (frames) => {
      frames = await feed.passing(frames, v);
      frames = await frames.gather(v.authors, v.followee, (one) => one.query(Following._getFollowees, { follower: v.caller }, { followee: v.followee }));
      return view.articlePage(frames.let(v.among, () => null), v);
    },
    then: actions([Requesting.respond, { request: v.request, articles: v.articles, articlesCount: v.articlesCount }]),
  });

  // ---------------------------------------------------------------- GET /articles/:slug → 200 { article }
  const getArticle = route(Requesting, "GET", "/articles/:slug", (v) => ({ slug: v.slug, token: optional(v.token) }), [maybeSignedIn, articleBySlug]);
  const GetArticle: Sync = (v) => ({
    when: actions(getArticle.request(v)),
    where: async (frames) => view.article(await getArticle.passing(frames, v), v),
    then: actions([Requesting.respond, { request: v.request, article: articleJson(v) }]),
  });

  // ---------------------------------------------------------------- POST /articles { article: { title, description, body, tagList? } } → 201 { article }
  const createArticle = route(Requesting, "POST", "/articles", (v) => ({ token: v.token, article: v.input }), [
    signedIn,
    validBody({ name: "article", fields: { title: "required", description: "required", body: "required", tagList: "list" } }),
  ]);
  const CreateArticle: Sync = (v) => ({
    when: actions(createArticle.request(v)),
    where: async (frames) => unpack(await createArticle.passing(frames, v), v, { title: v.newTitle, description: v.newDescription, body: v.newBody }),
    then: actions([Articling.create, { author: v.caller, title: v.newTitle, description: v.newDescription, body: v.newBody }]),
  });
  const TagNewArticle: Sync = (v) => ({
    when: actions(createArticle.request(v), [Articling.create, {}, { article: v.article }]),
    where: (frames) => unpack(frames, v, { tagList: v.newTags }).let(v.newTags, ($) => $[v.newTags!] ?? []),
    then: actions([Tagging.setTags, { item: v.article, tags: v.newTags }]),
  });
  const ArticleCreated: Sync = (v) => ({
    when: actions(
      createArticle.request(v),
      [Articling.create, { author: v.caller }, { article: v.article }],
      [Tagging.setTags, { item: v.article }, { item: v.article }],
    ),
    where: (frames) => view.article(frames, v),
    then: actions([Requesting.respondWith, { request: v.request, status: 201, body: { article: articleJson(v) } }]),
  });

  // ---------------------------------------------------------------- PUT /articles/:slug { article: { title?, description?, body? } } → 200 { article }
  const updateArticle = route(Requesting, "PUT", "/articles/:slug", (v) => ({ slug: v.slug, token: v.token, article: v.input }), [
    signedIn,
    articleBySlug,
    articleAuthor,
    validBody({ name: "article", fields: { title: "optional", description: "optional", body: "optional" } }),
  ]);
  const UpdateArticle: Sync = (v) => ({
    when: actions(updateArticle.request(v)),
    where: async (frames) => unpack(await updateArticle.passing(frames, v), v, { title: v.newTitle, description: v.newDescription, body: v.newBody }),
    then: actions([Articling.update, { article: v.article, title: v.newTitle, description: v.newDescription, body: v.newBody }]),
  });
  const ArticleUpdated: Sync = (v) => ({
    when: actions(updateArticle.request(v), [Articling.update, {}, { article: v.article }]),
    where: async (frames) => view.article(await signedIn.pass(frames, v), v),
    then: actions([Requesting.respond, { request: v.request, article: articleJson(v) }]),
  });

  // ---------------------------------------------------------------- DELETE /articles/:slug → 204
  const deleteArticle = route(Requesting, "DELETE", "/articles/:slug", (v) => ({ slug: v.slug, token: v.token }), [signedIn, articleBySlug, articleAuthor]);
  const DeleteArticle: Sync = (v) => ({
    when: actions(deleteArticle.request(v)),
    where: (frames) => deleteArticle.passing(frames, v),
    then: actions([Articling.delete, { article: v.article }]),
  });
  const ArticleDeleted: Sync = (v) => ({
    when: actions(deleteArticle.request(v), [Articling.delete, {}, { article: v.article }]),
    then: actions([Requesting.respondWith, { request: v.request, status: 204 }]),
  });
  // Whoever deletes an article (this route or any other flow), what hangs on it goes with it.
  const ForgetDeletedArticle: Sync = ({ article }) => ({
    when: actions([Articling.delete, {}, { article }]),
    then: actions([Tagging.removeItem, { item: article }], [Favoriting.removeItem, { item: article }], [Commenting.removeTarget, { target: article }]),
  });

  return {
    ListArticlesRejected: listArticles.rejected,
    ListArticles,
    FeedRejected: feed.rejected,
    Feed,
    GetArticleRejected: getArticle.rejected,
    GetArticle,
    CreateArticleRejected: createArticle.rejected,
    CreateArticle,
    TagNewArticle,
    ArticleCreated,
    CreateArticleFailed: createArticle.failed(Articling.create),
    TagNewArticleFailed: createArticle.failed(Tagging.setTags),
    UpdateArticleRejected: updateArticle.rejected,
    UpdateArticle,
    ArticleUpdated,
    UpdateArticleFailed: updateArticle.failed(Articling.update),
    DeleteArticleRejected: deleteArticle.rejected,
    DeleteArticle,
    // Before ArticleDeleted: the article's tags, favorites and comments are gone by the time the client hears 204.
    ForgetDeletedArticle,
    ArticleDeleted,
    // A racing request deleted it between the checks and the delete.
    DeleteArticleFailed: deleteArticle.failed(Articling.delete, { status: 404, message: "article not found" }),
  };
}

/** The ids in every given list (null: no restriction); null when no list is given. */
function intersect(...lists: (readonly string[] | null)[]): string[] | null {
  const given = lists.filter((l): l is readonly string[] => l !== null);
  if (given.length === 0) return null;
  const [first, ...rest] = given;
  return (first ?? []).filter((id) => rest.every((l) => l.includes(id)));
}
