// freshID: UUID v7 format, time prefix, uniqueness and order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshID } from "./fresh-id.ts";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("freshID makes RFC 9562 version 7 UUIDs carrying the current time", () => {
  const before = Date.now();
  const id = freshID();
  const after = Date.now();
  assert.match(id, UUID_V7);
  const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
  assert.ok(ms >= before && ms <= after + 1, `timestamp ${ms} not within [${before}, ${after}]`);
});

test("freshID ids are unique and increase in creation order, also within one millisecond", () => {
  const ids = Array.from({ length: 20_000 }, () => freshID());
  assert.equal(new Set(ids).size, ids.length);
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} !< ${ids[i]}`);
  for (const id of ids.slice(0, 100)) assert.match(id, UUID_V7);
});
