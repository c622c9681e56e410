// Type tests for typed patterns, checked by `npm run typecheck`: each
// `@ts-expect-error` line must fail to compile, so if a pattern type ever
// stops catching the mistake, the type check fails. At run time the test
// only confirms the well-typed declarations register.

import { test } from "node:test";
import assert from "node:assert/strict";
import { actions } from "./actions.ts";
import { setup } from "./engine-fixtures.ts";
import type { Sync } from "./sync.ts";

const { engine, Requests, Users, Sessions } = setup();

const WellTyped: Sync = ({ request, name, password, user, session }) => ({
  when: actions([Requests.request, { path: "/login", name, password }, { request }], [Users.authenticate, {}, { user }]),
  where: (frames) => frames.query(Sessions._getUser, { session }, { user }),
  then: actions([Sessions.create, { user }], [Users.register, { name, password }]),
});

// Never called: these declarations exist for the type checker.
export function mistakes(): Sync[] {
  const wrongInputKey: Sync = ({ user }) => ({
    // @ts-expect-error `usr` is not a parameter of Sessions.create
    when: actions([Sessions.create, { usr: user }, {}]),
    then: actions(),
  });
  const wrongOutputKey: Sync = ({ session }) => ({
    // @ts-expect-error `sesion` is not a result field of Sessions.create
    when: actions([Sessions.create, {}, { sesion: session }]),
    then: actions(),
  });
  const errorKeyIsAllowed: Sync = ({ error }) => ({
    when: actions([Users.authenticate, {}, { error }]),
    then: actions(),
  });
  const wrongLiteralType: Sync = () => ({
    when: actions([Requests.request, { path: "/x" }, {}]),
    // @ts-expect-error `by` is a number
    then: actions([Users.register, { name: "a", password: 42 }]),
  });
  const wrongThenKey: Sync = ({ user }) => ({
    when: actions([Users.authenticate, {}, { user }]),
    // @ts-expect-error `owner` is not a parameter of Sessions.create (#7: wrong names must not pass undefined)
    then: actions([Sessions.create, { owner: user }]),
  });
  const variableAsValue: Sync = ({ request, session }) => ({
    when: actions([Requests.request, { path: "/x", session }, { request }]),
    where: async (frames) => {
      // @ts-expect-error a variable is not a value: use frames.query
      await Sessions._getUser({ session });
      // @ts-expect-error comparing a variable with a string is always false
      if (session === "abc") return frames;
      return frames;
    },
    then: actions([Requests.respond, { request }]),
  });
  const queryOutputKey: Sync = ({ request, session, user }) => ({
    when: actions([Requests.request, { path: "/x", session }, { request }]),
    // @ts-expect-error `usr` is not a field of the rows Sessions._getUser returns
    where: (frames) => frames.query(Sessions._getUser, { session }, { usr: user }),
    then: actions([Requests.respond, { request }]),
  });
  return [wrongInputKey, wrongOutputKey, errorKeyIsAllowed, wrongLiteralType, wrongThenKey, variableAsValue, queryOutputKey];
}

test("well-typed syncs register", () => {
  engine.register({ WellTyped });
  assert.equal(engine.syncs.length, 1);
});
