// The `ensemble` command: picks the subcommand, runs it, and turns errors
// into one message and an exit code — 0 success, 1 the command failed (or
// `check` found errors), 2 the command line was wrong. A bug of our own
// (anything but an EnsembleError) prints its stack.

import { readFileSync } from "node:fs";
import { EnsembleError, isEnsembleError } from "../ensemble-error.ts";
import { checkCommand } from "./check-command.ts";
import { parseCommand, type Command, type Context } from "./command.ts";
import { newCommand } from "./new-command.ts";
import { routesCommand } from "./routes-command.ts";
import { startCommand } from "./start-command.ts";
import { paint, processTerminal } from "./terminal.ts";
import { testCommand } from "./test-command.ts";
import { traceCommand } from "./trace-command.ts";
import { textTable } from "./text-table.ts";

export const COMMANDS: readonly Command[] = [newCommand, startCommand, checkCommand, routesCommand, traceCommand, testCommand];

export async function main(argv: readonly string[], context: Context = { term: processTerminal(), env: process.env, cwd: process.cwd() }): Promise<number> {
  const { term } = context;
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    const topic = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    for (const line of topic ? commandHelp(topic) : overview(term.color)) term.out(line);
    return 0;
  }
  if (name === "--version" || name === "-v") {
    term.out((JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new EnsembleError("USAGE", `Unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(", ")}; ensemble help <command> for one.`);
    if (rest.includes("--help") || rest.includes("-h")) {
      for (const line of commandHelp(command)) term.out(line);
      return 0;
    }
    return await command.run(parseCommand(command, rest), context);
  } catch (e) {
    term.done();
    const p = paint(term.color);
    if (isEnsembleError(e)) {
      term.err(`${p.red("error")} ${e.message}`);
      return e.code === "USAGE" ? 2 : 1;
    }
    term.err(`${p.red("internal error")} ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

/** True for the command line of a command that goes on running after `main` returns (a server). */
export function keepsRunning(argv: readonly string[]): boolean {
  return argv[0] === startCommand.name && !argv.includes("--help") && !argv.includes("-h");
}

function overview(color: boolean): string[] {
  const p = paint(color);
  return [
    `${p.bold("ensemble")} — build, check and look inside Ensemble apps`,
    "",
    ...textTable(COMMANDS.map((c) => [`  ${p.bold(c.name)}`, c.summary])),
    "",
    "[app] is an app's folder (it holds an app.ts exporting the app's definition). Without it: the current",
    'directory if it has an app.ts, else the folder named by "ensemble": { "app": "…" } in ./package.json.',
    "Output is plain when piped or with NO_COLOR set. ensemble help <command> for its options.",
  ];
}

function commandHelp(c: Command): string[] {
  return [`Usage: ensemble ${c.usage}`, "", `  ${c.summary}`, "", ...c.details.map((d) => `  ${d}`)];
}
