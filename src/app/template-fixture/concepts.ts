// Stands in for the template's generated `@concepts` module: one engine,
// concepts instrumented at load time, exported for the sync files.

import { Engine, RequestingConcept, openDb } from "../../index.ts"; // was: generated from the concepts folder
import SessioningConcept from "./sessioning-concept.ts";
import PostingConcept from "./posting-concept.ts";

export const db = await openDb("sqlite::memory:");
export const Engine_ = new Engine({ logLevel: "off" });
export const { Requesting, Sessioning, Posting } = Engine_.instrument({
  Requesting: new RequestingConcept(),
  Sessioning: new SessioningConcept(db),
  Posting: new PostingConcept(db),
});
