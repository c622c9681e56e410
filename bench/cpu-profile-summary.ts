// Summarises a V8 .cpuprofile (from `node --cpu-prof`) by self time per
// function, the first thing to read when a benchmark misses its goal:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/run.ts --only=1
//   npx tsx bench/cpu-profile-summary.ts /tmp/prof/<file>.cpuprofile [top]

import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly fn: string;
  readonly ms: number;
  readonly share: number;
}

/** Self time per function (name, file and line), largest first. */
export function selfTimes(profile: CpuProfile): SelfTime[] {
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const node = byNode.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${url ? `${basename(url)}:${lineNumber + 1}` : ""}`.trim();
    totals.set(key, (totals.get(key) ?? 0) + dt);
    all += dt;
  });
  return [...totals.entries()].map(([fn, ms]) => ({ fn, ms, share: all > 0 ? ms / all : 0 })).sort((a, b) => b.ms - a.ms);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top = "30"] = process.argv.slice(2);
  if (!file) {
    console.error("usage: tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  const rows = selfTimes(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  for (const r of rows.slice(0, Number(top))) console.log(`${r.ms.toFixed(1).padStart(9)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.fn}`);
}
