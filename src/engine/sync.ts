// What a synchronization is: a function of its variables returning `when`,
// an optional `where`, and `then`. Written exactly as in the 6.1040 template.

import type { ActionList } from "./actions.ts";
import type { Frame, Frames } from "./frames.ts";
import type { Vars } from "./vars.ts";

/** A `where` clause: frames in, frames out, synchronously or not. */
export type Where = (frames: Frames) => Frames | readonly Frame[] | Promise<Frames | readonly Frame[]>;

export interface SyncDeclaration {
  /** Actions that must have happened in the flow, matched against records. */
  readonly when: ActionList;
  /** Optional: state queries and filters that refine the matched frames. */
  readonly where?: Where;
  /** Actions to invoke, once per frame that leaves `where`, in order. */
  readonly then: ActionList;
}

/**
 * A synchronization. Variables come from destructuring the argument:
 *
 * ```ts
 * export const RespondWithSession: Sync = ({ request, session }) => ({
 *   when: actions(
 *     [Requesting.request, { path: "/login" }, { request }],
 *     [Sessioning.create, {}, { session }],
 *   ),
 *   then: actions([Requesting.respond, { request, session }]),
 * });
 * ```
 */
export type Sync = (vars: Vars) => SyncDeclaration;

/** Syncs by name, as passed to `engine.register` (a module namespace works). */
export type SyncSet = Readonly<Record<string, Sync>>;
