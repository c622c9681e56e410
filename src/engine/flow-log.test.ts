// The in-memory flow log: a ring bounded both in flows and in the records
// they hold, newest first, found by id.

import { test } from "node:test";
import assert from "node:assert/strict";
import type { ActionRecord, FlowTrace } from "./flow.ts";
import { MemoryFlowLog } from "./flow-log.ts";

function flow(id: string, records: number): FlowTrace {
  const rec = (i: number): ActionRecord => ({ id: i, flow: id, concept: "C", action: "a", input: {}, output: {}, cause: null, startedAt: 0, endedAt: 0 });
  return { id, startedAt: 0, endedAt: 0, records: Array.from({ length: records }, (_, i) => rec(i + 1)), runs: [], errors: [], warnings: [], stopped: null };
}

test("keeps the last `capacity` flows, newest first, and finds them by id", () => {
  const log = new MemoryFlowLog(3);
  for (const id of ["a", "b", "c", "d"]) log.settled(flow(id, 2));
  assert.deepEqual(log.recent().map((f) => f.id), ["d", "c", "b"]);
  assert.deepEqual(log.recent(2).map((f) => f.id), ["d", "c"]);
  assert.equal(log.get("b")?.id, "b");
  assert.equal(log.get("a"), undefined, "the oldest was dropped");
  assert.equal(log.size, 3);
});

test("holds at most `recordBudget` records between its flows, but always the newest flow", () => {
  const log = new MemoryFlowLog(200, 10);
  for (const id of ["a", "b", "c"]) log.settled(flow(id, 4));
  assert.deepEqual(log.recent().map((f) => f.id), ["c", "b"], "12 records > 10: the oldest flow goes");
  log.settled(flow("long", 50));
  assert.deepEqual(log.recent().map((f) => f.id), ["long"], "a flow over the budget on its own is still kept");
  log.settled(flow("e", 4));
  assert.deepEqual(log.recent().map((f) => f.id), ["e"]);
  assert.equal(log.size, 1);
});

test("an id given twice finds the newer flow; capacity 0 keeps nothing", () => {
  const log = new MemoryFlowLog(5);
  log.settled(flow("same", 1));
  log.settled(flow("same", 3));
  assert.equal(log.get("same")?.records.length, 3);
  const none = new MemoryFlowLog(0);
  none.settled(flow("x", 1));
  assert.equal(none.get("x"), undefined);
  assert.deepEqual(none.recent(), []);
});
