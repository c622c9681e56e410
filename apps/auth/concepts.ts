// The auth app's concepts: Ensemble's standard password authentication and
// sessions, on the app's database. Requesting is added by the runtime.

import { PasswordAuthenticationConcept, SessioningConcept, type AppConcepts, type AppContext } from "ensemble";

export function authConcepts({ db }: AppContext) {
  return {
    PasswordAuthentication: new PasswordAuthenticationConcept(db),
    Sessioning: new SessioningConcept(db),
  };
}

/** What the sync files receive: the instrumented concepts, Requesting included. */
export type AuthConcepts = AppConcepts<ReturnType<typeof authConcepts>>;
