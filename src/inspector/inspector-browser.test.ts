// The inspector in a real browser (headless Chromium through playwright-core):
// requests appear as they are answered, a request opens its flow as a tree
// with the syncs that fired each action, an unanswered request shows why, and
// the app map counts firings. A screenshot of the flow view is saved to
// test-artifacts/. Skipped, with the reason, only when there is no Chromium.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { authApp } from "../../apps/auth/app.ts";
import { startApp } from "../app/start-app.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const unavailable = existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`;
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

test("the inspector in Chromium: live requests, a flow as a tree, why a request went unanswered, the app map", { skip: unavailable, timeout: 120_000 }, async () => {
  const app = await startApp(authApp, { port: 0, databaseUrl: "sqlite::memory:", logLevel: "off" }, { env: {}, handleSignals: false });
  const profile = mkdtempSync(join(tmpdir(), "ensemble-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
  const pageErrors: string[] = [];
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(app.url.replace(/\/api$/, "/_ensemble"));
    await page.waitForSelector("#live.on");
    assert.match(await page.textContent("#app-name") ?? "", /^auth · development · 24 syncs$/);

    const send = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${app.url}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, flow: res.headers.get("x-ensemble-flow") as string };
    };
    assert.equal((await send("POST", "/register", { username: "ada", password: "correct horse" })).status, 201);
    const login = await send("POST", "/login", { username: "ada", password: "correct horse" });
    const missing = await send("POST", "/login", { username: "ada" });
    assert.deepEqual([login.status, missing.status], [200, 422]);

    // Live: the three requests appear without a reload, newest first.
    await page.waitForFunction('document.querySelectorAll("#requests tbody tr").length === 3');
    const rows = await page.$$eval("#requests tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 3).map((td) => td.textContent)));
    assert.deepEqual(rows, [
      ["POST", "/api/login", "422"],
      ["POST", "/api/login", "200"],
      ["POST", "/api/register", "201"],
    ]);

    // A request opens its flow: each action, the sync that fired it, secrets redacted.
    await page.click(`#requests tr[data-flow="${login.flow}"]`);
    await page.waitForSelector(`#tree .node[data-action="Requesting.respond"]`);
    const actions = await page.$$eval("#tree .node", (nodes) => nodes.map((n) => n.getAttribute("data-action")));
    assert.deepEqual(actions, ["Requesting.request", "PasswordAuthentication.authenticate", "Sessioning.create", "Requesting.respond"]);
    const firedBy = await page.$$eval("#tree .via .sync", (els) => els.map((e) => e.textContent));
    assert.deepEqual(firedBy, ["Login", "CreateSessionOnLogin", "RespondWithSession"]);
    const content = await page.content();
    assert.ok(content.includes("[redacted]") && !content.includes("correct horse"), "the password is redacted");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "inspector-flow.png") });

    // The unanswered request: a banner, and the engine's explanation for each listening sync.
    await page.click(`#requests tr[data-flow="${missing.flow}"]`);
    await page.waitForSelector("#unanswered");
    assert.match(await page.textContent("#unanswered") ?? "", /No sync answered this request; the server answered 422 itself/);
    await page.click("#unanswered a");
    const login422 = await page.textContent('#diagnosis .explanation[data-sync="Login"]');
    assert.match(login422 ?? "", /pattern did not match/);
    assert.match(login422 ?? "", /Requesting\.request input has no `password`/);
    await page.selectOption("#explain-sync", "LoginFailed");
    await page.click("#explain-button");
    await page.waitForSelector('.explain-result .explanation[data-sync="LoginFailed"]');
    assert.match(await page.textContent(".explain-result") ?? "", /PasswordAuthentication\.authenticate, \{\}, \{ error \}\]: no such action happened in this flow/);
    await page.screenshot({ path: join(ARTIFACTS, "inspector-why-not.png"), fullPage: true });

    // The map: concepts as boxes, syncs as edges, with firing counts.
    await page.click('a[data-tab="map"]');
    await page.waitForSelector("#map-svg");
    const concepts = await page.$$eval("#map-svg .concept", (gs) => gs.map((g) => g.getAttribute("data-concept")));
    assert.deepEqual(new Set(concepts), new Set(["Requesting", "PasswordAuthentication", "Sessioning"]));
    assert.ok((await page.$$('#map-svg path.edge.fired[data-sync="CreateSessionOnLogin"]')).length > 0);
    const fired = await page.$$eval("#map-syncs tr", (trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute("data-sync"), tr.querySelector(".num")?.textContent])));
    assert.deepEqual([fired.Register, fired.Login, fired.RespondWithSession, fired.LoginFailed], ["1", "1", "1", "0"]);
    await page.screenshot({ path: join(ARTIFACTS, "inspector-map.png") });
    assert.deepEqual(pageErrors, []);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    await app.stop();
  }
});
