// An in-process client for testing apps: send a request, get the status,
// the body and the flow's trace — no port, no sleeps. Each `testApp` gets a
// fresh in-memory database and quiet logs unless told otherwise, and
// `request` returns only after the request's flow has settled.

import type { AppSettings } from "../app/app-config.ts";
import { createApp, type AppInstance, type CreateOptions } from "../app/create-app.ts";
import type { AppDefinition, ConceptInstances } from "../app/define-app.ts";
import type { FlowTrace } from "../engine/index.ts";
import { FLOW_HEADER } from "../http/http-front.ts";

export interface TestRequest {
  /** Sent as JSON (Content-Type: application/json) unless `rawBody` is given. Paths are relative to the base URL. */
  readonly body?: unknown;
  /** Sent as is, with the headers you give. */
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Shortcut for `Authorization: Token <token>`. */
  readonly token?: string;
}

// The body defaults to `any` on purpose: tests read JSON of many shapes, and
// asserting on it is the test's job; pass a type argument to narrow it.
export interface TestResponse<B = any> {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body (undefined when there is none). */
  readonly body: B;
  readonly text: string;
  /** The request's settled flow, when the request reached the engine. */
  readonly flow: FlowTrace | undefined;
}

export interface TestApp<C extends ConceptInstances = ConceptInstances> extends AppInstance<C> {
  request<B = any>(method: string, path: string, init?: TestRequest): Promise<TestResponse<B>>;
  get<B = any>(path: string, init?: TestRequest): Promise<TestResponse<B>>;
  post<B = any>(path: string, body?: unknown, init?: TestRequest): Promise<TestResponse<B>>;
  put<B = any>(path: string, body?: unknown, init?: TestRequest): Promise<TestResponse<B>>;
  delete<B = any>(path: string, init?: TestRequest): Promise<TestResponse<B>>;
}

/** Builds the app on `sqlite::memory:` with logs off (override either in `settings`). */
export async function testApp<C extends ConceptInstances>(
  definition: AppDefinition<C>,
  settings: AppSettings = {},
  options: CreateOptions = {},
): Promise<TestApp<C>> {
  const app = await createApp(definition, { databaseUrl: "sqlite::memory:", logLevel: "off", ...settings }, { env: {}, ...options });
  const request = async <B>(method: string, path: string, init: TestRequest = {}): Promise<TestResponse<B>> => {
    const headers = new Headers(init.headers);
    if (init.token !== undefined) headers.set("authorization", `Token ${init.token}`);
    let body: string | undefined = init.rawBody;
    if (body === undefined && init.body !== undefined) {
      body = JSON.stringify(init.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    // Paths are relative to the base URL, as syncs write them; a path that already starts with it is taken as is.
    const base = app.config.baseUrl;
    const url = path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`) ? path : `${base}${path}`;
    const response = await app.fetch(new Request(`http://ensemble.test${url}`, { method, headers, body }));
    const text = await response.text();
    const flowId = response.headers.get(FLOW_HEADER) ?? undefined;
    if (flowId) await app.http.settled(flowId);
    return {
      status: response.status,
      headers: response.headers,
      body: (text && (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : undefined) as B,
      text,
      flow: flowId ? app.engine.flow(flowId) : undefined,
    };
  };
  return {
    ...app,
    request,
    get: (path, init) => request("GET", path, init),
    post: (path, body, init) => request("POST", path, { ...init, body }),
    put: (path, body, init) => request("PUT", path, { ...init, body }),
    delete: (path, init) => request("DELETE", path, init),
  };
}
