// The engine's list of live flows: found by id while their cascade runs,
// retired in whatever order they settle.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions } from "./actions.ts";
import { setup } from "./engine-fixtures.ts";
import type { Sync } from "./sync.ts";

test("flows in flight are found by id and retired in any order", async () => {
  let n = 0;
  const { engine, Requests, Counter } = setup({ newFlowId: () => `flow-${++n}` });
  // A flow waits on its own gate, so the test decides the order in which flows settle.
  const gates = new Map<string, () => void>();
  const Wait: Sync = ({ request }) => ({
    when: actions([Requests.request, { path: "/wait" }, { request }]),
    where: async (frames) => {
      await new Promise<void>((resolve) => gates.set(String(frames[0]?.[request as symbol]), resolve));
      return frames;
    },
    then: actions([Counter.increment, { by: 1 }]),
  });
  engine.register({ Wait });
  const handles = [1, 2, 3, 4].map(() => engine.invoke(Requests.request, { path: "/wait" }));
  await new Promise((r) => setImmediate(r));
  assert.equal(engine.liveFlows, 4);
  for (const h of handles) assert.equal(engine.flow(h.flowId)?.id, h.flowId);
  const settled = new Set<number>();
  for (const [i, request] of [[1, "req2"], [3, "req4"], [0, "req1"], [2, "req3"]] as const) {
    gates.get(request)?.();
    const { flow } = await (handles[i] as (typeof handles)[number]).settled;
    settled.add(i);
    assert.equal(flow.records.length, 2);
    assert.equal(engine.liveFlows, 4 - settled.size);
    handles.forEach((h, k) => {
      const found = engine.flow(h.flowId);
      assert.equal(found?.id, h.flowId);
      assert.equal(found?.endedAt === null, !settled.has(k), `${h.flowId} is ${settled.has(k) ? "settled" : "live"}`);
    });
  }
  assert.equal(engine.liveFlows, 0);
  for (const h of handles) assert.equal(engine.flow(h.flowId)?.id, h.flowId);
});
