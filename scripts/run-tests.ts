// Runs every `*.test.ts` file of the project with Node's own test runner.
// Node 20 does not expand globs given to `--test`, so the files are found here;
// any arguments narrow the run to files whose path contains one of them.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const roots = ["src", "apps", "bench", "scripts"];
const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith("-"));

const files = roots
  .flatMap((root) => {
    try {
      return readdirSync(root, { recursive: true, encoding: "utf8" }).map((f) => join(root, f));
    } catch {
      return [];
    }
  })
  .filter((f) => f.endsWith(".test.ts") && !f.includes("node_modules"))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(", ") || "(all)"}`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", ...passThrough, ...files],
  { stdio: "inherit", env: process.env },
);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
