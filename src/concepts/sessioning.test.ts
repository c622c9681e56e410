// Sessioning: its operational principle, expiry with an injected clock, and
// its error cases, on every backend.

import assert from "node:assert/strict";
import { conceptCases } from "../testing/concept-cases.ts";
import type { ID } from "../store/fresh-id.ts";
import { SessioningConcept } from "./sessioning.ts";

const ada = "user-ada" as ID;

/** A Sessioning with a one-minute ttl on a clock the case moves by hand. */
const t = await conceptCases((db) => {
  const clock = { now: 1_000_000 };
  return { s: new SessioningConcept(db, { ttlMs: 60_000, now: () => clock.now }), clock };
});

t("principle: a created session identifies its user until it is deleted", async ({ s }) => {
  const { session } = await s.create({ user: ada });
  assert.deepEqual(await s._getUser({ session }), [{ user: ada }]);
  assert.deepEqual(await s.delete({ session }), { session });
  assert.deepEqual(await s._getUser({ session }), []);
  assert.deepEqual(await s.delete({ session }), { error: "no such session" });
});

t("session ids carry 256 random bits and differ every time", async ({ s }) => {
  const ids = await Promise.all(Array.from({ length: 20 }, () => s.create({ user: ada })));
  for (const { session } of ids) assert.match(session, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(new Set(ids.map((i) => i.session)).size, 20);
});

t("an expired session identifies no one and is removed", async ({ s, clock }) => {
  const { session } = await s.create({ user: ada });
  clock.now += 60_000;
  assert.deepEqual(await s._getUser({ session }), []);
  assert.equal(await s.sessions.countDocuments({}), 0);
});

t("expired sessions are swept when new ones are created", async ({ s, clock }) => {
  await s.create({ user: ada });
  await s.create({ user: ada });
  clock.now += 120_000;
  await s.create({ user: "someone" as ID });
  assert.equal(await s.sessions.countDocuments({ user: ada }), 0);
});

t("deleteAllForUser ends every session of that user only", async ({ s }) => {
  const a1 = await s.create({ user: ada });
  await s.create({ user: ada });
  const other = await s.create({ user: "bob" as ID });
  assert.deepEqual(await s.deleteAllForUser({ user: ada }), { user: ada, deleted: 2 });
  assert.deepEqual(await s._getUser({ session: a1.session }), []);
  assert.deepEqual(await s._getUser({ session: other.session }), [{ user: "bob" }]);
});

t("_getSessionsForUser lists live sessions, newest first", async ({ s, clock }) => {
  const first = await s.create({ user: ada });
  clock.now += 1000;
  const second = await s.create({ user: ada });
  assert.deepEqual((await s._getSessionsForUser({ user: ada })).map((r) => r.session), [second.session, first.session]);
});
