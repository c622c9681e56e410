// `ensemble check` for people: each finding as "file:line  severity rule
// sync", then what is wrong and the fix, indented; a summary line last.

import type { CheckReport, Finding } from "./check/finding.ts";
import { paint } from "./terminal.ts";

export function formatReport(r: CheckReport, color: boolean): string[] {
  const p = paint(color);
  const lines = [`${p.bold("ensemble check")} ${r.app} (${r.dir}): ${r.syncs} syncs, ${r.routes} routes`, ""];
  for (const f of r.findings) lines.push(...formatFinding(f, color), "");
  const total = `${r.syncs} syncs and ${r.routes} routes`;
  if (r.errors === 0 && r.warnings === 0) lines.push(p.green(`✔ No problems in ${total}.`));
  else {
    const counts = `${plural(r.errors, "error")}, ${plural(r.warnings, "warning")} in ${total}.`;
    lines.push(r.errors > 0 ? p.red(`✖ ${counts}`) : p.yellow(`⚠ ${counts}`));
  }
  return lines;
}

export function formatFinding(f: Finding, color: boolean): string[] {
  const p = paint(color);
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : (f.route ?? "(app)");
  const severity = f.severity === "error" ? p.red("error") : p.yellow("warning");
  const head = [p.bold(where), severity, p.dim(f.rule), f.sync ? p.cyan(f.sync) : ""].filter(Boolean).join("  ");
  const indent = (text: string): string[] => text.split("\n").map((l) => (l === "" ? "" : `    ${l}`));
  const lines = [head, ...indent(f.message)];
  if (f.fix) lines.push(...indent(`${p.bold("fix:")} ${f.fix}`));
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
