// PendingAnswers: an answer reaches the waiting request once; a late answer
// is explained for at least the 10 000 requests closed after it, and memory
// stays bounded beyond that.

import { test } from "node:test";
import assert from "node:assert/strict";
import { PendingAnswers } from "./pending-answers.ts";

const ok = { status: 200, headers: {}, body: {} };

test("a late answer is explained while the request is among the last 10 000 closed, then forgotten", async () => {
  const answers = new PendingAnswers();
  const first = answers.wait("r0");
  assert.equal(answers.answer("r0", ok), undefined);
  assert.deepEqual(await first, ok);
  for (let i = 1; i <= 10_000; i++) {
    void answers.wait(`r${i}`);
    answers.answer(`r${i}`, ok);
  }
  assert.equal(answers.answer("r0", ok), "request r0 was already answered (with status 200); a request is answered once");
  answers.abandon("r1", "timeout");
  assert.match(answers.answer("r1", ok) ?? "", /already answered \(with status 200\)/, "abandoning an answered request changes nothing");
  for (let i = 10_001; i <= 30_000; i++) {
    void answers.wait(`r${i}`);
    answers.abandon(`r${i}`, "timeout");
  }
  assert.equal(answers.answer("r0", ok), "no request r0 is waiting for an answer");
  assert.equal(answers.answer("r30000", ok), "request r30000 was already answered (it timed out); a request is answered once");
  assert.equal(answers.size, 0);
});
