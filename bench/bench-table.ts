// Prints benchmark rows as one aligned text table: figure, unit, ratio,
// goal and a ✓/✗ column side by side, grouped by benchmark.

import type { BenchRow } from "./bench-row.ts";

/** A figure with a precision that suits its size (3 significant digits, no exponent). */
export function formatFigure(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString("en-US");
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  return x.toFixed(abs >= 1 ? 2 : 3);
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ["benchmark", "measure", "figure", "unit", "ratio", "goal", "", "note"];
  const cells = rows.map((r) => [
    r.bench,
    r.name,
    formatFigure(r.figure),
    r.unit,
    r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}×`,
    r.goal ?? "",
    r.pass === undefined ? "" : r.pass ? "✓" : "✗",
    r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const right = new Set([2, 4]);
  const line = (c: readonly string[]): string =>
    c.map((x, i) => (right.has(i) ? x.padStart(widths[i] ?? 0) : x.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  const out = [line(header), widths.map((w) => "─".repeat(w)).join("  ")];
  let previous: string | undefined;
  cells.forEach((c, i) => {
    const bench = rows[i]?.bench;
    // Print each benchmark's name once, with a blank line between groups.
    if (previous !== undefined && bench !== previous) out.push("");
    out.push(line(bench === previous ? ["", ...c.slice(1)] : c));
    previous = bench;
  });
  return out.join("\n");
}
