// Commenting: its operational principle, integer ids from a shared counter,
// validation, and removing a target's comments, on every backend.

import assert from "node:assert/strict";
import type { ID } from "ensemble";
import { conceptCases } from "ensemble/testing";
import { CommentingConcept } from "./commenting.ts";

const [ada, bob, post, other] = ["ada", "bob", "post", "other"] as ID[] as [ID, ID, ID, ID];
const t = await conceptCases((db) => new CommentingConcept(db, { now: () => Date.parse("2016-02-18T03:22:56.637Z") }));

t("principle: a comment on a target is listed for it with its author and body, until deleted", async (comments) => {
  const made = await comments.create({ target: post, author: ada, body: "His name was my name too." });
  assert.deepEqual(made, { comment: 1 });
  const row = { comment: 1, target: post, author: ada, body: "His name was my name too.", createdAt: "2016-02-18T03:22:56.637Z", updatedAt: "2016-02-18T03:22:56.637Z" };
  assert.deepEqual(await comments._getForTarget({ target: post }), [row]);
  assert.deepEqual(await comments._get({ comment: 1 }), [row]);
  assert.deepEqual(await comments.delete({ comment: 1 }), { comment: 1 });
  assert.deepEqual(await comments._getForTarget({ target: post }), []);
  assert.deepEqual(await comments.delete({ comment: 1 }), { error: "no such comment", reason: "not-found" });
});

t("ids are distinct integers even for concurrent comments, and never reused", async (comments, db) => {
  const made = await Promise.all(Array.from({ length: 10 }, (_, i) => comments.create({ target: post, author: bob, body: `c${i}` })));
  const ids = made.map((m) => (m as { comment: number }).comment);
  assert.deepEqual([...ids].sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  await comments.delete({ comment: 10 });
  // A second instance on the same database (another app process) continues the numbering.
  const twin = new CommentingConcept(db);
  assert.deepEqual(await twin.create({ target: post, author: bob, body: "next" }), { comment: 11 });
});

t("a target lists only its comments, newest first; removeTarget removes them only", async (comments) => {
  await comments.create({ target: post, author: ada, body: "first" });
  await comments.create({ target: other, author: ada, body: "elsewhere" });
  await comments.create({ target: post, author: bob, body: "second" });
  assert.deepEqual((await comments._getForTarget({ target: post })).map((c) => c.body), ["second", "first"]);
  assert.deepEqual(await comments.removeTarget({ target: post }), { target: post, removed: 2 });
  assert.deepEqual((await comments._getForTarget({ target: other })).map((c) => c.body), ["elsewhere"]);
});

t("a blank body is invalid; a non-numeric id finds nothing", async (comments) => {
  assert.deepEqual(await comments.create({ target: post, author: ada, body: "  " }), { error: "body can't be blank", reason: "invalid" });
  assert.deepEqual(await comments.create({ target: post, author: ada, body: undefined as never }), { error: "body can't be blank", reason: "invalid" });
  assert.deepEqual(await comments._get({ comment: "1" as never }), []);
});
