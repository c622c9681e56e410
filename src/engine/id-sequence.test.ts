import assert from "node:assert/strict";
import { test } from "node:test";
import { idSequence } from "./id-sequence.ts";

test("ids are UUID-shaped, distinct, in order, and differ between sequences", () => {
  const a = idSequence();
  const b = idSequence();
  const ids = Array.from({ length: 1000 }, a);
  assert.match(ids[0] ?? "", /^00000000-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, 1000);
  assert.deepEqual([...ids].sort(), ids);
  assert.notEqual(b(), ids[0]);
});
