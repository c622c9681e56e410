// The sync engine: instruments concepts, registers syncs, and runs flows.
// When an action completes, the engine finds the syncs that can match it
// (through the dispatch index), computes their matches (a pure function),
// runs `where`, and invokes the then-actions one frame at a time, each
// completing with its own cascade before the next starts. A flow leaves
// memory as soon as its cascade settles.

import { refOf, type ActionRef } from "./action-ref.ts";
import type { AnyMethod, InputOf, OutputOf } from "./actions.ts";
import { compileSync, type CompiledSync, type CompiledThen } from "./compile-sync.ts";
import { EngineLog, type LogLevel, type LogSink } from "./engine-log.ts";
import { EnsembleError, isEnsembleError } from "../ensemble-error.ts";
import { diagnoseFlow, type Diagnosis } from "./diagnose-flow.ts";
import { explainSync, type Explanation } from "./explain.ts";
import { Flow, type ActionRecord, type Cause, type FlowTrace, type SyncRun } from "./flow.ts";
import { MemoryFlowLog, type FlowLog } from "./flow-log.ts";
import { formatFrame, formatValue } from "./format.ts";
import { attachWhereContext, framesOf, whereOrigins, type Frame, type WhereContext, type WhereStep } from "./frames.ts";
import { assertNoVariables, instrumentConcept } from "./instrument.ts";
import type { Match } from "./match-sync.ts";
import { SyncIndex, type Listener } from "./sync-index.ts";
import { substitute, UnboundVariable } from "./substitute.ts";
import type { SyncSet, Where } from "./sync.ts";
import { findCycle } from "./find-cycle.ts";
import { QueryMemo } from "./query-memo.ts";
import { idSequence } from "./id-sequence.ts";
import { CascadeCursor, Step, type CascadeHooks } from "./cascade-cursor.ts";
import { checkThenBindings, unboundAtRunTime } from "./unbound-variable.ts";
import { varName } from "./vars.ts";

export interface EngineOptions {
  /** "off", "info" (warnings and sync errors; default), "trace" (one line per action), "verbose" (frames too). */
  readonly logLevel?: LogLevel;
  /** Where log lines go (default: stderr). */
  readonly log?: LogSink;
  /** The clock, in milliseconds (inject one in tests). */
  readonly now?: () => number;
  /** Flow id generator (default: UUID-shaped ids, a counter first and a random tail; see id-sequence.ts). */
  readonly newFlowId?: () => string;
  /** A flow that would record more actions than this is stopped (default 10 000). */
  readonly stepLimit?: number;
  /** Settled flows kept in memory for inspection (default 200); ignored when `flowLog` is given. */
  readonly retainFlows?: number;
  /**
   * Retained flows hold at most this many records in total (default 2 000),
   * so long flows are kept fewer; ignored when `flowLog` is given. Records, not
   * flows, are what the collector must walk: a budget by flow count made every
   * action slower in long flows (benchmark 4).
   */
  readonly retainRecords?: number;
  readonly flowLog?: FlowLog;
}

/** What a direct call returns once the whole cascade has settled. */
export interface FlowResult<O = Record<string, unknown>> {
  readonly output: O;
  readonly flow: FlowTrace;
}

export interface FlowHandle<O = Record<string, unknown>> {
  readonly flowId: string;
  readonly settled: Promise<FlowResult<O>>;
}

export interface EngineEvents {
  record: (record: ActionRecord) => void;
  settled: (flow: FlowTrace) => void;
  syncError: (error: { flow: string; sync: string; message: string }) => void;
}

/** The key of Engine's internal entry for callers that own their input (not exported from the package). */
export const INVOKE_OWNED = Symbol("ensemble.invokeOwned");

/** Thrown inside a cascade to stop its whole flow (step limit, cycle). */
class FlowStop extends Error {
  constructor(readonly error: EnsembleError) {
    super(error.message);
  }
}

export class Engine {
  readonly #index = new SyncIndex();
  readonly #syncs = new Map<string, CompiledSync>();
  readonly #concepts = new Map<string, object>();
  /**
   * Flows whose cascade is running, each at its `liveSlot`. An array, not a
   * Map by id: set and delete once per flow on a Map made V8 promote the
   * in-flight flows (2.4 MB instead of 0.3 MB per scavenge with 64 in
   * flight, half the throughput). Lookups by id are for inspection only.
   */
  readonly #live: Flow[] = [];
  readonly #knownOutputs = new Map<string, Set<string>>();
  readonly #warned = new Set<string>();
  readonly #known = (key: string): ReadonlySet<string> | undefined => this.#knownOutputs.get(key);
  readonly #listeners: { [E in keyof EngineEvents]: Set<EngineEvents[E]> } = { record: new Set(), settled: new Set(), syncError: new Set() };
  readonly #log: EngineLog;
  readonly #flows: FlowLog;
  readonly #now: () => number;
  readonly #newFlowId: () => string;
  readonly #stepLimit: number;

  constructor(options: EngineOptions = {}) {
    this.#log = new EngineLog(options.logLevel ?? "info", options.log);
    this.#flows = options.flowLog ?? new MemoryFlowLog(options.retainFlows ?? 200, options.retainRecords ?? 2_000);
    // timeOrigin is a getter that costs as much as now() itself; it never changes.
    const origin = performance.timeOrigin;
    this.#now = options.now ?? (() => origin + performance.now());
    this.#newFlowId = options.newFlowId ?? idSequence();
    this.#stepLimit = options.stepLimit ?? 10_000;
  }

  /**
   * Wraps concept instances so their actions are recorded and trigger syncs.
   * Use the returned objects in syncs and to call actions from outside.
   */
  instrument<T extends Record<string, object>>(concepts: T): T {
    const out: Record<string, object> = {};
    for (const [name, instance] of Object.entries(concepts)) {
      if (this.#concepts.has(name)) {
        throw new EnsembleError("INVALID_CONFIG", `instrument: a concept named "${name}" is already instrumented in this engine; give each concept one name.`);
      }
      const wrapped = instrumentConcept(
        name,
        instance,
        (ref, input) => this.#external(ref, input).settled.then((r) => r.output),
        (ref, input) => {
          assertNoVariables(ref, input);
          return ref.method.call(ref.instance, input);
        },
      );
      this.#concepts.set(name, wrapped);
      out[name] = wrapped;
    }
    return out as T;
  }

  /**
   * Registers syncs by name (a module namespace of exported syncs works).
   * Every check runs first; if any sync fails, none is registered.
   */
  register(syncs: SyncSet): void {
    const entries = Object.entries(syncs);
    const problems: EnsembleError[] = [];
    const seen = new Set<string>();
    for (const [name, fn] of entries) {
      if (this.#syncs.has(name) || seen.has(name)) {
        problems.push(new EnsembleError("DUPLICATE_SYNC", `Sync "${name}" is registered twice. Sync names identify syncs in traces; rename one of them.`, { sync: name }));
      }
      seen.add(name);
    }
    const compiled: CompiledSync[] = [];
    let order = this.#syncs.size;
    for (const [name, fn] of entries) {
      try {
        compiled.push(compileSync(name, fn, order++));
      } catch (e) {
        if (isEnsembleError(e)) problems.push(e);
        else throw e;
      }
    }
    // Result fields named in any `when` let the unbound-variable check name the producing action.
    for (const s of compiled) this.#learnOutputs(s);
    for (const s of compiled) {
      try {
        checkThenBindings(s, this.#known);
      } catch (e) {
        if (isEnsembleError(e)) problems.push(e);
        else throw e;
      }
    }
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) {
      throw new EnsembleError(
        problems[0]?.code ?? "INVALID_SYNC",
        `${problems.length} syncs failed registration:\n\n${problems.map((p, i) => `${i + 1}. ${p.message}`).join("\n\n")}`,
        { problems: problems.map((p) => ({ code: p.code, message: p.message, ...p.details })) },
      );
    }
    for (const s of compiled) this.#syncs.set(s.name, s);
    this.#index.add(compiled);
  }

  /** Starts a flow with an action from outside; returns its id at once and a promise of the settled flow. */
  invoke<F extends AnyMethod>(action: F, input: InputOf<F>): FlowHandle<Awaited<OutputOf<F>>> {
    const ref = refOf(action);
    if (!ref) {
      throw new EnsembleError("NOT_INSTRUMENTED", `engine.invoke: ${action.name || "the function"} is not an instrumented concept action; pass concepts through engine.instrument first.`);
    }
    if (ref.kind === "query") {
      throw new EnsembleError("NOT_AN_ACTION", `engine.invoke: ${ref.key} is a query; call it directly (it returns rows) or read it in a sync's where.`);
    }
    return this.#external(ref, input as Record<string, unknown>) as FlowHandle<Awaited<OutputOf<F>>>;
  }

  /**
   * Internal: `invoke` for a caller that built `input` itself from data (the
   * HTTP front, from a parsed request), so it holds no sync variables and is
   * nobody else's object. Skips the check and the copy that guard every other
   * caller: on a request's dynamically shaped fields, the two cost about a
   * microsecond.
   */
  [INVOKE_OWNED](ref: ActionRef, input: Record<string, unknown>): FlowHandle {
    const flow = new Flow(this.#newFlowId(), this.#now());
    flow.liveSlot = this.#live.push(flow) - 1;
    return { flowId: flow.id, settled: this.#runFlow(flow, ref, input) };
  }

  /** Invokes an action from outside, awaits the whole cascade, and returns its output and flow. */
  run<F extends AnyMethod>(action: F, input: InputOf<F>): Promise<FlowResult<Awaited<OutputOf<F>>>> {
    return this.invoke(action, input).settled;
  }

  /** A live or recently settled flow. */
  flow(id: string): FlowTrace | undefined {
    return this.#live.find((f) => f.id === id) ?? this.#flows.get(id);
  }

  /** Recently settled flows, newest first. */
  recentFlows(limit?: number): FlowTrace[] {
    return this.#flows.recent(limit);
  }

  /** Number of flows whose cascade is still running. */
  get liveFlows(): number {
    return this.#live.length;
  }

  /** Registered syncs, in registration order. */
  get syncs(): readonly CompiledSync[] {
    return [...this.#syncs.values()];
  }

  /** Instrumented concepts by name. */
  get concepts(): ReadonlyMap<string, object> {
    return this.#concepts;
  }

  /** The syncs that could match a record of `action` with this input (via the dispatch index). */
  listenersOf(action: AnyMethod | string, input: Readonly<Record<string, unknown>> = {}): readonly Listener[] {
    const key = typeof action === "string" ? action : refOf(action)?.key;
    return key === undefined ? [] : this.#index.lookup(key, input);
  }

  /** Why `syncName` did (or did not) fire in flow `flowId`. */
  explain(flowId: string, syncName: string): Explanation {
    const flow = this.flow(flowId);
    if (!flow) throw new EnsembleError("UNKNOWN_REQUEST", `explain: no flow "${flowId}" is live or retained (retained flows are bounded; raise retainFlows).`);
    const sync = this.#syncs.get(syncName);
    if (!sync) throw new EnsembleError("INVALID_SYNC", `explain: no sync named "${syncName}" is registered.`);
    return explainSync(flow, sync);
  }

  /**
   * Why a flow ended as it did: the syncs listening for its first action and
   * why each did not fire, unhandled `{ error }` results, sync errors.
   */
  diagnose(flowOrId: string | FlowTrace): Diagnosis {
    // A trace in hand (the HTTP front has the settled flow) needs no retained copy.
    const flow = typeof flowOrId === "string" ? this.flow(flowOrId) : flowOrId;
    if (!flow) throw new EnsembleError("UNKNOWN_REQUEST", `diagnose: no flow "${String(flowOrId)}" is live or retained (retained flows are bounded; raise retainFlows).`);
    const root = flow.records[0];
    const listeners = root ? this.#index.lookup(`${root.concept}.${root.action}`, root.input).map((l) => l.sync) : [];
    return diagnoseFlow(flow, listeners);
  }

  on<E extends keyof EngineEvents>(event: E, listener: EngineEvents[E]): () => void {
    const set = this.#listeners[event] as Set<EngineEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  #emit<E extends keyof EngineEvents>(event: E, ...args: Parameters<EngineEvents[E]>): void {
    for (const l of this.#listeners[event]) (l as (...a: Parameters<EngineEvents[E]>) => void)(...args);
  }

  #learnOutputs(sync: CompiledSync): void {
    for (const p of sync.when) {
      let set = this.#knownOutputs.get(p.ref.key);
      if (!set) this.#knownOutputs.set(p.ref.key, (set = new Set()));
      for (const e of p.output) if (e.variable) set.add(varName(e.variable));
    }
  }

  #external(ref: ActionRef, input: Record<string, unknown>): FlowHandle {
    assertNoVariables(ref, input);
    return this[INVOKE_OWNED](ref, { ...input });
  }

  /**
   * Runs a flow: its first action, then that record's cascade to the end,
   * depth first: each then-action's own cascade completes before the next
   * then-action starts. The walk is a stack of cursors (cascade-cursor.ts),
   * one per record whose cascade is under way, so the work per action does
   * not grow with the length of the flow. Then the flow goes to the flow log.
   * Everything is awaited here, in one async function per flow: a helper
   * awaited per action (or per flow) cost a promise and a suspended frame.
   */
  async #runFlow(flow: Flow, rootRef: ActionRef, rootInput: Record<string, unknown>): Promise<FlowResult> {
    const hooks = this.#hooks;
    const stack: CascadeCursor[] = [];
    let ref = rootRef;
    let input = rootInput;
    let cause: Cause | null = null;
    let run: SyncRun | undefined;
    try {
      cascade: for (;;) {
        if (flow.records.length >= this.#stepLimit) throw new FlowStop(this.#stepLimitError(flow));
        const startedAt = this.#now();
        let output: Record<string, unknown>;
        ref.epoch.value++;
        try {
          output = this.#checkOutput(ref, await ref.method.call(ref.instance, input));
        } catch (e) {
          output = { error: e instanceof Error ? e.message : String(e) };
          this.#log.info(`[ensemble] ${ref.key} threw; recorded as { error }: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        }
        ref.epoch.value++;
        const record = this.#record(flow, ref, input, output, cause, startedAt);
        if (run) {
          // A literal for the first id: an empty array's first push allocates room for 17.
          if (run.invoked.length === 0) run.invoked = [record.id];
          else (run.invoked as number[]).push(record.id);
        }
        // A record nothing listens to needs no cursor.
        const listeners = this.#index.lookupIn(ref.key, record.input, flow.byKey);
        if (listeners.length > 0) stack.push(new CascadeCursor(flow, record, listeners));

        // Walk to the next then-action, running wheres on the way; the flow ends when the stack empties.
        for (;;) {
          const cursor = stack[stack.length - 1];
          if (cursor === undefined) break cascade;
          const step = cursor.next(hooks);
          if (step === Step.Done) {
            stack.pop();
            continue;
          }
          const sync = cursor.sync as CompiledSync;
          if (step === Step.Where) {
            const ctx: WhereContext = { sync: sync.name, steps: (cursor.run as SyncRun).steps as WhereStep[], notes: undefined, memo: (flow.memo ??= new QueryMemo()) };
            const match = cursor.match as Match;
            let frames: readonly Frame[];
            try {
              frames = checkWhereResult(sync.name, await (sync.where as Where)(attachWhereContext(framesOf([match.frame]), ctx)));
            } catch (e) {
              frames = this.#whereFailed(flow, sync, match, cursor.run as SyncRun, e);
            }
            cursor.whereDone(hooks, frames, ctx);
            continue;
          }
          const then = cursor.then as CompiledThen;
          input = cursor.input as Record<string, unknown>;
          const cycle = findCycle(flow, cursor.trigger, sync.name, then.ref, input);
          if (cycle) throw new FlowStop(cycle);
          ref = then.ref;
          cause = cursor.cause as Cause;
          run = cursor.run as SyncRun;
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof FlowStop)) throw e;
      flow.stopped = { code: String(e.error.code), message: e.error.message };
      this.#log.info(`[ensemble] flow ${flow.id} stopped: ${e.error.message}`);
    } finally {
      flow.endedAt = this.#now();
      this.#retire(flow);
    }
    const trace = flow.toTrace();
    this.#flows.settled(trace);
    if (this.#listeners.settled.size > 0) this.#emit("settled", trace);
    return { output: flow.records[0]?.output ?? {}, flow: trace };
  }

  /** Takes a settled flow out of the live list: the last live flow moves into its slot. */
  #retire(flow: Flow): void {
    const last = this.#live.pop() as Flow;
    if (last !== flow) {
      this.#live[flow.liveSlot] = last;
      last.liveSlot = flow.liveSlot;
    }
    flow.liveSlot = -1;
  }

  /** Records a completed action in its flow (and the flow log), and traces it. */
  #record(flow: Flow, ref: ActionRef, input: Record<string, unknown>, output: Record<string, unknown>, cause: Cause | null, startedAt: number): ActionRecord {
    const record: ActionRecord = {
      id: flow.records.length + 1,
      flow: flow.id,
      concept: ref.concept,
      action: ref.name,
      input,
      output,
      cause,
      startedAt,
      endedAt: this.#now(),
    };
    flow.add(record, ref.key);
    this.#flows.append?.(record);
    // Tested before building the closure: this runs once per action.
    if (this.#log.enabled("trace")) {
      this.#log.trace(() => `[flow ${flow.id.slice(0, 8)}] #${record.id} ${ref.key} ${formatValue(input)} → ${formatValue(output)}${cause ? ` (by ${cause.sync})` : ""}`);
    }
    if (this.#listeners.record.size > 0) this.#emit("record", record);
    return record;
  }

  /** The engine's side of every flow's walk: recording firings, binding then-inputs, logging frames. */
  readonly #hooks: CascadeHooks = {
    begin: (flow, sync, match) => this.#beginRun(flow, sync, match),
    bind: (flow, sync, match, run, frame, where) => this.#bindThens(flow, sync, match, run, frame, where),
    frames: (flow, sync, frames) => {
      if (this.#log.enabled("verbose")) {
        this.#log.verbose(() => `[flow ${flow.id.slice(0, 8)}] ${sync.name}: ${frames.length} frame(s) ${frames.map((f) => formatFrame(f)).join(" ")}`);
      }
    },
  };

  #checkOutput(ref: ActionRef, result: unknown): Record<string, unknown> {
    if (result !== null && typeof result === "object" && !Array.isArray(result)) return result as Record<string, unknown>;
    const why =
      result === undefined
        ? "returned undefined (a forgotten `return`?); an action returns one object, e.g. { user } or {} "
        : `returned ${formatValue(result)}; an action returns one object (queries, whose names start with _, return arrays)`;
    const message = `${ref.key} ${why}`;
    this.#log.info(`[ensemble] ${message}`);
    return { error: message };
  }

  /** Records a firing of `sync` (its run is filled in as where and the then-actions proceed). */
  #beginRun(flow: Flow, sync: CompiledSync, match: Match): SyncRun {
    // A run outlives its flow in the retained log: no arrays of its own until it needs them.
    const run: SyncRun = { sync: sync.name, records: match.ids, steps: sync.where ? [] : NO_STEPS, frames: 0, invoked: NO_IDS };
    flow.runs.push(run);
    if (match.unaskedErrors.length > 0) this.#warnUnaskedError(flow, sync, match);
    return run;
  }

  /** A where that threw or returned something else than frames: a sync error, and no frames. */
  #whereFailed(flow: Flow, sync: CompiledSync, match: Match, run: SyncRun, e: unknown): readonly Frame[] {
    run.error = e instanceof Error ? e.message : String(e);
    this.#syncError(flow, sync, match.ids, e);
    return NO_FRAMES;
  }

  /**
   * The inputs of every then-action for one frame, all bound before any runs,
   * so an unbound variable invokes none of them; undefined on a sync error.
   */
  #bindThens(flow: Flow, sync: CompiledSync, match: Match, run: SyncRun, frame: Frame, where: WhereContext | undefined): Record<string, unknown>[] | undefined {
    const thens = sync.then;
    const inputs = new Array<Record<string, unknown>>(thens.length);
    try {
      for (let i = 0; i < thens.length; i++) inputs[i] = substitute((thens[i] as CompiledThen).input, frame) as Record<string, unknown>;
      return inputs;
    } catch (e) {
      if (!(e instanceof UnboundVariable)) throw e;
      const then = thens.find((t) => t.vars.includes(e.variable)) as CompiledThen;
      const error = unboundAtRunTime(sync, then, e.variable, frame, whereOrigins(where), this.#known);
      run.error = error.message;
      this.#syncError(flow, sync, match.ids, error);
      return undefined;
    }
  }

  #syncError(flow: Flow, sync: CompiledSync, records: readonly number[], e: unknown): void {
    const err = isEnsembleError(e) ? e : new EnsembleError("WHERE_FAILED", `Sync "${sync.name}": where threw: ${e instanceof Error ? e.message : String(e)}`, { sync: sync.name }, { cause: e });
    const message = err.message.startsWith(`Sync "${sync.name}"`) ? err.message : `Sync "${sync.name}": ${err.message}`;
    flow.addError({ sync: sync.name, code: err.code, message, records });
    this.#log.info(`[ensemble] sync error in flow ${flow.id}: ${message}`);
    this.#emit("syncError", { flow: flow.id, sync: sync.name, message });
  }

  #warnUnaskedError(flow: Flow, sync: CompiledSync, match: Match): void {
    const id = match.unaskedErrors[0] as number;
    const rec = flow.record(id) as ActionRecord;
    const message =
      `Sync "${sync.name}" fired on an error: ${rec.concept}.${rec.action} returned ${formatValue(rec.output)}, and its when pattern ` +
      `did not ask for \`error\` (an empty output pattern {} matches errors too). Name a result field to match only success, or match { error } to handle the error.`;
    flow.addWarning(message);
    if (!this.#warned.has(sync.name)) {
      this.#warned.add(sync.name);
      this.#log.info(`[ensemble] warning: ${message}`);
    }
  }

  #stepLimitError(flow: Flow): EnsembleError {
    const counts = new Map<string, number>();
    for (const r of flow.records) if (r.cause) counts.set(r.cause.sync, (counts.get(r.cause.sync) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    return new EnsembleError(
      "STEP_LIMIT",
      `flow exceeded the step limit of ${this.#stepLimit} actions. Most-fired syncs: ${top.map(([s, n]) => `${s} (${n}×)`).join(", ")}. ` +
        "If they fire each other in a loop, add a condition that ends it; if the flow is legitimately long, raise stepLimit.",
      { syncs: top.map(([s]) => s) },
    );
  }
}

const NO_STEPS: readonly WhereStep[] = Object.freeze([]);
const NO_FRAMES: readonly Frame[] = Object.freeze([]);
const NO_IDS: readonly number[] = Object.freeze([]);

function checkWhereResult(sync: string, result: unknown): readonly Frame[] {
  if (Array.isArray(result)) return result as Frame[];
  const got = result === undefined ? "undefined (did you forget `return frames`?)" : formatValue(result);
  throw new EnsembleError("WHERE_FAILED", `Sync "${sync}": where must return the frames (an array), got ${got}.`, { sync });
}
