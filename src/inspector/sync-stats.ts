// How often each sync matched, fired (invoked its then-actions) and failed,
// counted from every flow that settled since the inspector started — the
// engine keeps only a bounded number of flows, the counts cover them all.

import type { Engine, FlowTrace } from "../engine/index.ts";

export interface SyncCounts {
  /** Its when matched (a where may still have left no frame). */
  matched: number;
  /** It invoked at least one then-action. */
  fired: number;
  /** A sync error (its where threw, or a then-input could not be bound). */
  errors: number;
}

export class SyncStats {
  readonly #counts = new Map<string, SyncCounts>();
  readonly #stop: () => void;

  constructor(engine: Engine) {
    this.#stop = engine.on("settled", (flow) => this.add(flow));
  }

  add(flow: FlowTrace): void {
    for (const run of flow.runs) {
      const c = this.#get(run.sync);
      c.matched++;
      if (run.invoked.length > 0) c.fired++;
    }
    for (const e of flow.errors) this.#get(e.sync).errors++;
  }

  of(sync: string): SyncCounts {
    return { ...(this.#counts.get(sync) ?? { matched: 0, fired: 0, errors: 0 }) };
  }

  close(): void {
    this.#stop();
  }

  #get(sync: string): SyncCounts {
    let c = this.#counts.get(sync);
    if (!c) this.#counts.set(sync, (c = { matched: 0, fired: 0, errors: 0 }));
    return c;
  }
}
