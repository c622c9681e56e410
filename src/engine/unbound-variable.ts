// Messages for a then-action input that no frame binds — the template's
// "Missing binding: Symbol(session) in frame: [object Object]". Without a
// `where` the error is certain and caught at registration; with one it is
// caught when a frame lacks the variable. Both name the sync, the variable,
// what the frame does bind (and from where), and the fix.

import type { ActionPattern } from "./actions.ts";
import type { CompiledSync, CompiledThen } from "./compile-sync.ts";
import { EnsembleError } from "../ensemble-error.ts";
import { formatValue, isSecretKey } from "./format.ts";
import type { Frame } from "./frames.ts";
import { closest } from "./edit-distance.ts";
import { splitAdvice } from "./split-advice.ts";
import { varName } from "./vars.ts";

/** What other syncs reveal about actions' result fields (from their `when` output patterns). */
export type KnownOutputs = (actionKey: string) => ReadonlySet<string> | undefined;

/** Registration check: without a `where`, every then-variable must be bound by `when`. */
export function checkThenBindings(sync: CompiledSync, known: KnownOutputs): void {
  if (sync.where !== undefined) return;
  for (const t of sync.then) {
    const missing = t.vars.find((v) => !sync.origins.has(v));
    if (missing === undefined) continue;
    const v = varName(missing);
    const head =
      `Sync "${sync.name}": then-action ${t.ref.key} uses \`${v}\`, but no when pattern binds it (and there is no where). ` +
      "Outputs of then-actions are not visible to other then-actions.";
    const details = { sync: sync.name, variable: v, action: t.ref.key };
    const advice = producerAdvice(sync, t, missing, known);
    if (advice) throw new EnsembleError("UNBOUND_VARIABLE", `${head}\n${advice.text}`, { ...details, producer: advice.producer });
    const typo = closest(v, [...sync.origins.keys()].map(varName));
    const hint = typo
      ? `Did you mean \`${typo}\`?`
      : `Bind \`${v}\` in when (name it in the input or output pattern of the action it comes from) or in a where clause.`;
    throw new EnsembleError("UNBOUND_VARIABLE", `${head}\n${hint}`, details);
  }
}

/** Run-time error: a frame that left `where` lacks a variable a then-action needs. */
export function unboundAtRunTime(
  sync: CompiledSync,
  then: CompiledThen,
  missing: symbol,
  frame: Frame,
  whereOrigins: ReadonlyMap<symbol, string> | undefined,
  known: KnownOutputs,
): EnsembleError {
  const v = varName(missing);
  const bound = Object.getOwnPropertySymbols(frame).map((s) => {
    const origin = sync.origins.get(s) ?? whereOrigins?.get(s) ?? "where";
    const value = isSecretKey(varName(s)) ? "[redacted]" : formatValue(frame[s], 60);
    return `  ${varName(s)} = ${value}  (${origin})`;
  });
  const advice = producerAdvice(sync, then, missing, known);
  const typo = closest(v, Object.getOwnPropertySymbols(frame).map(varName));
  const hint = advice
    ? advice.text
    : typo
      ? `Did you mean \`${typo}\`?`
      : `Make the where clause bind \`${v}\` (e.g. name it in the output pattern of a frames.query), or bind it in when.`;
  return new EnsembleError(
    "UNBOUND_VARIABLE",
    `Sync "${sync.name}": then-action ${then.ref.key} needs \`${v}\`, but this frame does not bind it. The frame binds:\n${bound.join("\n") || "  (nothing)"}\n${hint}`,
    { sync: sync.name, variable: v, action: then.ref.key, frame: bound },
  );
}

/** When `missing` is probably the output of an earlier then-action, the split-into-two-syncs fix. */
function producerAdvice(sync: CompiledSync, consumer: CompiledThen, missing: symbol, known: KnownOutputs): { text: string; producer: string } | undefined {
  const v = varName(missing);
  const earlier = sync.then.filter((t) => t.position < consumer.position);
  if (earlier.length === 0) return undefined;
  const knownProducer = [...earlier].reverse().find((t) => known(t.ref.key)?.has(v));
  const stem = v.toLowerCase().replace(/(id|s)$/, "");
  const named = [...earlier].reverse().find((t) => stem.length > 2 && t.ref.key.toLowerCase().includes(stem));
  // Without a where, any earlier then-action is a candidate; with one, only a clear signal is.
  const producer = knownProducer ?? named ?? (sync.where === undefined ? earlier[earlier.length - 1] : undefined);
  if (!producer) return undefined;
  const certainty = knownProducer ? "is a result of" : "looks like a result of";
  const decl = sync.declaration;
  return {
    producer: producer.ref.key,
    text:
      `\`${v}\` ${certainty} ${producer.ref.key}, an earlier then-action of this sync.\n` +
      splitAdvice({
        name: sync.name,
        decl: { when: decl.when, then: decl.then as readonly ActionPattern[], where: decl.where },
        producer: producer.position,
        produced: [missing],
      }),
  };
}
