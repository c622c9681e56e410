// The dispatch index: a record reaches only the syncs whose literal for the
// discriminating key (here `path`) equals its own, plus the syncs that do
// not constrain that key, in registration order.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions } from "./actions.ts";
import { setup } from "./engine-fixtures.ts";
import type { Sync } from "./sync.ts";

test("a request reaches only the syncs for its path, plus path-agnostic ones, in order", async () => {
  const { engine, Requests } = setup();
  const syncs: Record<string, Sync> = {};
  for (let i = 0; i < 1000; i++) {
    syncs[`Other${i}`] = ({ request }) => ({
      when: actions([Requests.request, { path: `/other/${i}` }, { request }]),
      then: actions([Requests.respond, { request, i }]),
    });
  }
  syncs.AnyPath = ({ request }) => ({
    when: actions([Requests.request, {}, { request }]),
    then: actions([Requests.respond, { request, any: true }]),
  });
  syncs.Target = ({ request }) => ({
    when: actions([Requests.request, { path: "/target" }, { request }]),
    then: actions([Requests.respond, { request, target: true }]),
  });
  engine.register(syncs);
  assert.deepEqual(engine.listenersOf(Requests.request, { path: "/target" }).map((l) => l.sync.name), ["AnyPath", "Target"]);
  assert.deepEqual(engine.listenersOf(Requests.request, { path: "/other/7" }).map((l) => l.sync.name), ["Other7", "AnyPath"]);
  assert.deepEqual(engine.listenersOf(Requests.request, { path: "/nowhere" }).map((l) => l.sync.name), ["AnyPath"]);
  const { flow } = await engine.run(Requests.request, { path: "/target" });
  assert.deepEqual(flow.runs.map((r) => r.sync), ["AnyPath", "Target"]);
});

test("a sync with two patterns on the same action is listed once with both positions", () => {
  const { engine, Counter, Requests } = setup();
  const Pair: Sync = ({ a, b }) => ({
    when: actions([Counter.increment, { by: 1 }, { value: a }], [Counter.increment, {}, { value: b }]),
    then: actions([Requests.respond, { request: "r", a, b }]),
  });
  engine.register({ Pair });
  assert.deepEqual(engine.listenersOf(Counter.increment, { by: 1 }).map((l) => [l.sync.name, l.positions]), [["Pair", [0, 1]]]);
  assert.deepEqual(engine.listenersOf(Counter.increment, { by: 2 }).map((l) => [l.sync.name, l.positions]), [["Pair", [1]]]);
});

test("the discriminating key is the most selective literal: path, not method", () => {
  const { engine, Requests } = setup();
  const syncs: Record<string, Sync> = {};
  for (const path of ["/a", "/b", "/c", "/d"]) {
    syncs[`Post${path.slice(1)}`] = ({ request }) => ({
      when: actions([Requests.request, { method: "POST", path }, { request }]),
      then: actions([Requests.respond, { request }]),
    });
  }
  engine.register(syncs);
  assert.deepEqual(engine.listenersOf(Requests.request, { method: "POST", path: "/c" }).map((l) => l.sync.name), ["Postc"]);
});
