// PendingAnswers: an answer reaches the waiting request once; a late answer
// is explained for at least the 16 384 requests made after it, and memory
// stays bounded beyond that.

import { test } from "node:test";
import assert from "node:assert/strict";
import { PendingAnswers } from "./pending-answers.ts";

const ok = { status: 200, headers: {}, body: {} };

test("a late answer is explained while the request is among the last 16 384 made, then forgotten", async () => {
  const answers = new PendingAnswers();
  const r0 = answers.newRequest();
  const first = answers.wait(r0);
  assert.equal(answers.answer(r0, ok), undefined);
  assert.deepEqual(await first, ok);
  const r1 = answers.newRequest();
  void answers.wait(r1);
  answers.answer(r1, { ...ok, status: 201 });
  for (let i = 2; i < 16_384; i++) {
    const r = answers.newRequest();
    void answers.wait(r);
    answers.answer(r, ok);
  }
  assert.equal(answers.answer(r0, ok), `request ${r0} was already answered (with status 200); a request is answered once`);
  answers.abandon(r1, "timeout");
  assert.equal(answers.answer(r1, ok), `request ${r1} was already answered (with status 201); a request is answered once`, "abandoning an answered request changes nothing");
  let last = "";
  for (let i = 0; i < 20_000; i++) {
    last = answers.newRequest();
    void answers.wait(last);
    answers.abandon(last, i % 2 === 0 ? "settled" : "timeout");
  }
  assert.equal(answers.answer(r0, ok), `no request ${r0} is waiting for an answer`);
  assert.equal(answers.answer(last, ok), `request ${last} was already answered (it timed out); a request is answered once`);
  assert.equal(answers.size, 0);
});

test("ids are unique, ordered, UUID-shaped; ids it did not make are never mistaken for closed ones", () => {
  const answers = new PendingAnswers();
  const a = answers.newRequest();
  const b = answers.newRequest();
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.ok(a < b);
  void answers.wait("r0");
  answers.answer("r0", ok);
  assert.equal(answers.answer("r0", ok), "no request r0 is waiting for an answer");
  assert.equal(answers.answer(`zz${a.slice(2)}`, ok), `no request zz${a.slice(2)} is waiting for an answer`);
  assert.equal(answers.answer(b, ok), `no request ${b} is waiting for an answer`, "made but never waited on, so never closed");
  assert.equal(new PendingAnswers().answer(a, ok), `no request ${a} is waiting for an answer`, "another server's id");
});
