// The meeting point between the HTTP server and the Requesting concept: the
// server registers a request before firing it and waits here; `respond`
// resolves the wait. Kept out of the concept so the concept's methods are all
// actions.

import type { RequestId } from "./requesting-concept.ts";

/** An answer as the server sends it. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON body; `undefined` sends no body (e.g. 204). */
  readonly body: unknown;
}

export class PendingAnswers {
  readonly #pending = new Map<RequestId, (answer: HttpAnswer) => void>();
  /** Requests that were answered or abandoned, kept (bounded) to explain late answers. */
  readonly #closed = new Map<RequestId, string>();

  /** Resolves with the answer once a sync responds. */
  wait(request: RequestId): Promise<HttpAnswer> {
    return new Promise((resolve) => this.#pending.set(request, resolve));
  }

  /** Delivers an answer; returns why it cannot be delivered, or undefined on success. */
  answer(request: RequestId, answer: HttpAnswer): string | undefined {
    const resolve = this.#pending.get(request);
    if (!resolve) {
      const closed = this.#closed.get(request);
      return closed ? `request ${request} was already answered (${closed}); a request is answered once` : `no request ${request} is waiting for an answer`;
    }
    this.#pending.delete(request);
    this.#close(request, `with status ${answer.status}`);
    resolve(answer);
    return undefined;
  }

  /** The server answered by itself (timeout, no sync): later answers are errors. */
  abandon(request: RequestId, why: string): void {
    if (this.#pending.delete(request)) this.#close(request, why);
  }

  isPending(request: RequestId): boolean {
    return this.#pending.has(request);
  }

  get size(): number {
    return this.#pending.size;
  }

  #close(request: RequestId, why: string): void {
    this.#closed.set(request, why);
    if (this.#closed.size > 10_000) {
      const oldest = this.#closed.keys().next().value;
      if (oldest !== undefined) this.#closed.delete(oldest);
    }
  }
}
