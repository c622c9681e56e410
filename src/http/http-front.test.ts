// The HTTP front, in-process: request fields reaching Requesting.request,
// respond and respondWith, fast failure with a diagnosis, timeouts, bad input
// that never reaches the engine, passthrough, CORS, concurrency.

import { test } from "node:test";
import assert from "node:assert/strict";
import { testApp } from "../testing/test-client.ts";
import { httpTestApp } from "./http-fixtures.ts";

test("body, query-string, route parameters and the Authorization token reach Requesting.request", async () => {
  const app = await testApp(httpTestApp);
  try {
    const echo = await app.post("/echo", { name: "ada" }, { headers: { authorization: "Token abc123" } });
    assert.equal(echo.status, 200);
    assert.deepEqual(echo.body, { method: "POST", name: "ada", token: "abc123" });
    const bearer = await app.request("PUT", "/echo?name=bob", { headers: { authorization: "Bearer xyz" } });
    assert.deepEqual(bearer.body, { method: "PUT", name: "bob", token: "xyz" });
    const article = await app.get("/articles/how-to-train?tag=dragons");
    assert.deepEqual(article.body, { slug: "how-to-train", tag: "dragons" });
    assert.equal(article.flow?.records[0]?.input.path, "/articles/:slug", "the syncs see the route template");
    const feed = await app.get("/articles/feed");
    assert.deepEqual(feed.body, { feed: true }, "a literal route wins over a template");
  } finally {
    await app.close();
  }
});

test("respond answers 200; respondWith sets the status and body; 204 has no body", async () => {
  const app = await testApp(httpTestApp);
  try {
    const created = await app.post("/register", { name: "ada", password: "pw" });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, { user: "u1" });
    const taken = await app.post("/register", { name: "ada", password: "pw" });
    assert.equal(taken.status, 409);
    assert.deepEqual(taken.body, { errors: { body: ["name ada is taken"] } });
    const removed = await app.delete("/thing");
    assert.equal(removed.status, 204);
    assert.equal(removed.text, "");
  } finally {
    await app.close();
  }
});

test("a request no sync listens on gets 404 at once, with a did-you-mean in development", async () => {
  const app = await testApp(httpTestApp);
  try {
    const started = performance.now();
    const res = await app.post("/registr", { name: "x", password: "y" });
    assert.ok(performance.now() - started < 5_000, "answered long before the timeout");
    assert.equal(res.status, 404);
    assert.equal(res.body.error, "No sync listens on POST /registr.");
    assert.ok(res.body.diagnosis.some((l: string) => l.includes("Did you mean (any method) /register?")), res.text);
  } finally {
    await app.close();
  }
});

test("a request lacking a field every listening sync needs gets 422 naming it (401 for the token)", async () => {
  const app = await testApp(httpTestApp, { mode: "production" });
  try {
    const missingKey = await app.post("/register", { name: "ada" });
    assert.equal(missingKey.status, 422);
    assert.equal(missingKey.body.error, "The request has no `password` field.");
    const noToken = await app.post("/echo", { name: "ada" });
    assert.equal(noToken.status, 401);
    assert.equal(noToken.body.error, "This request needs authentication: send the header Authorization: Token <token>.");
  } finally {
    await app.close();
  }
});

test("a request whose syncs do not answer gets 500 at once, with each sync's reason in development", async () => {
  const app = await testApp(httpTestApp);
  try {
    const missingKey = await app.post("/register", { name: "ada" });
    assert.equal(missingKey.status, 422);
    assert.match(missingKey.body.diagnosis.join("\n"), /Sync "Register": when #1 .* did not match: #1: Requesting\.request input has no `password`/);
    const zero = await app.post("/lookup", { name: "nobody" });
    assert.equal(zero.status, 500);
    assert.match(zero.body.diagnosis.join("\n"), /Sync "Unanswered": matched records #1, but its where clause left zero frames at step 1 \(query Users\._all: 1 → 0 frames\)/);
  } finally {
    await app.close();
  }
});

test("in production the body is generic and the diagnosis goes to the log", async () => {
  const lines: string[] = [];
  const app = await testApp(httpTestApp, { mode: "production", logLevel: "info" }, { log: (l) => lines.push(l) });
  try {
    const res = await app.post("/lookup", { name: "nobody" });
    assert.equal(res.status, 500);
    assert.deepEqual(Object.keys(res.body).sort(), ["error", "flow"]);
    assert.equal(res.body.error, "Internal Server Error");
    assert.ok(lines.some((l) => l.includes("where clause left zero frames")), "diagnosis logged");
    // Diagnosed from the settled flow the front holds: production keeps no settled flows.
    assert.equal(app.engine.recentFlows().length, 0);
    const missing = await app.get("/nowhere");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, "Not Found");
  } finally {
    await app.close();
  }
});

test("a slow action gets 504 at the route's timeout, with the diagnosis", async () => {
  const app = await testApp(httpTestApp, { routeTimeouts: { "POST /slow": 50 } });
  try {
    const res = await app.post("/slow", { ms: 400 });
    assert.equal(res.status, 504);
    assert.equal(res.body.error, "No sync answered POST /slow within 50 ms.");
    assert.match(res.body.diagnosis[0], /still running after 50 ms/);
    const fast = await app.post("/slow", { ms: 1 });
    assert.deepEqual(fast.body, { waited: 1 });
  } finally {
    await app.close();
  }
});

test("malformed JSON, a non-object body, a wrong content type and an oversized body are refused before the engine", async () => {
  const app = await testApp(httpTestApp, { bodyLimit: 64 });
  let records = 0;
  app.engine.on("record", () => records++);
  try {
    const malformed = await app.request("POST", "/echo", { rawBody: "{name:", headers: { "content-type": "application/json" } });
    assert.equal(malformed.status, 400);
    assert.match(malformed.body.error, /^Malformed JSON body: /);
    const array = await app.request("POST", "/echo", { rawBody: "[1]", headers: { "content-type": "application/json" } });
    assert.equal(array.status, 400);
    assert.match(array.body.error, /The JSON body must be an object/);
    const form = await app.request("POST", "/echo", { rawBody: "name=ada", headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(form.status, 415);
    const big = await app.post("/echo", { name: "x".repeat(200) });
    assert.equal(big.status, 413);
    const reserved = await app.post("/echo", { path: "/register" });
    assert.equal(reserved.status, 400);
    assert.match(reserved.body.error, /`path` is reserved/);
    assert.equal(records, 0, "the engine never ran");
  } finally {
    await app.close();
  }
});

test("a request answered twice sends the first answer and logs which syncs answered", async () => {
  const lines: string[] = [];
  const app = await testApp(httpTestApp, { logLevel: "info" }, { log: (l) => lines.push(l) });
  try {
    const res = await app.post("/twice", {});
    assert.deepEqual(res.body, { by: "A" });
    const second = res.flow?.records.find((r) => r.action === "respond" && r.cause?.sync === "TwiceB");
    assert.match(String(second?.output.error), /was already answered \(with status 200\)/);
    assert.ok(lines.some((l) => /POST \/twice was answered 2 times, by TwiceA, TwiceB/.test(l)), lines.join("\n"));
  } finally {
    await app.close();
  }
});

test("passthrough is off by default and on when listed with a justification", async () => {
  const off = await testApp(httpTestApp);
  try {
    const res = await off.post("/Users/register", { name: "a", password: "b" });
    assert.equal(res.status, 404);
    assert.ok(res.body.diagnosis.some((l: string) => l.includes("Users.register is not a passthrough route")));
  } finally {
    await off.close();
  }
  const lines: string[] = [];
  const on = await testApp(httpTestApp, { passthrough: { "Users.register": "seeding in demos", "Users._all": "public list" }, logLevel: "info" }, { log: (l) => lines.push(l) });
  try {
    assert.ok(lines.some((l) => l.includes("passthrough route POST /Users/register exposes the action Users.register")));
    const created = await on.post("/Users/register", { name: "a", password: "b" });
    assert.deepEqual(created.body, { user: "u1" });
    const all = await on.post("/Users/_all", {});
    assert.deepEqual(all.body, [{ user: "u1", name: "a" }]);
  } finally {
    await on.close();
  }
  await assert.rejects(testApp(httpTestApp, { passthrough: { "Users.nothing": "x y z" } }), /passthrough: "Users\.nothing" is not a method of an instrumented concept/);
  await assert.rejects(testApp(httpTestApp, { passthrough: { "Users.register": "" } }), /needs a justification/);
});

test("CORS preflight answers with the configured origin and credentials", async () => {
  const app = await testApp(httpTestApp, { cors: { origins: ["http://localhost:5173"], credentials: true } });
  try {
    const res = await app.request("OPTIONS", "/echo", {
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "http://localhost:5173");
    assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    assert.match(res.headers.get("access-control-allow-headers") ?? "", /Authorization/);
    const actual = await app.post("/echo", { name: "a" }, { headers: { origin: "http://localhost:5173" } });
    assert.equal(actual.headers.get("access-control-allow-origin"), "http://localhost:5173");
  } finally {
    await app.close();
  }
});

test("concurrent requests never see each other's flows", async () => {
  const app = await testApp(httpTestApp);
  try {
    const [slow, fast] = await Promise.all([app.post("/slow", { ms: 60 }), app.post("/slow", { ms: 5 })]);
    assert.deepEqual(slow.body, { waited: 60 });
    assert.deepEqual(fast.body, { waited: 5 });
    assert.notEqual(slow.flow?.id, fast.flow?.id);
    for (const res of [slow, fast]) assert.ok(res.flow?.records.every((r) => r.flow === res.flow?.id));
  } finally {
    await app.close();
  }
});

test("stored requests are off by default; when on, they are kept redacted with their status", async () => {
  const off = await testApp(httpTestApp);
  try {
    await off.post("/register", { name: "ada", password: "hunter22" });
    assert.deepEqual(await off.db.collection("Requesting.requests").find().toArray(), []);
  } finally {
    await off.close();
  }
  const on = await testApp(httpTestApp, { storeRequests: true });
  try {
    await on.post("/register", { name: "ada", password: "hunter22" });
    const stored = await on.db.collection("Requesting.requests").find().toArray();
    assert.equal(stored.length, 1);
    assert.deepEqual({ ...stored[0], _id: undefined, at: undefined, flow: undefined }, {
      _id: undefined,
      at: undefined,
      flow: undefined,
      method: "POST",
      path: "/register",
      input: { name: "ada", password: "[redacted]" },
      status: 201,
    });
  } finally {
    await on.close();
  }
});
