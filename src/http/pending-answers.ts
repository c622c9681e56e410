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

/** Why the server stopped waiting without an answer: the flow settled, or the timeout passed. */
export type Unanswered = "settled" | "timeout";

export class PendingAnswers {
  readonly #pending = new Map<RequestId, (outcome: HttpAnswer | Unanswered) => void>();
  /**
   * Requests that were answered or abandoned, kept to explain late answers: the
   * newest up to CLOSED_GENERATION in `#closed`, the generation before in
   * `#closedBefore`. Two generations instead of one Map trimmed at its oldest
   * key, because a Map used as a queue keeps its deleted entries until it is
   * rehashed and `keys().next()` walks over all of them: that walk took about
   * 5 µs of every answered request. The value is the status sent or the reason
   * for giving up; the sentence is made only when a late answer needs it.
   */
  #closed = new Map<RequestId, number | Unanswered>();
  #closedBefore = new Map<RequestId, number | Unanswered>();

  /** Resolves with the answer once a sync responds, or with why the server stopped waiting (`abandon`). */
  wait(request: RequestId): Promise<HttpAnswer | Unanswered> {
    return new Promise((resolve) => this.#pending.set(request, resolve));
  }

  /** Delivers an answer; returns why it cannot be delivered, or undefined on success. */
  answer(request: RequestId, answer: HttpAnswer): string | undefined {
    const resolve = this.#pending.get(request);
    if (!resolve) {
      const closed = this.#closed.get(request) ?? this.#closedBefore.get(request);
      if (closed === undefined) return `no request ${request} is waiting for an answer`;
      const how = typeof closed === "number" ? `with status ${closed}` : closed === "timeout" ? "it timed out" : "no sync answered before its flow settled";
      return `request ${request} was already answered (${how}); a request is answered once`;
    }
    this.#pending.delete(request);
    this.#close(request, answer.status);
    resolve(answer);
    return undefined;
  }

  /**
   * Stops waiting: the flow settled unanswered, or the timeout passed. The waiter
   * gets the reason (the server answers by itself); later answers are errors. A
   * request already answered or abandoned is left as it is.
   */
  abandon(request: RequestId, reason: Unanswered): void {
    const resolve = this.#pending.get(request);
    if (!resolve) return;
    this.#pending.delete(request);
    this.#close(request, reason);
    resolve(reason);
  }

  isPending(request: RequestId): boolean {
    return this.#pending.has(request);
  }

  get size(): number {
    return this.#pending.size;
  }

  #close(request: RequestId, how: number | Unanswered): void {
    if (this.#closed.size >= CLOSED_GENERATION) {
      this.#closedBefore = this.#closed;
      this.#closed = new Map();
    }
    this.#closed.set(request, how);
  }
}
