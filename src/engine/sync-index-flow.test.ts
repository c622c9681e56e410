// The dispatch index's second split: listeners of an action grouped by the
// literal their other patterns require of the flow (a request's path), so a
// response sync of another route is never offered a record of this flow —
// and a listener that could match is never dropped.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions } from "./actions.ts";
import { compileSync } from "./compile-sync.ts";
import { loginSyncs, setup } from "./engine-fixtures.ts";
import type { ActionRecord } from "./flow.ts";
import { SyncIndex } from "./sync-index.ts";
import type { Sync } from "./sync.ts";

function requestRecord(id: number, path: string): ActionRecord {
  return { id, flow: "f", concept: "Requests", action: "request", input: { path }, output: { request: `r${id}` }, cause: null, startedAt: 0, endedAt: 0 };
}

function routes(app: ReturnType<typeof setup>, paths: readonly string[]): Record<string, Sync> {
  const { Requests, Sessions } = app;
  const out: Record<string, Sync> = {};
  for (const path of paths) {
    out[`Respond${path}`] = ({ request, session }) => ({
      when: actions([Requests.request, { path }, { request }], [Sessions.create, {}, { session }]),
      then: actions([Requests.respond, { request, session }]),
    });
  }
  out.AnyCreate = ({ session }) => ({
    when: actions([Sessions.create, {}, { session }]),
    then: actions([Requests.respond, { request: "audit", session }]),
  });
  return out;
}

test("a record reaches only the listeners its flow can satisfy, in registration order, plus unconstrained ones", () => {
  const app = setup();
  const index = new SyncIndex();
  index.add(Object.entries(routes(app, ["/a", "/b", "/c"])).map(([name, fn], i) => compileSync(name, fn, i)));
  const names = (byKey: Map<string, ActionRecord[]>) => index.lookupIn("Sessions.create", {}, byKey).map((l) => l.sync.name);

  assert.deepEqual(names(new Map()), ["AnyCreate"], "no request in the flow: only the sync that needs none");
  assert.deepEqual(names(new Map([["Requests.request", [requestRecord(1, "/b")]]])), ["Respond/b", "AnyCreate"]);
  assert.deepEqual(names(new Map([["Requests.request", [requestRecord(1, "/nowhere")]]])), ["AnyCreate"]);
  assert.deepEqual(
    names(new Map([["Requests.request", [requestRecord(1, "/c"), requestRecord(2, "/a")]]])),
    ["Respond/a", "Respond/c", "AnyCreate"],
    "several requests: every route present, still in registration order",
  );
  const many = Array.from({ length: 20 }, (_, i) => requestRecord(i + 1, "/nowhere"));
  assert.equal(names(new Map([["Requests.request", many]])).length, 4, "a long list of requests is not searched: the matcher decides");
  assert.deepEqual(
    index.lookup("Sessions.create", {}).map((l) => l.sync.name),
    ["Respond/a", "Respond/b", "Respond/c", "AnyCreate"],
    "lookup (diagnostics) still lists every listener",
  );
});

test("with a thousand other routes registered, a login flow fires exactly as with none", async () => {
  const run = async (others: number) => {
    const app = setup({ newFlowId: () => "flow" });
    app.engine.register(loginSyncs(app));
    app.engine.register(routes(app, Array.from({ length: others }, (_, i) => `/route/${i}`)));
    await app.Users.register({ name: "ada", password: "pw" });
    const { flow } = await app.engine.run(app.Requests.request, { path: "/login", name: "ada", password: "pw" });
    return flow.runs.map((r) => [r.sync, r.records, r.invoked]);
  };
  const none = await run(0);
  assert.deepEqual(none.map((r) => r[0]), ["Login", "CreateSession", "RespondLogin", "AnyCreate"]);
  assert.deepEqual(await run(1000), none);
});
