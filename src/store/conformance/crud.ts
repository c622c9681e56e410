// Conformance: inserting, reading, replacing and deleting documents, with the
// driver's result shapes, and the collection/database calls around them.
import assert from "node:assert/strict";
import type { Document } from "../api/document.ts";
import { type ConformanceCase, SQL_ONLY } from "./harness.ts";

interface Item { _id: string; name: string; n?: number; tags?: string[]; at?: Date; meta?: Document | null }

export const crudCases: readonly ConformanceCase[] = [
  {
    name: "insertOne/findOne round-trip every JSON type and Dates",
    async run({ db }) {
      const items = db.collection<Item>("Crud.items");
      const at = new Date("2024-05-06T07:08:09.010Z");
      const doc: Item = { _id: "a", name: "x", n: 1.5, tags: ["p", "q"], at, meta: { deep: { ok: true, none: null } } };
      assert.deepEqual(await items.insertOne(doc), { acknowledged: true, insertedId: "a" });
      const found = await items.findOne({ _id: "a" });
      assert.deepEqual(found, doc);
      assert.ok(found?.at instanceof Date, "Dates come back as Date objects");
      assert.equal(await items.findOne({ _id: "missing" }), null);
    },
  },
  {
    name: "insertOne without _id assigns a UUID v7 string, also on the input document",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection<{ name: string }>("Crud.items");
      const doc: { name: string; _id?: string } = { name: "x" };
      const { insertedId } = await items.insertOne(doc);
      assert.match(String(insertedId), /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(doc._id, insertedId);
      assert.deepEqual(Object.keys((await items.findOne({ name: "x" }))!), ["_id", "name"], "_id is stored first");
    },
  },
  {
    name: "insertMany returns the driver's result shape",
    async run({ db }) {
      const items = db.collection<Item>("Crud.items");
      const result = await items.insertMany([{ _id: "a", name: "x" }, { _id: "b", name: "y" }]);
      assert.deepEqual(result, { acknowledged: true, insertedCount: 2, insertedIds: { 0: "a", 1: "b" } });
      assert.equal(await items.countDocuments(), 2);
    },
  },
  {
    name: "a duplicate _id fails with code 11000 and the driver's message",
    async run({ db }) {
      const items = db.collection<Item>("Crud.items");
      await items.insertOne({ _id: "a", name: "x" });
      await assert.rejects(items.insertOne({ _id: "a", name: "y" }), (e: Document) => {
        assert.equal(e.code, 11000);
        assert.equal(e.message, `E11000 duplicate key error collection: ${db.databaseName}.Crud.items index: _id_ dup key: { _id: "a" }`);
        assert.deepEqual(e.keyValue, { _id: "a" });
        return true;
      });
      assert.equal((await items.findOne({ _id: "a" }))?.name, "x");
    },
  },
  {
    name: "insertMany is all-or-nothing: a duplicate inserts none",
    only: SQL_ONLY,
    async run({ db }) {
      const items = db.collection<Item>("Crud.items");
      await items.insertOne({ _id: "b", name: "old" });
      await assert.rejects(items.insertMany([{ _id: "a", name: "x" }, { _id: "b", name: "y" }]), { code: 11000 });
      assert.deepEqual(await items.find().toArray(), [{ _id: "b", name: "old" }]);
    },
  },
  {
    name: "reads of a collection that was never written see nothing",
    async run({ db }) {
      const none = db.collection<Item>("Crud.none");
      assert.deepEqual(await none.find({ name: "x" }).toArray(), []);
      assert.equal(await none.findOne({ _id: "a" }), null);
      assert.equal(await none.countDocuments({}), 0);
      assert.deepEqual(await none.distinct("name"), []);
      assert.deepEqual(await none.deleteMany({}), { acknowledged: true, deletedCount: 0 });
      const update = await none.updateOne({ _id: "a" }, { $set: { name: "y" } });
      assert.deepEqual(update, { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null });
      assert.deepEqual(await db.listCollections().toArray(), []);
    },
  },
  {
    name: "deleteOne and deleteMany report deletedCount",
    async run({ db }) {
      const items = db.collection<Item>("Crud.items");
      await items.insertMany([{ _id: "a", name: "x", n: 1 }, { _id: "b", name: "x", n: 2 }, { _id: "c", name: "y", n: 3 }]);
      assert.deepEqual(await items.deleteOne({ name: "x" }), { acknowledged: true, deletedCount: 1 });
      assert.deepEqual(await items.deleteOne({ _id: "zzz" }), { acknowledged: true, deletedCount: 0 });
      assert.deepEqual(await items.deleteMany({ n: { $gte: 2 } }), { acknowledged: true, deletedCount: 2 });
      assert.equal(await items.countDocuments(), 0);
      await items.insertMany([{ _id: "d", name: "z" }, { _id: "e", name: "z" }]);
      assert.deepEqual(await items.deleteMany({}), { acknowledged: true, deletedCount: 2 });
    },
  },
  {
    name: "replaceOne keeps _id, counts modifications and upserts",
    async run({ db }) {
      const items = db.collection<Item>("Crud.items");
      await items.insertOne({ _id: "a", name: "x", n: 1 });
      assert.deepEqual(await items.replaceOne({ _id: "a" }, { name: "y" }),
        { acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
      assert.deepEqual(await items.findOne({ _id: "a" }), { _id: "a", name: "y" });
      assert.equal((await items.replaceOne({ _id: "a" }, { name: "y" })).modifiedCount, 0);
      assert.deepEqual(await items.replaceOne({ _id: "b" }, { name: "z" }, { upsert: true }),
        { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: "b" });
      assert.deepEqual(await items.findOne({ _id: "b" }), { _id: "b", name: "z" });
      await assert.rejects(items.replaceOne({ _id: "a" }, { $set: { name: "q" } } as never), /atomic operators/);
    },
  },
  {
    name: "findOneAndUpdate/Replace/Delete return the document (before by default)",
    async run({ db }) {
      const items = db.collection<Item>("Crud.items");
      await items.insertOne({ _id: "a", name: "x", n: 1 });
      assert.deepEqual(await items.findOneAndUpdate({ _id: "a" }, { $inc: { n: 1 } }), { _id: "a", name: "x", n: 1 });
      assert.deepEqual(await items.findOneAndUpdate({ _id: "a" }, { $inc: { n: 1 } }, { returnDocument: "after" }),
        { _id: "a", name: "x", n: 3 });
      assert.equal(await items.findOneAndUpdate({ _id: "none" }, { $inc: { n: 1 } }), null);
      assert.deepEqual(await items.findOneAndUpdate({ _id: "b" }, { $set: { name: "new" } }, { upsert: true, returnDocument: "after" }),
        { _id: "b", name: "new" });
      assert.deepEqual(await items.findOneAndUpdate({ _id: "a" }, { $set: { name: "p" } }, { projection: { name: 1, _id: 0 } }),
        { name: "x" });
      assert.deepEqual(await items.findOneAndReplace({ _id: "a" }, { name: "r" }, { returnDocument: "after" }), { _id: "a", name: "r" });
      assert.deepEqual(await items.findOneAndDelete({ name: "r" }), { _id: "a", name: "r" });
      assert.equal(await items.findOneAndDelete({ name: "r" }), null);
      const meta = await items.findOneAndUpdate({ _id: "b" }, { $set: { n: 9 } }, { includeResultMetadata: true });
      assert.deepEqual(meta.value, { _id: "b", name: "new" });
      assert.equal(meta.ok, 1);
    },
  },
  {
    name: "findOneAndDelete with sort takes the first in that order",
    async run({ db }) {
      const items = db.collection<Item>("Crud.items");
      await items.insertMany([{ _id: "a", name: "q", n: 2 }, { _id: "b", name: "q", n: 1 }, { _id: "c", name: "q", n: 3 }]);
      assert.equal((await items.findOneAndDelete({ name: "q" }, { sort: { n: -1 } }))?._id, "c");
      assert.equal((await items.findOneAndUpdate({ name: "q" }, { $set: { n: 0 } }, { sort: { n: 1 } }))?._id, "b");
    },
  },
  {
    name: "countDocuments (with skip/limit), estimatedDocumentCount and distinct",
    async run({ db }) {
      const items = db.collection<Item>("Crud.items");
      await items.insertMany([
        { _id: "a", name: "x", tags: ["p", "q"] }, { _id: "b", name: "y", tags: ["q", "r"] },
        { _id: "c", name: "x" }, { _id: "d", name: "z", tags: [] },
      ]);
      assert.equal(await items.countDocuments({ name: "x" }), 2);
      assert.equal(await items.countDocuments({}, { skip: 1, limit: 2 }), 2);
      assert.equal(await items.countDocuments({ tags: "q" }), 2);
      assert.equal(await items.estimatedDocumentCount(), 4);
      assert.deepEqual((await items.distinct("name")).sort(), ["x", "y", "z"]);
      assert.deepEqual((await items.distinct("tags")).sort(), ["p", "q", "r"]);
      assert.deepEqual(await items.distinct("name", { tags: "r" }), ["y"]);
    },
  },
  {
    name: "listCollections, drop and dropDatabase",
    async run({ db }) {
      await db.collection("Crud.a").insertOne({ _id: "1" });
      await db.collection("Crud.b").createIndex({ x: 1 });
      const names = async (): Promise<string[]> => (await db.listCollections().toArray()).map((c) => c.name).sort();
      assert.deepEqual(await names(), ["Crud.a", "Crud.b"]);
      assert.deepEqual((await db.listCollections({ name: "Crud.a" }).toArray()).map((c) => c.name), ["Crud.a"]);
      assert.equal(await db.collection("Crud.a").drop(), true);
      assert.equal(await db.collection("Crud.a").drop(), false);
      assert.deepEqual(await names(), ["Crud.b"]);
      assert.equal(await db.collection("Crud.a").findOne({}), null);
      await db.collection("Crud.a").insertOne({ _id: "2" });
      assert.equal(await db.collection("Crud.a").countDocuments(), 1, "a dropped collection can be written again");
      assert.equal(await db.dropDatabase(), true);
      assert.deepEqual(await names(), []);
    },
  },
];
