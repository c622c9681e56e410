import assert from "node:assert/strict";
import { test } from "node:test";
import { IdSequence, idSequence } from "./id-sequence.ts";

test("ids are UUID-shaped, distinct, in order, and differ between sequences", () => {
  const a = idSequence();
  const b = idSequence();
  const ids = Array.from({ length: 1000 }, a);
  assert.match(ids[0] ?? "", /^00000000-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, 1000);
  assert.deepEqual([...ids].sort(), ids);
  assert.notEqual(b(), ids[0]);
});

test("a sequence reads back the counter of its own ids only", () => {
  const seq = new IdSequence();
  const other = new IdSequence();
  const ids = Array.from({ length: 300 }, () => seq.next());
  assert.equal(seq.numberOf(ids[0] as string), 0);
  assert.equal(seq.numberOf(ids[299] as string), 299);
  assert.equal(seq.numberOf(other.next()), undefined, "another sequence's id");
  assert.equal(seq.numberOf(`${"0".repeat(5)}12c${(ids[0] as string).slice(8)}`), undefined, "a counter not issued yet");
  assert.equal(seq.numberOf("r0"), undefined);
  assert.equal(seq.numberOf(`zz${(ids[0] as string).slice(2)}`), undefined);
});
