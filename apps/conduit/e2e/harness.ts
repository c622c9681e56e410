// The black-box harness for Conduit's end-to-end suite, written from the
// public RealWorld spec (../shared/realworld): starts the app on a fresh
// database per backend, talks to it over real HTTP with fetch, and checks
// responses against the spec's shapes and error format.

import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { startApp, type OpenedDb } from "ensemble";
import { backends, freshDb, type Backend } from "ensemble/testing";
import { conduitApp } from "../app.ts";

// ---------------------------------------------------------------- the server

export interface Conduit {
  /** e.g. http://127.0.0.1:PORT/api */
  readonly url: string;
  /** An anonymous client; `.as(token)` for an authenticated one. */
  readonly api: Api;
  /** Log lines that mean a broken flow: sync errors, warnings, double answers. */
  problems(): string[];
  stop(): Promise<void>;
}

/** Starts Conduit on `db` (which it does not close) on a free port. */
export async function startConduit(db: OpenedDb): Promise<Conduit> {
  const lines: string[] = [];
  const app = await startApp(
    conduitApp,
    { port: 0, logLevel: "info", timeoutMs: 5_000 },
    { env: {}, handleSignals: false, db, log: (line) => lines.push(line) },
  );
  return {
    url: app.url,
    api: new Api(app.url),
    problems: () => lines.filter((l) => /answered \d+ times|sync error|warning/i.test(l)),
    stop: () => app.stop(),
  };
}

/**
 * One top-level test per backend (SQLite, PostgreSQL), each on a fresh
 * database with its own server; `run` adds the area's subtests. A missing
 * PostgreSQL shows as a skipped test, never as a pass. Every group ends by
 * checking the server logged no broken flow.
 */
export async function eachBackend(
  area: string,
  run: (t: TestContext, conduit: Conduit, backend: Backend) => Promise<void>,
): Promise<void> {
  for (const backend of await backends()) {
    test(`${area} [${backend.name}]`, { skip: backend.skip }, async (t) => {
      const fresh = await freshDb(backend.url);
      try {
        const conduit = await startConduit(fresh.db);
        try {
          await run(t, conduit, backend);
          await t.test("the server logged no sync error, warning or double answer", () => {
            assert.deepEqual(conduit.problems(), []);
          });
        } finally {
          await conduit.stop();
        }
      } finally {
        await fresh.dispose();
      }
    });
  }
}

// ---------------------------------------------------------------- the client

export interface Res {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
  /** The parsed JSON body; undefined when the body is empty. */
  readonly body: any;
}

/** A client over real HTTP: JSON bodies, `Authorization: Token <token>`. */
export class Api {
  constructor(
    readonly base: string,
    readonly token?: string,
  ) {}

  /** The same server, as the holder of `token` (undefined: anonymous). */
  as(token: string | undefined): Api {
    return new Api(this.base, token);
  }

  get(path: string, query?: Record<string, string | number>): Promise<Res> {
    return this.request("GET", withQuery(path, query));
  }
  post(path: string, body?: unknown): Promise<Res> {
    return this.request("POST", path, body);
  }
  put(path: string, body?: unknown): Promise<Res> {
    return this.request("PUT", path, body);
  }
  delete(path: string): Promise<Res> {
    return this.request("DELETE", path);
  }

  async request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Res> {
    const headers: Record<string, string> = { accept: "application/json", ...extraHeaders };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.token !== undefined) headers.authorization = `Token ${this.token}`;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const contentType = res.headers.get("content-type");
    const where = `${method} ${path} → ${res.status}`;
    assert.notEqual(res.status, 504, `${where}: the request timed out: ${text}`);
    let parsed: unknown = undefined;
    if (text !== "") {
      // docs/api-response-format.md: "Make sure the right content type like
      // `Content-Type: application/json; charset=utf-8` is correctly returned."
      assert.match(contentType ?? "", /^application\/json\b/i, `${where}: Content-Type of a body must be application/json`);
      try {
        parsed = JSON.parse(text);
      } catch {
        assert.fail(`${where}: the body is not JSON: ${text.slice(0, 200)}`);
      }
    }
    return { method, path, status: res.status, contentType, text, body: parsed };
  }
}

function withQuery(path: string, query?: Record<string, string | number>): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) params.set(k, String(v));
  const qs = params.toString();
  return qs === "" ? path : `${path}?${qs}`;
}

// ---------------------------------------------------------------- assertions

function describe(res: Res): string {
  return `${res.method} ${res.path} → ${res.status} ${res.text.slice(0, 300)}`;
}

/** The status is `status`; the message shows the request and the body. */
export function expectStatus(res: Res, status: number): void {
  assert.equal(res.status, status, `expected ${status}: ${describe(res)}`);
}

/** A 204 with no body (openapi EmptyOkResponse: "No content"). */
export function expectNoContent(res: Res): void {
  expectStatus(res, 204);
  assert.equal(res.text, "", `a 204 has no body: ${describe(res)}`);
}

/**
 * An error with `status` in the spec's format {"errors":{"body":["…"]}}
 * (docs/error-handling.md, openapi GenericErrorModel), with at least one message.
 * The spec shows this body for 422; issue 6 requires it for 401/403/404 too.
 */
export function expectError(res: Res, status: number): void {
  expectStatus(res, status);
  assert.ok(res.body !== null && typeof res.body === "object", `an error has a JSON object body: ${describe(res)}`);
  const errors = res.body.errors;
  assert.ok(errors !== null && typeof errors === "object", `an error body has "errors": ${describe(res)}`);
  assert.ok(Array.isArray(errors.body), `"errors.body" is an array: ${describe(res)}`);
  assert.ok(errors.body.length >= 1, `"errors.body" has at least one message: ${describe(res)}`);
  for (const m of errors.body) assert.equal(typeof m, "string", `every message is a string: ${describe(res)}`);
}

/** Exactly these keys, no more, no fewer. */
export function expectKeys(value: unknown, keys: readonly string[], what: string): void {
  assert.ok(value !== null && typeof value === "object" && !Array.isArray(value), `${what} is an object: ${JSON.stringify(value)}`);
  assert.deepEqual(Object.keys(value).sort(), [...keys].sort(), `${what} has exactly the keys ${keys.join(", ")}`);
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 with milliseconds, like the spec's "2016-02-18T03:22:56.637Z". */
export function expectTimestamp(value: unknown, what: string): void {
  assert.equal(typeof value, "string", `${what} is a string`);
  assert.match(value as string, ISO_MS, `${what} is ISO 8601 with milliseconds`);
  assert.ok(!Number.isNaN(Date.parse(value as string)), `${what} parses as a date`);
}

function expectNullableString(value: unknown, what: string): void {
  // The spec's example user has "image": null while its schema says string:
  // a client must accept both, so both are allowed here.
  assert.ok(value === null || typeof value === "string", `${what} is a string or null, got ${JSON.stringify(value)}`);
}

export const USER_KEYS = ["email", "token", "username", "bio", "image"] as const;
export const PROFILE_KEYS = ["username", "bio", "image", "following"] as const;
export const ARTICLE_KEYS = [
  "slug", "title", "description", "body", "tagList", "createdAt", "updatedAt", "favorited", "favoritesCount", "author",
] as const;
/** docs/api-response-format.md (caution of 2024/08/16): list items carry no `body`. */
export const LIST_ITEM_KEYS = ARTICLE_KEYS.filter((k) => k !== "body");
export const COMMENT_KEYS = ["id", "createdAt", "updatedAt", "body", "author"] as const;

export interface ProfileExpect {
  username?: string;
  bio?: string | null;
  image?: string | null;
  following?: boolean;
}

/** A user object: the exact keys, a non-empty token, and any expected values. */
export function expectUser(user: unknown, expected: { email?: string; username?: string; bio?: string | null; image?: string | null } = {}): void {
  expectKeys(user, USER_KEYS, "user");
  const u = user as Record<string, unknown>;
  assert.equal(typeof u.email, "string", "user.email is a string");
  assert.equal(typeof u.username, "string", "user.username is a string");
  assert.equal(typeof u.token, "string", "user.token is a string");
  assert.ok((u.token as string).length > 0, "user.token is not empty");
  expectNullableString(u.bio, "user.bio");
  expectNullableString(u.image, "user.image");
  for (const [k, v] of Object.entries(expected)) assert.deepEqual(u[k], v, `user.${k}`);
}

/** A profile object (also an article's or comment's author). */
export function expectProfile(profile: unknown, expected: ProfileExpect = {}, what = "profile"): void {
  expectKeys(profile, PROFILE_KEYS, what);
  const p = profile as Record<string, unknown>;
  assert.equal(typeof p.username, "string", `${what}.username is a string`);
  expectNullableString(p.bio, `${what}.bio`);
  expectNullableString(p.image, `${what}.image`);
  assert.equal(typeof p.following, "boolean", `${what}.following is a boolean`);
  for (const [k, v] of Object.entries(expected)) assert.deepEqual(p[k], v, `${what}.${k}`);
}

export interface ArticleExpect {
  slug?: string;
  title?: string;
  description?: string;
  body?: string;
  tagList?: string[];
  favorited?: boolean;
  favoritesCount?: number;
  author?: ProfileExpect;
}

function expectArticleFields(article: unknown, keys: readonly string[], expected: ArticleExpect, what: string): void {
  expectKeys(article, keys, what);
  const a = article as Record<string, unknown>;
  for (const k of ["slug", "title", "description"]) assert.equal(typeof a[k], "string", `${what}.${k} is a string`);
  assert.ok((a.slug as string).length > 0, `${what}.slug is not empty`);
  assert.ok(Array.isArray(a.tagList), `${what}.tagList is an array`);
  for (const tag of a.tagList as unknown[]) assert.equal(typeof tag, "string", `${what}.tagList holds strings`);
  expectTimestamp(a.createdAt, `${what}.createdAt`);
  expectTimestamp(a.updatedAt, `${what}.updatedAt`);
  assert.equal(typeof a.favorited, "boolean", `${what}.favorited is a boolean`);
  assert.ok(Number.isInteger(a.favoritesCount) && (a.favoritesCount as number) >= 0, `${what}.favoritesCount is a non-negative integer`);
  const { author, ...rest } = expected;
  expectProfile(a.author, author ?? {}, `${what}.author`);
  for (const [k, v] of Object.entries(rest)) assert.deepEqual(a[k], v, `${what}.${k}`);
}

/** A single article (with `body`). */
export function expectArticle(article: unknown, expected: ArticleExpect = {}, what = "article"): void {
  expectArticleFields(article, ARTICLE_KEYS, expected, what);
  assert.equal(typeof (article as { body: unknown }).body, "string", `${what}.body is a string`);
}

/** An item of a list of articles: like an article but without `body`. */
export function expectListItem(item: unknown, expected: Omit<ArticleExpect, "body"> = {}, what = "articles[]"): void {
  expectArticleFields(item, LIST_ITEM_KEYS, expected, what);
}

/** A `{articles, articlesCount}` response: 200, exact shape, items checked; returns the items. */
export function expectArticleList(res: Res, articlesCount?: number): any[] {
  expectStatus(res, 200);
  expectKeys(res.body, ["articles", "articlesCount"], "the list response");
  assert.ok(Array.isArray(res.body.articles), "articles is an array");
  assert.ok(Number.isInteger(res.body.articlesCount), "articlesCount is an integer");
  res.body.articles.forEach((item: unknown, i: number) => expectListItem(item, {}, `articles[${i}]`));
  if (articlesCount !== undefined) assert.equal(res.body.articlesCount, articlesCount, `articlesCount: ${describe(res)}`);
  return res.body.articles;
}

/** A comment object. */
export function expectComment(comment: unknown, expected: { id?: number; body?: string; author?: ProfileExpect } = {}, what = "comment"): void {
  expectKeys(comment, COMMENT_KEYS, what);
  const c = comment as Record<string, unknown>;
  // openapi Comment.id: type integer.
  assert.ok(Number.isInteger(c.id), `${what}.id is an integer, got ${JSON.stringify(c.id)}`);
  assert.equal(typeof c.body, "string", `${what}.body is a string`);
  expectTimestamp(c.createdAt, `${what}.createdAt`);
  expectTimestamp(c.updatedAt, `${what}.updatedAt`);
  const { author, ...rest } = expected;
  expectProfile(c.author, author ?? {}, `${what}.author`);
  for (const [k, v] of Object.entries(rest)) assert.deepEqual(c[k], v, `${what}.${k}`);
}

/**
 * "ordered by most recent first" (docs/endpoints.md, List Articles): `items`
 * lists exactly `created` (given in creation order) newest first. Articles
 * created within the same millisecond carry equal createdAt and may come in
 * either order, so positions are compared by createdAt and membership by slug.
 */
export function expectNewestFirst(items: readonly { slug: string; createdAt: string }[], created: readonly { slug: string; createdAt: string }[]): void {
  const expected = [...created].reverse();
  assert.deepEqual(new Set(items.map((a) => a.slug)), new Set(expected.map((a) => a.slug)), "the list holds exactly the expected articles");
  assert.equal(items.length, expected.length, "no article is listed twice");
  assert.deepEqual(items.map((a) => a.createdAt), expected.map((a) => a.createdAt), "the articles come newest first");
  const createdAtOf = new Map(created.map((a) => [a.slug, a.createdAt]));
  for (const a of items) assert.equal(a.createdAt, createdAtOf.get(a.slug), `${a.slug} keeps its createdAt`);
}

// ---------------------------------------------------------------- helpers

let counter = 0;
/** A name no other test uses: lowercase letters and digits. */
export function uniqueName(prefix = "user"): string {
  counter += 1;
  return `${prefix}${counter}x${randomBytes(3).toString("hex")}`;
}

export interface Registered {
  readonly username: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
  /** A client acting as this user. */
  readonly api: Api;
}

/** Registers a new user (201 expected) and returns their credentials and a client. */
export async function registerUser(api: Api, fields: { username?: string; email?: string; password?: string } = {}): Promise<Registered> {
  const username = fields.username ?? uniqueName("user");
  const email = fields.email ?? `${username}@example.com`;
  const password = fields.password ?? `pw-${username}-secret`;
  const res = await api.as(undefined).post("/users", { user: { username, email, password } });
  expectStatus(res, 201);
  expectUser(res.body.user, { username, email });
  return { username, email, password, token: res.body.user.token, api: api.as(res.body.user.token) };
}

export interface NewArticle {
  title?: string;
  description?: string;
  body?: string;
  tagList?: string[];
}

export type Article = any;

/** Creates an article as the client's user (201 expected) and returns it. */
export async function createArticle(api: Api, fields: NewArticle = {}): Promise<Article> {
  const article: NewArticle = {
    title: fields.title ?? `A title ${uniqueName("t")}`,
    description: fields.description ?? "A description",
    body: fields.body ?? "A body",
  };
  if (fields.tagList !== undefined) article.tagList = fields.tagList;
  const res = await api.post("/articles", { article });
  expectStatus(res, 201);
  expectArticle(res.body.article);
  return res.body.article;
}

/** The client's user follows `username` (200 expected). */
export async function follow(api: Api, username: string): Promise<void> {
  const res = await api.post(`/profiles/${encodeURIComponent(username)}/follow`);
  expectStatus(res, 200);
  expectProfile(res.body.profile, { username, following: true });
}

/** The client's user favorites the article (200 expected). */
export async function favorite(api: Api, slug: string): Promise<void> {
  const res = await api.post(`/articles/${encodeURIComponent(slug)}/favorite`);
  expectStatus(res, 200);
  expectArticle(res.body.article, { slug, favorited: true });
}

/** Adds a comment as the client's user and returns it (openapi: 200 for CreateArticleComment). */
export async function addComment(api: Api, slug: string, body: string): Promise<any> {
  const res = await api.post(`/articles/${encodeURIComponent(slug)}/comments`, { comment: { body } });
  expectStatus(res, 200);
  expectComment(res.body.comment, { body });
  return res.body.comment;
}

/** `/articles/<slug>` with the slug escaped for a path. */
export function articlePath(slug: string, rest = ""): string {
  return `/articles/${encodeURIComponent(slug)}${rest}`;
}
