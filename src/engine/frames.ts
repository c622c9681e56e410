// Frames: the binding frames a sync's `where` clause refines. A frame maps
// variables to values; `Frames` is an array of them with the helpers users
// otherwise rewrite by hand (joins with queries, optional joins, collecting,
// counting, zero-row defaults). Every helper records a step, so the engine can
// later say which step of a `where` left zero frames.

import { describeFunction, refOf, type ActionRef } from "./action-ref.ts";
import type { AnyMethod, InputOf, OutputOf, Pattern } from "./actions.ts";
import { EnsembleError } from "../ensemble-error.ts";
import { formatFrame, formatValue } from "./format.ts";
import { memoKey, type QueryMemo } from "./query-memo.ts";
import { substitute, UnboundVariable } from "./substitute.ts";
import { isVar, varName, type VarRef } from "./vars.ts";
import { valueEquals } from "./value-equals.ts";

/** One binding frame: variable → value. */
export type Frame = Record<symbol, unknown>;

/** The row type of a query: the element of the array it resolves to. */
export type RowOf<F> = OutputOf<F> extends readonly (infer R)[] ? R : never;

/** One step of a `where` clause, for traces and why-not explanations. */
export interface WhereStep {
  readonly op: string;
  readonly in: number;
  readonly out: number;
}

/** What the engine attaches to the frames it hands a `where` clause. */
export interface WhereContext {
  readonly sync: string;
  readonly steps: WhereStep[];
  /**
   * Notes of what bound each variable, in order; read only for messages
   * (see {@link whereOrigins}), so a query adds one note, not a map entry
   * and a string per variable. Made on first use.
   */
  notes?: OriginNote[];
  /** The flow's query memo (see query-memo.ts), when the engine provides one. */
  readonly memo?: QueryMemo | undefined;
}

/** A query that bound its output variables (the first binder names a variable), or a helper that set one. */
type OriginNote = { readonly query: unknown; readonly entries: readonly OutputEntry[] } | { readonly variable: symbol; readonly origin: string };

/** Where each variable a `where` bound came from ("where: Sessioning._getUser → user"), for messages. */
export function whereOrigins(ctx: WhereContext | undefined): Map<symbol, string> {
  const origins = new Map<symbol, string>();
  for (const n of ctx?.notes ?? []) {
    if ("variable" in n) origins.set(n.variable, n.origin);
    else for (const e of n.entries) if (e.variable && !origins.has(e.variable)) origins.set(e.variable, `where: ${describeFunction(n.query)} → ${e.key}`);
  }
  return origins;
}

function note(ctx: WhereContext | undefined, n: OriginNote): void {
  if (ctx) (ctx.notes ??= []).push(n);
}

/**
 * The engine's where context on a Frames, under a module-private symbol. A
 * property and not a WeakMap: V8's young-generation collector keeps WeakMap
 * entries alive, so every where's frames and context were promoted to the old
 * generation. Not a private field either: internal Frames are plain arrays
 * given this prototype (see `framesOf`), which a private field would reject.
 */
const CONTEXT = Symbol("ensemble.whereContext");

type WithContext = { [CONTEXT]?: WhereContext };

export function attachWhereContext(frames: Frames, ctx: WhereContext): Frames {
  (frames as WithContext)[CONTEXT] = ctx;
  return frames;
}

/**
 * A copy of a frame, to bind more variables in. Object.assign and not a
 * spread: V8 gives a spread copy an exactly-sized shape of its own, so
 * binding one more variable in it built a new shape every time (about 1 µs
 * and 250 bytes per copy with frames of varied shapes, against 65 ns).
 * Frames have only symbol keys, so assign's setter semantics never apply.
 */
export function copyFrame(frame: Frame): Frame {
  return Object.assign({}, frame);
}

/** A copy of a frame with `v` bound to `value`. */
function withBinding(frame: Frame, v: symbol, value: unknown): Frame {
  const out = copyFrame(frame);
  out[v] = value;
  return out;
}

/**
 * Frames from an array, without running the constructor. `new Frames()` is
 * several times slower than an array literal (an Array subclass, and tsx's
 * keep-names transform defines `name` on every class, which takes V8 off its
 * fast construct path): the engine builds frames this way on its hot path.
 */
export function framesOf(list: Frame[]): Frames {
  return Object.setPrototypeOf(list, Frames.prototype) as Frames;
}

export class Frames extends Array<Frame> {
  constructor(...frames: Frame[]) {
    // Array methods (slice, concat …) construct species with a length.
    if (frames.length === 1 && typeof frames[0] === "number") {
      super(frames[0] as number);
      return;
    }
    super();
    for (const f of frames) this.push(f);
  }

  /**
   * Joins each frame with every row `query` returns for the bound `input`,
   * binding the row's fields named in `output`. Frames whose query returns no
   * rows are dropped.
   */
  async query<F extends AnyMethod>(query: F, input: Pattern<InputOf<F>>, output: Pattern<RowOf<F>>): Promise<Frames> {
    // The engine's hottest helper: an index loop (no iterator), and the query
    // awaited here rather than through an async helper (one promise fewer).
    const ctx = ctxOf(this);
    const out: Frame[] = [];
    const entries = outputEntries(output);
    for (let f = 0; f < this.length; f++) {
      const frame = this[f] as Frame;
      const asked = ask(this, query, input, frame);
      const rows = asked.rows ?? answered(this, query, asked, await asked.pending);
      for (let i = 0; i < rows.length; i++) {
        if (!(i in rows)) continue; // a hole, which forEach would skip
        const joined = joinRow(frame, rows[i], entries, i, query, ctx);
        if (joined) out.push(joined);
      }
    }
    bound(this, entries, query);
    return derive(this, framesOf(out), `query ${describeFunction(query)}`);
  }

  /** Like {@link query}, but a frame with no rows is kept, its output variables bound to `null`. */
  async queryOptional<F extends AnyMethod>(query: F, input: Pattern<InputOf<F>>, output: Pattern<RowOf<F>>): Promise<Frames> {
    const out = framesOf([]);
    const entries = outputEntries(output);
    for (const frame of this) {
      const rows = await run(this, query, input, frame);
      let kept = 0;
      rows.forEach((row, i) => {
        const joined = joinRow(frame, row, entries, i, query, ctxOf(this));
        if (joined) (kept++, out.push(joined));
      });
      if (kept === 0) {
        const empty: Frame = copyFrame(frame);
        for (const e of entries) if (e.variable && !(e.variable in empty)) empty[e.variable] = null;
        out.push(empty);
      }
    }
    bound(this, entries, query);
    return derive(this, out, `queryOptional ${describeFunction(query)}`);
  }

  /** Keeps the frames for which `query` returns no rows (an anti-join: "no session", "not yet following"). */
  async queryNone<F extends AnyMethod>(query: F, input: Pattern<InputOf<F>>): Promise<Frames> {
    const out = framesOf([]);
    for (let f = 0; f < this.length; f++) {
      const frame = this[f] as Frame;
      const asked = ask(this, query, input, frame);
      const rows = asked.rows ?? answered(this, query, asked, await asked.pending);
      if (rows.length === 0) out.push(frame);
    }
    return derive(this, out, `queryNone ${describeFunction(query)}`);
  }

  /** Binds `as` to the whole array of rows the query returns (possibly empty); never drops a frame. */
  async queryAll<F extends AnyMethod>(query: F, input: Pattern<InputOf<F>>, as: VarRef): Promise<Frames> {
    const v = requireVar(as, "queryAll", "as");
    const out = framesOf([]);
    // A copy: the rows may be the memo's (or the concept's own array), and user code may change this one.
    for (const frame of this) out.push(withBinding(frame, v, (await run(this, query, input, frame)).slice()));
    note(ctxOf(this), { variable: v, origin: `where: queryAll ${describeFunction(query)}` });
    return derive(this, out, `queryAll ${describeFunction(query)}`);
  }

  /** Binds `as` to the number of rows the query returns; never drops a frame. */
  async queryCount<F extends AnyMethod>(query: F, input: Pattern<InputOf<F>>, as: VarRef): Promise<Frames> {
    const v = requireVar(as, "queryCount", "as");
    const out = framesOf([]);
    for (const frame of this) out.push(withBinding(frame, v, (await run(this, query, input, frame)).length));
    note(ctxOf(this), { variable: v, origin: `where: queryCount ${describeFunction(query)}` });
    return derive(this, out, `queryCount ${describeFunction(query)}`);
  }

  /**
   * Groups frames that agree on every variable except `vars`, and binds `as`
   * in each group to the list of `{ name: value }` objects of those variables.
   * Zero frames give zero groups; see {@link ifEmpty} for a default.
   */
  collectAs(vars: readonly VarRef[], as: VarRef): Frames {
    const target = requireVar(as, "collectAs", "as");
    const collected = vars.map((v, i) => requireVar(v, "collectAs", `vars[${i}]`));
    const groups = new Map<string, { frame: Frame; items: Record<string, unknown>[] }>();
    for (const frame of this) {
      const rest: Frame = {};
      for (const s of Object.getOwnPropertySymbols(frame)) if (!collected.includes(s)) rest[s] = frame[s];
      const key = groupKey(rest);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { frame: rest, items: [] }));
      const item: Record<string, unknown> = {};
      for (const v of collected) {
        if (!(v in frame)) {
          throw new EnsembleError("UNBOUND_VARIABLE", `${where(ctxOf(this))}collectAs: \`${varName(v)}\` is not bound in frame ${formatFrame(frame)}.`, {
            variable: varName(v),
          });
        }
        item[varName(v)] = frame[v];
      }
      group.items.push(item);
    }
    const out = framesOf([]);
    for (const g of groups.values()) out.push(withBinding(g.frame, target, g.items));
    note(ctxOf(this), { variable: target, origin: "where: collectAs" });
    return derive(this, out, `collectAs ${varName(target)}`);
  }

  /**
   * A correlated sub-query: for each frame, runs `pipeline` on that frame
   * alone and binds `as` to the list of `item` (a variable, or a template
   * such as `{ slug, title, author }`) filled in from each frame the pipeline
   * returns, in order — `[]` when it returns none. Never drops or multiplies
   * frames, and the pipeline's own variables do not leak out, so a list of
   * rows joined with other concepts is one step, with no grouping to undo:
   * `frames.gather(articles, { slug, title }, (one) => one.query(...))`.
   */
  async gather(as: VarRef, item: unknown, pipeline: (frames: Frames) => Frames | readonly Frame[] | Promise<Frames | readonly Frame[]>): Promise<Frames> {
    const target = requireVar(as, "gather", "as");
    const out = framesOf([]);
    for (const frame of this) {
      const one = framesOf([frame]);
      const ctx = ctxOf(this);
      if (ctx) (one as WithContext)[CONTEXT] = ctx;
      const inner = await pipeline(one);
      if (!Array.isArray(inner)) {
        throw new EnsembleError("WHERE_FAILED", `${where(ctx)}gather ${varName(target)}: the pipeline returned ${describeShape(inner)}, not frames (did it forget \`return\`?).`);
      }
      // Array.from, not inner.map: a Frames maps to a Frames, and the items are plain values.
      const items = Array.from(inner, (f: Frame) => fill(item, f, ctx, `gather ${varName(target)}: the item`));
      out.push(withBinding(frame, target, items));
    }
    note(ctxOf(this), { variable: target, origin: "where: gather" });
    return derive(this, out, `gather ${varName(target)}`);
  }

  /** When there are no frames, the `base` frames with `v` bound to `value`; otherwise these frames. */
  ifEmpty(base: readonly Frame[], v: VarRef, value: unknown): Frames {
    if (this.length > 0) return this;
    const sym = requireVar(v, "ifEmpty", "v");
    return derive(this, framesOf(base.map((f) => withBinding(f, sym, value))), `ifEmpty ${varName(sym)}`);
  }

  /**
   * Binds `v` in every frame: to what `compute` returns for the frame, or to
   * a template with the frame's values filled in, e.g.
   * `frames.let(author, { username, bio, image, following })`.
   */
  let(v: VarRef, compute: ((frame: Frame) => unknown) | Readonly<Record<string, unknown>> | readonly unknown[]): Frames {
    const sym = requireVar(v, "let", "v");
    const value = (f: Frame): unknown => (typeof compute === "function" ? compute(f) : fill(compute, f, ctxOf(this), `let ${varName(sym)}: the template`));
    const out = framesOf(Array.prototype.map.call(this, (f: Frame) => withBinding(f, sym, value(f))) as Frame[]);
    note(ctxOf(this), { variable: sym, origin: "where: let" });
    return derive(this, out, `let ${varName(sym)}`);
  }

  /** Keeps the frames for which `predicate` is true. The predicate must be synchronous. */
  override filter(predicate: (frame: Frame, index: number, frames: Frame[]) => unknown): Frames {
    const out = framesOf([]);
    this.forEach((frame, i, arr) => {
      const keep = predicate(frame, i, arr);
      if (keep instanceof Promise) {
        throw new EnsembleError(
          "WHERE_FAILED",
          `${where(ctxOf(this))}frames.filter got a Promise from its predicate: an async predicate is always truthy, so nothing would be filtered. ` +
            "Fetch the data first (frames = await frames.query(...)), then filter with a synchronous predicate.",
        );
      }
      if (keep) out.push(frame);
    });
    return derive(this, out, "filter");
  }

  /** Prints by variable name in `console.log` and `util.inspect`. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  override toString(): string {
    return `Frames(${this.length}) [${Array.prototype.map.call(this, (f: Frame) => formatFrame(f)).join(", ")}]`;
  }
}

interface OutputEntry {
  readonly key: string;
  readonly variable?: symbol;
  readonly literal?: unknown;
}

function outputEntries(output: Readonly<Record<string, unknown>>): OutputEntry[] {
  // for-in with hasOwn visits exactly Object.keys, without Object.entries' pair per key.
  const entries: OutputEntry[] = [];
  for (const key in output) {
    if (!Object.hasOwn(output, key)) continue;
    const value = output[key];
    entries.push(isVar(value) ? { key, variable: value } : { key, literal: value });
  }
  return entries;
}

function joinRow(frame: Frame, row: unknown, entries: readonly OutputEntry[], i: number, query: unknown, ctx: WhereContext | undefined): Frame | undefined {
  if (row === null || typeof row !== "object" || Array.isArray(row)) {
    throw new EnsembleError(
      "QUERY_CONTRACT",
      `${where(ctx)}query ${describeFunction(query)} returned row ${i} as ${describeShape(row)}; each row must be an object such as { user: ... }.`,
      { query: describeFunction(query) },
    );
  }
  const r = row as Record<string, unknown>;
  const joined: Frame = copyFrame(frame);
  for (const e of entries) {
    if (!Object.hasOwn(r, e.key)) {
      const hint = Object.hasOwn(r, "error")
        ? ` It is an error row (error: ${formatValue(r.error)}): a query should return [] when nothing matches, not an error row.`
        : ` The row has ${Object.keys(r).map((k) => `\`${k}\``).join(", ") || "no fields"}.`;
      throw new EnsembleError("QUERY_CONTRACT", `${where(ctx)}query ${describeFunction(query)} returned row ${i} without \`${e.key}\`, which the output pattern asks for.${hint}`, {
        query: describeFunction(query),
        key: e.key,
      });
    }
    const value = r[e.key];
    if (e.variable === undefined) {
      if (!valueEquals(e.literal, value)) return undefined;
    } else if (e.variable in joined) {
      if (!valueEquals(joined[e.variable], value)) return undefined;
    } else {
      joined[e.variable] = value;
    }
  }
  return joined;
}

/** `template` with the frame's values filled in; an unbound variable is named with `what` and the frame. */
function fill(template: unknown, frame: Frame, ctx: WhereContext | undefined, what: string): unknown {
  try {
    return substitute(template, frame);
  } catch (e) {
    if (!(e instanceof UnboundVariable)) throw e;
    throw new EnsembleError("UNBOUND_VARIABLE", `${where(ctx)}${what} needs \`${varName(e.variable)}\`, but the frame binds ${formatFrame(frame)}.`, {
      variable: varName(e.variable),
    });
  }
}

function requireVar(v: unknown, helper: string, param: string): symbol {
  if (isVar(v)) return v;
  throw new EnsembleError("INVALID_SYNC", `frames.${helper}: ${param} must be a sync variable (destructured from the sync's argument), got ${formatValue(v)}.`);
}

function groupKey(frame: Frame): string {
  const syms = Object.getOwnPropertySymbols(frame);
  return JSON.stringify(syms.map((s) => [varName(s), frame[s] ?? null]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
}

function where(ctx: WhereContext | undefined): string {
  return ctx ? `Sync "${ctx.sync}", where: ` : "";
}

function describeShape(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined (did the query forget to return?)";
  if (typeof value === "object") return `an object ${formatValue(value, 80)}`;
  return `a bare ${typeof value} ${formatValue(value, 80)}`;
}

/** The where context a Frames carries, if the engine gave it one. */
function ctxOf(frames: Frames): WhereContext | undefined {
  return (frames as WithContext)[CONTEXT];
}

/** `out`, derived from `from` by `op`: recorded as a where step, carrying the same context. */
function derive(from: Frames, out: Frames, op: string): Frames {
  const ctx = ctxOf(from);
  if (ctx) {
    ctx.steps.push({ op, in: from.length, out: out.length });
    (out as WithContext)[CONTEXT] = ctx;
  }
  return out;
}

/** Records that a query bound its output variables (the names are worked out only for a message). */
function bound(frames: Frames, entries: readonly OutputEntry[], query: unknown): void {
  note(ctxOf(frames), { query, entries });
}

/** A query asked for one frame: its rows if the memo had them, else the answer to await. */
interface Asked {
  readonly rows: readonly unknown[] | undefined;
  readonly pending: unknown;
  /** The instrumented query, or undefined for a plain function (never remembered). */
  readonly ref: ActionRef | undefined;
  readonly key: string | undefined;
  /** The concept's epoch when the query was asked. */
  readonly startedAt: number;
}

/** Runs a query for one frame, checking what it was given and what it returned. */
async function run(frames: Frames, query: unknown, input: Readonly<Record<string, unknown>>, frame: Frame): Promise<readonly unknown[]> {
  const asked = ask(frames, query, input, frame);
  return asked.rows ?? answered(frames, query, asked, await asked.pending);
}

/** Checks the query and its input, then answers from the memo or calls the query. */
function ask(frames: Frames, query: unknown, input: Readonly<Record<string, unknown>>, frame: Frame): Asked {
  const ref = refOf(query);
  if (ref?.kind === "action") {
    throw new EnsembleError(
      "NOT_A_QUERY",
      `${where(ctxOf(frames))}${describeFunction(query)} is an action, not a query: frames.query reads state through queries (methods whose names start with _). ` +
        `To invoke ${describeFunction(query)}, list it in the sync's then.`,
      { action: describeFunction(query) },
    );
  }
  if (typeof query !== "function") throw new EnsembleError("NOT_A_QUERY", `${where(ctxOf(frames))}frames.query was given ${describeFunction(query)}, not a query method.`);
  let args: Record<string, unknown>;
  try {
    args = substitute(input, frame) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof UnboundVariable)) throw e;
    throw new EnsembleError(
      "UNBOUND_VARIABLE",
      `${where(ctxOf(frames))}${describeFunction(query)} needs \`${varName(e.variable)}\`, but the frame has no binding for it. The frame binds ${formatFrame(frame)}.`,
      { variable: varName(e.variable), query: describeFunction(query) },
    );
  }
  if (!ref) return { rows: undefined, pending: (query as (i: unknown) => unknown)(args), ref, key: undefined, startedAt: 0 };
  const memo = ctxOf(frames)?.memo;
  const key = memo ? memoKey(ref.key, args) : undefined;
  const remembered = memo && key !== undefined ? memo.get(key, ref.epoch) : undefined;
  if (remembered) return { rows: remembered, pending: undefined, ref, key, startedAt: 0 };
  return { rows: undefined, pending: ref.method.call(ref.instance, args), ref, key, startedAt: ref.epoch.value };
}

/** What a query answered, checked to be rows, and remembered in the memo. */
function answered(frames: Frames, query: unknown, asked: Asked, rows: unknown): readonly unknown[] {
  if (!Array.isArray(rows)) {
    throw new EnsembleError(
      "QUERY_CONTRACT",
      `${where(ctxOf(frames))}query ${describeFunction(query)} returned ${describeShape(rows)}, not an array. ` +
        "A query returns an array of rows, one object per answer: return [{ ... }], or [] when nothing matches.",
      { query: describeFunction(query) },
    );
  }
  if (asked.key !== undefined && asked.ref) ctxOf(frames)?.memo?.set(asked.key, asked.ref.epoch, asked.startedAt, rows);
  return rows;
}
