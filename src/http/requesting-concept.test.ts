// Requesting: respond and respondWith deliver an answer once; a status or a
// header that could not be sent is the answering sync's { error }, not a
// failed response.

import { test } from "node:test";
import assert from "node:assert/strict";
import { RequestingConcept } from "./requesting-concept.ts";

test("respondWith refuses a bad status or header with an error, and delivers good headers", async () => {
  const requesting = new RequestingConcept();
  const { request } = await requesting.request({ path: "/x" });
  const answer = requesting.answers.wait(request);
  assert.match(((await requesting.respondWith({ request, status: 99 })) as { error: string }).error, /status must be an HTTP status code/);
  const newline = (await requesting.respondWith({ request, status: 200, headers: { "x-a": "one\r\ntwo" } })) as { error: string };
  assert.match(newline.error, /^respondWith: the header "x-a" cannot be sent: /);
  const badName = (await requesting.respondWith({ request, status: 200, headers: { "bad name": "v" } })) as { error: string };
  assert.match(badName.error, /^respondWith: the header "bad name" cannot be sent: /);
  const notString = (await requesting.respondWith({ request, status: 200, headers: { "x-n": 1 } as unknown as Record<string, string> })) as { error: string };
  assert.equal(notString.error, 'respondWith: the header "x-n" must be a string, got 1');
  assert.deepEqual(await requesting.respondWith({ request, status: 201, headers: { Location: "/x/1" }, body: { id: 1 } }), { request });
  assert.deepEqual(await answer, { status: 201, headers: { Location: "/x/1" }, body: { id: 1 } });
});

test("a second answer to a request made by a direct call is explained, not just refused", async () => {
  const requesting = new RequestingConcept();
  const { request } = await requesting.request({ path: "/x" });
  void requesting.answers.wait(request);
  assert.deepEqual(await requesting.respond({ request, ok: true }), { request });
  assert.deepEqual(await requesting.respond({ request, ok: false }), {
    error: `request ${request} was already answered (with status 200); a request is answered once`,
  });
});
