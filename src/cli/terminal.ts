// Where the command's output goes, and how it looks: colour and a progress
// line on a terminal, plain text when piped or when NO_COLOR is set (and
// colour anyway with FORCE_COLOR). Commands write through a Terminal so
// tests can capture exactly what a user or a tool would read.

export interface Terminal {
  /** Results: what a pipe or a tool reads. */
  out(text: string): void;
  /** Messages for the person: progress, errors, hints. */
  err(text: string): void;
  readonly color: boolean;
  /** Shows a transient status line on a terminal (nothing when piped); `done` clears it. */
  progress(text: string): void;
  done(): void;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Colour when stdout is a terminal, unless NO_COLOR; FORCE_COLOR wins over both. */
export function wantsColor(isTTY: boolean, env: Env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY && env.TERM !== "dumb";
}

/** The process's own terminal. */
export function processTerminal(env: Env = process.env): Terminal {
  const color = wantsColor(Boolean(process.stdout.isTTY), env);
  const live = Boolean(process.stderr.isTTY) && env.TERM !== "dumb";
  let shown = false;
  // `ensemble routes | head`: the reader left; stop quietly, as Unix tools do.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => {
      if (shown) (process.stderr.write("\r\x1b[2K"), (shown = false));
      process.stderr.write(`${text}\n`);
    },
    color,
    progress(text) {
      if (!live) return;
      process.stderr.write(`\r\x1b[2K${paint(color).dim(text)}`);
      shown = true;
    },
    done() {
      if (shown) process.stderr.write("\r\x1b[2K");
      shown = false;
    },
  };
}

/** A terminal that records lines, for tests and for embedding. */
export function bufferTerminal(color = false): Terminal & { readonly stdout: string[]; readonly stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, color, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), progress: () => {}, done: () => {} };
}

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  magenta(s: string): string;
  cyan(s: string): string;
}

const CODES: Record<keyof Paint, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
};

/** ANSI styles, or identity functions when colour is off. */
export function paint(color: boolean): Paint {
  const out = {} as Record<keyof Paint, (s: string) => string>;
  for (const [name, [open, close]] of Object.entries(CODES) as [keyof Paint, [number, number]][]) {
    out[name] = color ? (s) => `\x1b[${open}m${s}\x1b[${close}m` : (s) => s;
  }
  return out;
}

/** The colour an HTTP method is shown in. */
export function methodColor(p: Paint, method: string): (s: string) => string {
  switch (method) {
    case "GET":
      return p.green;
    case "POST":
      return p.yellow;
    case "PUT":
    case "PATCH":
      return p.blue;
    case "DELETE":
      return p.red;
    default:
      return p.magenta;
  }
}
