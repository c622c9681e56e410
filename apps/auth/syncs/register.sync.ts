// POST /register { username, password } → 201 { user, username }
// A taken username → 409; an invalid one or a short password → 422.

import { actions, type Sync } from "ensemble";
import type { AuthConcepts } from "../concepts.ts";

export function registerSyncs({ Requesting, PasswordAuthentication }: AuthConcepts) {
  const Register: Sync = ({ username, password }) => ({
    when: actions([Requesting.request, { method: "POST", path: "/register", username, password }, {}]),
    then: actions([PasswordAuthentication.register, { username, password }]),
  });

  const Registered: Sync = ({ request, username, user }) => ({
    when: actions(
      [Requesting.request, { method: "POST", path: "/register", username }, { request }],
      [PasswordAuthentication.register, {}, { user }],
    ),
    then: actions([Requesting.respondWith, { request, status: 201, body: { user, username } }]),
  });

  const UsernameTaken: Sync = ({ request, error }) => ({
    when: actions(
      [Requesting.request, { method: "POST", path: "/register" }, { request }],
      [PasswordAuthentication.register, {}, { error, reason: "taken" }],
    ),
    then: actions([Requesting.respondWith, { request, status: 409, body: { error } }]),
  });

  const RegistrationInvalid: Sync = ({ request, error }) => ({
    when: actions(
      [Requesting.request, { method: "POST", path: "/register" }, { request }],
      [PasswordAuthentication.register, {}, { error, reason: "invalid" }],
    ),
    then: actions([Requesting.respondWith, { request, status: 422, body: { error } }]),
  });

  return { Register, Registered, UsernameTaken, RegistrationInvalid };
}
