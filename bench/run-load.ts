// Runs one load test against a server of benchmark 5 in a separate process:
// wrk when it is installed (a C load generator, far lighter than any Node
// client, so the server is what saturates), else bench/load-generator.ts.
// Either way the result is a LoadResult: requests/s, p50/p99 in ms, errors.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadResult, LoadSpec } from "./load-generator.ts";

export type LoadTool = "wrk" | "node";

const WRK = "/usr/bin/wrk";
const GENERATOR = fileURLToPath(new URL("./load-generator.ts", import.meta.url));
/** Child processes run from the repository, where `--import tsx` resolves. */
export const REPO = fileURLToPath(new URL("..", import.meta.url));
const MARK = "LOADRESULT ";

/** wrk when /usr/bin/wrk exists, else the Node generator. */
export function defaultLoadTool(): LoadTool {
  return existsSync(WRK) ? "wrk" : "node";
}

/** The command line that runs `spec` with `tool`, for reports (the Lua script is described, not shown). */
export function describeLoad(tool: LoadTool, spec: LoadSpec): string {
  return tool === "wrk"
    ? `wrk -t1 -c${spec.connections} -d${wrkSeconds(spec)}s --timeout 30s --latency -s <${spec.method} script> ${spec.url}`
    : `node --import tsx bench/load-generator.ts '{"connections":${spec.connections},"durationMs":${spec.durationMs},…}'`;
}

export async function runLoad(tool: LoadTool, spec: LoadSpec): Promise<LoadResult> {
  if (new URL(spec.url).hostname !== "127.0.0.1") throw new Error(`load tests only target 127.0.0.1, not ${spec.url}`);
  if (tool === "node") return parse(await run(process.execPath, ["--import", "tsx", GENERATOR, JSON.stringify(spec)]), (line) => JSON.parse(line) as LoadResult);
  const dir = mkdtempSync(join(tmpdir(), "ensemble-wrk-"));
  try {
    const script = join(dir, "load.lua");
    writeFileSync(script, wrkScript(spec));
    const args = ["-t1", `-c${spec.connections}`, `-d${wrkSeconds(spec)}s`, "--timeout", "30s", "--latency", "-s", script, spec.url];
    return parse(await run(WRK, args), (line) => {
      const w = JSON.parse(line) as { requests: number; us: number; p50: number; p99: number; errors: number; non2xx: number };
      const seconds = w.us / 1e6;
      return { requests: w.requests, seconds, rps: w.requests / seconds, p50: w.p50 / 1000, p99: w.p99 / 1000, errors: w.errors, non2xx: w.non2xx, tool: "wrk" };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** wrk takes whole seconds. */
function wrkSeconds(spec: LoadSpec): number {
  return Math.max(1, Math.round(spec.durationMs / 1000));
}

/** A Lua script that sets the request and prints the summary as one JSON line after MARK. */
function wrkScript(spec: LoadSpec): string {
  // Long brackets need no escaping (no value here contains "]==]"). A space must separate
  // an index's "[" from one, or Lua reads "[[" as a long bracket.
  const lua = (s: string): string => `[==[${s}]==]`;
  const headers = Object.entries(spec.headers).map(([k, v]) => `wrk.headers[ ${lua(k)} ] = ${lua(v)}`);
  return [
    `wrk.method = ${lua(spec.method)}`,
    ...(spec.body === undefined ? [] : [`wrk.body = ${lua(spec.body)}`]),
    ...headers,
    "done = function(summary, latency, requests)",
    "  local e = summary.errors",
    `  io.write(string.format('${MARK}{"requests":%d,"us":%d,"p50":%d,"p99":%d,"errors":%d,"non2xx":%d}\\n',`,
    "    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),",
    "    e.connect + e.read + e.write + e.timeout, e.status))",
    "end",
    "",
  ].join("\n");
}

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], cwd: REPO });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${err}${out}`))));
  });
}

/** The result line: the one after MARK (wrk), else the last non-empty line (the Node generator). */
function parse(output: string, read: (line: string) => LoadResult): LoadResult {
  const lines = output.split("\n").filter((l) => l.trim() !== "");
  const marked = lines.find((l) => l.startsWith(MARK));
  const line = marked ? marked.slice(MARK.length) : lines.at(-1);
  if (line === undefined) throw new Error(`the load generator printed nothing:\n${output}`);
  return read(line);
}
