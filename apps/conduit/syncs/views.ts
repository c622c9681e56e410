// What Conduit answers with: the spec's user, profile, article and comment
// objects, each gathered from several concepts by `where` steps and written
// as a template of variables that `then` (or `gather`) fills in.
//
// The steps bind variables by fixed names, so a sync must not use these
// names for anything else (a name bound twice must hold the same value):
//   caller        the user making the request (null when anonymous)
//   token         the session id presented or created
//   email, username, bio, image                      the user (user view)
//   profileUser, username, bio, image, following     a profile (profile view)
//   article, articleSlug, title, description, body, tagList, createdAt,
//   updatedAt, favorited, favoritesCount             an article
//   authorUser, authorName, authorBio, authorImage, following   its author
//   comment, commentBody, commentCreatedAt, commentUpdatedAt    a comment
// Request fields therefore come in under other names (`slug`, `name`, `input`,
// `byAuthor`, `favoritedBy` …) and body fields as `new…`.

import type { Frames, VarRef, Vars } from "ensemble";
import type { ConduitConcepts } from "../concepts.ts";

/** The variables of one profile as seen by `caller`. */
interface ProfileVars {
  readonly user: VarRef;
  readonly caller: VarRef;
  readonly username: VarRef;
  readonly bio: VarRef;
  readonly image: VarRef;
  readonly following: VarRef;
}

export function conduitViews({ PasswordAuthentication, Profile, Following, Articling, Tagging, Favoriting, Commenting }: ConduitConcepts) {
  /** The user `caller`: binds email, username, bio and image. */
  async function user(frames: Frames, v: Vars): Promise<Frames> {
    frames = await frames.query(PasswordAuthentication._getUsername, { user: v.caller }, { username: v.email });
    return frames.query(Profile._getByUser, { user: v.caller }, { username: v.username, bio: v.bio, image: v.image });
  }

  /** A profile as `caller` sees it: whether they follow it. */
  async function profile(frames: Frames, p: ProfileVars): Promise<Frames> {
    frames = await frames.query(Profile._getByUser, { user: p.user }, { username: p.username, bio: p.bio, image: p.image });
    return frames.query(Following._isFollowing, { follower: p.caller, followee: p.user }, { following: p.following });
  }

  /** The profile at `profileUser`. */
  const profileOf = (frames: Frames, v: Vars) =>
    profile(frames, { user: v.profileUser, caller: v.caller, username: v.username, bio: v.bio, image: v.image, following: v.following });

  /** What an article row does not hold: its tags, its favorites (as `caller` sees them) and its author's profile. */
  async function articleDetails(frames: Frames, v: Vars): Promise<Frames> {
    frames = await frames.query(Tagging._getTags, { item: v.article }, { tags: v.tagList });
    frames = await frames.query(Favoriting._countFor, { item: v.article }, { count: v.favoritesCount });
    frames = await frames.query(Favoriting._isFavorited, { user: v.caller, item: v.article }, { favorited: v.favorited });
    return author(frames, v);
  }

  /** The article `article`, in full. */
  async function article(frames: Frames, v: Vars): Promise<Frames> {
    frames = await frames.query(Articling._get, { article: v.article }, {
      slug: v.articleSlug, title: v.title, description: v.description, body: v.body, author: v.authorUser, createdAt: v.createdAt, updatedAt: v.updatedAt,
    });
    return articleDetails(frames, v);
  }

  /**
   * One page of the articles that pass the filter bound to `authors` and
   * `among` (null: any), newest first: binds `articles` (list items, without
   * body) and `articlesCount` (all matches, before paging).
   */
  async function articlePage(frames: Frames, v: Vars): Promise<Frames> {
    frames = await frames.query(Articling._count, { authors: v.authors, among: v.among }, { count: v.articlesCount });
    return frames.gather(v.articles, articleItemJson(v), async (one) => {
      const rows = await one.query(Articling._list, { authors: v.authors, among: v.among, offset: v.offset, limit: v.limit }, {
        article: v.article, slug: v.articleSlug, title: v.title, description: v.description, author: v.authorUser, createdAt: v.createdAt, updatedAt: v.updatedAt,
      });
      return articleDetails(rows, v);
    });
  }

  /** The author (`authorUser`) of an article or a comment, as `caller` sees them. */
  const author = (frames: Frames, v: Vars) =>
    profile(frames, { user: v.authorUser, caller: v.caller, username: v.authorName, bio: v.authorBio, image: v.authorImage, following: v.following });

  /** The comment `comment`. */
  async function comment(frames: Frames, v: Vars): Promise<Frames> {
    frames = await frames.query(Commenting._get, { comment: v.comment }, { author: v.authorUser, body: v.commentBody, createdAt: v.commentCreatedAt, updatedAt: v.commentUpdatedAt });
    return author(frames, v);
  }

  /** Every comment on `article`, newest first: binds `comments`. */
  const comments = (frames: Frames, v: Vars) =>
    frames.gather(v.comments, commentJson(v), async (one) => {
      const rows = await one.query(Commenting._getForTarget, { target: v.article }, {
        comment: v.comment, author: v.authorUser, body: v.commentBody, createdAt: v.commentCreatedAt, updatedAt: v.commentUpdatedAt,
      });
      return author(rows, v);
    });

  return { user, profileOf, article, articlePage, comment, comments };
}

export type ConduitViews = ReturnType<typeof conduitViews>;

/** `{ user }` of the spec (the token is the one presented or just created). */
export const userJson = (v: Vars) => ({ email: v.email, token: v.token, username: v.username, bio: v.bio, image: v.image });

/** `{ profile }` of the spec. */
export const profileJson = (v: Vars) => ({ username: v.username, bio: v.bio, image: v.image, following: v.following });

const authorJson = (v: Vars) => ({ username: v.authorName, bio: v.authorBio, image: v.authorImage, following: v.following });

/** `{ article }` of the spec. */
export const articleJson = (v: Vars) => ({
  slug: v.articleSlug,
  title: v.title,
  description: v.description,
  body: v.body,
  tagList: v.tagList,
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
  favorited: v.favorited,
  favoritesCount: v.favoritesCount,
  author: authorJson(v),
});

/** An article in a list: everything but the body (docs: since 2024/08/16, lists carry no body). */
export const articleItemJson = (v: Vars) => {
  const { body: _body, ...item } = articleJson(v);
  return item;
};

/** `{ comment }` of the spec. */
export const commentJson = (v: Vars) => ({ id: v.comment, createdAt: v.commentCreatedAt, updatedAt: v.commentUpdatedAt, body: v.commentBody, author: authorJson(v) });
