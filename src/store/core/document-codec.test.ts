// Document encoding: Dates and undefined, refused values, _id keys and their order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareIdKeys, decodeDocument, encodeDocument, idKey } from "./document-codec.ts";

test("documents round-trip through JSON with Dates revived and undefined stored as null", () => {
  const at = new Date("2025-01-02T03:04:05.006Z");
  const doc = { _id: "a", at, list: [at, undefined, 1], nested: { at, gone: undefined }, plain: "$date" };
  const back = decodeDocument(encodeDocument(doc, "c"));
  assert.deepEqual(back, { _id: "a", at, list: [at, null, 1], nested: { at, gone: null }, plain: "$date" });
  assert.ok(back.nested.at instanceof Date);
});

test("values JSON cannot hold faithfully are refused with the field's path", () => {
  const refuse = (doc: Record<string, unknown>, message: RegExp): void =>
    assert.throws(() => encodeDocument(doc, "Things"), { code: "INVALID_DOCUMENT", message });
  refuse({ a: { $set: 1 } }, /^Field name "\$set" at a in collection "Things" starts with "\$"/);
  refuse({ n: NaN }, /^Cannot store the number NaN at field "n" in collection "Things"/);
  refuse({ big: 10n }, /a bigint at field "big"/);
  refuse({ m: new Map() }, /a Map \(store plain objects/);
  refuse({ d: [new Date("nope")] }, /an invalid Date at field "d\.0"/);
});

test("_id keys never collide across types and sort strings by code point, like SQL", () => {
  assert.notEqual(idKey("1"), idKey(1));
  assert.equal(idKey("abc"), "sabc");
  assert.equal(idKey({ a: 1 }), 'j{"a":1}');
  const ids = ["b", "a", "\uffff", "\u{1F600}", "ab", "é", ""].map(idKey);
  const byBytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  assert.deepEqual([...ids].sort(compareIdKeys), byBytes);
});
