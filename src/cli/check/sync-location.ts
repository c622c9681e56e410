// Where a sync is written. A sync is a function of its variables; calling it
// with a variables object that notes the stack on the first read points at
// the sync's own source line (through tsx's source maps), which is all a
// finding needs to say "session.sync.ts:34". A sync that reads no variable
// has no location; findings then name it alone.

import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceLocation } from "./finding.ts";

export function syncLocation(fn: unknown, cwd: string = process.cwd()): SourceLocation | undefined {
  if (typeof fn !== "function") return undefined;
  let stack: string | undefined;
  const vars = new Proxy(
    {},
    {
      get(_target, key) {
        if (stack === undefined) {
          const holder: { stack?: string } = {};
          Error.captureStackTrace(holder, this.get);
          stack = holder.stack ?? "";
        }
        return Symbol(String(key));
      },
    },
  );
  try {
    (fn as (v: object) => unknown)(vars);
  } catch {
    // A sync that throws when declared is reported by registration; a location is still useful.
  }
  return stack === undefined ? undefined : callerOf(stack, HERE, cwd);
}

const HERE = fileURLToPath(import.meta.url);

/**
 * The frame just above the first frame in `file`: the sync function itself,
 * even when it handed its variables to a helper that read them first.
 */
export function callerOf(stack: string, file: string, cwd: string): SourceLocation | undefined {
  const frames = stack
    .split("\n")
    .slice(1)
    .map((line) => /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null && !(m[1] as string).startsWith("node:"))
    .map((m) => {
      const raw = m[1] as string;
      return { path: raw.startsWith("file://") ? fileURLToPath(raw) : raw, line: Number(m[2]), column: Number(m[3]) };
    });
  const mine = frames.findIndex((f) => f.path === file);
  const frame = mine > 0 ? frames[mine - 1] : frames[0];
  return frame && { file: relative(cwd, frame.path) || frame.path, line: frame.line, column: frame.column };
}

/** Where `needle` first appears in `file` (e.g. a passthrough key in app.ts), relative to `cwd`. */
export function locateText(file: string, needle: string, cwd: string = process.cwd()): SourceLocation | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const at = text.indexOf(needle);
  if (at < 0) return undefined;
  const before = text.slice(0, at).split("\n");
  return { file: relative(cwd, file) || file, line: before.length, column: (before[before.length - 1] as string).length + 1 };
}
