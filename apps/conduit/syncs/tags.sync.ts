// Tags (docs/endpoints.md): every tag in use, each once, no auth.

import { actions, type Sync } from "ensemble";
import type { ConduitConcepts } from "../concepts.ts";

export function tagSyncs({ Requesting, Tagging }: ConduitConcepts) {
  // GET /tags → 200 { tags }
  const GetTags: Sync = ({ request, tags, tag }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/tags" }, { request }]),
    where: (frames) => frames.gather(tags, tag, (one) => one.query(Tagging._allTags, {}, { tag })),
    then: actions([Requesting.respond, { request, tags }]),
  });
  return { GetTags };
}
