// What Conduit's 422 answers say about a request body, rule by rule.

import { test } from "node:test";
import assert from "node:assert/strict";
import { bodyProblems, type BodyRules } from "./request-body.ts";

const user: BodyRules = {
  name: "user",
  fields: { email: "optional", password: "optional", bio: "nullable", tagList: "list", username: "required" },
  atLeastOne: true,
  minLength: { password: 8 },
  maxLength: { email: 10 },
};

test("a body that meets its rules has no problems; absent optional fields are fine", () => {
  assert.deepEqual(bodyProblems({ username: "jake" }, user), []);
  assert.deepEqual(bodyProblems({ username: "jake", bio: null, tagList: ["a"], password: "12345678" }, user), []);
  assert.deepEqual(bodyProblems({ username: "jake", bio: "" }, user), [], "a bio may be emptied");
});

test("each broken rule is named in the spec's wording", () => {
  assert.deepEqual(bodyProblems({}, user), ["username can't be blank", "user needs at least one of email, password, bio, tagList, username"]);
  assert.deepEqual(bodyProblems({ username: "  ", email: "" }, user), ["email can't be blank", "username can't be blank"]);
  assert.deepEqual(bodyProblems({ username: 42, bio: 1, tagList: "a" }, user), ["bio must be a string or null", "tagList must be a list of strings", "username must be a string"]);
  assert.deepEqual(bodyProblems({ username: "j", password: "short", email: "far-too-long@x" }, user), [
    "email is too long (at most 10 characters)",
    "password is too short (at least 8 characters)",
  ]);
});

test("a body that is not an object is one problem", () => {
  for (const body of [null, "jake", ["jake"], undefined]) assert.deepEqual(bodyProblems(body, user), ["user must be an object"]);
});
