// The inspector's list of recent requests: a bounded ring of what the HTTP
// front answered (method, path, status, duration, flow), numbered so a page
// can ask for "everything after #n", and a feed for the live stream.

import type { AnsweredRequest } from "../http/http-front.ts";

export interface RequestEntry {
  /** 1, 2, 3 … in the order requests were answered. */
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly flow: string | null;
  /** Epoch milliseconds when it was answered. */
  readonly at: number;
}

export class RequestHistory {
  readonly #entries: RequestEntry[] = [];
  readonly #listeners = new Set<(entry: RequestEntry) => void>();
  #seq = 0;

  constructor(private readonly limit = 500) {}

  add(request: AnsweredRequest, at: number = Date.now()): RequestEntry {
    const entry: RequestEntry = {
      seq: ++this.#seq,
      method: request.method,
      path: request.path,
      status: request.status,
      durationMs: Math.round(request.durationMs * 10) / 10,
      flow: request.flow ?? null,
      at,
    };
    this.#entries.push(entry);
    if (this.#entries.length > this.limit) this.#entries.shift();
    for (const l of this.#listeners) l(entry);
    return entry;
  }

  /** Entries answered after `seq` (all retained ones by default), oldest first. */
  after(seq = 0): RequestEntry[] {
    return this.#entries.filter((e) => e.seq > seq);
  }

  /** The request whose flow this is. */
  byFlow(flow: string): RequestEntry | undefined {
    return this.#entries.findLast((e) => e.flow === flow);
  }

  latest(): RequestEntry | undefined {
    return this.#entries[this.#entries.length - 1];
  }

  subscribe(listener: (entry: RequestEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
