// Favoriting: its operational principle, idempotent counting, and removing an item, on every backend.

import assert from "node:assert/strict";
import type { ID } from "ensemble";
import { conceptCases } from "ensemble/testing";
import { FavoritingConcept } from "./favoriting.ts";

const [ada, bob, post, other] = ["ada", "bob", "post", "other"] as ID[] as [ID, ID, ID, ID];
const t = await conceptCases((db) => new FavoritingConcept(db));

t("principle: after a user favorites an item it is favorited by them and counted, until unfavorited", async (favs) => {
  assert.deepEqual(await favs.favorite({ user: ada, item: post }), { user: ada, item: post });
  assert.deepEqual(await favs._isFavorited({ user: ada, item: post }), [{ favorited: true }]);
  assert.deepEqual(await favs._isFavorited({ user: bob, item: post }), [{ favorited: false }]);
  assert.deepEqual(await favs._countFor({ item: post }), [{ count: 1 }]);
  assert.deepEqual(await favs._getItems({ user: ada }), [{ item: post }]);
  await favs.unfavorite({ user: ada, item: post });
  assert.deepEqual(await favs._isFavorited({ user: ada, item: post }), [{ favorited: false }]);
  assert.deepEqual(await favs._countFor({ item: post }), [{ count: 0 }]);
});

t("a user counts once per item, however often and concurrently they favorite it", async (favs) => {
  await Promise.all([1, 2, 3].map(() => favs.favorite({ user: ada, item: post })));
  await favs.favorite({ user: bob, item: post });
  assert.deepEqual(await favs._countFor({ item: post }), [{ count: 2 }]);
  assert.deepEqual(await favs.unfavorite({ user: ada, item: other }), { user: ada, item: other }, "unfavoriting what one never favored is no error");
});

t("an anonymous user (null) favors nothing; removeItem forgets the item's favorites only", async (favs) => {
  await favs.favorite({ user: ada, item: post });
  await favs.favorite({ user: bob, item: post });
  await favs.favorite({ user: ada, item: other });
  assert.deepEqual(await favs._isFavorited({ user: null, item: post }), [{ favorited: false }]);
  assert.deepEqual(await favs.removeItem({ item: post }), { item: post, removed: 2 });
  assert.deepEqual(await favs._countFor({ item: post }), [{ count: 0 }]);
  assert.deepEqual(await favs._getItems({ user: ada }), [{ item: other }]);
});
