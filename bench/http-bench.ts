// Benchmark 5, HTTP end to end: who-am-I and login over real HTTP on
// 127.0.0.1, the auth app served by Ensemble beside the same two routes
// hand-written in Hono (hono-auth-app.ts) calling the same concepts on the
// same kind of store (a SQLite file in WAL mode each). Each server runs in its
// own process (http-server.ts), the load generator in a third (run-load.ts:
// wrk if installed, else load-generator.ts). Runs alternate between the two
// servers in rounds after a warm-up; figures are medians. Goal: Ensemble ≥ 0.8×
// the hand-written requests/s. Before measuring, both servers must answer a
// set of requests (success and each error) with the same statuses and bodies.
// who-am-I runs once more with both servers on PostgreSQL when a server is at
// hand (as for the store benchmark; ENSEMBLE_BENCH_PG=off skips it).
// Standalone: npx tsx bench/http-bench.ts [--quick] [--load=wrk|node] [--mode=development|production]

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Mode } from "ensemble";
import { atLeast, type BenchOptions, type BenchRow } from "./bench-row.ts";
import { formatTable } from "./bench-table.ts";
import type { ServerKind, ServerReady } from "./http-server.ts";
import type { LoadResult, LoadSpec } from "./load-generator.ts";
import { compareInterleaved, median } from "./measure.ts";
import { defaultLoadTool, describeLoad, REPO, runLoad, type LoadTool } from "./run-load.ts";
import { freshDb } from "../src/testing/fresh-db.ts";
import { postgresForBench } from "./bench-postgres.ts";

const BENCH = "5 HTTP end to end";
const GOAL = atLeast(0.8);
const SERVER = fileURLToPath(new URL("./http-server.ts", import.meta.url));
const CONNECTIONS = 64;

export interface HttpBenchOptions extends BenchOptions {
  /** Default: wrk when installed, except in quick runs, which always use the Node generator (as CI has no wrk). */
  readonly load?: LoadTool;
  /** The Ensemble server's mode (default production: what a deployment runs). */
  readonly mode?: Mode;
  /** Write a CPU profile of the Ensemble server into this directory (node --cpu-prof). */
  readonly profileDir?: string;
}

interface Server {
  readonly kind: ServerKind;
  readonly ready: ServerReady;
  readonly url: string;
  readonly child: ChildProcess;
}

export async function httpBench(options: HttpBenchOptions): Promise<BenchRow[]> {
  const { quick, progress } = options;
  const load = options.load ?? (quick ? "node" : defaultLoadTool());
  const mode = options.mode ?? "production";
  const dir = mkdtempSync(join(tmpdir(), "ensemble-http-bench-"));
  const servers: Server[] = [];
  const start = async (kind: ServerKind, databaseUrl: string, profileDir?: string): Promise<Server> => {
    const s = await startServer(kind, databaseUrl, mode, profileDir);
    servers.push(s);
    return s;
  };
  try {
    progress(`${BENCH}: starting the servers (Ensemble in ${mode} mode; load by ${load})`);
    const hono = await start("hono", `sqlite:${join(dir, "hono.db")}`);
    const ensemble = await start("ensemble", `sqlite:${join(dir, "ensemble.db")}`, options.profileDir);
    await checkAlike(hono, ensemble);
    const cases: LoadCase[] = [
      // Short runs, many rounds: other work on this kind of machine comes and goes within seconds.
      { name: "who-am-I", spec: (s) => meSpec(s, quick), rounds: quick ? 1 : 9 },
      { name: "login", spec: (s) => loginSpec(s, quick), rounds: quick ? 1 : 3 },
    ];
    const rows = await compareServers(hono, ensemble, cases, { load, mode, progress });
    await Promise.all(servers.splice(0).map(stopServer));
    return [...rows, ...(await postgresRows({ load, mode, progress, quick }))];
  } finally {
    await Promise.all(servers.map(stopServer));
    rmSync(dir, { recursive: true, force: true });
  }
}

interface LoadCase {
  readonly name: string;
  readonly spec: (s: Server) => LoadSpec;
  readonly rounds: number;
}

interface CompareContext {
  readonly load: LoadTool;
  readonly mode: Mode;
  readonly progress: (line: string) => void;
}

/**
 * who-am-I with both servers on PostgreSQL (each in its own schema of one
 * server), when one is at hand as for the store benchmark: on a database
 * reached over a socket, flows interleave while they wait for it.
 */
async function postgresRows(c: CompareContext & { quick: boolean }): Promise<BenchRow[]> {
  const url = await postgresForBench(BENCH, c.progress);
  if (url === undefined) return [];
  c.progress(`${BENCH}: starting the servers on PostgreSQL`);
  const schemas = [await freshDb(url), await freshDb(url)] as const;
  const servers: Server[] = [];
  try {
    const hono = await startServer("hono", schemas[0].url, c.mode);
    servers.push(hono);
    const ensemble = await startServer("ensemble", schemas[1].url, c.mode);
    servers.push(ensemble);
    await checkAlike(hono, ensemble);
    return await compareServers(hono, ensemble, [{ name: "who-am-I on PostgreSQL", spec: (s) => meSpec(s, c.quick), rounds: c.quick ? 1 : 5 }], c);
  } finally {
    await Promise.all(servers.map(stopServer));
    await Promise.all(schemas.map((f) => f.dispose()));
  }
}

/** Runs each case on both servers in interleaved rounds; rows of requests/s, ratio and latency. */
async function compareServers(hono: Server, ensemble: Server, cases: readonly LoadCase[], { load, mode, progress }: CompareContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of cases) {
    progress(`${BENCH}: ${c.name}, ${c.rounds} round(s) after a warm-up — ${describeLoad(load, c.spec(hono))}`);
    const results = new Map<ServerKind, LoadResult[]>([["hono", []], ["ensemble", []]]);
    const cpu = new Map<ServerKind, number[]>([["hono", []], ["ensemble", []]]);
    const measure = async (s: Server): Promise<number> => {
      const before = cpuMs(s);
      const r = await runLoad(load, c.spec(s));
      const after = cpuMs(s);
      if (before !== undefined && after !== undefined) cpu.get(s.kind)?.push(((after - before) * 1000) / r.requests);
      if (r.errors > 0 || r.non2xx > 0 || r.requests === 0) {
        throw new Error(`${c.name} on ${s.kind}: ${r.requests} requests, ${r.errors} socket errors, ${r.non2xx} non-2xx answers`);
      }
      results.get(s.kind)?.push(r);
      return r.rps;
    };
    const compared = await compareInterleaved([{ name: "hono", measure: () => measure(hono) }, { name: "ensemble", measure: () => measure(ensemble) }], c.rounds);
    // compareInterleaved measured each server once more first, as the warm-up: drop that run.
    const h = results.get("hono")?.slice(1) ?? [];
    const e = results.get("ensemble")?.slice(1) ?? [];
    const ratio = compared.ratios[1] ?? NaN;
    const tool = `${load}, ${CONNECTIONS} connections`;
    // Server CPU per request, beside requests/s: other work on the machine moves throughput far more than it moves this.
    const [hCpu, eCpu] = [cpu.get("hono")?.slice(1) ?? [], cpu.get("ensemble")?.slice(1) ?? []];
    const cpuNote = hCpu.length > 0 && eCpu.length > 0 ? `; server CPU ${median(eCpu).toFixed(0)} vs ${median(hCpu).toFixed(0)} µs/request` : "";
    rows.push({ bench: BENCH, name: `${c.name}, hand-written Hono`, figure: compared.medians[0] ?? NaN, unit: "requests/s", note: tool });
    rows.push({
      bench: BENCH,
      name: `${c.name}, Ensemble (${mode})`,
      figure: compared.medians[1] ?? NaN,
      unit: "requests/s",
      ratio,
      goal: GOAL.goal,
      pass: GOAL.check(ratio),
      note: `${tool}; Ensemble ÷ Hono${cpuNote}`,
    });
    for (const [q, pick] of [["p50", (r: LoadResult) => r.p50], ["p99", (r: LoadResult) => r.p99]] as const) {
      rows.push({ bench: BENCH, name: `${c.name}, ${q} latency, hand-written Hono`, figure: median(h.map(pick)), unit: "ms" });
      rows.push({
        bench: BENCH,
        name: `${c.name}, ${q} latency, Ensemble (${mode})`,
        figure: median(e.map(pick)),
        unit: "ms",
        ratio: median(e.map((r, i) => pick(r) / pick(h[i] as LoadResult))),
        note: "Ensemble ÷ Hono (lower is better)",
      });
    }
  }
  return rows;
}

function meSpec(s: Server, quick: boolean): LoadSpec {
  return { url: `${s.url}/me`, method: "GET", headers: { authorization: `Token ${s.ready.token}` }, connections: CONNECTIONS, durationMs: quick ? 300 : 2_000 };
}

function loginSpec(s: Server, quick: boolean): LoadSpec {
  const body = JSON.stringify({ username: s.ready.username, password: s.ready.password });
  return { url: `${s.url}/login`, method: "POST", headers: { "content-type": "application/json" }, body, connections: CONNECTIONS, durationMs: quick ? 300 : 3_000 };
}

/** CPU time (user + system) the server's process has used, in ms; undefined where /proc is not there. */
function cpuMs(s: Server): number | undefined {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name (which may hold spaces).
    const stat = readFileSync(`/proc/${s.child.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every common build). */
const CLOCK_TICKS = 100;

/** Starts one server in its own process and waits for its ready line. */
function startServer(kind: ServerKind, databaseUrl: string, mode: Mode, profileDir?: string): Promise<Server> {
  const prof = kind === "ensemble" && profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", SERVER, kind, databaseUrl, mode], { stdio: ["pipe", "pipe", "pipe"], cwd: REPO });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => fail(new Error(`the ${kind} server did not start within 30 s:\n${err}`)), 30_000);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill();
      reject(e);
    };
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.on("exit", (code) => fail(new Error(`the ${kind} server exited with ${code}:\n${err}`)));
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const newline = out.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      const ready = JSON.parse(out.slice(0, newline)) as ServerReady;
      resolve({ kind, ready, url: `http://127.0.0.1:${ready.port}/api`, child });
    });
  });
}

/** Closing stdin asks the server to stop; it is killed if it has not after 5 s. */
function stopServer(s: Server): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null) return resolve();
    const timer = setTimeout(() => s.child.kill("SIGKILL"), 5_000);
    s.child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    s.child.stdin?.end();
  });
}

/**
 * Both servers must give the same answers — success and each error — or the
 * comparison is not fair. Ids and tokens differ between the two stores and are
 * replaced by placeholders before comparing, and what Ensemble adds to the
 * errors it answers itself (the flow id; the diagnosis in development) is dropped.
 */
async function checkAlike(hono: Server, ensemble: Server): Promise<void> {
  const json = { "content-type": "application/json" };
  const probes: { what: string; path: string; init: (s: Server) => RequestInit }[] = [
    { what: "who-am-I", path: "/me", init: (s) => ({ headers: { authorization: `Token ${s.ready.token}` } }) },
    { what: "who-am-I, Bearer scheme", path: "/me", init: (s) => ({ headers: { authorization: `Bearer ${s.ready.token}` } }) },
    { what: "who-am-I without a token", path: "/me", init: () => ({}) },
    { what: "who-am-I with a forged token", path: "/me", init: () => ({ headers: { authorization: "Token forged" } }) },
    { what: "login", path: "/login", init: (s) => ({ method: "POST", headers: json, body: JSON.stringify({ username: s.ready.username, password: s.ready.password }) }) },
    { what: "login, wrong password", path: "/login", init: (s) => ({ method: "POST", headers: json, body: JSON.stringify({ username: s.ready.username, password: "wrong" }) }) },
    { what: "login, unknown user", path: "/login", init: () => ({ method: "POST", headers: json, body: JSON.stringify({ username: "nobody", password: "whatever" }) }) },
    { what: "login, no password", path: "/login", init: () => ({ method: "POST", headers: json, body: JSON.stringify({ username: "bench" }) }) },
    { what: "login, empty body", path: "/login", init: () => ({ method: "POST" }) },
    { what: "login, not JSON", path: "/login", init: () => ({ method: "POST", headers: { "content-type": "text/plain" }, body: "hello" }) },
    { what: "login, malformed JSON", path: "/login", init: () => ({ method: "POST", headers: json, body: "{" }) },
    { what: "login, a JSON array", path: "/login", init: () => ({ method: "POST", headers: json, body: "[]" }) },
  ];
  const answer = async (s: Server, p: (typeof probes)[number]): Promise<string> => {
    const res = await fetch(`${s.url}${p.path}`, p.init(s));
    const body = JSON.parse(await res.text()) as Record<string, unknown>;
    if (typeof body.token === "string" && /^[A-Za-z0-9_-]{43}$/.test(body.token)) body.token = "<token>";
    if (body.user === s.ready.user) body.user = "<user>";
    if (body.error !== undefined) delete body.flow, delete body.diagnosis;
    const text = JSON.stringify(body);
    return `${res.status} ${res.headers.get("content-type")?.split(";")[0] ?? "-"} ${text}`;
  };
  for (const p of probes) {
    const [h, e] = [await answer(hono, p), await answer(ensemble, p)];
    if (h !== e) throw new Error(`${p.what}: the hand-written Hono server answers ${h} but Ensemble answers ${e}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const load = value("load");
  const mode = value("mode");
  const profileDir = value("profile");
  const rows = await httpBench({
    quick: args.includes("--quick"),
    progress: (line) => process.stderr.write(`… ${line}\n`),
    ...(load === "wrk" || load === "node" ? { load } : {}),
    ...(mode === "development" || mode === "production" ? { mode } : {}),
    ...(profileDir ? { profileDir } : {}),
  });
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
}
