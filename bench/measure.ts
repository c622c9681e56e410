// Timing helpers shared by the benchmarks: run a cascade many times with a
// given number in flight, and compare variants in interleaved rounds so
// that machine drift hits every variant alike; figures are medians.

/**
 * Runs `once` repeatedly for about `ms` milliseconds with `concurrency` calls
 * in flight; returns completed calls per second. The clock is read once per
 * batch of calls, so fast variants are not slowed by reading it.
 */
export async function opsPerSecond(once: () => Promise<unknown>, ms: number, concurrency: number): Promise<number> {
  const batch = 16;
  const started = performance.now();
  const deadline = started + ms;
  let done = 0;
  let stop = false;
  const worker = async (): Promise<void> => {
    while (!stop) {
      for (let k = 0; k < batch; k++) await once();
      done += batch;
      if (performance.now() >= deadline) stop = true;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - started) / 1000);
}

/** Runs `once` exactly `count` times with up to `concurrency` in flight. */
export async function runMany(once: () => Promise<unknown>, count: number, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      await once();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error("median of no samples");
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface Variant {
  readonly name: string;
  /** One measurement; returns the figure (higher or lower is better, as the caller knows). */
  readonly measure: () => Promise<number>;
}

export interface Compared {
  /** Median figure per variant, in the order given. */
  readonly medians: readonly number[];
  /** Per variant: the median over rounds of (its figure ÷ the first variant's figure in the same round). */
  readonly ratios: readonly number[];
}

/**
 * Measures every variant once per round, rotating which goes first, after
 * one discarded warm-up round. Ratios are taken within a round, so slow
 * phases of a noisy machine cancel out.
 */
export async function compareInterleaved(variants: readonly Variant[], rounds: number): Promise<Compared> {
  for (const v of variants) await v.measure();
  const samples = variants.map(() => [] as number[]);
  const ratios = variants.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    const figures = new Array<number>(variants.length);
    for (let k = 0; k < variants.length; k++) {
      const i = (k + r) % variants.length;
      figures[i] = await (variants[i] as Variant).measure();
    }
    const base = figures[0] as number;
    figures.forEach((f, i) => {
      samples[i]?.push(f);
      ratios[i]?.push(f / base);
    });
  }
  return { medians: samples.map(median), ratios: ratios.map(median) };
}

/** Collects garbage as thoroughly as V8 allows, then reads the heap. Needs --expose-gc. */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("heapAfterGc needs node --expose-gc (bench/run.ts re-spawns itself with it)");
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}
