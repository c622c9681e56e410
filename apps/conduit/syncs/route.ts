// Routes with ordered checks. Each Conduit endpoint has preconditions that
// the spec answers with a status of their own — a valid token (401), a
// resource that exists (404), the right owner (403), a well-formed body
// (422) — and a request must get exactly one answer. A `Route` lists its
// checks in order of precedence and gives two complementary halves:
//
// - `passing(frames, v)`: the frames that pass every check, for the syncs
//   that act on a good request;
// - `rejected`: ONE sync that answers a request failing a check with that
//   check's status and `{ errors: { body: [...] } }` (the first failing check
//   wins, so a bad token and an unknown slug is a 401, not both).
//
// The two halves run the same checks, so they are exclusive by construction.
// `rejected` must be registered before the syncs that act: syncs are tried
// in registration order and a guard tried after a deletion would find the
// resource gone.

import { actions, Frames, type ActionSpec, type AnyMethod, type Frame, type RequestingConcept, type Sync, type VarRef, type Vars } from "ensemble";

/** A precondition of a route and how it is answered when it fails. */
export interface Check {
  readonly status: 401 | 403 | 404 | 422;
  /** Keeps the frames that pass, binding what later steps use. */
  pass(frames: Frames, v: Vars): Frames | Promise<Frames>;
  /** The messages for a frame that did not pass. */
  problems(frame: Frame, v: Vars): string[];
}

type RequestAction = RequestingConcept["request"];
/** The fields a route's request pattern binds besides method and path, e.g. `(v) => ({ slug: v.slug, token: v.token })`. */
export type RequestFields = (v: Vars) => Readonly<Record<string, VarRef>>;

export interface Route {
  readonly method: string;
  readonly path: string;
  /** The `when` pattern of a request to this route; binds `v.request`. */
  request(v: Vars): ActionSpec<RequestAction>;
  /** The frames that pass every check, in order. */
  passing(frames: Frames, v: Vars): Promise<Frames>;
  /** The sync answering a request that fails a check. Register it before the syncs that act. */
  readonly rejected: Sync;
  /**
   * A sync answering this route's request with 422 (or `status`) when
   * `action` failed in its flow (with this `reason`, if given): a failure the
   * checks cannot foresee (a racing request took the name, or deleted the
   * thing first), which must still be answered. The message is the action's
   * error unless `message` words it for the API.
   */
  failed(action: AnyMethod, options?: { reason?: string; message?: string; status?: 404 | 422 }): Sync;
}

export function route(Requesting: RequestingConcept, method: string, path: string, fields: RequestFields, checks: readonly Check[]): Route {
  const request = (v: Vars): ActionSpec<RequestAction> => [Requesting.request, { method, path, ...fields(v) }, { request: v.request }];
  const passing = async (frames: Frames, v: Vars): Promise<Frames> => {
    for (const check of checks) frames = await check.pass(frames, v);
    return frames;
  };
  const rejected: Sync = (v) => ({
    when: actions(request(v)),
    where: (frames) => firstFailure(frames, v, checks),
    then: actions([Requesting.respondWith, { request: v.request, status: v.status, body: { errors: { body: v.problems } } }]),
  });
  const failed = (action: AnyMethod, { reason, message, status = 422 }: { reason?: string; message?: string; status?: 404 | 422 } = {}): Sync => (v) => ({
    when: actions(request(v), [action, {}, reason === undefined ? { error: v.error } : { error: v.error, reason }]),
    then: actions([Requesting.respondWith, { request: v.request, status, body: { errors: { body: [message ?? v.error] } } }]),
  });
  return { method, path, request, passing, rejected, failed };
}

/**
 * The frames that fail some check, each with `v.status` and `v.problems` of
 * the first check it fails. A frame is tried alone against each check, so a
 * check needs only say what passes.
 */
async function firstFailure(frames: Frames, v: Vars, checks: readonly Check[]): Promise<Frames> {
  const status = v.status as symbol;
  const problems = v.problems as symbol;
  const rejected = new Frames();
  let remaining: readonly Frame[] = frames;
  for (const check of checks) {
    const next: Frame[] = [];
    for (const frame of remaining) {
      const passed = await check.pass(new Frames(frame), v);
      if (passed.length === 0) rejected.push({ ...frame, [status]: check.status, [problems]: check.problems(frame, v) });
      else next.push(...passed);
    }
    remaining = next;
  }
  return rejected;
}
