// The dispatch index: from an action — and from the literal value its `when`
// patterns require of one input key, such as `path` — to the syncs that can
// match a record of it. An app with hundreds of request syncs pays only for
// those whose path equals the request's, not one check per registered sync.
//
// A second split serves the syncs that join a request with a later action
// (`[Requesting.request, { path: "/login" }, …], [Sessioning.create, {}, …]`):
// a record of Sessioning.create can only complete such a sync if its flow
// holds a request with that path, so the index also groups an action's
// listeners by the literal their *other* patterns require, and the cascade
// looks up the flow's value. Without it, every response sync of every route
// would be matched against every Sessioning.create.

import type { CompiledSync } from "./compile-sync.ts";
import type { ActionRecord } from "./flow.ts";

/** A sync that may match a record, and at which `when` positions. */
export interface Listener {
  readonly sync: CompiledSync;
  readonly positions: readonly number[];
}

/** What a listener needs of its flow: a record of `action` whose input `key` equals a literal. */
interface Need {
  readonly action: string;
  readonly key: string;
}

/** Listeners for one value of the record's own discriminating key, split by what they need of the flow. */
interface Split {
  /** Every listener, whatever the flow holds (for diagnostics). */
  readonly all: readonly Listener[];
  readonly need: Need | undefined;
  /** Per value of the flow's `need` record: the listeners requiring it plus the unconstrained ones. */
  readonly byFlowValue: ReadonlyMap<unknown, readonly Listener[]>;
  /** Listeners that require nothing of `need`. */
  readonly unconstrained: readonly Listener[];
  /** Per listener of `all`: the literal it requires of `need`, or FREE. */
  readonly required: readonly unknown[];
}

interface Bucket {
  /** The input key whose literal splits this action's listeners, if any. */
  readonly key: string | undefined;
  readonly byValue: ReadonlyMap<unknown, Split>;
  /** Listeners for a value no pattern names (only patterns without that literal). */
  readonly others: Split;
  readonly all: Split;
}

const EMPTY: readonly Listener[] = [];
const FREE = Symbol("no requirement");
/**
 * Above this many records of the needed action, the flow is not searched for
 * values: every listener is returned and the matcher decides, as without the
 * split, so a long flow never pays more per lookup than the matcher would.
 */
const SCAN_LIMIT = 8;

export class SyncIndex {
  readonly #syncs: CompiledSync[] = [];
  readonly #buckets = new Map<string, Bucket>();

  add(syncs: readonly CompiledSync[]): void {
    this.#syncs.push(...syncs);
    const keys = new Set(syncs.flatMap((s) => s.when.map((p) => p.ref.key)));
    for (const key of keys) this.#buckets.set(key, this.#build(key));
  }

  /** Listeners for a record of `actionKey` with this input, in registration order, whatever its flow holds. */
  lookup(actionKey: string, input: Readonly<Record<string, unknown>>): readonly Listener[] {
    return this.#split(actionKey, input)?.all ?? EMPTY;
  }

  /**
   * Listeners for a record of `actionKey` with this input in a flow whose
   * records are `byKey`: those of {@link lookup} that the flow can satisfy, in
   * registration order. Never drops a listener that could match.
   */
  lookupIn(actionKey: string, input: Readonly<Record<string, unknown>>, byKey: ReadonlyMap<string, readonly ActionRecord[]>): readonly Listener[] {
    const split = this.#split(actionKey, input);
    if (!split) return EMPTY;
    const need = split.need;
    if (!need) return split.all;
    const records = byKey.get(need.action);
    if (!records || records.length === 0) return split.unconstrained;
    if (records.length === 1) return split.byFlowValue.get((records[0] as ActionRecord).input[need.key]) ?? split.unconstrained;
    if (records.length > SCAN_LIMIT) return split.all;
    const present = new Set<unknown>();
    for (const r of records) present.add(r.input[need.key]);
    return split.all.filter((_, i) => split.required[i] === FREE || present.has(split.required[i]));
  }

  /** Every listener of an action, whatever its literals. */
  listeners(actionKey: string): readonly Listener[] {
    return this.#buckets.get(actionKey)?.all.all ?? EMPTY;
  }

  #split(actionKey: string, input: Readonly<Record<string, unknown>>): Split | undefined {
    const bucket = this.#buckets.get(actionKey);
    if (!bucket) return undefined;
    if (bucket.key === undefined) return bucket.all;
    return bucket.byValue.get(input[bucket.key]) ?? bucket.others;
  }

  #build(actionKey: string): Bucket {
    const uses = this.#syncs.flatMap((sync) =>
      sync.when.filter((p) => p.ref.key === actionKey).map((p) => ({ sync, position: p.position, pattern: p })),
    );
    const all = splitByFlow(group(uses.map((u) => ({ sync: u.sync, position: u.position }))), actionKey);
    // The discriminating key: the input key whose literals split the patterns best — the one that
    // minimises the expected listeners per record (patterns without that literal, plus those with
    // it spread over its distinct values). `path` beats `method`: many values against a handful.
    const literals = new Map<string, { count: number; values: Set<unknown> }>();
    for (const u of uses) {
      for (const e of u.pattern.input) {
        if (e.variable !== undefined || !isPrimitive(e.literal)) continue;
        const l = literals.get(e.key) ?? { count: 0, values: new Set<unknown>() };
        l.count++;
        l.values.add(e.literal);
        literals.set(e.key, l);
      }
    }
    let key: string | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (const [k, l] of literals) {
      const cost = uses.length - l.count + l.count / l.values.size;
      if (cost < best) (best = cost), (key = k);
    }
    if (key === undefined) return { key, byValue: new Map(), others: all, all };

    const literalOf = (u: (typeof uses)[number]): { has: boolean; value?: unknown } => {
      const e = u.pattern.input.find((x) => x.key === key && x.variable === undefined);
      return e ? { has: true, value: e.literal } : { has: false };
    };
    const values = new Set(uses.map(literalOf).filter((l) => l.has).map((l) => l.value));
    const byValue = new Map<unknown, Split>();
    for (const value of values) {
      const fit = uses.filter((u) => { const l = literalOf(u); return !l.has || l.value === value; });
      byValue.set(value, splitByFlow(group(fit.map((u) => ({ sync: u.sync, position: u.position }))), actionKey));
    }
    const others = splitByFlow(group(uses.filter((u) => !literalOf(u).has).map((u) => ({ sync: u.sync, position: u.position }))), actionKey);
    return { key, byValue, others, all };
  }
}

/** The primitive literals a sync's patterns of other actions require of their records' inputs. */
function needsOf(sync: CompiledSync, actionKey: string): { need: Need; value: unknown }[] {
  const out: { need: Need; value: unknown }[] = [];
  for (const p of sync.when) {
    // Patterns of the same action could be matched by the new record itself: no requirement.
    if (p.ref.key === actionKey) continue;
    for (const e of p.input) if (e.variable === undefined && isPrimitive(e.literal)) out.push({ need: { action: p.ref.key, key: e.key }, value: e.literal });
  }
  return out;
}

/** Splits listeners by the (action, input key) literal most of them require of their flow. */
function splitByFlow(listeners: readonly Listener[], actionKey: string): Split {
  const needs = listeners.map((l) => needsOf(l.sync, actionKey));
  const counts = new Map<string, { need: Need; n: number }>();
  for (const list of needs) {
    const seen = new Set<string>();
    for (const { need } of list) {
      const id = `${need.action}\u0000${need.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const c = counts.get(id);
      if (c) c.n++;
      else counts.set(id, { need, n: 1 });
    }
  }
  let best: { need: Need; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  if (!best) return { all: listeners, need: undefined, byFlowValue: new Map(), unconstrained: listeners, required: listeners.map(() => FREE) };
  const need = best.need;
  const required = needs.map((list) => {
    const hit = list.find((x) => x.need.action === need.action && x.need.key === need.key);
    return hit ? hit.value : FREE;
  });
  const byFlowValue = new Map<unknown, readonly Listener[]>();
  for (const value of new Set(required.filter((v) => v !== FREE))) {
    byFlowValue.set(value, listeners.filter((_, i) => required[i] === FREE || sameValueZero(required[i], value)));
  }
  return { all: listeners, need, byFlowValue, unconstrained: listeners.filter((_, i) => required[i] === FREE), required };
}

/** Equality as Map keys see it (NaN equals NaN), which for primitives is what patterns' valueEquals does. */
function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

/** One listener per sync, positions ascending, syncs in registration order. */
function group(uses: readonly { sync: CompiledSync; position: number }[]): Listener[] {
  const bySync = new Map<CompiledSync, number[]>();
  for (const u of uses) {
    const list = bySync.get(u.sync);
    if (list) list.push(u.position);
    else bySync.set(u.sync, [u.position]);
  }
  return [...bySync.entries()]
    .sort((a, b) => a[0].order - b[0].order)
    .map(([sync, positions]) => ({ sync, positions: positions.sort((a, b) => a - b) }));
}

function isPrimitive(v: unknown): boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}
