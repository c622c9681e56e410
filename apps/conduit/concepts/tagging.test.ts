// Tagging: its operational principle, normalisation, and tags in use, on every backend.

import assert from "node:assert/strict";
import type { ID } from "ensemble";
import { conceptCases } from "ensemble/testing";
import { TaggingConcept } from "./tagging.ts";

const [a, b] = ["item-a", "item-b"] as ID[] as [ID, ID];
const t = await conceptCases((db) => new TaggingConcept(db));

t("principle: an item tagged with a tag is found by that tag and lists it, until retagged", async (tagging) => {
  assert.deepEqual(await tagging.setTags({ item: a, tags: ["dragons", "training"] }), { item: a, tags: ["dragons", "training"] });
  assert.deepEqual(await tagging._getItems({ tag: "dragons" }), [{ item: a }]);
  assert.deepEqual(await tagging._getTags({ item: a }), [{ tags: ["dragons", "training"] }]);
  await tagging.setTags({ item: a, tags: ["training"] });
  assert.deepEqual(await tagging._getItems({ tag: "dragons" }), []);
});

t("tags are trimmed, deduplicated and sorted alphabetically; an untagged item has []", async (tagging) => {
  assert.deepEqual((await tagging.setTags({ item: a, tags: ["reactjs", " angularjs ", "Dragons", "reactjs", ""] }) as { tags: string[] }).tags, ["angularjs", "Dragons", "reactjs"]);
  assert.deepEqual(await tagging._getTags({ item: b }), [{ tags: [] }]);
});

t("the tags in use are each listed once, and leave with their last item", async (tagging) => {
  await tagging.setTags({ item: a, tags: ["x", "y"] });
  await tagging.setTags({ item: b, tags: ["y", "z"] });
  assert.deepEqual(await tagging._allTags({}), [{ tag: "x" }, { tag: "y" }, { tag: "z" }]);
  await tagging.removeItem({ item: a });
  await tagging.setTags({ item: b, tags: [] });
  assert.deepEqual(await tagging._allTags({}), []);
  assert.deepEqual(await tagging._getTags({ item: a }), [{ tags: [] }]);
});

t("a tag list that is not a list of strings, or an overlong tag, is invalid", async (tagging) => {
  assert.deepEqual(await tagging.setTags({ item: a, tags: "x" as never }), { error: "tagList must be a list of strings", reason: "invalid" });
  assert.deepEqual(await tagging.setTags({ item: a, tags: [1] as never }), { error: "tagList must be a list of strings", reason: "invalid" });
  assert.equal((await tagging.setTags({ item: a, tags: ["t".repeat(65)] }) as { reason?: string }).reason, "invalid");
  assert.deepEqual(await tagging._getItems({ tag: null as never }), []);
});
