// What every `ensemble` command is: a name, a line of help, its options
// (node:util's parseArgs), and a function from the parsed arguments to an
// exit code. Parsing errors become USAGE errors that show the command's usage.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { EnsembleError } from "../ensemble-error.ts";
import type { Terminal } from "./terminal.ts";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

export interface Context {
  readonly term: Terminal;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface Command {
  readonly name: string;
  /** e.g. "check [app] [--json] [--strict]" */
  readonly usage: string;
  readonly summary: string;
  /** Lines of detail for `ensemble help <command>`. */
  readonly details: readonly string[];
  readonly options: Options;
  /** Most positionals the command takes. */
  readonly maxPositionals: number;
  run(args: Parsed, context: Context): Promise<number>;
}

export function parseCommand(command: Command, argv: readonly string[]): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new EnsembleError("USAGE", `${e instanceof Error ? e.message : String(e)}\nUsage: ensemble ${command.usage}`, { command: command.name });
  }
  if (parsed.positionals.length > command.maxPositionals) {
    const extra = parsed.positionals.slice(command.maxPositionals).join(" ");
    throw new EnsembleError("USAGE", `Unexpected argument(s): ${extra}\nUsage: ensemble ${command.usage}`, { command: command.name });
  }
  return { values: parsed.values as Parsed["values"], positionals: parsed.positionals };
}

/** A string option's value (parseArgs types every value loosely). */
export function stringOption(args: Parsed, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}
