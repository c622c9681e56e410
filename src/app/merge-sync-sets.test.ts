// Sync sets merged into one app: a name defined in two sets is an error
// naming it (it used to be resolved silently by whichever set came last).

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions, type Sync, type SyncSet } from "../engine/index.ts";
import { testApp } from "../testing/test-client.ts";
import { defineApp } from "./define-app.ts";
import { combineSyncSets } from "./merge-sync-sets.ts";

test("an app whose sync sets define one name twice does not start, and the error names the sync and the sets", async () => {
  const app = defineApp({
    name: "twice",
    concepts: () => ({}),
    syncs: ({ Requesting }) => {
      const ping = (answer: string): Sync => ({ request }) => ({
        when: actions([Requesting.request, { path: "/ping" }, { request }]),
        then: actions([Requesting.respond, { request, answer }]),
      });
      const sets: SyncSet[] = [{ Ping: ping("a") }, { Pong: ping("b") }, { Ping: ping("c") }];
      return sets;
    },
  });
  await assert.rejects(testApp(app), {
    code: "DUPLICATE_SYNC",
    message: 'App "twice": the sync sets returned by syncs() define "Ping" (sets 1 and 3) more than once. Sync names identify syncs in traces; rename one of each.',
  });
});

test("combining keeps the first definition of each name, in order", () => {
  const a: Sync = () => ({ when: [], then: [] });
  const b: Sync = () => ({ when: [], then: [] });
  const { syncs, duplicates } = combineSyncSets([{ A: a, B: b }, { A: b }]);
  assert.deepEqual(Object.keys(syncs), ["A", "B"]);
  assert.equal(syncs.A, a);
  assert.deepEqual(duplicates, [{ name: "A", sets: [1, 2] }]);
});
