// POST /login { username, password } → 200 { user, token }; bad credentials → 401.
// The seed's flow done right: authenticate, then one sync creates the session
// on success, and a second sync — which matches Sessioning.create in its
// `when` — responds with it.

import { actions, type Sync } from "ensemble";
import type { AuthConcepts } from "../concepts.ts";

export function loginSyncs({ Requesting, PasswordAuthentication, Sessioning }: AuthConcepts) {
  const Login: Sync = ({ username, password }) => ({
    when: actions([Requesting.request, { method: "POST", path: "/login", username, password }, {}]),
    then: actions([PasswordAuthentication.authenticate, { username, password }]),
  });

  const CreateSessionOnLogin: Sync = ({ user }) => ({
    when: actions(
      [Requesting.request, { method: "POST", path: "/login" }, {}],
      [PasswordAuthentication.authenticate, {}, { user }],
    ),
    then: actions([Sessioning.create, { user }]),
  });

  const RespondWithSession: Sync = ({ request, user, session }) => ({
    when: actions(
      [Requesting.request, { method: "POST", path: "/login" }, { request }],
      [PasswordAuthentication.authenticate, {}, { user }],
      [Sessioning.create, { user }, { session }],
    ),
    then: actions([Requesting.respond, { request, user, token: session }]),
  });

  const LoginFailed: Sync = ({ request, error }) => ({
    when: actions(
      [Requesting.request, { method: "POST", path: "/login" }, { request }],
      [PasswordAuthentication.authenticate, {}, { error }],
    ),
    then: actions([Requesting.respondWith, { request, status: 401, body: { error } }]),
  });

  return { Login, CreateSessionOnLogin, RespondWithSession, LoginFailed };
}
