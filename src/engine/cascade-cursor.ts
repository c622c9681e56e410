// Where one record's cascade stands. When a record completes, the engine
// walks its listeners, their matches, each match's frames and each frame's
// then-actions, in that order, running each then-action's own cascade to the
// end before going on. Kept as data — one cursor per record on an explicit
// stack — rather than as nested async calls, so a flow of any length costs
// the same per action: no chain of suspended calls grows with it.

import type { CompiledSync, CompiledThen } from "./compile-sync.ts";
import type { ActionRecord, Cause, Flow, SyncRun } from "./flow.ts";
import { lastId } from "./flow.ts";
import type { Frame, WhereContext } from "./frames.ts";
import { matchSync, type Match } from "./match-sync.ts";
import type { Listener } from "./sync-index.ts";

/** What `next` asks of the engine. */
export const enum Step {
  /** This record's cascade is done. */
  Done,
  /** Run `sync`'s where on `match`, then call `whereDone`. */
  Where,
  /** Invoke `then` with `input` (caused by `cause`), then push the new record's cursor. */
  Act,
}

/** The engine's side of the walk: starting a firing, binding a frame's then-inputs, logging frames. */
export interface CascadeHooks {
  /**
   * Records a firing. Every match is a new (sync, tuple): the tuple holds the
   * record that just completed, which no earlier cascade saw (match-sync.ts),
   * so each fires at most once without a set of the tuples already fired.
   */
  begin(flow: Flow, sync: CompiledSync, match: Match): SyncRun;
  /** Every then-input of the sync for one frame; undefined after a sync error (an unbound variable). */
  bind(flow: Flow, sync: CompiledSync, match: Match, run: SyncRun, frame: Frame, where: WhereContext | undefined): Record<string, unknown>[] | undefined;
  /** The frames a firing will act on (for verbose logs). */
  frames(flow: Flow, sync: CompiledSync, frames: readonly Frame[]): void;
}

const NONE: readonly never[] = Object.freeze([]);

export class CascadeCursor {
  // The current step's details, read by the engine after `next` (no object per step).
  sync: CompiledSync | undefined;
  match: Match | undefined;
  run: SyncRun | undefined;
  cause: Cause | undefined;
  /** The matched record that triggered the current firing (for the cycle check). */
  trigger = 0;
  then: CompiledThen | undefined;
  input: Record<string, unknown> | undefined;

  #listener = 0;
  #matches: readonly Match[] = NONE;
  #match = 0;
  #frames: readonly Frame[] = NONE;
  #frame = 0;
  #where: WhereContext | undefined;
  #inputs: Record<string, unknown>[] | undefined;
  #then = 0;

  constructor(
    readonly flow: Flow,
    readonly record: ActionRecord,
    private readonly listeners: readonly Listener[],
  ) {}

  /** Advances to the next step. Never awaits: a where is handed back as a step. */
  next(hooks: CascadeHooks): Step {
    for (;;) {
      const sync = this.sync;
      if (this.#inputs && sync && this.#then < this.#inputs.length) {
        const i = this.#then++;
        this.then = sync.then[i] as CompiledThen;
        this.input = this.#inputs[i] as Record<string, unknown>;
        return Step.Act;
      }
      this.#inputs = undefined;
      if (this.run && sync && this.#frame < this.#frames.length) {
        this.#inputs = hooks.bind(this.flow, sync, this.match as Match, this.run, this.#frames[this.#frame++] as Frame, this.#where);
        this.#then = 0;
        continue;
      }
      if (sync && this.#match < this.#matches.length) {
        const match = this.#matches[this.#match++] as Match;
        const run = hooks.begin(this.flow, sync, match);
        this.match = match;
        this.run = run;
        // One cause for every record this firing produces: the same plain data each time.
        this.cause = { sync: sync.name, records: match.ids };
        this.trigger = lastId(match.ids);
        this.#frames = NONE;
        this.#frame = 0;
        if (sync.where) return Step.Where;
        this.#setFrames(hooks, [match.frame], undefined);
        continue;
      }
      if (this.#listener < this.listeners.length) {
        const { sync: next, positions } = this.listeners[this.#listener++] as Listener;
        this.sync = next;
        this.run = undefined;
        this.#matches = matchSync(next, positions, this.record, this.flow.byKey);
        this.#match = 0;
        continue;
      }
      return Step.Done;
    }
  }

  /** After a Where step: the frames it left (none after a sync error), and its context (where their variables came from). */
  whereDone(hooks: CascadeHooks, frames: readonly Frame[], where: WhereContext): void {
    this.#setFrames(hooks, frames, where);
  }

  #setFrames(hooks: CascadeHooks, frames: readonly Frame[], where: WhereContext | undefined): void {
    if (!this.run || !this.sync) return;
    this.run.frames = frames.length;
    this.#frames = frames;
    this.#frame = 0;
    this.#where = where;
    hooks.frames(this.flow, this.sync, frames);
  }
}
