// Routes that need a session: who-am-I, logout, change password, delete
// account. The token travels in `Authorization: Token <token>` (the request
// field `token`); a missing one is answered 401 by the runtime, an unknown or
// expired one 401 by `Unauthorized` below.

import { actions, type Sync } from "ensemble";
import type { AuthConcepts } from "../concepts.ts";

/** The routes below; a request to any of them with a bad token gets 401. */
const PROTECTED = [
  ["GET", "/me"],
  ["POST", "/logout"],
  ["PUT", "/password"],
  ["DELETE", "/account"],
] as const;

export function sessionSyncs({ Requesting, PasswordAuthentication, Sessioning }: AuthConcepts) {
  // GET /me → 200 { user, username }
  const WhoAmI: Sync = ({ request, token, user, username }) => ({
    when: actions([Requesting.request, { method: "GET", path: "/me", token }, { request }]),
    where: async (frames) => {
      frames = await frames.query(Sessioning._getUser, { session: token }, { user });
      return frames.query(PasswordAuthentication._getUsername, { user }, { username });
    },
    then: actions([Requesting.respond, { request, user, username }]),
  });

  // POST /logout → 204
  const Logout: Sync = ({ token, user }) => ({
    when: actions([Requesting.request, { method: "POST", path: "/logout", token }, {}]),
    where: (frames) => frames.query(Sessioning._getUser, { session: token }, { user }),
    then: actions([Sessioning.delete, { session: token }]),
  });
  const LoggedOut: Sync = ({ request, token }) => ({
    when: actions([Requesting.request, { method: "POST", path: "/logout", token }, { request }], [Sessioning.delete, { session: token }, { session: token }]),
    then: actions([Requesting.respondWith, { request, status: 204 }]),
  });

  // The session went away between the where and the delete (two logouts racing): 401, like a bad token.
  const LogoutFailed: Sync = ({ request, error }) => ({
    when: actions([Requesting.request, { method: "POST", path: "/logout" }, { request }], [Sessioning.delete, {}, { error }]),
    then: actions([Requesting.respondWith, { request, status: 401, body: { error: "invalid or expired session" } }]),
  });

  // PUT /password { oldPassword, newPassword } → 200 { user }; wrong current password 403; invalid new one 422
  const ChangePassword: Sync = ({ token, user, oldPassword, newPassword }) => ({
    when: actions([Requesting.request, { method: "PUT", path: "/password", token, oldPassword, newPassword }, {}]),
    where: (frames) => frames.query(Sessioning._getUser, { session: token }, { user }),
    then: actions([PasswordAuthentication.changePassword, { user, oldPassword, newPassword }]),
  });
  const PasswordChanged: Sync = ({ request, user }) => ({
    when: actions([Requesting.request, { method: "PUT", path: "/password" }, { request }], [PasswordAuthentication.changePassword, {}, { user }]),
    then: actions([Requesting.respond, { request, user }]),
  });
  const WrongPassword: Sync = ({ request, error }) => ({
    when: actions(
      [Requesting.request, { method: "PUT", path: "/password" }, { request }],
      [PasswordAuthentication.changePassword, {}, { error, reason: "wrong-password" }],
    ),
    then: actions([Requesting.respondWith, { request, status: 403, body: { error } }]),
  });
  const NewPasswordInvalid: Sync = ({ request, error }) => ({
    when: actions(
      [Requesting.request, { method: "PUT", path: "/password" }, { request }],
      [PasswordAuthentication.changePassword, {}, { error, reason: "invalid" }],
    ),
    then: actions([Requesting.respondWith, { request, status: 422, body: { error } }]),
  });

  // DELETE /account → 204; the user's sessions end with the account.
  const DeleteAccount: Sync = ({ token, user }) => ({
    when: actions([Requesting.request, { method: "DELETE", path: "/account", token }, {}]),
    where: (frames) => frames.query(Sessioning._getUser, { session: token }, { user }),
    then: actions([PasswordAuthentication.deleteUser, { user }]),
  });
  const EndSessionsOfDeletedUser: Sync = ({ user }) => ({
    when: actions([PasswordAuthentication.deleteUser, {}, { user }]),
    then: actions([Sessioning.deleteAllForUser, { user }]),
  });
  const AccountDeleted: Sync = ({ request, user }) => ({
    when: actions(
      [Requesting.request, { method: "DELETE", path: "/account" }, { request }],
      [Sessioning.deleteAllForUser, { user }, { user }],
    ),
    then: actions([Requesting.respondWith, { request, status: 204 }]),
  });
  // The account went away between the where and the delete (two deletions racing): 401, like a bad token.
  const DeleteAccountFailed: Sync = ({ request, error }) => ({
    when: actions([Requesting.request, { method: "DELETE", path: "/account" }, { request }], [PasswordAuthentication.deleteUser, {}, { error }]),
    then: actions([Requesting.respondWith, { request, status: 401, body: { error: "invalid or expired session" } }]),
  });

  // Any protected route with a token that names no live session → 401.
  const unauthorized = Object.fromEntries(
    PROTECTED.map(([method, path]): [string, Sync] => [
      `Unauthorized${method}${path.replace(/\W/g, "_")}`,
      ({ request, token }) => ({
        when: actions([Requesting.request, { method, path, token }, { request }]),
        where: (frames) => frames.queryNone(Sessioning._getUser, { session: token }),
        then: actions([Requesting.respondWith, { request, status: 401, body: { error: "invalid or expired session" } }]),
      }),
    ]),
  );

  // The guards come first: syncs are tried in registration order and each sees the state the
  // earlier ones left. Registered after Logout, a guard would find the session just deleted
  // and answer 401 to a request already answered 204.
  return { ...unauthorized, WhoAmI, Logout, LoggedOut, LogoutFailed, ChangePassword, PasswordChanged, WrongPassword, NewPasswordInvalid, DeleteAccount, EndSessionsOfDeletedUser, AccountDeleted, DeleteAccountFailed };
}
