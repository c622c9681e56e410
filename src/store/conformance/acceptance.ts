// Conformance: the acceptance test of issue 3 — the seed's SessioningConcept,
// unchanged apart from its imports, works on every backend.
import assert from "node:assert/strict";
import type { ID } from "../fresh-id.ts";
import type { ConformanceCase } from "./harness.ts";
// The seed app's concept, verbatim but for its imports (the template-compatibility fixture holds it).
import SessioningConcept from "../../app/template-fixture/sessioning-concept.ts";

export const acceptanceCases: readonly ConformanceCase[] = [
  {
    name: "SessioningConcept: create, _getUser, delete",
    async run({ db }) {
      const sessioning = new SessioningConcept(db);
      const alice = "user:alice" as ID;
      const { session } = await sessioning.create({ user: alice });
      const other = (await sessioning.create({ user: "user:bob" as ID })).session;
      assert.notEqual(session, other);
      assert.deepEqual(await sessioning._getUser({ session }), [{ user: alice }]);
      assert.deepEqual(await sessioning.delete({ session }), {});
      assert.deepEqual(await sessioning._getUser({ session }), [{ error: `Session with id ${session} not found` }]);
      assert.deepEqual(await sessioning.delete({ session }), { error: `Session with id ${session} not found` });
      assert.deepEqual(await sessioning._getUser({ session: other }), [{ user: "user:bob" }]);
      assert.deepEqual((await db.listCollections().toArray()).map((c) => c.name), ["Sessioning.sessions"]);
    },
  },
];
