// The auth app end to end over real HTTP, every route with success and each
// error, on SQLite and on PostgreSQL. No request may end in a timeout.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp } from "ensemble";
import { backends, freshDb } from "ensemble/testing";
import { authApp } from "./app.ts";

for (const backend of await backends()) {
  test(`auth app over HTTP [${backend.name}]`, { skip: backend.skip }, async (t) => {
    const fresh = await freshDb(backend.url);
    const lines: string[] = [];
    const app = await startApp(authApp, { port: 0, logLevel: "info", timeoutMs: 5_000 }, { env: {}, handleSignals: false, db: fresh.db, log: (l) => lines.push(l) });
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers["content-type"] = "application/json";
      if (token !== undefined) headers.authorization = `Token ${token}`;
      const res = await fetch(`${app.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      assert.notEqual(res.status, 504, `${method} ${path} timed out`);
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    try {
      let user = "";
      let token = "";
      await t.test("register: 201, then 409 when taken, 422 when invalid or missing", async () => {
        const ok = await call("POST", "/register", { username: "ada", password: "correct horse" });
        assert.equal(ok.status, 201);
        assert.equal(ok.body.username, "ada");
        user = ok.body.user;
        assert.equal((await call("POST", "/register", { username: "ada", password: "another one" })).status, 409);
        const short = await call("POST", "/register", { username: "bob", password: "short" });
        assert.deepEqual(short, { status: 422, body: { error: "the password must have at least 8 characters" } });
        const missing = await call("POST", "/register", { username: "bob" });
        assert.equal(missing.status, 422);
        assert.equal(missing.body.error, "The request has no `password` field.");
      });
      await t.test("login: 200 with a token; bad credentials 401; missing field 422", async () => {
        const ok = await call("POST", "/login", { username: "ada", password: "correct horse" });
        assert.equal(ok.status, 200);
        assert.equal(ok.body.user, user);
        assert.match(ok.body.token, /^[A-Za-z0-9_-]{43}$/);
        token = ok.body.token;
        assert.deepEqual(await call("POST", "/login", { username: "ada", password: "wrong horse" }), { status: 401, body: { error: "invalid username or password" } });
        assert.deepEqual(await call("POST", "/login", { username: "nobody", password: "correct horse" }), { status: 401, body: { error: "invalid username or password" } });
        assert.equal((await call("POST", "/login", { password: "x" })).status, 422);
      });
      await t.test("who-am-I: 200 with the token; 401 without it or with a bad one", async () => {
        assert.deepEqual(await call("GET", "/me", undefined, token), { status: 200, body: { user, username: "ada" } });
        const none = await call("GET", "/me");
        assert.equal(none.status, 401);
        assert.equal(none.body.error, "This request needs authentication: send the header Authorization: Token <token>.");
        assert.deepEqual(await call("GET", "/me", undefined, "forged"), { status: 401, body: { error: "invalid or expired session" } });
      });
      await t.test("change password: 403 with the wrong current one, 422 with a short new one, 200 otherwise", async () => {
        assert.equal((await call("PUT", "/password", { oldPassword: "wrong", newPassword: "new password!" }, token)).status, 403);
        assert.equal((await call("PUT", "/password", { oldPassword: "correct horse", newPassword: "short" }, token)).status, 422);
        assert.deepEqual(await call("PUT", "/password", { oldPassword: "correct horse", newPassword: "new password!" }, token), { status: 200, body: { user } });
        assert.equal((await call("POST", "/login", { username: "ada", password: "new password!" })).status, 200);
        assert.equal((await call("PUT", "/password", { oldPassword: "x", newPassword: "y" })).status, 401);
      });
      await t.test("logout: 204, after which the token is refused", async () => {
        assert.equal((await call("POST", "/logout", undefined, token)).status, 204);
        assert.equal((await call("GET", "/me", undefined, token)).status, 401);
        assert.equal((await call("POST", "/logout", undefined, token)).status, 401);
      });
      await t.test("delete account: 204, ending every session of the user", async () => {
        const a = (await call("POST", "/login", { username: "ada", password: "new password!" })).body.token;
        const b = (await call("POST", "/login", { username: "ada", password: "new password!" })).body.token;
        assert.equal((await call("DELETE", "/account", undefined, a)).status, 204);
        assert.equal((await call("GET", "/me", undefined, b)).status, 401, "the other session ended too");
        assert.equal((await call("POST", "/login", { username: "ada", password: "new password!" })).status, 401);
        assert.equal((await call("DELETE", "/account", undefined, a)).status, 401);
      });
      await t.test("an unknown route is 404", async () => {
        assert.equal((await call("GET", "/nope")).status, 404);
      });
      await t.test("no request was answered twice and no sync failed", () => {
        assert.deepEqual(lines.filter((l) => /answered \d+ times|sync error|warning/.test(l)), []);
      });
    } finally {
      await app.stop();
      await fresh.dispose();
    }
  });
}
