// Compile-time check that the MongoDB driver's objects satisfy the store's
// types, which is what lets the mongodb backend pass the driver through: if
// `npm run typecheck` passes, a driver Collection can stand wherever concept
// code expects the store's Collection (for schemas with their own `_id`, as
// concepts have; a schema without one gets ObjectId ids from the driver and
// string ids from the store, by design).
import assert from "node:assert/strict";
import { test } from "node:test";
import type * as mongo from "mongodb";
import type { Collection, Db, Filter, FindCursor, ID, UpdateFilter } from "../index.ts";

interface Session { _id: ID; user: ID; expires?: Date; uses?: number; tags?: string[]; meta?: { ip: string } }

/** Each function only has to type-check. */
export const compatible = {
  collection: (c: mongo.Collection<Session>): Collection<Session> => c,
  cursor: (c: mongo.FindCursor<Session>): FindCursor<Session> => c,
  filter: (f: Filter<Session>): mongo.Filter<Session> => f,
  update: (u: UpdateFilter<Session>): mongo.UpdateFilter<Session> => u,
  name: (d: mongo.Db): Db["databaseName"] => d.databaseName,
};

/** What concept code writes against the driver must type-check against the store too. */
export async function conceptStyle(db: Db, user: ID): Promise<void> {
  const sessions = db.collection<Session>("Sessioning.sessions");
  await sessions.createIndex({ user: 1 });
  await sessions.insertOne({ _id: "s" as ID, user, expires: new Date() });
  await sessions.updateOne({ _id: "s" as ID }, { $inc: { uses: 1 }, $set: { "meta.ip": "::1" }, $push: { tags: "x" } });
  const found = await sessions.find({ user, expires: { $gt: new Date() }, tags: { $in: ["x"] } }).sort({ expires: -1 }).toArray();
  found.map((s) => s._id satisfies ID);
  const one = await sessions.findOne({ $or: [{ user }, { "meta.ip": /::/ }] });
  if (one) one.user satisfies ID;
  await sessions.deleteMany({ expires: { $lt: new Date() } });
}

test("the driver's Collection, FindCursor and Db satisfy the store's types (checked by tsc)", () => {
  assert.equal(typeof compatible.collection, "function");
});
