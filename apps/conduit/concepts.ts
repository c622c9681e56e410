// Conduit's concepts on the app's database: Ensemble's standard password
// authentication (the login name is the e-mail address) and sessions (the
// session id is the API token), and the app's own concepts in ./concepts/.
// Requesting is added by the runtime. Why these concepts: see README.md.

import { PasswordAuthenticationConcept, SessioningConcept, type AppConcepts, type AppContext } from "ensemble";
import { ArticlingConcept } from "./concepts/articling.ts";
import { CommentingConcept } from "./concepts/commenting.ts";
import { FavoritingConcept } from "./concepts/favoriting.ts";
import { FollowingConcept } from "./concepts/following.ts";
import { ProfileConcept } from "./concepts/profile.ts";
import { TaggingConcept } from "./concepts/tagging.ts";

/** Limits the concepts enforce, and the request checks too, so that a request they would refuse is answered 422 before anything changes. */
export const MIN_PASSWORD_LENGTH = 8;
/** An e-mail address can be 254 characters long. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_USERNAME_LENGTH = 64;

export function conduitConcepts({ db }: AppContext) {
  return {
    PasswordAuthentication: new PasswordAuthenticationConcept(db, { minPasswordLength: MIN_PASSWORD_LENGTH, maxUsernameLength: MAX_EMAIL_LENGTH }),
    Sessioning: new SessioningConcept(db),
    Profile: new ProfileConcept(db, { maxUsernameLength: MAX_USERNAME_LENGTH }),
    Following: new FollowingConcept(db),
    // GET /articles/feed is its own route, so no article may be called "feed".
    Articling: new ArticlingConcept(db, { reservedSlugs: ["feed"] }),
    Tagging: new TaggingConcept(db),
    Favoriting: new FavoritingConcept(db),
    Commenting: new CommentingConcept(db),
  };
}

/** What the sync files receive: the instrumented concepts, Requesting included. */
export type ConduitConcepts = AppConcepts<ReturnType<typeof conduitConcepts>>;
