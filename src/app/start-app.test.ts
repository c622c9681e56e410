// End to end over real HTTP on 127.0.0.1: the same behaviours as the
// in-process tests, through a socket, plus health and graceful shutdown.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp } from "./start-app.ts";
import { httpTestApp } from "../http/http-fixtures.ts";

async function started() {
  const lines: string[] = [];
  const app = await startApp(
    httpTestApp,
    { port: 0, databaseUrl: "sqlite::memory:", logLevel: "info", routeTimeouts: { "POST /slow": 300 }, cors: { origins: ["http://localhost:5173"], credentials: true } },
    { env: {}, handleSignals: false, log: (l) => lines.push(l) },
  );
  return { app, lines };
}

test("over real HTTP: fields arrive, answers and failures come back, each with one log line", async () => {
  const { app, lines } = await started();
  try {
    assert.match(app.url, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
    assert.ok(lines.some((l) => l.startsWith(`Ensemble app "http-test" listening on ${app.url} (development, sqlite::memory:)`)));
    const echo = await fetch(`${app.url}/echo?name=ada`, { method: "POST", headers: { authorization: "Token t0k" } });
    assert.deepEqual(await echo.json(), { method: "POST", name: "ada", token: "t0k" });
    assert.ok(echo.headers.get("x-ensemble-flow"));
    const notFound = await fetch(`${app.url}/nope`);
    assert.equal(notFound.status, 404);
    const slow = await fetch(`${app.url}/slow`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ms: 2000 }) });
    assert.equal(slow.status, 504);
    const bad = await fetch(`${app.url}/echo`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    assert.equal(bad.status, 400);
    const preflight = await fetch(`${app.url}/echo`, { method: "OPTIONS", headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" } });
    assert.equal(preflight.headers.get("access-control-allow-origin"), "http://localhost:5173");
    const health = await fetch(app.url.replace(/\/api$/, "/health"));
    assert.deepEqual(await health.json(), { status: "ok" });
    assert.ok(lines.some((l) => /^POST \/api\/echo 200 [\d.]+ms flow=\S+$/.test(l)), lines.join("\n"));
    assert.ok(lines.some((l) => /^GET \/api\/nope 404 /.test(l)));
  } finally {
    await app.stop();
  }
});

test("stop lets an in-flight flow finish before closing, and refuses new connections", async () => {
  const { app } = await started();
  // Stop only once the request is inside the engine (its first action recorded), not after a guessed delay.
  const arrived = new Promise<void>((resolve) => app.engine.on("record", () => resolve()));
  const inFlight = fetch(`${app.url}/slow`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ms: 150 }) });
  await arrived;
  const stopping = app.stop();
  const res = await inFlight;
  assert.deepEqual(await res.json(), { waited: 150 });
  await stopping;
  await assert.rejects(fetch(`${app.url}/echo`), "the server no longer accepts connections");
});

test("over real HTTP: the body limit holds for a declared Content-Length and for a chunked body; CORS headers reach answers", async () => {
  const app = await startApp(
    httpTestApp,
    { port: 0, databaseUrl: "sqlite::memory:", logLevel: "off", bodyLimit: 64, cors: { origins: ["http://localhost:5173"], credentials: true } },
    { env: {}, handleSignals: false },
  );
  try {
    const json = { "content-type": "application/json" };
    const declared = await fetch(`${app.url}/echo`, { method: "POST", headers: json, body: JSON.stringify({ name: "x".repeat(200) }) });
    assert.equal(declared.status, 413);
    const bytes = new TextEncoder().encode(JSON.stringify({ name: "x".repeat(200) }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 100));
        controller.enqueue(bytes.slice(100));
        controller.close();
      },
    });
    const chunked = await fetch(`${app.url}/echo`, { method: "POST", headers: json, body, duplex: "half" } as RequestInit);
    assert.equal(chunked.status, 413);
    const small = await fetch(`${app.url}/echo`, { method: "POST", headers: { ...json, origin: "http://localhost:5173", authorization: "Token t0k" }, body: JSON.stringify({ name: "ada" }) });
    assert.equal(small.status, 200);
    assert.equal(small.headers.get("access-control-allow-origin"), "http://localhost:5173");
    assert.equal(small.headers.get("content-type"), "application/json; charset=utf-8");
    assert.ok(small.headers.get("x-ensemble-flow"));
    assert.deepEqual(await small.json(), { method: "POST", name: "ada", token: "t0k" });
  } finally {
    await app.stop();
  }
});
