// `ensemble trace` against running servers (in-process, real HTTP): a flow
// as an indented tree with the syncs that fired each action, the latest by
// default, the diagnosis of an unanswered request, and a clear message when
// the flow, the inspector or the server is not there.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type AddressInfo } from "node:net";
import { authApp } from "../../apps/auth/app.ts";
import { startApp } from "../app/start-app.ts";
import { main } from "./main.ts";
import { bufferTerminal } from "./terminal.ts";

async function trace(args: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const term = bufferTerminal();
  const code = await main(["trace", ...args], { term, env: {}, cwd: process.cwd() });
  return { code, stdout: term.stdout, stderr: term.stderr };
}

test("trace prints a flow as a tree, the latest request's by default, with why it went unanswered", async () => {
  const app = await startApp(authApp, { port: 0, databaseUrl: "sqlite::memory:", logLevel: "off" }, { env: {}, handleSignals: false });
  const origin = app.url.replace(/\/api$/, "");
  const post = (path: string, body: unknown) => fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  try {
    await post("/register", { username: "ada", password: "correct horse" });
    const login = (await post("/login", { username: "ada", password: "correct horse" })).headers.get("x-ensemble-flow") as string;
    await post("/login", { username: "ada" });

    const tree = await trace([login.slice(0, 8), "--url", origin]);
    assert.equal(tree.code, 0, tree.stderr.join("\n"));
    const [request, head, ...records] = tree.stdout;
    assert.match(request ?? "", /^POST \/api\/login → 200 in [\d.]+ ms$/);
    assert.match(head ?? "", new RegExp(`^flow ${login} \\(4 actions, [\\d.]+ ms\\)$`));
    assert.deepEqual(
      records.map((l) => l.replace(/ \{.*$/, "")),
      ["#1 Requesting.request", "  └ Login [#1] → #2 PasswordAuthentication.authenticate", "    └ CreateSessionOnLogin [#1, #2] → #3 Sessioning.create", "      └ RespondWithSession [#1, #2, #3] → #4 Requesting.respond"],
    );
    assert.match(records[0] ?? "", /password: \[redacted\]/);
    assert.doesNotMatch(tree.stdout.join("\n"), /correct horse/);
    assert.deepEqual(tree.stderr, [`In the inspector: ${origin}/_ensemble#/flow/${login}`]);

    const latest = await trace(["--url", `${origin}/`]);
    assert.equal(latest.code, 0);
    assert.match(latest.stdout[0] ?? "", /^POST \/api\/login → 422 /);
    const why = latest.stdout.slice(latest.stdout.indexOf("No sync answered this request. Why:"));
    assert.ok(why.length > 1, latest.stdout.join("\n"));
    assert.match(why[1] ?? "", /^ {2}Sync "Login": when #1 \[Requesting\.request, .*\] did not match: #1: Requesting\.request input has no `password`/);

    const json = await trace([login, "--url", origin, "--json"]);
    assert.equal(JSON.parse(json.stdout.join("\n")).flow.id, login);

    const unknown = await trace(["zzzzzzzz", "--url", origin]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr.join("\n"), /No flow "zzzzzzzz" is retained/);
  } finally {
    await app.stop();
  }
});

test("trace with no server there says how to start one", async () => {
  // A port that was free a moment ago: nothing listens on it.
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const gone = await trace(["--url", `http://127.0.0.1:${port}`]);
  assert.equal(gone.code, 1);
  assert.deepEqual(gone.stderr, [`error Could not reach an Ensemble app at http://127.0.0.1:${port} (ECONNREFUSED). Start it in development (ensemble start), or pass its address with --url.`]);
});

test("trace against a production server says it has no inspector", async () => {
  const app = await startApp(authApp, { port: 0, databaseUrl: "sqlite::memory:", logLevel: "off", mode: "production" }, { env: {}, handleSignals: false });
  try {
    const run = await trace(["--url", app.url.replace(/\/api$/, "")]);
    assert.equal(run.code, 1);
    assert.match(run.stderr.join("\n"), /has no inspector: it runs in production mode or with inspector off/);
  } finally {
    await app.stop();
  }
});
