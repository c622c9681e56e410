// Lints about answering requests, read off the flow model:
// - unanswered-error: a sync answers when an action succeeds, but no sync
//   answers when it returns { error } — such a request ends in 500 (in the
//   template it hung for 10 s). Only actions whose source can fail count.
// - overlapping-answers: two answering syncs can fire for the same request
//   with nothing (no literal, no outcome, no where) telling them apart, so
//   the request is answered twice.

import type { ActionPattern } from "../../engine/actions.ts";
import type { CompiledSync } from "../../engine/compile-sync.ts";
import { printSync } from "../../engine/print-pattern.ts";
import { variable } from "../../engine/vars.ts";
import type { Finding } from "./finding.ts";
import { mergeConditions, type Firing, type FlowModel } from "./flow-model.ts";
import { about, REQUEST_KEY, type LoadedApp } from "./load-for-analysis.ts";

const ANSWERS = new Set(["Requesting.respond", "Requesting.respondWith"]);

export function answers(sync: CompiledSync): boolean {
  return sync.then.some((t) => ANSWERS.has(t.ref.key));
}

export function lintUnansweredErrors(app: LoadedApp, models: readonly FlowModel[]): Finding[] {
  const found = new Map<string, { sync: string; action: string; routes: string[]; request: FlowModel["root"] }>();
  for (const model of models) {
    const firings = [...model.firings.values()].flat().filter((f) => answers(f.sync));
    for (const f of firings) {
      for (const [action, c] of f.conditions) {
        if (c.outcome !== "success" || action.startsWith("Requesting.") || errorAnswered(action, firings)) continue;
        const failure = failureOf(app, action);
        if (!failure) continue;
        const key = `${f.sync.name}|${action}`;
        const entry = found.get(key) ?? { sync: f.sync.name, action, routes: [], request: model.root };
        if (!entry.routes.includes(model.root.label)) entry.routes.push(model.root.label);
        found.set(key, entry);
      }
    }
  }
  return [...found.values()].map(({ sync, action, routes, request }) => {
    const failure = failureOf(app, action) as { example: string | undefined };
    const route = routes[0] as string;
    const example = failure.example ? ` (e.g. { error: ${failure.example} })` : "";
    return {
      rule: "unanswered-error",
      severity: "warning",
      ...about(app, sync),
      route,
      message:
        `On ${routes.join(", ")}, sync "${sync}" answers when ${action} succeeds, but no sync answers when it returns { error }${example}: ` +
        "such a request ends in 500.",
      fix: `Add a sync that answers the error, e.g.\n${errorSync(app, action, request)}`,
    };
  });
}

export function lintOverlappingAnswers(app: LoadedApp, models: readonly FlowModel[]): Finding[] {
  const pairs = new Map<string, { first: string; second: string; routes: string[] }>();
  for (const model of models) {
    const firings = [...model.firings.values()].flat().filter((f) => answers(f.sync) && !f.conditional);
    for (const a of firings) {
      for (const b of firings) {
        if (a.sync.order >= b.sync.order || mergeConditions(a.conditions, b.conditions) === null) continue;
        const key = `${a.sync.name}|${b.sync.name}`;
        const entry = pairs.get(key) ?? { first: a.sync.name, second: b.sync.name, routes: [] };
        if (!entry.routes.includes(model.root.label)) entry.routes.push(model.root.label);
        pairs.set(key, entry);
      }
    }
  }
  return [...pairs.values()].map(({ first, second, routes }) => ({
    rule: "overlapping-answers",
    severity: "error",
    ...about(app, second),
    route: routes[0] as string,
    message:
      `Syncs "${first}" and "${second}" both answer ${routes.join(", ")}: nothing in their when patterns tells such a request apart ` +
      "(no differing literal, no success-versus-error), and no where decides between them, so it is answered twice and the second answer is dropped.",
    fix: `Make them exclusive — match different outcomes of one action (e.g. { user } in one, { error } in the other), or different literals — or merge them into one sync.`,
  }));
}

/** True when some answering firing covers the action's error: it matches { error }, any result, or ignores the action and always answers. */
function errorAnswered(action: string, firings: readonly Firing[]): boolean {
  return firings.some((f) => {
    const c = f.conditions.get(action);
    return c ? c.outcome !== "success" : !f.conditional;
  });
}

/** Whether the action's own source can fail (returns { error } or throws an error it makes), with an example message. */
function failureOf(app: LoadedApp, action: string): { example: string | undefined } | undefined {
  const [concept, name] = action.split(".") as [string, string];
  const method = (app.raw[concept] as Record<string, unknown> | undefined)?.[name];
  if (typeof method !== "function") return undefined;
  const source = Function.prototype.toString.call(method);
  // A deliberate `throw new …` fails the action too; a rethrow (`throw e`) of what went wrong below does not count.
  if (!/\berror\s*[:,}]/.test(source) && !/\bthrow\s+new\b/.test(source)) return undefined;
  return { example: /\berror\s*:\s*(["'`])([^"'`\n]{1,80})\1/.exec(source)?.[0].replace(/^error\s*:\s*/, "") };
}

/** The sync to paste: the request, the action's { error }, and a 4xx answer with it. */
function errorSync(app: LoadedApp, action: string, root: FlowModel["root"]): string {
  const fn = (key: string): ActionPattern[0] => {
    const [concept, name] = key.split(".") as [string, string];
    return (app.concepts[concept] as Record<string, ActionPattern[0]>)[name] as ActionPattern[0];
  };
  const [concept, name] = action.split(".") as [string, string];
  const request = variable("request");
  const error = variable("error");
  const route: Record<string, unknown> = {};
  if (root.method) route.method = root.method;
  if (root.path) route.path = root.path;
  return printSync(
    `${concept}${name.charAt(0).toUpperCase()}${name.slice(1)}Failed`,
    ["request", "error"],
    [
      [fn(REQUEST_KEY), route, { request }],
      [fn(action), {}, { error }],
    ],
    [[fn("Requesting.respondWith"), { request, status: 400, body: { error } }]],
  );
}
