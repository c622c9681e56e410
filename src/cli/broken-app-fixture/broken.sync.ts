// The broken app's syncs, one mistake each (the comment names the finding).
// Mistakes that TypeScript already catches carry @ts-expect-error.

import type { AppConcepts } from "../../app/define-app.ts";
import { actions, type Sync } from "../../engine/index.ts";
import type { NotesConcept } from "./notes-concept.ts";

type Concepts = AppConcepts<{ Notes: NotesConcept }>;

export function brokenSyncs({ Requesting, Notes }: Concepts) {
  const AddNote: Sync = ({ owner, text }) => ({
    when: actions([Requesting.request, { method: "POST", path: "/notes", owner, text }, {}]),
    then: actions([Notes.add, { owner, text }]),
  });
  // unanswered-error: Notes.add can return { error }, and nothing answers it.
  const NoteAdded: Sync = ({ request, note }) => ({
    when: actions([Requesting.request, { method: "POST", path: "/notes" }, { request }], [Notes.add, {}, { note }]),
    then: actions([Requesting.respondWith, { request, status: 201, body: { note } }]),
  });
  // unreachable-sync: Notes.add is never invoked with `txt`.
  const NoteAddedTypo: Sync = ({ request, note, txt }) => ({
    // @ts-expect-error `txt` is not a parameter of Notes.add
    when: actions([Requesting.request, { method: "POST", path: "/notes" }, { request }], [Notes.add, { txt }, { note }]),
    then: actions([Requesting.respond, { request, note }]),
  });
  // unreachable-sync: nothing invokes Notes.archive.
  const AfterArchive: Sync = ({ note }) => ({
    when: actions([Notes.archive, {}, { note }]),
    then: actions([Notes.archive, { note }]),
  });
  // overlapping-answers: Ping and Pong both answer GET /ping.
  const Ping: Sync = ({ request }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/ping" }, { request }]),
    then: actions([Requesting.respond, { request, pong: "ping" }]),
  });
  const Pong: Sync = ({ request }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/ping" }, { request }]),
    then: actions([Requesting.respond, { request, pong: "pong" }]),
  });
  // action-as-query: frames.query given an action.
  const ListNotes: Sync = ({ request, owner, note }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/notes", owner }, { request }]),
    where: (frames) => frames.query(Notes.add, { owner }, { note }),
    then: actions([Requesting.respond, { request, note }]),
  });
  // query-contract: Notes._byId returns null when there is no such note.
  const ShowNote: Sync = ({ request, note, text }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/note", note }, { request }]),
    where: (frames) => frames.query(Notes._byId, { note }, { text }),
    then: actions([Requesting.respond, { request, text }]),
  });
  // variable-as-value: a query called with the variable itself.
  const CountNotes: Sync = ({ request, owner, count }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/count", owner }, { request }]),
    where: async (frames) => {
      // @ts-expect-error a variable is not a value
      const rows = await Notes._list({ owner });
      return frames.let(count, () => rows.length);
    },
    then: actions([Requesting.respond, { request, count }]),
  });
  // where-failed: an async predicate is always truthy.
  const RecentNotes: Sync = ({ request }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/recent" }, { request }]),
    where: (frames) => frames.filter(async () => false),
    then: actions([Requesting.respond, { request }]),
  });
  // unbound-variable: no frame leaving where binds `text`.
  const FirstNote: Sync = ({ request, owner, note, text }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/first", owner }, { request }]),
    where: (frames) => frames.query(Notes._list, { owner }, { note }),
    then: actions([Requesting.respond, { request, note, text }]),
  });
  // query-as-action: a query in when.
  const OnList: Sync = ({ owner, note }) => ({
    // @ts-expect-error a query is not an action
    when: actions([Notes._list, { owner }, { note }]),
    then: actions([Notes.archive, { note }]),
  });
  // registration (UNBOUND_VARIABLE): a then-action uses another then-action's output.
  const QuickNote: Sync = ({ request, owner, text, note }) => ({
    when: actions([Requesting.request, { method: "POST", path: "/quick", owner, text }, { request }]),
    then: actions([Notes.add, { owner, text }], [Requesting.respond, { request, note }]),
  });
  return { AddNote, NoteAdded, NoteAddedTypo, AfterArchive, Ping, Pong, ListNotes, ShowNote, CountNotes, RecentNotes, FirstNote, OnList, QuickNote };
}

// registration (DUPLICATE_SYNC): a second set defines "Ping" again.
export function duplicateSyncs({ Requesting }: Concepts) {
  const Ping: Sync = ({ request }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/ping2" }, { request }]),
    then: actions([Requesting.respond, { request }]),
  });
  return { Ping };
}
