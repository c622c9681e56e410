// `ensemble test [app]`: run an app's tests (every *.test.ts under its
// folder) with Node's test runner and TypeScript through tsx — what a new
// app's `npm test` runs, with nothing to install beyond Ensemble itself.

import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { EnsembleError } from "../ensemble-error.ts";
import type { Command } from "./command.ts";
import { locateApp } from "./find-app.ts";

export const testCommand: Command = {
  name: "test",
  usage: "test [app] [-- node test-runner flags]",
  summary: "run the app's *.test.ts files with node:test",
  details: ["Flags after the app are handed to node --test (e.g. --test-name-pattern=login)."],
  options: {},
  maxPositionals: Number.POSITIVE_INFINITY,
  async run(args, { term, cwd }) {
    const [first, ...rest] = args.positionals;
    const appArg = first !== undefined && !first.startsWith("-") ? first : undefined;
    const passThrough = appArg === undefined ? args.positionals : rest;
    const { dir } = locateApp(appArg, cwd);
    const files = testFiles(dir);
    if (files.length === 0) throw new EnsembleError("USAGE", `No *.test.ts files under ${relative(cwd, dir) || "."}.`, { dir });
    const tsx = import.meta.resolve("tsx");
    term.err(`Running ${files.length} test file(s) under ${relative(cwd, dir) || "."}`);
    // Run from inside another test run (NODE_TEST_CONTEXT set), node --test would skip its files.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const child = spawn(process.execPath, ["--import", tsx, "--test", ...passThrough, ...files.map((f) => relative(dir, f))], { cwd: dir, stdio: "inherit", env });
    return new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  },
};

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts") && !f.split(/[\\/]/).some((part) => part === "node_modules" || part === "data"))
    .map((f) => join(dir, f))
    .sort();
}
