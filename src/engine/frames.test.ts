// Frames and their helpers, and the query contract: a query returns an
// array of objects that carry the requested keys, or the error names the
// query, the sync and the fix.

import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { actions } from "./actions.ts";
import { setup } from "./engine-fixtures.ts";
import { Frames, attachWhereContext, type Frame } from "./frames.ts";
import type { Sync } from "./sync.ts";
import { isEnsembleError } from "../ensemble-error.ts";
import { variable } from "./vars.ts";

const [a, b, c, list, n] = ["a", "b", "c", "list", "n"].map(variable) as unknown as [symbol, symbol, symbol, symbol, symbol];

function rows<T>(data: T[]) {
  return { async _rows(_: Record<string, unknown>) { return data; } };
}

test("collectAs groups by the other variables and collects by name", () => {
  const frames = new Frames({ [a]: 1, [b]: "x" }, { [a]: 1, [b]: "y" }, { [a]: 2, [b]: "z" });
  const grouped = frames.collectAs([b as never], list as never);
  assert.equal(grouped.length, 2);
  assert.deepEqual(grouped[0]?.[list], [{ b: "x" }, { b: "y" }]);
  assert.deepEqual(grouped[1]?.[list], [{ b: "z" }]);
  assert.equal(grouped[1]?.[a], 2);
});

test("ifEmpty gives the base frames a default; let binds a computed value", () => {
  const base = new Frames({ [a]: 1 });
  const none = new Frames().ifEmpty(base, list as never, []);
  assert.deepEqual(none[0]?.[list], []);
  assert.equal(none[0]?.[a], 1);
  const doubled = base.let(n as never, (f: Frame) => (f[a] as number) * 2);
  assert.equal(doubled[0]?.[n], 2);
  const shaped = new Frames({ [a]: 1, [b]: "x" }).let(c as never, { id: a, tags: [b, "y"] });
  assert.deepEqual(shaped[0]?.[c], { id: 1, tags: ["x", "y"] });
  assert.throws(() => new Frames({ [a]: 1 }).let(c as never, { id: b }), /let c: the template needs `b`, but the frame binds \{ a: 1 \}/);
});

test("gather binds each frame to the items its own sub-query yields; nothing leaks, nothing is dropped", async () => {
  const byOwner = { async _items({ owner }: { owner: number }) { return [{ id: owner * 10, name: "x" }, { id: owner * 10 + 1, name: "y" }].filter(() => owner !== 3); } };
  const frames = new Frames({ [a]: 1 }, { [a]: 3 });
  const gathered = await frames.gather(list as never, { id: b, owner: a, tag: "t" }, (one) => one.query(byOwner._items, { owner: a as never }, { id: b as never }));
  assert.deepEqual(Array.from(gathered, (f) => f[list]), [
    [{ id: 10, owner: 1, tag: "t" }, { id: 11, owner: 1, tag: "t" }],
    [],
  ]);
  assert.deepEqual(Object.getOwnPropertySymbols(gathered[0] ?? {}), [a, list], "the sub-query's variables stay inside");
  const bare = await new Frames({ [a]: 2 }).gather(list as never, b, (one) => one.query(byOwner._items, { owner: a as never }, { id: b as never }));
  assert.deepEqual(bare[0]?.[list], [20, 21]);
  await assert.rejects(new Frames({ [a]: 1 }).gather(list as never, { missing: c }, (one) => one), /gather list: the item needs `c`, but the frame binds \{ a: 1 \}/);
  await assert.rejects(new Frames({ [a]: 1 }).gather(list as never, b, (() => undefined) as never), /gather list: the pipeline returned undefined/);
});

test("an async filter predicate is an error, not a silent always-true", () => {
  const frames = new Frames({ [a]: 1 });
  assert.throws(() => frames.filter(async () => false), /frames\.filter got a Promise from its predicate/);
});

test("frames print with variable names", () => {
  const frames = new Frames({ [a]: 1, [b]: "x" });
  assert.equal(String(frames), 'Frames(1) [{ a: 1, b: "x" }]');
  assert.equal(inspect(frames), 'Frames(1) [{ a: 1, b: "x" }]');
  assert.doesNotMatch(String(frames), /object Object/);
});

test("query joins each frame with each row; queryOptional keeps empty frames; queryAll and queryCount never drop", async () => {
  const { engine, Users } = setup();
  void engine;
  await Users.register({ name: "ada", password: "1" });
  await Users.register({ name: "bob", password: "2" });
  const frames = new Frames({});
  const joined = await frames.query(Users._all, {}, { user: a as never, name: b as never });
  assert.deepEqual(Array.from(joined, (f) => f[b]), ["ada", "bob"]);
  const optional = await new Frames({ [a]: "nobody" }).queryOptional(Users._getName, { user: a as never }, { name: b as never });
  assert.equal(optional.length, 1);
  assert.equal(optional[0]?.[b], null);
  const all = await new Frames({}).queryAll(Users._all, {}, list as never);
  assert.equal((all[0]?.[list] as unknown[]).length, 2);
  const count = await new Frames({}).queryCount(Users._all, {}, n as never);
  assert.equal(count[0]?.[n], 2);
});

test("a query output key that is already bound must agree (join), literals filter", async () => {
  const q = rows([{ x: 1, y: "a" }, { x: 2, y: "b" }]);
  const joined = await new Frames({ [a]: 2 }).query(q._rows, {}, { x: a, y: b } as never);
  assert.deepEqual(Array.from(joined, (f) => f[b]), ["b"]);
  const literal = await new Frames({}).query(q._rows, {}, { x: 1, y: b } as never);
  assert.deepEqual(Array.from(literal, (f) => f[b]), ["a"]);
});

for (const [what, value, pattern] of [
  ["null", null, /returned null, not an array/],
  ["a bare value", "u1", /returned a bare string "u1", not an array/],
  ["a single object", { user: "u1" }, /returned an object \{ user: "u1" \}, not an array\. A query returns an array of rows/],
  ["undefined", undefined, /returned undefined \(did the query forget to return\?\)/],
] as const) {
  test(`a query that returns ${what} fails with the query's and the sync's names`, async () => {
    const { engine, Requests } = setup();
    const Bad = engine.instrument({ Bad: { async _get(_: { id: string }): Promise<unknown> { return value; } } }).Bad;
    const UsesBad: Sync = ({ request, id, user }) => ({
      when: actions([Requests.request, { path: "/bad", id }, { request }]),
      where: (frames) => frames.query(Bad._get, { id }, { user } as never),
      then: actions([Requests.respond, { request, user }]),
    });
    engine.register({ UsesBad });
    const { flow } = await engine.run(Requests.request, { path: "/bad", id: "1" });
    assert.equal(flow.errors.length, 1);
    assert.equal(flow.errors[0]?.code, "QUERY_CONTRACT");
    assert.match(flow.errors[0]?.message ?? "", /^Sync "UsesBad", where: query Bad\._get /);
    assert.match(flow.errors[0]?.message ?? "", pattern);
  });
}

test("a row without a requested key fails naming the key; an error row gets its own hint", async () => {
  const noKey = rows([{ name: "x" }]);
  await assert.rejects(
    attachWhereContext(new Frames({}), { sync: "S", steps: [] }).query(noKey._rows, {}, { user: a } as never),
    /^EnsembleError: Sync "S", where: query _rows\(\) returned row 0 without `user`, which the output pattern asks for\. The row has `name`\./,
  );
  const errorRow = rows([{ error: "Session not found" }]);
  await assert.rejects(new Frames({}).query(errorRow._rows, {}, { user: a } as never), /It is an error row \(error: "Session not found"\): a query should return \[\] when nothing matches/);
});

test("an action passed to frames.query is rejected: it is not a query", async () => {
  const { Sessions } = setup();
  await assert.rejects(new Frames({}).query(Sessions.create as never, {}, {}), (e) => {
    assert.ok(isEnsembleError(e, "NOT_A_QUERY"));
    assert.match(e.message, /Sessions\.create is an action, not a query: frames\.query reads state through queries/);
    return true;
  });
});

test("calling a query with a variable as a value is rejected, with the frames.query form", async () => {
  const { engine, Requests, Sessions } = setup();
  const Direct: Sync = ({ request, session }) => ({
    when: actions([Requests.request, { path: "/direct", session }, { request }]),
    where: async (frames) => {
      await Sessions._getUser({ session } as never);
      return frames;
    },
    then: actions([Requests.respond, { request }]),
  });
  engine.register({ Direct });
  const { flow } = await engine.run(Requests.request, { path: "/direct", session: "s1" });
  assert.equal(flow.errors[0]?.code, "VARIABLE_AS_VALUE");
  assert.match(flow.errors[0]?.message ?? "", /Sessions\._getUser was called with the variable `session` as the value of `session`.*frames\.query\(Sessions\._getUser, \{ session: session \}/);
});

test("where steps are recorded, so a zero-frame step can be named", async () => {
  const { engine, Requests, Sessions } = setup();
  const WhoAmI: Sync = ({ request, session, user }) => ({
    when: actions([Requests.request, { path: "/me", session }, { request }]),
    where: async (frames) => (await frames.query(Sessions._getUser, { session }, { user })).filter(() => true),
    then: actions([Requests.respond, { request, user }]),
  });
  engine.register({ WhoAmI });
  const { flow } = await engine.run(Requests.request, { path: "/me", session: "none" });
  assert.deepEqual(flow.runs[0]?.steps, [
    { op: "query Sessions._getUser", in: 1, out: 0 },
    { op: "filter", in: 0, out: 0 },
  ]);
  assert.match(engine.explain(flow.id, "WhoAmI").reason, /where clause left zero frames at step 1 \(query Sessions\._getUser: 1 → 0 frames\)/);
});
