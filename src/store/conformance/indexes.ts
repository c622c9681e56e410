// Conformance: createIndex naming and idempotence, unique indexes enforced
// the way the driver reports them (code 11000, message, keyPattern/keyValue).
import assert from "node:assert/strict";
import type { Document } from "../api/document.ts";
import { type ConformanceCase, SQL_ONLY } from "./harness.ts";

export const indexCases: readonly ConformanceCase[] = [
  {
    name: "createIndex names indexes like the driver and is idempotent",
    async run({ db }) {
      const users = db.collection("Indexes.users");
      assert.equal(await users.createIndex({ email: 1 }, { unique: true }), "email_1");
      assert.equal(await users.createIndex({ email: 1 }, { unique: true }), "email_1");
      assert.equal(await users.createIndex({ a: 1, "b.c": -1 }), "a_1_b.c_-1");
      assert.equal(await users.createIndex("solo"), "solo_1");
      assert.equal(await users.createIndex({ z: 1 }, { name: "by_z" }), "by_z");
      assert.equal(await users.createIndex({ _id: 1 }), "_id_");
      const listed = (await users.indexes()).map((i) => [i.name, i.key, i.unique ?? false]);
      assert.deepEqual(listed.sort(), [
        ["_id_", { _id: 1 }, false], ["a_1_b.c_-1", { a: 1, "b.c": -1 }, false], ["by_z", { z: 1 }, false],
        ["email_1", { email: 1 }, true], ["solo_1", { solo: 1 }, false],
      ]);
      assert.equal(await users.indexExists("by_z"), true);
      await users.dropIndex("by_z");
      assert.equal(await users.indexExists("by_z"), false);
      await assert.rejects(users.createIndex({ email: 1 }, { name: "email_1", unique: false }));
    },
  },
  {
    name: "a unique index refuses a duplicate with code 11000, the driver's message, keyPattern and keyValue",
    async run({ db }) {
      const users = db.collection("Indexes.users");
      await users.createIndex({ email: 1 }, { unique: true });
      await users.insertOne({ _id: "u1", email: "a@x.org" });
      await assert.rejects(users.insertOne({ _id: "u2", email: "a@x.org" }), (e: Document) => {
        assert.equal(e.code, 11000);
        assert.equal(e.message,
          `E11000 duplicate key error collection: ${db.databaseName}.Indexes.users index: email_1 dup key: { email: "a@x.org" }`);
        assert.deepEqual(e.keyPattern, { email: 1 });
        assert.deepEqual(e.keyValue, { email: "a@x.org" });
        return true;
      });
      await users.insertOne({ _id: "u3", email: "b@x.org" });
      await assert.rejects(users.updateOne({ _id: "u3" }, { $set: { email: "a@x.org" } }), { code: 11000 });
      await assert.rejects(users.replaceOne({ _id: "u3" }, { email: "a@x.org" }), { code: 11000 });
      await users.deleteOne({ _id: "u1" });
      await users.insertOne({ _id: "u4", email: "a@x.org" });
      assert.equal(await users.countDocuments({ email: "a@x.org" }), 1);
    },
  },
  {
    name: "unique keys compare by value and type: 1 and \"1\" differ, nested paths and compound keys work",
    async run({ db }) {
      const items = db.collection<{ _id: number; p: { k: unknown }; a?: string; b?: number }>("Indexes.items");
      await items.createIndex({ "p.k": 1 }, { unique: true });
      await items.createIndex({ a: 1, b: 1 }, { unique: true });
      await items.insertMany([
        { _id: 1, p: { k: 1 }, a: "x", b: 1 }, { _id: 2, p: { k: "1" }, a: "x", b: 2 }, { _id: 3, p: { k: 1.5 }, a: "y", b: 1 },
      ]);
      await assert.rejects(items.insertOne({ _id: 4, p: { k: 1 } }), { code: 11000, keyValue: { "p.k": 1 } });
      await assert.rejects(items.insertOne({ _id: 5, p: { k: 9 }, a: "x", b: 2 }), { code: 11000, keyPattern: { a: 1, b: 1 } });
      assert.equal(await items.countDocuments(), 3);
      assert.deepEqual(await items.findOne({ _id: 2 }), { _id: 2, p: { k: "1" }, a: "x", b: 2 });
    },
  },
  {
    name: "creating a unique index over duplicates fails with 11000 and leaves no index",
    async run({ db }) {
      const users = db.collection("Indexes.users");
      await users.insertMany([{ _id: "a", email: "same" }, { _id: "b", email: "same" }]);
      await assert.rejects(users.createIndex({ email: 1 }, { unique: true }), { code: 11000 });
      assert.deepEqual((await users.indexes()).map((i) => i.name), ["_id_"]);
      await users.insertOne({ _id: "c", email: "same" });
    },
  },
  {
    name: "unique indexes skip documents without the field (like sparse ones)",
    only: SQL_ONLY,
    async run({ db }) {
      const users = db.collection("Indexes.users");
      await users.createIndex({ email: 1 }, { unique: true });
      await users.insertMany([{ _id: "a" }, { _id: "b" }, { _id: "c", email: null }, { _id: "d", email: null }]);
      assert.equal(await users.countDocuments(), 4);
    },
  },
  {
    name: "index kinds and options SQL cannot honour are refused by name",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection("Indexes.items");
      await assert.rejects(items.createIndex({ body: "text" }),
        { code: "UNSUPPORTED_OPERATOR", message: /^Unsupported index type "text" on "body" in collection "Indexes\.items"/ });
      await assert.rejects(items.createIndex({ at: 1 }, { expireAfterSeconds: 60 } as Document),
        { code: "UNSUPPORTED_OPERATOR", message: /"expireAfterSeconds"/ });
    },
  },
];
