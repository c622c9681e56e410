// The HTTP front of an app (Hono): every request under the base URL becomes
// a `Requesting.request` action; the answer is whatever sync responds first.
// A request whose cascade settles unanswered is answered at once (404/500
// with a diagnosis in development); a slow one gets 504 at its timeout.
// Bad input (400/413/415) never reaches the engine.

import { randomUUID } from "node:crypto";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { formatFlowTree, redact, refOf, type ActionRecord, type ActionRef, type Engine, type FlowResult, type FlowTrace, type LogSink } from "../engine/index.ts";
import { INVOKE_OWNED } from "../engine/engine.ts";
import type { Db } from "../store/api/db.ts";
import type { HttpAnswer, PendingAnswers } from "./pending-answers.ts";
import type { HttpOptions } from "./http-options.ts";
import { Passthrough } from "./passthrough.ts";
import { readRequestInput, BadRequest, type RequestInput } from "./request-input.ts";
import { RequestLog } from "./request-log.ts";
import type { RequestingConcept } from "./requesting-concept.ts";
import { RouteTable } from "./route-table.ts";
import { explainUnanswered } from "./unanswered.ts";

export interface HttpFrontParts {
  readonly engine: Engine;
  /** The instrumented Requesting concept. */
  readonly requesting: RequestingConcept;
  readonly answers: PendingAnswers;
  /** The name Requesting was instrumented under (normally "Requesting"). */
  readonly requestingName: string;
  readonly db?: Db;
  readonly log: LogSink;
}

export const FLOW_HEADER = "x-ensemble-flow";

/** The Requesting actions that answer a request. */
const RESPOND_ACTIONS: ReadonlySet<string> = new Set(["respond", "respondWith"]);

/** One request the front answered, as the inspector lists it. */
export interface AnsweredRequest {
  readonly method: string;
  /** The URL path, base included. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** Undefined for requests that never reached the engine (400, 413, 415, passthrough). */
  readonly flow: string | undefined;
}

export class HttpFront {
  readonly app = new Hono();
  readonly routes: RouteTable;
  readonly #inFlight = new Map<string, Promise<FlowResult>>();
  /** Flows that settled unanswered, from #afterSettle to #handle (which removes them at once). */
  readonly #unanswered = new Map<string, FlowTrace>();
  readonly #passthrough: Passthrough;
  readonly #log: RequestLog;
  readonly #answered = new Set<(request: AnsweredRequest) => void>();
  readonly #chunkedLimit: MiddlewareHandler;
  /** The timeout of a waiting request: one function for all, the request id passed by setTimeout. */
  readonly #timedOut = (request: string): void => this.parts.answers.abandon(request, "timeout");
  /** Requesting.request, resolved once: reading it through the instrumented concept costs a proxy trap per request. */
  readonly #requestAction: ActionRef;

  constructor(
    private readonly parts: HttpFrontParts,
    private readonly options: HttpOptions,
  ) {
    this.routes = new RouteTable(parts.engine.syncs, `${parts.requestingName}.request`);
    const ref = refOf(parts.requesting.request);
    if (!ref) throw new Error(`HttpFront: ${parts.requestingName}.request is not an instrumented action; pass the instrumented Requesting concept.`);
    this.#requestAction = ref;
    this.#log = new RequestLog(options.logLevel, parts.log);
    this.#passthrough = new Passthrough(parts.engine, options.passthrough, parts.log);
    const base = options.baseUrl;
    if (options.cors) {
      const { origins, credentials } = options.cors;
      this.app.use(
        "*",
        cors({
          origin: origins === "*" ? "*" : [...origins],
          credentials,
          allowHeaders: ["Content-Type", ...new Set(Object.values(options.headers).map(capitalizeHeader))],
          allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
          exposeHeaders: [FLOW_HEADER],
        }),
      );
    }
    this.app.get("/health", (c) => c.json({ status: "ok" }));
    this.#chunkedLimit = bodyLimit({ maxSize: options.bodyLimit, onError: (c) => this.#tooLarge(c) });
    // One handler per route and no middleware: Hono calls a lone handler directly instead of composing a chain.
    const serve = (c: Context): Promise<Response> => this.#serve(c);
    this.app.all(`${base}/*`, serve);
    this.app.all(base, serve);
    this.app.notFound((c) => c.json(options.errorBody(404, "Not Found", undefined, undefined) as object, 404));
  }

  /** Resolves when the flow has settled (immediately if it already has). */
  settled(flowId: string): Promise<FlowResult | undefined> {
    return this.#inFlight.get(flowId) ?? Promise.resolve(undefined);
  }

  /** Waits (up to `ms`) for every in-flight flow to settle; true if all did. */
  async drain(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const all = Promise.allSettled([...this.#inFlight.values()]).then(() => true);
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const done = await Promise.race([all, late]);
    clearTimeout(timer);
    return done;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Calls `listener` for every request as it is answered (the inspector's live list); returns the unsubscribe. */
  onAnswered(listener: (request: AnsweredRequest) => void): () => void {
    this.#answered.add(listener);
    return () => this.#answered.delete(listener);
  }

  /**
   * The body limit, then #handle. Not Hono's bodyLimit on every request: it reads
   * `c.req.raw.body`, which makes @hono/node-server build a full WHATWG Request
   * (AbortController, body stream) even for a GET; that was a quarter of a who-am-I's
   * time. GET and HEAD bodies are never read, a declared Content-Length is checked from
   * the header (as bodyLimit does), and only a chunked body goes through bodyLimit,
   * which counts the bytes as they arrive.
   */
  #serve(c: Context): Promise<Response> {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return this.#handle(c);
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number(length) > this.options.bodyLimit ? Promise.resolve(this.#tooLarge(c)) : this.#handle(c);
    }
    return this.#handleChunked(c);
  }

  async #handleChunked(c: Context): Promise<Response> {
    let answer: Response | undefined;
    const refused = await this.#chunkedLimit(c, async () => {
      answer = await this.#handle(c);
    });
    return (refused ?? answer) as Response;
  }

  #tooLarge(c: Context): Response {
    return this.#refuse(c, 413, `The request body exceeds the limit of ${this.options.bodyLimit} bytes.`, performance.now());
  }

  async #handle(c: Context): Promise<Response> {
    const started = performance.now();
    let input: RequestInput;
    try {
      // A GET or HEAD has no body to wait for: its input is read without a promise.
      const read = readRequestInput(c, this.routes, this.options);
      input = read instanceof Promise ? await read : read;
    } catch (e) {
      if (e instanceof BadRequest) return this.#refuse(c, e.status, e.message, started);
      throw e;
    }
    const { method, path, fields } = input;
    const direct = this.#passthrough.match(method, path);
    if (direct) return this.#finish(c, { method, path, fields }, await this.#passthrough.call(direct, fields), started, undefined);

    const request = this.parts.answers.newRequest();
    // One promise for the three ways the wait ends: a sync answers, the flow settles
    // unanswered (#afterSettle), or the timeout passes (#timedOut); whichever comes first.
    const wait = this.parts.answers.wait(request);
    // The request's fields, then what the server sets (readRequestInput refuses fields by those names).
    const action: Record<string, unknown> = Object.assign({}, fields);
    action.method = method;
    action.path = path;
    action.request = request;
    const { flowId, settled } = this.parts.engine[INVOKE_OWNED](this.#requestAction, action);
    this.#inFlight.set(flowId, settled);
    void settled.then(
      (result) => this.#afterSettle(flowId, result, { method, path, request }),
      (e: unknown) => {
        this.#inFlight.delete(flowId);
        this.parts.answers.abandon(request, "settled");
        this.parts.log(`[ensemble] internal error in flow ${flowId}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      },
    );
    const timeoutMs = this.options.routeTimeouts[`${method} ${path}`] ?? this.options.timeoutMs;
    const timer = setTimeout(this.#timedOut, timeoutMs, request);
    const outcome = await wait;
    clearTimeout(timer);

    if (typeof outcome === "object") return this.#finish(c, { method, path, fields }, outcome, started, flowId);
    const settledTrace = this.#unanswered.get(flowId);
    this.#unanswered.delete(flowId);
    const why = explainUnanswered(this.parts.engine, this.routes, flowId, settledTrace, { method, path }, outcome, timeoutMs, this.options.mode, this.options.headers);
    // Server-side failures (500, 504) log the whole diagnosis; client errors (401, 404, 422) are ordinary
    // traffic: one line, with the diagnosis in the body in development.
    const detail = why.status >= 500 ? `\n${why.diagnosis.map((l) => `  ${l}`).join("\n")}` : "";
    if (this.options.logLevel !== "off") this.parts.log(`[ensemble] ${method} ${c.req.path} → ${why.status}: ${why.message}${detail}`);
    const body = this.options.errorBody(why.status, why.message, this.options.mode === "development" ? why.diagnosis : undefined, flowId);
    return this.#finish(c, { method, path, fields }, { status: why.status, headers: {}, body }, started, flowId);
  }

  /** Logs and sends the answer; a promise only when the request must be stored first. */
  #finish(
    c: Context,
    request: { method: string; path: string; fields: Record<string, unknown> },
    answer: HttpAnswer,
    started: number,
    flowId: string | undefined,
  ): Response | Promise<Response> {
    this.#log.line(request.method, c.req.path, answer.status, started, flowId);
    this.#announce(request.method, c.req.path, answer.status, started, flowId);
    if (this.options.storeRequests && this.parts.db) return this.#storeThenSend(this.parts.db, request, answer, flowId);
    return this.#send(answer, flowId);
  }

  async #storeThenSend(db: Db, request: { method: string; path: string; fields: Record<string, unknown> }, answer: HttpAnswer, flowId: string | undefined): Promise<Response> {
    // Written before the answer goes out, so a stored request is never lost to a crash right after.
    const doc = { _id: randomUUID(), method: request.method, path: request.path, input: redact(request.fields), status: answer.status, flow: flowId ?? null, at: new Date().toISOString() };
    try {
      await db.collection("Requesting.requests").insertOne(doc);
    } catch (e) {
      this.parts.log(`[ensemble] could not store request: ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.#send(answer, flowId);
  }

  #refuse(c: Context, status: 400 | 413 | 415, message: string, started: number): Response {
    this.#log.line(c.req.method, c.req.path, status, started, undefined);
    this.#announce(c.req.method, c.req.path, status, started, undefined);
    return this.#send({ status, headers: {}, body: this.options.errorBody(status, message, undefined, undefined) }, undefined);
  }

  #announce(method: string, path: string, status: number, started: number, flow: string | undefined): void {
    if (this.#answered.size === 0) return;
    const answered: AnsweredRequest = { method, path, status, durationMs: performance.now() - started, flow };
    for (const listener of this.#answered) listener(answered);
  }

  #send(answer: HttpAnswer, flowId: string | undefined): Response {
    // A plain header object and a string body keep @hono/node-server on its fast path (written
    // straight to the socket). Reading `c.res` here, as this once did to carry over the headers
    // middleware set, made Hono rebuild every response around a body stream; Hono merges those
    // headers (CORS) into the returned response by itself.
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(answer.headers)) headers[key.toLowerCase()] = value;
    if (flowId) headers[FLOW_HEADER] = flowId;
    if (answer.body === undefined) return new Response(null, { status: answer.status, headers });
    headers["content-type"] = "application/json; charset=utf-8";
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
  }

  /** Whether a record is an answer to this request. */
  #answers(r: ActionRecord, request: string): boolean {
    return r.concept === this.parts.requestingName && RESPOND_ACTIONS.has(r.action) && r.input.request === request;
  }

  #afterSettle(flowId: string, result: FlowResult, request: { method: string; path: string; request: string }): void {
    this.#inFlight.delete(flowId);
    // Unanswered: #handle explains it from this trace (a production engine keeps no settled flows).
    if (this.parts.answers.isPending(request.request)) {
      this.#unanswered.set(flowId, result.flow);
      this.parts.answers.abandon(request.request, "settled");
    }
    // Counted first: the list is built only for the rare warning.
    let count = 0;
    for (const r of result.flow.records) if (this.#answers(r, request.request)) count++;
    if (count > 1) {
      const answers = result.flow.records.filter((r) => this.#answers(r, request.request));
      const bySync = new Map<string, number>();
      for (const a of answers) bySync.set(a.cause?.sync ?? "(outside)", (bySync.get(a.cause?.sync ?? "(outside)") ?? 0) + 1);
      const list = [...bySync.entries()].map(([s, n]) => (n > 1 ? `${s} (${n}×)` : s)).join(", ");
      const hint =
        bySync.size === 1
          ? "One sync answered once per frame: its where left several frames; collect them with frames.collectAs(...) to answer once."
          : "Several syncs match this request; make their when patterns or where clauses exclusive.";
      this.parts.log(`[ensemble] warning: ${request.method} ${request.path} was answered ${answers.length} times, by ${list}. Only the first answer was sent. ${hint}`);
    }
    this.#log.flow(result.flow, formatFlowTree);
  }
}

function capitalizeHeader(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, ch: string) => dash + ch.toUpperCase());
}
