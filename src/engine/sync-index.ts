// The dispatch index: from an action — and from the literal value its `when`
// patterns require of one input key, such as `path` — to the syncs that can
// match a record of it. An app with hundreds of request syncs pays only for
// those whose path equals the request's, not one check per registered sync.

import type { CompiledSync } from "./compile-sync.ts";

/** A sync that may match a record, and at which `when` positions. */
export interface Listener {
  readonly sync: CompiledSync;
  readonly positions: readonly number[];
}

interface Bucket {
  /** The input key whose literal splits this action's listeners, if any. */
  readonly key: string | undefined;
  readonly byValue: ReadonlyMap<unknown, readonly Listener[]>;
  /** Listeners for a value no pattern names (only patterns without that literal). */
  readonly others: readonly Listener[];
  readonly all: readonly Listener[];
}

const EMPTY: readonly Listener[] = [];

export class SyncIndex {
  readonly #syncs: CompiledSync[] = [];
  readonly #buckets = new Map<string, Bucket>();

  add(syncs: readonly CompiledSync[]): void {
    this.#syncs.push(...syncs);
    const keys = new Set(syncs.flatMap((s) => s.when.map((p) => p.ref.key)));
    for (const key of keys) this.#buckets.set(key, this.#build(key));
  }

  /** Listeners for a record of `actionKey` with this input, in registration order. */
  lookup(actionKey: string, input: Readonly<Record<string, unknown>>): readonly Listener[] {
    const bucket = this.#buckets.get(actionKey);
    if (!bucket) return EMPTY;
    if (bucket.key === undefined) return bucket.all;
    return bucket.byValue.get(input[bucket.key]) ?? bucket.others;
  }

  /** Every listener of an action, whatever its literals. */
  listeners(actionKey: string): readonly Listener[] {
    return this.#buckets.get(actionKey)?.all ?? EMPTY;
  }

  #build(actionKey: string): Bucket {
    const uses = this.#syncs.flatMap((sync) =>
      sync.when.filter((p) => p.ref.key === actionKey).map((p) => ({ sync, position: p.position, pattern: p })),
    );
    const all = group(uses.map((u) => ({ sync: u.sync, position: u.position })));
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
    const byValue = new Map<unknown, readonly Listener[]>();
    for (const value of values) {
      byValue.set(
        value,
        group(uses.filter((u) => { const l = literalOf(u); return !l.has || l.value === value; }).map((u) => ({ sync: u.sync, position: u.position }))),
      );
    }
    const others = group(uses.filter((u) => !literalOf(u).has).map((u) => ({ sync: u.sync, position: u.position })));
    return { key, byValue, others, all };
  }
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
