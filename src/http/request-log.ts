// One line per request — method, path, status, duration, flow id — and, at
// trace level, the flow's actions as a tree (values redacted).

import type { FlowTrace, LogLevel, LogSink } from "../engine/index.ts";

export class RequestLog {
  constructor(
    private readonly level: LogLevel,
    private readonly sink: LogSink,
  ) {}

  line(method: string, path: string, status: number, started: number, flowId: string | undefined): void {
    if (this.level === "off") return;
    const ms = (performance.now() - started).toFixed(1);
    this.sink(`${method} ${path} ${status} ${ms}ms${flowId ? ` flow=${flowId}` : ""}`);
  }

  flow(trace: FlowTrace, format: (t: FlowTrace) => string): void {
    if (this.level === "trace" || this.level === "verbose") this.sink(format(trace));
  }
}
