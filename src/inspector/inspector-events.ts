// The inspector's live feed (server-sent events): a "request" event for
// every request answered and a "flow" event for every flow that settles, so
// the page shows requests as they arrive and refreshes a flow still running.
// Streams are ended by `close()` so a server shutting down is not held open
// by an inspector tab.

import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Engine } from "../engine/index.ts";
import type { RequestHistory } from "./request-history.ts";

export class InspectorEvents {
  readonly #open = new Set<() => void>();

  constructor(
    private readonly engine: Engine,
    private readonly history: RequestHistory,
  ) {}

  stream(c: Context): Response {
    return streamSSE(c, async (stream) => {
      let end: () => void = () => {};
      const ended = new Promise<void>((resolve) => (end = resolve));
      const send = (event: string, data: unknown, id?: number): void => {
        stream.writeSSE({ event, data: JSON.stringify(data), ...(id === undefined ? {} : { id: String(id) }) }).catch(end);
      };
      const offRequests = this.history.subscribe((entry) => send("request", entry, entry.seq));
      const offFlows = this.engine.on("settled", (flow) => send("flow", { id: flow.id }));
      stream.onAbort(end);
      this.#open.add(end);
      send("hello", { seq: this.history.latest()?.seq ?? 0 });
      await ended;
      this.#open.delete(end);
      offRequests();
      offFlows();
    });
  }

  get open(): number {
    return this.#open.size;
  }

  /** Ends every open stream. */
  close(): void {
    for (const end of [...this.#open]) end();
  }
}
