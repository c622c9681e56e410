// The contract between the bench runner and each benchmark: a benchmark is
// an async function that returns rows, and the runner prints every row in
// one table. Benchmarks written by other modules (HTTP, store) plug in by
// exporting a function of this shape.

/** One line of the results table. */
export interface BenchRow {
  /** The benchmark this row belongs to, e.g. "1 engine cascade". */
  readonly bench: string;
  /** What was measured, e.g. "login, sequential, engine". */
  readonly name: string;
  /** The measured figure (always a finite number when the run worked). */
  readonly figure: number;
  /** Unit of `figure`, e.g. "cascades/s", "MB", "µs/action". */
  readonly unit: string;
  /** The ratio the goal is about (e.g. engine ÷ hand-written), if any. */
  readonly ratio?: number;
  /** The goal in words, e.g. "≥ 0.5×". */
  readonly goal?: string;
  /** Whether `ratio` (or `figure`) meets the goal; absent when the row has no goal. */
  readonly pass?: boolean;
  /** Anything else worth printing beside the figure (a second view of the ratio, a count). */
  readonly note?: string;
}

export interface BenchOptions {
  /** A small, fast version: checks the suite works; its timings mean little. */
  readonly quick: boolean;
  /** Progress lines (to stderr by default), so a long run shows it is alive. */
  readonly progress: (line: string) => void;
}

export type Benchmark = (options: BenchOptions) => Promise<BenchRow[]>;

/** A goal of the form "ratio ≥ min" (higher is better). */
export function atLeast(min: number): { goal: string; check: (ratio: number) => boolean } {
  return { goal: `≥ ${min}×`, check: (r) => r >= min };
}

/** A goal of the form "ratio ≤ max" (lower is better). */
export function atMost(max: number): { goal: string; check: (ratio: number) => boolean } {
  return { goal: `≤ ${max}×`, check: (r) => r <= max };
}
