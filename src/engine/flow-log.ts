// Where settled flows go. The engine retires a flow from memory as soon as
// its cascade settles and hands it to a FlowLog: by default a bounded ring
// kept for inspection; a persistent log can implement the same interface
// (and `append`, called as each record completes) to survive restarts.

import type { ActionRecord, FlowTrace } from "./flow.ts";

export interface FlowLog {
  /** Called as each record completes, before its syncs run (write-ahead). */
  append?(record: ActionRecord): void;
  /** Called once when a flow's cascade has settled. */
  settled(flow: FlowTrace): void;
  /** A settled flow by id, if still kept. */
  get(id: string): FlowTrace | undefined;
  /** The most recently settled flows, newest first. */
  recent(limit?: number): FlowTrace[];
}

/**
 * Keeps the last `capacity` settled flows in memory, holding at most
 * `recordBudget` records between them (always the newest flow): 200 login
 * flows are 800 records, but 200 flows of 1 000 actions were 100 MB, and
 * marking that old generation made every action of a long flow slower.
 *
 * A plain array ring and nothing else: `get` scans it (inspection is rare, a
 * flow settles on every request). A Map from id to flow beside the ring,
 * churned once per flow, made V8 promote most settled flows to the old
 * generation: 1.8 MB instead of 0.2 MB per young-generation collection, and
 * about a third of the engine's throughput on a short cascade.
 */
export class MemoryFlowLog implements FlowLog {
  readonly #ring: (FlowTrace | undefined)[];
  /** The slot the next settled flow goes to; the kept flows are the `#size` slots before it. */
  #next = 0;
  #size = 0;
  #records = 0;

  constructor(
    readonly capacity = 200,
    readonly recordBudget = 2_000,
  ) {
    this.#ring = new Array<FlowTrace | undefined>(Math.max(0, capacity));
  }

  settled(flow: FlowTrace): void {
    if (this.capacity <= 0) return;
    if (this.#size === this.capacity) this.#dropOldest();
    this.#ring[this.#next] = flow;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size++;
    this.#records += flow.records.length;
    while (this.#records > this.recordBudget && this.#size > 1) this.#dropOldest();
  }

  get(id: string): FlowTrace | undefined {
    // Newest first, so an id given twice (a custom newFlowId) finds the latest flow.
    for (let k = 1; k <= this.#size; k++) {
      const f = this.#at(k);
      if (f?.id === id) return f;
    }
    return undefined;
  }

  recent(limit = this.capacity): FlowTrace[] {
    const out: FlowTrace[] = [];
    for (let k = 1; k <= this.#size && out.length < limit; k++) {
      const f = this.#at(k);
      if (f) out.push(f);
    }
    return out;
  }

  get size(): number {
    return this.#size;
  }

  /** The k-th newest kept flow (1 = the newest). */
  #at(k: number): FlowTrace | undefined {
    return this.#ring[(this.#next - k + this.capacity) % this.capacity];
  }

  #dropOldest(): void {
    const slot = (this.#next - this.#size + this.capacity) % this.capacity;
    this.#records -= this.#ring[slot]?.records.length ?? 0;
    this.#ring[slot] = undefined;
    this.#size--;
  }
}
