// The engine's log: warnings and sync errors at "info", one line per action at
// "trace", frames too at "verbose". Values pass through the redacting
// formatter, so passwords and tokens never reach a log line.

export type LogLevel = "off" | "info" | "trace" | "verbose";

export const LOG_LEVELS: readonly LogLevel[] = ["off", "info", "trace", "verbose"];

export type LogSink = (line: string) => void;

const rank: Record<LogLevel, number> = { off: 0, info: 1, trace: 2, verbose: 3 };

export class EngineLog {
  constructor(
    readonly level: LogLevel,
    private readonly sink: LogSink = (line) => process.stderr.write(`${line}\n`),
  ) {}

  enabled(level: Exclude<LogLevel, "off">): boolean {
    return rank[this.level] >= rank[level];
  }

  info(line: string): void {
    if (rank[this.level] >= 1) this.sink(line);
  }

  trace(line: () => string): void {
    if (rank[this.level] >= 2) this.sink(line());
  }

  verbose(line: () => string): void {
    if (rank[this.level] >= 3) this.sink(line());
  }
}
