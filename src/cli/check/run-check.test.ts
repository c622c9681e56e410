// `ensemble check` as a function: what each finding says (the sync, the
// cause, the fix) on the broken app, silence on the auth app, and the flow
// model's judgement on the cases that decide between a finding and none —
// a where between two answers, success versus error, an error answered
// further down the cascade, an action that cannot fail, passthrough roots.

import { test } from "node:test";
import assert from "node:assert/strict";
import { authApp } from "../../../apps/auth/app.ts";
import { defineApp } from "../../app/define-app.ts";
import { actions, type Sync } from "../../engine/index.ts";
import { brokenApp } from "../broken-app-fixture/app.ts";
import type { Finding } from "./finding.ts";
import { runCheck } from "./run-check.ts";

const at = (file: string) => ({ file, label: "test" });
const BROKEN_APP = "src/cli/broken-app-fixture/app.ts";

test("the auth app has no findings", async () => {
  const report = await runCheck(authApp, at("apps/auth/app.ts"), { env: {} });
  assert.deepEqual(report.findings, []);
  assert.deepEqual([report.syncs, report.routes, report.errors, report.warnings], [24, 6, 0, 0]);
});

test("each finding on the broken app names the sync, the cause and the fix", async () => {
  const report = await runCheck(brokenApp, at(BROKEN_APP), { env: {} });
  const find = (rule: string, sync?: string): Finding => {
    const f = report.findings.find((x) => x.rule === rule && (sync === undefined || x.sync === sync));
    assert.ok(f, `no ${rule} finding${sync ? ` for ${sync}` : ""}`);
    return f;
  };
  const quick = find("registration", "QuickNote");
  assert.match(quick.message, /`note` is a result of Notes\.add, an earlier then-action of this sync\.$/);
  assert.match(quick.fix ?? "", /^keep \[Notes\.add, \{ owner, text \}\] in "QuickNote", and move Requesting\.respond into a second sync/);
  assert.match(find("registration", "Ping").message, /define "Ping" \(sets 1 and 2\) more than once/);
  assert.match(find("query-as-action", "OnList").message, /when #1 uses Notes\._list, which is a query .* read them in where with frames\.query/);
  assert.match(find("action-as-query", "ListNotes").message, /Notes\.add is an action, not a query.*To invoke Notes\.add, list it in the sync's then/);
  assert.match(find("variable-as-value", "CountNotes").message, /^Sync "CountNotes", where: Notes\._list was called with the variable `owner`/);
  assert.match(find("where-failed", "RecentNotes").message, /an async predicate is always truthy/);
  assert.match(find("query-contract", "ShowNote").message, /query Notes\._byId returned null, not an array/);
  assert.match(find("unbound-variable", "FirstNote").message, /needs `text`, but this frame does not bind it/);

  const overlap = find("overlapping-answers", "Pong");
  assert.match(overlap.message, /^Syncs "Ping" and "Pong" both answer GET \/api\/ping: /);
  assert.match(overlap.fix ?? "", /Make them exclusive/);

  const unanswered = find("unanswered-error", "NoteAdded");
  assert.equal(unanswered.route, "POST /api/notes");
  assert.match(unanswered.message, /answers when Notes\.add succeeds, but no sync answers when it returns \{ error \} \(e\.g\. \{ error: "a note needs text" \}\): such a request ends in 500\./);
  assert.match(unanswered.fix ?? "", /\[Requesting\.request, \{ method: "POST", path: "\/notes" \}, \{ request \}\],\n\s+\[Notes\.add, \{\}, \{ error \}\],/);

  assert.match(find("unreachable-sync", "NoteAddedTypo").message, /when #2 \(Notes\.add\) never matches in the flow of POST \/api\/notes: the pattern needs input `txt` \(AddNote invokes Notes\.add with \{ owner, text \}\)/);
  assert.match(find("unreachable-sync", "AfterArchive").message, /nothing invokes Notes\.archive/);
  assert.match(find("mutating-passthrough").message, /POST \/api\/Notes\/add lets any client invoke the action Notes\.add directly/);
  assert.deepEqual(find("mutating-passthrough").location, { file: BROKEN_APP, line: 12, column: 7 });
  assert.match(find("invalid-passthrough").message, /"Notes\.nope", which is not a method of a concept/);
  const rules = new Set(report.findings.map((f) => f.rule));
  assert.equal(rules.size, 12, `every rule but invalid-config fires: ${[...rules].join(", ")}`);
});

/** Notes that can fail; Tags that cannot; their syncs come from each test. */
class NotesConcept {
  async add({ text }: { text: string }): Promise<{ note: string } | { error: string }> {
    return text ? { note: "n1" } : { error: "empty" };
  }
}
class TagsConcept {
  async tag({ note }: { note: string }): Promise<{ tag: string }> {
    return { tag: note };
  }
}
type Concepts = Parameters<Parameters<typeof defineApp<{ Notes: NotesConcept; Tags: TagsConcept }>>[0]["syncs"]>[0];

async function lint(syncs: (c: Concepts) => Record<string, Sync>, config = {}): Promise<string[]> {
  const app = defineApp({ name: "t", config, concepts: () => ({ Notes: new NotesConcept(), Tags: new TagsConcept() }), syncs });
  const report = await runCheck(app, at("nowhere.ts"), { env: {} });
  return report.findings.map((f) => `${f.rule} ${f.sync ?? ""}`.trim());
}

test("answers told apart by a where, or by success and error, do not overlap; identical ones do", async () => {
  const findings = await lint(({ Requesting, Notes }) => ({
    Add: ({ text }) => ({ when: actions([Requesting.request, { path: "/n", text }, {}]), then: actions([Notes.add, { text }]) }),
    Added: ({ request, note }) => ({ when: actions([Requesting.request, { path: "/n" }, { request }], [Notes.add, {}, { note }]), then: actions([Requesting.respond, { request, note }]) }),
    Failed: ({ request, error }) => ({ when: actions([Requesting.request, { path: "/n" }, { request }], [Notes.add, {}, { error }]), then: actions([Requesting.respond, { request, error }]) }),
    Guarded: ({ request }) => ({
      when: actions([Requesting.request, { path: "/n" }, { request }]),
      where: (frames) => frames.filter(() => false),
      then: actions([Requesting.respond, { request }]),
    }),
    AlsoAdded: ({ request }) => ({ when: actions([Requesting.request, { path: "/n" }, { request }], [Notes.add, {}, {}]), then: actions([Requesting.respond, { request }]) }),
  }));
  // AlsoAdded's {} matches success and error alike, so it overlaps with both Added and Failed; Guarded has a where.
  assert.deepEqual(findings, ["overlapping-answers AlsoAdded", "overlapping-answers AlsoAdded"]);
});

test("an error answered further down the cascade counts; an action that cannot fail needs no error answer", async () => {
  const findings = await lint(({ Requesting, Notes, Tags }) => ({
    Add: ({ text }) => ({ when: actions([Requesting.request, { path: "/n", text }, {}]), then: actions([Notes.add, { text }]) }),
    TagIt: ({ note }) => ({ when: actions([Requesting.request, { path: "/n" }, {}], [Notes.add, {}, { note }]), then: actions([Tags.tag, { note }]) }),
    Tagged: ({ request, tag }) => ({ when: actions([Requesting.request, { path: "/n" }, { request }], [Tags.tag, {}, { tag }]), then: actions([Requesting.respond, { request, tag }]) }),
    OnFailure: ({ text, error }) => ({ when: actions([Requesting.request, { path: "/n", text }, {}], [Notes.add, {}, { error }]), then: actions([Tags.tag, { note: text }]) }),
  }));
  // Tagged answers Notes.add's success (via TagIt) and its error (via OnFailure); Tags.tag cannot fail.
  assert.deepEqual(findings, []);
});

test("a passthrough action starts flows of its own: syncs on it are reachable", async () => {
  const findings = await lint(
    ({ Notes, Tags }) => ({
      TagNew: ({ note }) => ({ when: actions([Notes.add, {}, { note }]), then: actions([Tags.tag, { note }]) }),
    }),
    { passthrough: { "Notes.add": "a demo" } },
  );
  assert.deepEqual(findings, ["mutating-passthrough"]);
});

test("a sync whose patterns need one action to both succeed and fail is unreachable", async () => {
  const findings = await lint(({ Requesting, Notes }) => ({
    Add: ({ text }) => ({ when: actions([Requesting.request, { path: "/n", text }, {}]), then: actions([Notes.add, { text }]) }),
    Answer: ({ request, note }) => ({ when: actions([Requesting.request, { path: "/n" }, { request }], [Notes.add, {}, { note }]), then: actions([Requesting.respond, { request, note }]) }),
    AnswerError: ({ request, error }) => ({ when: actions([Requesting.request, { path: "/n" }, { request }], [Notes.add, {}, { error }]), then: actions([Requesting.respond, { request, error }]) }),
    Confused: ({ note, error }) => ({ when: actions([Notes.add, {}, { note }], [Notes.add, {}, { error }]), then: actions([Notes.add, { text: note }]) }),
  }));
  assert.deepEqual(findings, ["unreachable-sync Confused"]);
});
