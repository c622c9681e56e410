// The checks Conduit's routes share, in the order routes list them: who is
// calling (401), what the path names (404), whether the caller may act on it
// (403), and paging parameters (422). Each binds what later steps use:
// `caller`, `article`, `articleWriter`, `profileUser`, `comment`,
// `commentAuthor`, `limit`, `offset`
// (the variable names are listed in views.ts).

import { Frames } from "ensemble";
import type { ConduitConcepts } from "../concepts.ts";
import type { Check } from "./route.ts";

const fixed = (...messages: string[]) => (): string[] => messages;

export function conduitChecks({ Sessioning, Articling, Profile, Commenting }: ConduitConcepts) {
  /** A token naming a live session is required; binds `caller`. (No token at all: the runtime answers 401.) */
  const signedIn: Check = {
    status: 401,
    pass: (frames, v) => frames.query(Sessioning._getUser, { session: v.token }, { user: v.caller }),
    problems: fixed("the token is invalid or has expired"),
  };

  /** Auth is optional (`token: optional(token)`), but a token given must be valid; binds `caller`, null when anonymous. */
  const maybeSignedIn: Check = {
    status: 401,
    async pass(frames, v) {
      const token = v.token as symbol;
      const anonymous = frames.filter(($) => $[token] === null).let(v.caller, () => null);
      const known = await signedIn.pass(frames, v);
      return anonymous.length === 0 ? known : known.length === 0 ? anonymous : new Frames(...anonymous, ...known);
    },
    problems: fixed("the token is invalid or has expired"),
  };

  /** The article named by the path's `slug`; binds `article` and its author as `articleWriter`. */
  const articleBySlug: Check = {
    status: 404,
    pass: (frames, v) => frames.query(Articling._getBySlug, { slug: v.slug }, { article: v.article, author: v.articleWriter }),
    problems: fixed("article not found"),
  };

  /** Only the article's author may change or delete it. */
  const articleAuthor = callerIs("articleWriter", "only the author may change or delete this article");

  /** The user named by the path's `username` (bound as `name`); binds `profileUser`. */
  const profileByName: Check = {
    status: 404,
    pass: (frames, v) => frames.query(Profile._getByUsername, { username: v.name }, { user: v.profileUser }),
    problems: fixed("profile not found"),
  };

  /** The comment named by the path's `id`, on the article of the path; binds `comment` and `commentAuthor`. */
  const commentOnArticle: Check = {
    status: 404,
    async pass(frames, v) {
      frames = frames.let(v.comment, ($) => Number($[v.id as symbol]));
      return frames.query(Commenting._get, { comment: v.comment }, { target: v.article, author: v.commentAuthor });
    },
    problems: fixed("comment not found"),
  };

  /** Only the comment's author may delete it. */
  const commentAuthor = callerIs("commentAuthor", "only the author may delete this comment");

  /** `limit` (default 20) and `offset` (default 0) from the query string (as `limitText`, `offsetText`): whole numbers, limit at least 1. */
  const paging: Check = {
    status: 422,
    pass: (frames, v) =>
      frames
        .let(v.limit, ($) => wholeNumber($[v.limitText as symbol]))
        .let(v.offset, ($) => wholeNumber($[v.offsetText as symbol]))
        .filter(($) => ($[v.limit as symbol] as number) >= 1 && ($[v.offset as symbol] as number) >= 0),
    problems: fixed("limit must be a whole number from 1, offset a whole number from 0"),
  };

  return { signedIn, maybeSignedIn, articleBySlug, articleAuthor, profileByName, commentOnArticle, commentAuthor, paging };
}

/** A 403 check: the caller is the user bound to `owner`. */
function callerIs(owner: string, message: string): Check {
  return { status: 403, pass: (frames, v) => frames.filter(($) => $[v[owner] as symbol] === $[v.caller as symbol]), problems: fixed(message) };
}

/** A query-string number: "20" → 20; anything else (a list, "1.5", "x") → NaN. */
function wholeNumber(text: unknown): number {
  return typeof text === "string" && /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
}

export type ConduitChecks = ReturnType<typeof conduitChecks>;
