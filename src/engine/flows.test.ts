// Flows as a whole: the direct-call API, retirement from memory, tracing,
// why-not explanations and diagnoses, and logging with redaction.

import { test } from "node:test";
import assert from "node:assert/strict";
import { loginSyncs, setup } from "./engine-fixtures.ts";
import { formatFlowTree } from "./trace-tree.ts";
import { formatDiagnosis } from "./diagnose-flow.ts";

function loginApp(options: Parameters<typeof setup>[0] = {}) {
  const app = setup(options);
  app.engine.register(loginSyncs(app));
  return app;
}

test("invoke returns the flow id at once; run awaits the cascade and returns output and flow", async () => {
  const { engine, Requests, Users } = loginApp({ newFlowId: (() => { let i = 0; return () => `flow-${++i}`; })() });
  await Users.register({ name: "ada", password: "pw" });
  const handle = engine.invoke(Requests.request, { path: "/login", name: "ada", password: "pw" });
  assert.equal(handle.flowId, "flow-2");
  assert.equal(engine.liveFlows, 1);
  const { output, flow } = await handle.settled;
  assert.deepEqual(output, { request: "req1" });
  assert.equal(flow.records.length, 4);
  assert.equal(engine.liveFlows, 0);
  assert.equal(engine.flow("flow-2")?.records.length, 4, "the settled flow is retained for inspection");
});

test("calling an instrumented action directly awaits its whole cascade (template behaviour)", async () => {
  const { Requests, Users } = loginApp();
  const requests = (Requests as unknown as { responses: Map<string, unknown[]> }).responses;
  await Users.register({ name: "ada", password: "pw" });
  const out = await Requests.request({ path: "/login", name: "ada", password: "pw" });
  assert.deepEqual(requests.get(out.request), [{ request: out.request, session: "s1" }]);
});

test("live state stays bounded after 20 000 flows: settled flows retire, the retained ring is capped", async () => {
  const { engine, Requests, Users } = loginApp({ retainFlows: 100 });
  await Users.register({ name: "ada", password: "pw" });
  let maxLive = 0;
  for (let batch = 0; batch < 20_000 / 50; batch++) {
    const handles = Array.from({ length: 50 }, () => engine.invoke(Requests.request, { path: "/login", name: "ada", password: "pw" }));
    maxLive = Math.max(maxLive, engine.liveFlows);
    await Promise.all(handles.map((h) => h.settled));
  }
  assert.equal(engine.liveFlows, 0);
  assert.ok(maxLive <= 50, `at most the in-flight flows are live (saw ${maxLive})`);
  assert.equal(engine.recentFlows().length, 100);
  assert.equal(engine.flow(engine.recentFlows()[99]?.id ?? "")?.records.length, 4);
});

test("a flow reads back as a tree of records with the syncs that caused them", async () => {
  const { engine, Requests, Users } = loginApp();
  await Users.register({ name: "ada", password: "pw" });
  const { flow } = await engine.run(Requests.request, { path: "/login", name: "ada", password: "pw" });
  const text = formatFlowTree(flow);
  assert.match(text, /^flow \S+ \(4 actions, [\d.]+ ms\)/);
  assert.match(text, /#1 Requests\.request \{ path: "\/login", name: "ada", password: \[redacted\] \}/);
  assert.match(text, /\n  └ Login \[#1\] → #2 Users\.authenticate/);
  assert.match(text, /\n    └ CreateSession \[#1, #2\] → #3 Sessions\.create \{ user: "u1" \}/);
  assert.match(text, /\n      └ RespondLogin \[#1, #3\] → #4 Requests\.respond/);
  assert.doesNotMatch(text, /"pw"/);
  assert.match(text, /Sessions\.create \{ user: "u1" \} → \{ session: \[redacted\] \}/, "a session id is a bearer credential");
});

test("explain says which when pattern found no record, which key was missing or differed", async () => {
  const { engine, Requests, Users } = loginApp();
  const missing = await engine.run(Requests.request, { path: "/login", name: "ada" });
  assert.match(engine.explain(missing.flow.id, "Login").reason, /when #1 .* did not match: #1: Requests\.request input has no `password` \(it has `path`, `name`\)/);
  const typo = await engine.run(Requests.request, { path: "/logn", name: "a", password: "b" });
  assert.match(engine.explain(typo.flow.id, "Login").reason, /`path` is "\/logn", the pattern wants "\/login"/);
  const bad = await engine.run(Requests.request, { path: "/login", name: "nobody", password: "x" });
  assert.match(engine.explain(bad.flow.id, "CreateSession").reason, /Users\.authenticate returned \{ error: "invalid credentials" \}, which has no `user`/);
  assert.match(engine.explain(bad.flow.id, "RespondLogin").reason, /when #2 \[Sessions\.create, \{\}, \{ session \}\]: no such action happened/);
  await Users.register({ name: "ada", password: "pw" });
  const ok = await engine.run(Requests.request, { path: "/login", name: "ada", password: "pw" });
  assert.equal(engine.explain(ok.flow.id, "RespondLogin").status, "fired");
});

test("diagnose lists the listeners' reasons and the error no sync handled", async () => {
  const { engine, Requests } = loginApp();
  const { flow } = await engine.run(Requests.request, { path: "/login", name: "nobody", password: "x" });
  const d = engine.diagnose(flow.id);
  assert.deepEqual(d.listeners.map((l) => l.sync), ["Login", "CreateSession", "RespondLogin"]);
  assert.deepEqual(d.unhandledErrors.map((e) => e.action), ["Users.authenticate"]);
  const text = formatDiagnosis(d).join("\n");
  assert.match(text, /Users\.authenticate returned \{ error: "invalid credentials" \} \(invoked by sync Login\) and no sync handles it: add a sync whose when matches \[Users\.authenticate, \{\}, \{ error \}\]/);
});

test("trace logs one line per action, verbose adds frames, and secrets are redacted", async () => {
  const lines: string[] = [];
  const { engine, Requests, Users } = loginApp({ logLevel: "verbose", log: (l) => lines.push(l) });
  await Users.register({ name: "ada", password: "hunter2" });
  lines.length = 0;
  await engine.run(Requests.request, { path: "/login", name: "ada", password: "hunter2" });
  assert.equal(lines.filter((l) => /\] #\d /.test(l)).length, 4);
  assert.ok(lines.some((l) => /CreateSession: 1 frame\(s\) \{ user: "u1" \}/.test(l)), lines.join("\n"));
  assert.ok(lines.every((l) => !l.includes("hunter2")), "no password in any log line");
});

test("log level off prints nothing", async () => {
  const lines: string[] = [];
  const { engine, Requests } = loginApp({ logLevel: "off", log: (l) => lines.push(l) });
  await engine.run(Requests.request, { path: "/login", name: "x", password: "y" });
  assert.deepEqual(lines, []);
});
