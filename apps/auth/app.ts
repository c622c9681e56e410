// The auth app: register, log in, who-am-I, log out, change password, delete
// account — password authentication and sessions, composed by syncs. It is
// also Ensemble's starter template: copy this folder to begin an app.

import { defineApp } from "ensemble";
import { authConcepts } from "./concepts.ts";
import { loginSyncs } from "./syncs/login.sync.ts";
import { registerSyncs } from "./syncs/register.sync.ts";
import { sessionSyncs } from "./syncs/session.sync.ts";

export const authApp = defineApp({
  name: "auth",
  concepts: authConcepts,
  syncs: (concepts) => [registerSyncs(concepts), loginSyncs(concepts), sessionSyncs(concepts)],
});
