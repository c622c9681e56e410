// Conduit end to end, tags (docs/endpoints.md: Get Tags): GET /tags — the
// {tags} shape, every tag in use listed once, no token needed — on SQLite and
// PostgreSQL. Each backend starts from an empty database, so the lists are exact.

import assert from "node:assert/strict";
import { createArticle, eachBackend, expectKeys, expectStatus, registerUser } from "./harness.ts";

await eachBackend("conduit tags", async (t, { api }) => {
  const tagsOf = async (client = api) => {
    const res = await client.get("/tags");
    expectStatus(res, 200);
    expectKeys(res.body, ["tags"], "the response");
    assert.ok(Array.isArray(res.body.tags), "tags is an array");
    for (const tag of res.body.tags) assert.equal(typeof tag, "string", "every tag is a string");
    return res.body.tags as string[];
  };

  await t.test("GET /tags on an empty database: 200 with {tags: []}", async () => {
    assert.deepEqual(await tagsOf(), []);
  });

  await t.test("GET /tags lists the tags of the articles, each once", async () => {
    const jake = await registerUser(api);
    const other = await registerUser(api);
    await createArticle(jake.api, { tagList: ["reactjs", "angularjs", "dragons"] });
    await createArticle(other.api, { tagList: ["dragons", "training"] });
    await createArticle(jake.api);
    const tags = await tagsOf();
    assert.equal(new Set(tags).size, tags.length, "no tag is listed twice");
    assert.deepEqual([...tags].sort(), ["angularjs", "dragons", "reactjs", "training"]);
  });

  await t.test("GET /tags needs no token, and a token changes nothing", async () => {
    const jake = await registerUser(api);
    const anonymous = await tagsOf();
    assert.deepEqual(await tagsOf(jake.api), anonymous);
  });

  await t.test("the tags a list can be filtered by are those GET /tags lists", async () => {
    for (const tag of await tagsOf()) {
      const res = await api.get("/articles", { tag });
      expectStatus(res, 200);
      assert.ok(res.body.articlesCount >= 1, `tag ${tag} has articles`);
    }
  });
});
