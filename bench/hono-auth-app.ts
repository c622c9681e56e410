// Benchmark 5's baseline: the auth app's login and who-am-I written by hand
// as a Hono app, the way a competent developer would without Ensemble. It
// calls the same concept classes on the same kind of store, validates the
// same things (1 MiB body limit, JSON content type, a JSON object, missing
// fields, the Authorization scheme) and answers with the same statuses and
// JSON bodies, so the benchmark compares the framework, not the work done.
// http-bench.ts checks that both servers answer a set of requests alike.

import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ID, PasswordAuthenticationConcept, SessioningConcept } from "ensemble";

const BODY_LIMIT = 1024 * 1024;
const NEEDS_AUTH = "This request needs authentication: send the header Authorization: Token <token>.";
const BAD_SESSION = "invalid or expired session";

export interface AuthConceptInstances {
  readonly auth: PasswordAuthenticationConcept;
  readonly sessions: SessioningConcept;
}

export function honoAuthApp({ auth, sessions }: AuthConceptInstances): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: BODY_LIMIT, onError: (c) => c.json({ error: `The request body exceeds the limit of ${BODY_LIMIT} bytes.` }, 413) });

  app.post("/api/login", limit, async (c) => {
    const body = await jsonObject(c);
    if (body instanceof Response) return body;
    const { username, password } = body;
    const missing = [username === undefined ? "username" : "", password === undefined ? "password" : ""].filter(Boolean);
    if (missing.length > 0) return c.json({ error: missingMessage(missing) }, 422);
    const result = await auth.authenticate({ username: username as string, password: password as string });
    if ("error" in result) return c.json({ error: result.error }, 401);
    const { session } = await sessions.create({ user: result.user });
    return c.json({ user: result.user, token: session });
  });

  app.get("/api/me", async (c) => {
    const header = c.req.header("authorization");
    if (!header) return c.json({ error: NEEDS_AUTH }, 401);
    const token = header.replace(/^(Token|Bearer)\s+/i, "").trim();
    const [session] = await sessions._getUser({ session: token as ID });
    if (!session) return c.json({ error: BAD_SESSION }, 401);
    const [name] = await auth._getUsername({ user: session.user });
    // A session whose user is gone: the Ensemble app leaves it unanswered, which is a 500 there too.
    if (!name) return c.json({ error: "Internal Server Error" }, 500);
    return c.json({ user: session.user, username: name.username });
  });

  app.notFound((c) => c.json({ error: "Not Found" }, 404));
  return app;
}

/** The request's JSON body as an object ({} when empty), or the 400/415 answer refusing it. */
async function jsonObject(c: Context): Promise<Record<string, unknown> | Response> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && !type.endsWith("+json")) {
    return c.json({ error: `Request bodies must be JSON (Content-Type: application/json), got ${type ? `"${type}"` : "no Content-Type"}.` }, 415);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return c.json({ error: `Malformed JSON body: ${e instanceof Error ? e.message : String(e)}.` }, 400);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return c.json({ error: `The JSON body must be an object (its fields become the request's fields), got ${Array.isArray(parsed) ? "an array" : String(parsed)}.` }, 400);
  }
  return parsed as Record<string, unknown>;
}

function missingMessage(fields: readonly string[]): string {
  const list = fields.map((f) => `\`${f}\``).join(", ");
  return fields.length === 1 ? `The request has no ${list} field.` : `The request is missing the fields ${list}.`;
}
