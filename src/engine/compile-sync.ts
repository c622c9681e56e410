// Registration: turns a sync function into the engine's compiled form and
// runs every check that can fail fast, each naming the sync and the fix.
// Most important is the classic template mistake — a then-action using
// another then-action's output — which is rejected here with a fix-it.

import { refOf, describeFunction, type ActionRef } from "./action-ref.ts";
import type { ActionPattern } from "./actions.ts";
import { EnsembleError } from "../ensemble-error.ts";
import { formatValue } from "./format.ts";
import { compileEntries, type CompiledPattern } from "./pattern.ts";
import { printObject, printPattern } from "./print-pattern.ts";
import { hasNestedVars, isPlainObject, varsIn } from "./substitute.ts";
import type { SyncDeclaration, Where } from "./sync.ts";
import { splitAdvice } from "./split-advice.ts";
import { isOptional } from "./optional.ts";
import { makeVars, varName } from "./vars.ts";

export interface CompiledThen {
  readonly ref: ActionRef;
  readonly position: number;
  readonly input: Readonly<Record<string, unknown>>;
  /** Variables the input needs, at any depth. */
  readonly vars: readonly symbol[];
}

export interface CompiledSync {
  readonly name: string;
  /** Registration order: syncs are tried in this order. */
  readonly order: number;
  readonly when: readonly CompiledPattern[];
  readonly where: Where | undefined;
  readonly then: readonly CompiledThen[];
  /** Where each `when`-bound variable comes from, for messages. */
  readonly origins: ReadonlyMap<symbol, string>;
  readonly declaration: SyncDeclaration;
}

/**
 * Compiles one sync and runs the checks that need only the sync itself.
 * `checkThenBindings` runs once every sync of a registration is compiled.
 */
export function compileSync(name: string, fn: unknown, order: number): CompiledSync {
  const fail = (message: string, code: "INVALID_SYNC" | "NOT_INSTRUMENTED" | "NOT_AN_ACTION" = "INVALID_SYNC", details = {}) =>
    new EnsembleError(code, `Sync "${name}": ${message}`, { sync: name, ...details });

  if (typeof fn !== "function") {
    throw fail(`is ${formatValue(fn)}, not a sync. A sync is a function of its variables: ({ request }) => ({ when, then }).`);
  }
  const { vars } = makeVars();
  let decl: SyncDeclaration;
  try {
    decl = (fn as (v: typeof vars) => SyncDeclaration)(vars);
  } catch (e) {
    throw fail(`threw while being declared: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isPlainObject(decl)) throw fail(`must return an object { when, where?, then }, got ${formatValue(decl)}.`);
  if (!Array.isArray(decl.when) || decl.when.length === 0) throw fail("has no `when`: list at least one action with actions([...]).");
  if (!Array.isArray(decl.then)) throw fail("has no `then`: list the actions to invoke with actions([...]).");
  if (decl.where !== undefined && typeof decl.where !== "function") throw fail(`\`where\` must be a function (frames) => frames, got ${formatValue(decl.where)}.`);

  const resolve = (p: unknown, clause: "when" | "then", i: number): { ref: ActionRef; pattern: ActionPattern } => {
    const at = `${clause} #${i + 1}`;
    if (!Array.isArray(p) || p.length < 2 || p.length > 3) {
      throw fail(`${at} must be [action, inputPattern, outputPattern?], got ${formatValue(p)}.`);
    }
    const ref = refOf(p[0]);
    if (!ref) {
      throw fail(
        `${at} uses ${describeFunction(p[0])}, which is not an instrumented concept action. ` +
          "Pass your concepts through engine.instrument({ Name: new NameConcept(...) }) and use the returned objects in syncs.",
        "NOT_INSTRUMENTED",
      );
    }
    if (ref.kind === "query") {
      throw fail(
        `${at} uses ${ref.key}, which is a query (its name starts with _). Queries are not events: read them in where with ` +
          `frames.query(${ref.key}, { ... }, { ... }).`,
        "NOT_AN_ACTION",
        { action: ref.key },
      );
    }
    if (!isPlainObject(p[1])) throw fail(`${at} (${ref.key}): the input pattern must be an object, got ${formatValue(p[1])}.`);
    if (p[2] !== undefined && !isPlainObject(p[2])) throw fail(`${at} (${ref.key}): the output pattern must be an object, got ${formatValue(p[2])}.`);
    for (const [side, obj] of [["input", p[1]], ["output", p[2]]] as const) {
      for (const [k, v] of Object.entries(obj ?? {})) {
        if (v === undefined) {
          throw fail(
            `${at} (${ref.key}): ${side} key \`${k}\` is undefined. For a variable, destructure \`${k}\` from the sync's argument; for a literal, give a value.`,
          );
        }
      }
    }
    return { ref, pattern: p as unknown as ActionPattern };
  };

  const when = decl.when.map((p, i) => {
    const { ref, pattern } = resolve(p, "when", i);
    if (pattern[2] === undefined) {
      throw fail(
        `when #${i + 1} (${ref.key}) has no output pattern. Write ${printPattern([pattern[0], pattern[1], {}])} to match any result, ` +
          "or name the result fields you need, e.g. { user }.",
      );
    }
    for (const [side, obj] of [["input", pattern[1]], ["output", pattern[2]]] as const) {
      for (const [k, v] of Object.entries(obj)) {
        if (!isOptional(v) && (isPlainObject(v) || Array.isArray(v)) && hasNestedVars(v)) {
          throw fail(`when #${i + 1} (${ref.key}): ${side} key \`${k}\` nests variables; when patterns match top-level keys. Bind the whole value and read it in where.`);
        }
      }
    }
    return { ref, pattern };
  });
  const then = decl.then.map((p, i) => resolve(p, "then", i));
  then.forEach(({ ref, pattern }, i) => {
    for (const [k, v] of Object.entries(pattern[1])) {
      if (isOptional(v)) throw fail(`then #${i + 1} (${ref.key}): \`${k}\` uses optional(), which belongs in when patterns; in then, pass the variable itself.`);
    }
  });

  const origins = new Map<symbol, string>();
  const compiledWhen: CompiledPattern[] = when.map(({ ref, pattern }, position) => {
    const input = compileEntries(pattern[1]);
    const output = compileEntries(pattern[2] ?? {});
    for (const [side, entries] of [["input", input], ["output", output]] as const) {
      for (const e of entries) {
        if (e.variable && !origins.has(e.variable)) origins.set(e.variable, `when #${position + 1}: ${ref.key} ${side} \`${e.key}\``);
      }
    }
    return { ref, position, input, output };
  });

  // Output patterns in `then` are the template's most expensive mistake.
  then.forEach(({ ref, pattern }, i) => {
    if (pattern[2] === undefined) return;
    const produced = varsIn(pattern[2]);
    throw fail(
      `then #${i + 1} (${ref.key}) has an output pattern ${printObject(pattern[2])}. Then-actions are invoked, not matched, and their outputs ` +
        "are not visible to other then-actions.\n" +
        splitAdvice({ name, decl: { when: when.map((w) => w.pattern), then: then.map((t) => t.pattern), where: decl.where }, producer: i, produced }),
      "INVALID_SYNC",
      { action: ref.key, variables: produced.map(varName) },
    );
  });

  const compiledThen: CompiledThen[] = then.map(({ ref, pattern }, position) => ({
    ref,
    position,
    input: pattern[1],
    vars: varsIn(pattern[1]),
  }));

  return { name, order, when: compiledWhen, where: decl.where, then: compiledThen, origins, declaration: decl };
}
