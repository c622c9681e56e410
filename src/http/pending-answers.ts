// The meeting point between the HTTP server and the Requesting concept: the
// server registers a request before firing it and waits here; `respond`
// resolves the wait. Kept out of the concept so the concept's methods are all
// actions.

import { IdSequence } from "../engine/id-sequence.ts";
import type { RequestId } from "./requesting-concept.ts";

/** An answer as the server sends it. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON body; `undefined` sends no body (e.g. 204). */
  readonly body: unknown;
}

/**
 * Closed requests are remembered for at least this many later requests (a power
 * of two: a request's slot is its number masked).
 */
const CLOSED_SLOTS = 16_384;

/** Why the server stopped waiting without an answer: the flow settled, or the timeout passed. */
export type Unanswered = "settled" | "timeout";

/** How a closed request ended, as stored in its slot: an HTTP status, or one of these. */
const SETTLED = -1;
const TIMED_OUT = -2;

export class PendingAnswers {
  readonly #pending = new Map<RequestId, (outcome: HttpAnswer | Unanswered) => void>();
  /** Request ids, numbered (see id-sequence.ts). */
  readonly #ids = new IdSequence();
  /**
   * Requests that were answered or abandoned, kept to explain late answers:
   * slot `n % CLOSED_SLOTS` holds request number n and how it ended. Numbers in
   * typed arrays, not a Map of ids: a Map kept every id string for the next
   * 10 000 requests, so each one outlived the young generation and was copied
   * and promoted, and each close hashed and inserted a fresh string.
   */
  readonly #closedNumber = new Float64Array(CLOSED_SLOTS).fill(-1);
  readonly #closedHow = new Int16Array(CLOSED_SLOTS);

  /** A fresh request id, unique in this process and across processes. */
  newRequest(): RequestId {
    return this.#ids.next();
  }

  /** Resolves with the answer once a sync responds, or with why the server stopped waiting (`abandon`). */
  wait(request: RequestId): Promise<HttpAnswer | Unanswered> {
    return new Promise((resolve) => this.#pending.set(request, resolve));
  }

  /** Delivers an answer; returns why it cannot be delivered, or undefined on success. */
  answer(request: RequestId, answer: HttpAnswer): string | undefined {
    const resolve = this.#pending.get(request);
    if (!resolve) return this.#whyNotWaiting(request);
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
    this.#close(request, reason === "settled" ? SETTLED : TIMED_OUT);
    resolve(reason);
  }

  isPending(request: RequestId): boolean {
    return this.#pending.has(request);
  }

  get size(): number {
    return this.#pending.size;
  }

  #close(request: RequestId, how: number): void {
    const n = this.#ids.numberOf(request);
    if (n === undefined) return;
    const slot = n & (CLOSED_SLOTS - 1);
    this.#closedNumber[slot] = n;
    this.#closedHow[slot] = how;
  }

  #whyNotWaiting(request: RequestId): string {
    const n = this.#ids.numberOf(request);
    const slot = n === undefined ? -1 : n & (CLOSED_SLOTS - 1);
    if (n === undefined || this.#closedNumber[slot] !== n) return `no request ${request} is waiting for an answer`;
    const how = this.#closedHow[slot] as number;
    const said = how === TIMED_OUT ? "it timed out" : how === SETTLED ? "no sync answered before its flow settled" : `with status ${how}`;
    return `request ${request} was already answered (${said}); a request is answered once`;
  }
}
