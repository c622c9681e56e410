// The inspector's server side: the page and its JSON API in development,
// nothing at all in production, and the live stream over real HTTP —
// including that an open inspector tab does not hold up shutdown.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp } from "../app/start-app.ts";
import { httpTestApp } from "../http/http-fixtures.ts";
import type { Explanation } from "../engine/index.ts";
import { testApp, type TestApp } from "../testing/test-client.ts";
import type { AppMap, SyncEdge } from "./app-map.ts";
import type { FlowView } from "./flow-view.ts";
import type { RequestEntry } from "./request-history.ts";

/** GET /_ensemble<path>; the body typed as the endpoint serves it (JSON), or text. */
async function inspect<B = { error: string }>(app: TestApp, path: string): Promise<{ status: number; type: string; body: B }> {
  const res = await app.fetch(new Request(`http://ensemble.test/_ensemble${path}`));
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, body: (type.includes("json") ? await res.json() : await res.text()) as B };
}

test("the inspector lists requests, serves each flow redacted as a tree, and explains why syncs did not fire", async () => {
  const app = await testApp(httpTestApp);
  try {
    const page = await inspect<string>(app, "");
    assert.equal(page.status, 200);
    assert.match(page.type, /text\/html/);
    assert.match(page.body, /<title>Ensemble inspector<\/title>/);
    assert.match((await inspect(app, "/assets/inspector.js")).type, /text\/javascript/);
    assert.equal((await inspect(app, "/assets/nope.js")).status, 404);

    const registered = await app.post("/register", { name: "ada", password: "hunter2" });
    const lookup = await app.post("/lookup", { name: "nobody" });
    assert.deepEqual([registered.status, lookup.status], [201, 500]);
    const regFlow = registered.flow?.id as string;
    const lookupFlow = lookup.flow?.id as string;

    const requests = (await inspect<RequestEntry[]>(app, "/api/requests")).body;
    assert.deepEqual(
      requests.map((r) => [r.seq, r.method, r.path, r.status, r.flow]),
      [
        [1, "POST", "/api/register", 201, regFlow],
        [2, "POST", "/api/lookup", 500, lookupFlow],
      ],
    );
    assert.ok(requests.every((r) => typeof r.durationMs === "number" && typeof r.at === "number"));
    assert.deepEqual((await inspect<RequestEntry[]>(app, "/api/requests?after=1")).body.map((r) => r.seq), [2]);

    const view = (await inspect<FlowView>(app, `/api/flows/${regFlow}`)).body;
    assert.equal(view.answered, true);
    assert.equal(view.request?.status, 201);
    assert.equal(view.flow.records[0]?.input.password, "[redacted]", "secrets never leave the server");
    assert.equal(view.flow.records[1]?.input.password, "[redacted]");
    assert.deepEqual(view.flow.records.map((r) => `${r.concept}.${r.action}`), ["Requesting.request", "Users.register", "Requesting.respondWith"]);
    assert.deepEqual(view.flow.records.map((r) => r.cause?.sync ?? null), [null, "Register", "RegisterResponse"]);
    assert.deepEqual(view.tree, [{ id: 1, children: [{ id: 2, children: [{ id: 3, children: [] }] }] }]);
    assert.equal((await inspect<FlowView>(app, `/api/flows/${regFlow.slice(0, 8)}`)).body.flow.id, regFlow, "a unique prefix finds the flow");

    const unanswered = (await inspect<FlowView>(app, "/api/flows/latest")).body;
    assert.equal(unanswered.flow.id, lookupFlow);
    assert.equal(unanswered.answered, false);
    const why = unanswered.diagnosis.listeners.find((l) => l.sync === "Unanswered");
    assert.equal(why?.status, "zero-frames");
    assert.match(why?.reason ?? "", /where clause left zero frames at step 1 \(query Users\._all: 1 → 0 frames\)/);

    const echo = (await inspect<Explanation>(app, `/api/flows/${lookupFlow}/explain/Echo`)).body;
    assert.equal(echo.status, "no-match");
    assert.match(echo.reason, /`path` is "\/lookup", the pattern wants "\/echo"/);
    assert.deepEqual(await inspect(app, `/api/flows/${lookupFlow}/explain/Nope`), { status: 404, type: "application/json", body: { error: 'No sync named "Nope" is registered in this app.' } });
    const missing = await inspect(app, "/api/flows/0000-no-such-flow");
    assert.equal(missing.status, 404);
    assert.match(missing.body.error, /No flow "0000-no-such-flow" is retained/);

    const map = (await inspect<AppMap>(app, "/api/map")).body;
    assert.equal(map.app, "http-test");
    const users = map.concepts.find((c) => c.name === "Users");
    assert.ok(users?.actions.includes("register") && users.queries.includes("_all"));
    const sync = (name: string): SyncEdge => map.syncs.find((s) => s.name === name) as SyncEdge;
    assert.deepEqual([sync("Register").fired, sync("RegisterResponse").fired, sync("Unanswered").matched, sync("Unanswered").fired], [1, 1, 1, 0]);
    assert.deepEqual(sync("RegisterResponse").when, ["Requesting.request", "Users.register"]);
    assert.deepEqual(sync("RegisterResponse").then, ["Requesting.respondWith"]);
    assert.ok(map.routes.some((r) => r.path === "/register"));
    assert.equal((await inspect(app, "/api/nothing-here")).status, 404);
  } finally {
    await app.close();
  }
});

test("in production, and with the inspector off, /_ensemble does not exist (404)", async () => {
  for (const settings of [{ mode: "production" as const }, { inspector: false }]) {
    const app = await testApp(httpTestApp, settings);
    try {
      assert.equal(app.config.inspector, false);
      await app.post("/register", { name: "ada", password: "pw" });
      for (const path of ["", "/", "/assets/inspector.js", "/api/requests", "/api/flows/latest", "/api/events"]) {
        assert.equal((await inspect(app, path)).status, 404, `${JSON.stringify(settings)}: /_ensemble${path}`);
      }
    } finally {
      await app.close();
    }
  }
});

test("the live stream sends each request as it is answered, and stopping the app ends it", async () => {
  const app = await startApp(httpTestApp, { port: 0, databaseUrl: "sqlite::memory:", logLevel: "off" }, { env: {}, handleSignals: false });
  const origin = app.url.replace(/\/api$/, "");
  const res = await fetch(`${origin}/_ensemble/api/events`);
  assert.match(res.headers.get("content-type") ?? "", /text\/event-stream/);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  const until = async (fragment: string): Promise<void> => {
    while (!text.includes(fragment)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before ${fragment}:\n${text}`);
      text += decoder.decode(value, { stream: true });
    }
  };
  await until("event: hello");
  await fetch(`${app.url}/echo?name=ada`, { method: "POST", headers: { authorization: "Token t0k" } });
  await until('"path":"/api/echo"');
  assert.match(text, /event: request\ndata: \{"seq":1,"method":"POST","path":"\/api\/echo","status":200,/);
  await app.stop();
  const rest = await reader.read().then(async function drain(r): Promise<boolean> {
    return r.done ? true : drain(await reader.read());
  });
  assert.equal(rest, true, "the stream ended when the app stopped");
});
