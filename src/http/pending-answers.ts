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

/** Closed requests are remembered for at least this many later ones (and at most twice as many). */
const CLOSED_GENERATION = 10_000;

export class PendingAnswers {
  readonly #pending = new Map<RequestId, (answer: HttpAnswer) => void>();
  /**
   * Requests that were answered or abandoned, kept to explain late answers: the
   * newest up to CLOSED_GENERATION in `#closed`, the generation before in
   * `#closedBefore`. Two generations instead of one Map trimmed at its oldest
   * key, because a Map used as a queue keeps its deleted entries until it is
   * rehashed and `keys().next()` walks over all of them: that walk took about
   * 5 µs of every answered request.
   */
  #closed = new Map<RequestId, string>();
  #closedBefore = new Map<RequestId, string>();

  /** Resolves with the answer once a sync responds. */
  wait(request: RequestId): Promise<HttpAnswer> {
    return new Promise((resolve) => this.#pending.set(request, resolve));
  }

  /** Delivers an answer; returns why it cannot be delivered, or undefined on success. */
  answer(request: RequestId, answer: HttpAnswer): string | undefined {
    const resolve = this.#pending.get(request);
    if (!resolve) {
      const closed = this.#closed.get(request) ?? this.#closedBefore.get(request);
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
    if (this.#closed.size >= CLOSED_GENERATION) {
      this.#closedBefore = this.#closed;
      this.#closed = new Map();
    }
    this.#closed.set(request, why);
  }
}
