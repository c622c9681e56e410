// A plain-text table with aligned columns. Cells may carry ANSI colour, which
// takes no room on screen, so widths are measured without it.

const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(s: string): number {
  return s.replace(ANSI, "").length;
}

/** Rows of cells as lines; every column but the last is padded to its widest cell. */
export function textTable(rows: readonly (readonly string[])[], gap = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - visibleLength(cell))))
      .join(gap)
      .trimEnd(),
  );
}
