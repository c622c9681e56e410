// Conduit, the RealWorld backend (../../../shared/realworld), built from
// independent concepts composed by synchronizations: one sync file per area
// of the spec. Errors the runtime answers itself (no token, a missing body
// field, an unknown route) take the spec's shape { errors: { body: [...] } }.

import { defineApp } from "ensemble";
import { conduitConcepts } from "./concepts.ts";
import { articleSyncs } from "./syncs/articles.sync.ts";
import { commentSyncs } from "./syncs/comments.sync.ts";
import { favoriteSyncs } from "./syncs/favorites.sync.ts";
import { profileSyncs } from "./syncs/profiles.sync.ts";
import { tagSyncs } from "./syncs/tags.sync.ts";
import { userSyncs } from "./syncs/users.sync.ts";

export const conduitApp = defineApp({
  name: "conduit",
  concepts: conduitConcepts,
  syncs: (concepts) => [userSyncs(concepts), profileSyncs(concepts), articleSyncs(concepts), favoriteSyncs(concepts), commentSyncs(concepts), tagSyncs(concepts)],
  config: {
    // A RealWorld frontend usually runs on another origin (docs/cors.md); CORS_ORIGINS narrows this.
    cors: { origins: "*", credentials: false },
    // The diagnosis (why no sync answered) is only given in development; keep it beside the spec's shape.
    errorBody: (_status, message, diagnosis, flow) => ({ errors: { body: [message] }, ...(diagnosis ? { diagnosis, flow } : {}) }),
  },
});
