// From an HTTP request to the input of `Requesting.request`: method, path
// (resolved against the route templates), route parameters, query-string
// fields, declared headers (the token of `Authorization: Token …` or
// `Bearer …`), and the JSON body's fields flattened at top level. Bad input
// is refused here (400, 415) so that nothing malformed reaches the engine.

import type { Context } from "hono";
import type { RouteTable } from "./route-table.ts";

/** A request the server refuses before the engine sees it. */
export class BadRequest extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Input fields the server sets itself; a client cannot supply them. */
const RESERVED = new Set(["method", "path", "request"]);

export interface InputOptions {
  readonly baseUrl: string;
  /** Input field ← request header (lower-case). `authorization` values lose their `Token `/`Bearer ` scheme. */
  readonly headers: Readonly<Record<string, string>>;
}

/** A request as the engine gets it: method, route path and fields. */
export interface RequestInput {
  readonly method: string;
  readonly path: string;
  readonly fields: Record<string, unknown>;
}

/**
 * The request's input; a promise only when there is a body to read (a GET or
 * HEAD is answered without one: an async function here cost every request a
 * promise and a suspension).
 */
export function readRequestInput(c: Context, routes: RouteTable, options: InputOptions): RequestInput | Promise<RequestInput> {
  const method = c.req.method.toUpperCase();
  // The URL arrives serialised (node-server and fetch's Request normalise it), so its path and
  // query are slices of the string: no URL object for every request.
  const url = c.req.url;
  const query = url.indexOf("?");
  const pathname = url.slice(url.indexOf("/", url.indexOf("//") + 2), query < 0 ? undefined : query);
  const raw = pathname.slice(options.baseUrl.length) || "/";
  const { path, params } = routes.resolve(raw);
  const fields: Record<string, unknown> = {};
  for (const k in params) addField(fields, k, params[k], "path");
  if (query >= 0) {
    const search = new URLSearchParams(url.slice(query + 1));
    for (const key of new Set(search.keys())) {
      const values = search.getAll(key);
      addField(fields, key, values.length === 1 ? values[0] : values, "query-string");
    }
  }
  for (const field in options.headers) {
    const header = options.headers[field] as string;
    const value = c.req.header(header);
    if (value === undefined || value === "") continue;
    addField(fields, field, header.toLowerCase() === "authorization" ? value.replace(/^(Token|Bearer)\s+/i, "").trim() : value, "header");
  }
  if (method === "GET" || method === "HEAD") return { method, path, fields };
  return withBody(c, { method, path, fields });
}

async function withBody(c: Context, input: RequestInput): Promise<RequestInput> {
  const body = await readJsonBody(c);
  if (body !== undefined) for (const [k, v] of Object.entries(body)) addField(input.fields, k, v, "body");
  return input;
}

function addField(fields: Record<string, unknown>, key: string, value: unknown, source: string): void {
  if (RESERVED.has(key)) throw new BadRequest(400, `The ${source} field \`${key}\` is reserved (the server sets method, path and request); rename it.`);
  if (Object.hasOwn(fields, key)) throw new BadRequest(400, `The field \`${key}\` is given twice (again in the ${source}); give it once.`);
  fields[key] = value;
}

async function readJsonBody(c: Context): Promise<Record<string, unknown> | undefined> {
  const text = await c.req.text();
  if (text.trim() === "") return undefined;
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new BadRequest(415, `Request bodies must be JSON (Content-Type: application/json), got ${type ? `"${type}"` : "no Content-Type"}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new BadRequest(400, `Malformed JSON body: ${e instanceof Error ? e.message : String(e)}.`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new BadRequest(400, `The JSON body must be an object (its fields become the request's fields), got ${Array.isArray(parsed) ? "an array" : String(parsed)}.`);
  }
  return parsed as Record<string, unknown>;
}
