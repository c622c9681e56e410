// The fix-it for using a then-action's output in the same sync: keep the
// producing action, and move the actions that need its output into a second
// sync that matches the producer in its `when`. Printed as ready-to-paste code.

import { refOf } from "./action-ref.ts";
import type { ActionPattern } from "./actions.ts";
import { printPattern, printSync } from "./print-pattern.ts";
import type { Where } from "./sync.ts";
import { varsIn } from "./substitute.ts";
import { variable, varName } from "./vars.ts";

export interface SplitCase {
  readonly name: string;
  readonly decl: { readonly when: readonly ActionPattern[]; readonly then: readonly ActionPattern[]; readonly where: Where | undefined };
  /** Index in `then` of the action whose output is wanted. */
  readonly producer: number;
  /** The variables that action's output should bind. */
  readonly produced: readonly symbol[];
}

export function splitAdvice({ name, decl, producer, produced }: SplitCase): string {
  const prod = decl.then[producer] as ActionPattern;
  const prodKey = refOf(prod[0])?.key ?? "the action";
  const producedNames = new Set(produced.map(varName));
  const consumers = decl.then.filter((t, i) => i > producer && varsIn(t[1]).some((v) => producedNames.has(varName(v))));
  const moved = consumers.length > 0 ? consumers : decl.then.filter((_, i) => i > producer);
  const movedNames = moved.map((m) => refOf(m[0])?.key ?? "the action").join(" and ");
  const needed = new Set(moved.flatMap((m) => varsIn(m[1]).map(varName)));
  const keptWhen = decl.when.filter((w) => [...varsIn(w[1]), ...varsIn(w[2] ?? {})].some((v) => needed.has(varName(v)) && !producedNames.has(varName(v))));
  const outputPattern: Record<string, unknown> = {};
  const declared = prod[2];
  if (declared) Object.assign(outputPattern, declared);
  else for (const n of producedNames) outputPattern[n] = variable(n);
  const second: ActionPattern[] = [...keptWhen, [prod[0], {}, outputPattern]];
  const varNames = [...new Set([...second.flatMap((p) => [...varsIn(p[1]), ...varsIn(p[2] ?? {})]), ...moved.flatMap((m) => varsIn(m[1]))].map(varName))];
  const kept = decl.then.filter((t) => !moved.includes(t)).map((t) => printPattern([t[0], t[1]]));
  const whereNote = decl.where ? " (copy the where clause too if the moved actions need what it binds)" : "";
  return (
    `Fix: keep ${kept.join(", ")} in "${name}", and move ${movedNames} into a second sync that matches ${prodKey} in its when${whereNote}:\n\n` +
    printSync(`${name}After${pascal(prodKey)}`, varNames, second, moved.map((m) => [m[0], m[1]] as ActionPattern))
  );
}

function pascal(key: string): string {
  return key
    .split(".")
    .map((s) => s.replace(/^_/, ""))
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join("");
}
