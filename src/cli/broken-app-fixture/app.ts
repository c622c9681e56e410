// A deliberately broken app: every finding of `ensemble check` is triggered
// here once, by a sync named after it. The CLI tests read it; do not fix it.

import { defineApp } from "../../app/define-app.ts";
import { NotesConcept } from "./notes-concept.ts";
import { brokenSyncs, duplicateSyncs } from "./broken.sync.ts";

export const brokenApp = defineApp({
  name: "broken",
  config: {
    passthrough: {
      "Notes.add": "quick testing", // mutating-passthrough
      "Notes.nope": "no such method", // invalid-passthrough
    },
  },
  concepts: ({ db }) => ({ Notes: new NotesConcept(db) }),
  syncs: (concepts) => [brokenSyncs(concepts), duplicateSyncs(concepts)],
});
