// Requesting: the concept that turns HTTP requests into actions. The server
// fires `request` for each request under the base URL; syncs answer with
// `respond` (200 and the fields as JSON, as in the 6.1040 template) or with
// `respondWith` (explicit status, headers and body). Answering a request
// that was already answered, or that timed out, is an `{ error }` result of
// the sync that tried, never a crash.

import { validateHeaderName, validateHeaderValue } from "node:http";
import { PendingAnswers, type HttpAnswer } from "./pending-answers.ts";

export type RequestId = string;

/** What `Requesting.request` receives: method, path (without the base URL), and the request's fields. */
export interface RequestInput {
  readonly method?: string;
  readonly path: string;
  readonly request?: RequestId;
  readonly [field: string]: unknown;
}

export class RequestingConcept {
  constructor(readonly answers: PendingAnswers = new PendingAnswers()) {}

  /** A request arrived. The server passes its own id; a direct call gets a fresh one. */
  async request(input: RequestInput): Promise<{ request: RequestId }> {
    return { request: input.request ?? this.answers.newRequest() };
  }

  /** Answers 200 with every field but `request` as the JSON body. */
  async respond(input: { request: RequestId; [field: string]: unknown }): Promise<{ request: RequestId } | { error: string }> {
    const { request, ...fields } = input;
    return this.#deliver(request, { status: 200, headers: {}, body: fields });
  }

  /** Answers with an explicit status, optional headers and optional JSON body (none for 204). */
  async respondWith(input: {
    request: RequestId;
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  }): Promise<{ request: RequestId } | { error: string }> {
    const { request, status, body, headers } = input;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      return { error: `respondWith: status must be an HTTP status code from 200 to 599, got ${JSON.stringify(status)}` };
    }
    // Checked here, where the sync that set them gets the error: the server writes
    // headers straight to the socket, and a bad one would fail the response there.
    const bad = headers === undefined ? undefined : invalidHeader(headers);
    if (bad) return { error: `respondWith: ${bad}` };
    return this.#deliver(request, { status, headers: headers ?? {}, body: status === 204 || status === 304 ? undefined : body });
  }

  #deliver(request: RequestId, answer: HttpAnswer): { request: RequestId } | { error: string } {
    const problem = this.answers.answer(request, answer);
    return problem === undefined ? { request } : { error: problem };
  }
}

/** Why these headers cannot be sent, or undefined when they can. */
function invalidHeader(headers: unknown): string | undefined {
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) return `headers must be an object of header names to string values, got ${JSON.stringify(headers)}`;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string") return `the header ${JSON.stringify(name)} must be a string, got ${JSON.stringify(value)}`;
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch (e) {
      return `the header ${JSON.stringify(name)} cannot be sent: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return undefined;
}
