// A small HTTP load generator for benchmark 5 when wrk is not installed (and
// for CI's quick run): a fixed number of keep-alive connections, each sending
// one request after another to 127.0.0.1 for a fixed time, recording every
// latency. Run as its own process so it does not share the server's event loop:
//   node --import tsx bench/load-generator.ts '<LoadSpec as JSON>'
// prints one JSON line (a LoadResult) and exits by itself.

import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";

export interface LoadSpec {
  /** Must be on 127.0.0.1: this generator never targets another host. */
  readonly url: string;
  readonly method: "GET" | "POST";
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly connections: number;
  readonly durationMs: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  /** Latency percentiles in milliseconds. */
  readonly p50: number;
  readonly p99: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  /** Answers with a status outside 200–299. */
  readonly non2xx: number;
  /** Which generator produced the figures. */
  readonly tool: string;
}

/** The q-quantile (0–1) of sorted values, nearest rank. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export async function loadGenerator(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  if (url.hostname !== "127.0.0.1") throw new Error(`the load generator only targets 127.0.0.1, not ${url.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
  const headers: Record<string, string | number> = { ...spec.headers };
  if (body) headers["content-length"] = body.length;
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let errors = 0;
  let non2xx = 0;

  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: spec.method, headers, agent }, (res) => {
        if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) non2xx++;
        res.resume();
        res.on("end", () => {
          if (count === latencies.length) {
            const bigger = new Float64Array(latencies.length * 2);
            bigger.set(latencies);
            latencies = bigger;
          }
          latencies[count++] = performance.now() - t0;
          resolve();
        });
        res.on("error", () => {
          errors++;
          resolve();
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  const started = performance.now();
  const deadline = started + spec.durationMs;
  const connection = async (): Promise<void> => {
    while (performance.now() < deadline) await once();
  };
  await Promise.all(Array.from({ length: spec.connections }, connection));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.slice(0, count).sort();
  return { requests: count, seconds, rps: count / seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), errors, non2xx, tool: "node" };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const spec = JSON.parse(process.argv[2] ?? "null") as LoadSpec | null;
  if (!spec) {
    process.stderr.write("usage: node --import tsx bench/load-generator.ts '<LoadSpec as JSON>'\n");
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await loadGenerator(spec))}\n`);
}
