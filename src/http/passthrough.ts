// Passthrough routes: `POST <base>/<Concept>/<method>` straight to a concept,
// as the 6.1040 template allowed for everything. Here they are off unless
// listed with a justification; listing a mutating action is warned about at
// start, since it lets any client change state with no sync in between.

import { EnsembleError } from "../ensemble-error.ts";
import { refOf, type Engine, type LogSink } from "../engine/index.ts";
import type { ActionRef } from "../engine/action-ref.ts";
import type { HttpAnswer } from "./pending-answers.ts";

export class Passthrough {
  readonly #routes = new Map<string, ActionRef>();

  constructor(
    private readonly engine: Engine,
    listed: Readonly<Record<string, string>>,
    log: LogSink,
  ) {
    for (const [key, why] of Object.entries(listed)) {
      const [concept, method, ...rest] = key.split(".");
      const instance = concept ? (engine.concepts.get(concept) as Record<string, unknown> | undefined) : undefined;
      const ref = instance && method && rest.length === 0 ? refOf(instance[method]) : undefined;
      if (!ref) {
        throw new EnsembleError(
          "INVALID_CONFIG",
          `passthrough: "${key}" is not a method of an instrumented concept (write "Concept.method"; concepts: ${[...engine.concepts.keys()].join(", ")}).`,
          { setting: "passthrough", key },
        );
      }
      if (typeof why !== "string" || why.trim().length < 3) {
        throw new EnsembleError("INVALID_CONFIG", `passthrough: "${key}" needs a justification (why may clients call it directly?), e.g. { "${key}": "public profile lookup" }.`, {
          setting: "passthrough",
          key,
        });
      }
      if (ref.kind === "action") {
        log(`[ensemble] warning: passthrough route POST /${concept}/${method} exposes the action ${key}: any client can invoke it with no sync checking who asks ("${why}").`);
      }
      this.#routes.set(`/${concept}/${method}`, ref);
    }
  }

  /** The listed method a `POST /<Concept>/<method>` request names, if any. */
  match(method: string, path: string): ActionRef | undefined {
    return method === "POST" ? this.#routes.get(path) : undefined;
  }

  async call(ref: ActionRef, fields: Record<string, unknown>): Promise<HttpAnswer> {
    if (ref.kind === "query") {
      const rows = await ref.method.call(ref.instance, fields);
      return { status: 200, headers: {}, body: rows };
    }
    const concept = this.engine.concepts.get(ref.concept) as Record<string, unknown>;
    const { output } = await this.engine.run(concept[ref.name] as (i: Record<string, unknown>) => Promise<unknown>, fields);
    const body = output as Record<string, unknown>;
    return { status: body.error === undefined ? 200 : 400, headers: {}, body };
  }
}
