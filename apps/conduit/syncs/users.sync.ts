// Users and authentication (docs/endpoints.md): register, log in, get and
// update the current user. A Conduit user is three concepts' worth of state:
// credentials in PasswordAuthentication (the e-mail address is the login
// name), a public Profile (username, bio, image), and Sessions (the session
// id is the token).

import { actions, type Frames, type Sync, type Vars } from "ensemble";
import { MAX_EMAIL_LENGTH, MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH, type ConduitConcepts } from "../concepts.ts";
import { conduitChecks } from "./checks.ts";
import { unpack, validBody } from "./request-body.ts";
import { route, type Check } from "./route.ts";
import { conduitViews, userJson } from "./views.ts";

export function userSyncs(concepts: ConduitConcepts) {
  const { Requesting, PasswordAuthentication, Profile, Sessioning } = concepts;
  const { signedIn } = conduitChecks(concepts);
  const view = conduitViews(concepts);
  // The request checks know the concepts' limits, so that nothing they would refuse gets past a check.
  const minLength = { password: MIN_PASSWORD_LENGTH };
  const maxLength = { email: MAX_EMAIL_LENGTH, username: MAX_USERNAME_LENGTH };

  /**
   * The body's `field` (unpacked as `target`) is absent, or nobody's, or the
   * caller's own — keeping one's own e-mail or username is allowed. On
   * registration `caller` is unbound, so only nobody's will do.
   */
  const free = (field: string, target: string, owner: (frames: Frames, v: Vars) => Promise<Frames>): Check => ({
    status: 422,
    async pass(frames, v) {
      frames = await owner(unpack(frames, v, { [field]: v[target] }), v);
      return frames.filter(($) => $[v.owner!] === null || $[v.owner!] === $[v.caller!]);
    },
    problems: () => [`${field} has already been taken`],
  });
  const emailFree = free("email", "newEmail", (frames, v) => frames.queryOptional(PasswordAuthentication._getUserByUsername, { username: v.newEmail }, { user: v.owner }));
  const usernameFree = free("username", "newUsername", (frames, v) => frames.queryOptional(Profile._getByUsername, { username: v.newUsername }, { user: v.owner }));

  // ---------------------------------------------------------------- POST /users { user: { username, email, password } } → 201 { user }
  const register = route(Requesting, "POST", "/users", (v) => ({ user: v.input }), [
    validBody({ name: "user", fields: { username: "required", email: "required", password: "required" }, minLength, maxLength }),
    emailFree,
    usernameFree,
  ]);

  // Credentials first: PasswordAuthentication mints the user id the other concepts share.
  const Register: Sync = (v) => ({
    when: actions(register.request(v)),
    where: async (frames) => unpack(await register.passing(frames, v), v, { password: v.password }),
    then: actions([PasswordAuthentication.register, { username: v.newEmail, password: v.password }]),
  });
  const CreateProfileOnRegister: Sync = (v) => ({
    when: actions(register.request(v), [PasswordAuthentication.register, {}, { user: v.user }]),
    where: (frames) => unpack(frames, v, { username: v.newUsername }),
    then: actions([Profile.register, { user: v.user, username: v.newUsername }]),
  });
  const StartSessionOnRegister: Sync = (v) => ({
    when: actions(register.request(v), [Profile.register, {}, { user: v.user }]),
    then: actions([Sessioning.create, { user: v.user }]),
  });
  const Registered: Sync = (v) => ({
    when: actions(register.request(v), [Profile.register, {}, { user: v.caller }], [Sessioning.create, { user: v.caller }, { session: v.token }]),
    where: (frames) => view.user(frames, v),
    then: actions([Requesting.respondWith, { request: v.request, status: 201, body: { user: userJson(v) } }]),
  });
  // The username went to someone else between the check and the insert: undo the credentials too.
  const UndoRegisterWhenUsernameTaken: Sync = (v) => ({
    when: actions(register.request(v), [PasswordAuthentication.register, {}, { user: v.user }], [Profile.register, {}, { error: v.error }]),
    then: actions(
      [PasswordAuthentication.deleteUser, { user: v.user }],
      [Requesting.respondWith, { request: v.request, status: 422, body: { errors: { body: [v.error] } } }],
    ),
  });

  // ---------------------------------------------------------------- POST /users/login { user: { email, password } } → 200 { user }
  const login = route(Requesting, "POST", "/users/login", (v) => ({ user: v.input }), [
    validBody({ name: "user", fields: { email: "required", password: "required" } }),
  ]);
  const Login: Sync = (v) => ({
    when: actions(login.request(v)),
    where: async (frames) => unpack(await login.passing(frames, v), v, { email: v.email, password: v.password }),
    then: actions([PasswordAuthentication.authenticate, { username: v.email, password: v.password }]),
  });
  const StartSessionOnLogin: Sync = (v) => ({
    when: actions(login.request(v), [PasswordAuthentication.authenticate, {}, { user: v.user }]),
    then: actions([Sessioning.create, { user: v.user }]),
  });
  const LoggedIn: Sync = (v) => ({
    when: actions(login.request(v), [PasswordAuthentication.authenticate, {}, { user: v.caller }], [Sessioning.create, { user: v.caller }, { session: v.token }]),
    where: (frames) => view.user(frames, v),
    then: actions([Requesting.respond, { request: v.request, user: userJson(v) }]),
  });
  const LoginFailed: Sync = (v) => ({
    when: actions(login.request(v), [PasswordAuthentication.authenticate, {}, { error: v.error }]),
    then: actions([Requesting.respondWith, { request: v.request, status: 401, body: { errors: { body: ["email or password is invalid"] } } }]),
  });

  // ---------------------------------------------------------------- GET /user → 200 { user }
  const currentUser = route(Requesting, "GET", "/user", (v) => ({ token: v.token }), [signedIn]);
  const GetCurrentUser: Sync = (v) => ({
    when: actions(currentUser.request(v)),
    where: async (frames) => view.user(await currentUser.passing(frames, v), v),
    then: actions([Requesting.respond, { request: v.request, user: userJson(v) }]),
  });

  // ---------------------------------------------------------------- PUT /user { user: { email?, username?, password?, bio?, image? } } → 200 { user }
  // Every check runs before anything changes, so a refused update changes nothing. The parts are
  // separate syncs, tried in the order registered: e-mail, password, then the profile, whose
  // completion answers with the user as it now is.
  const updateUser = route(Requesting, "PUT", "/user", (v) => ({ token: v.token, user: v.input }), [
    signedIn,
    validBody({
      name: "user",
      fields: { email: "optional", username: "optional", password: "optional", bio: "nullable", image: "nullable" },
      atLeastOne: true,
      minLength,
      maxLength,
    }),
    emailFree,
    usernameFree,
  ]);
  const ChangeEmail: Sync = (v) => ({
    when: actions(updateUser.request(v)),
    where: async (frames) => (await updateUser.passing(frames, v)).filter(($) => $[v.newEmail!] !== undefined),
    then: actions([PasswordAuthentication.changeUsername, { user: v.caller, username: v.newEmail }]),
  });
  const ChangePassword: Sync = (v) => ({
    when: actions(updateUser.request(v)),
    where: async (frames) => unpack(await updateUser.passing(frames, v), v, { password: v.password }).filter(($) => $[v.password!] !== undefined),
    then: actions([PasswordAuthentication.setPassword, { user: v.caller, password: v.password }]),
  });
  const UpdateProfile: Sync = (v) => ({
    when: actions(updateUser.request(v)),
    // After ChangeEmail the new e-mail is the caller's own, so emailFree still passes; had the
    // change failed (a racing request took the address), it no longer does, and the 422 below answers.
    where: async (frames) => unpack(await updateUser.passing(frames, v), v, { bio: v.newBio, image: v.newImage }),
    then: actions([Profile.update, { user: v.caller, username: v.newUsername, bio: v.newBio, image: v.newImage }]),
  });
  const UserUpdated: Sync = (v) => ({
    when: actions(updateUser.request(v), [Profile.update, {}, { user: v.caller }]),
    where: (frames) => view.user(frames, v),
    then: actions([Requesting.respond, { request: v.request, user: userJson(v) }]),
  });

  return {
    RegisterRejected: register.rejected,
    Register,
    CreateProfileOnRegister,
    StartSessionOnRegister,
    Registered,
    // The checks make these rare (two registrations racing for one name), but each must be answered.
    RegisterEmailTaken: register.failed(PasswordAuthentication.register, { reason: "taken", message: "email has already been taken" }),
    RegisterInvalid: register.failed(PasswordAuthentication.register, { reason: "invalid" }),
    UndoRegisterWhenUsernameTaken,
    LoginRejected: login.rejected,
    Login,
    StartSessionOnLogin,
    LoggedIn,
    LoginFailed,
    GetCurrentUserRejected: currentUser.rejected,
    GetCurrentUser,
    UpdateUserRejected: updateUser.rejected,
    ChangeEmail,
    ChangePassword,
    UpdateProfile,
    UserUpdated,
    EmailChangeFailed: updateUser.failed(PasswordAuthentication.changeUsername, { message: "email has already been taken" }),
    ProfileUpdateFailed: updateUser.failed(Profile.update),
  };
}
