// What `ensemble check` reports: one finding per problem, naming the rule,
// the sync (and its file and line when known), what is wrong and the fix.
// The same objects are printed for people and serialised for `--json`.

/**
 * The rules. Registration failures keep the engine's own error code in
 * `code`; the others are lints over the whole app.
 */
export type Rule =
  | "registration"
  | "query-as-action"
  | "action-as-query"
  | "variable-as-value"
  | "where-failed"
  | "query-contract"
  | "unbound-variable"
  | "unanswered-error"
  | "unreachable-sync"
  | "overlapping-answers"
  | "mutating-passthrough"
  | "invalid-passthrough"
  | "invalid-config";

/** Errors make `ensemble check` exit non-zero; warnings do too under `--strict`. */
export type Severity = "error" | "warning";

export interface SourceLocation {
  /** Relative to the working directory. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Finding {
  readonly rule: Rule;
  readonly severity: Severity;
  /** The sync at fault, when there is one. */
  readonly sync?: string;
  readonly location?: SourceLocation;
  /** e.g. "POST /api/logout", for findings about one route. */
  readonly route?: string;
  /** The engine's error code, for registration findings. */
  readonly code?: string;
  /** What is wrong (may span lines, e.g. the engine's own registration message). */
  readonly message: string;
  /** What to do about it. */
  readonly fix?: string;
}

export interface CheckReport {
  readonly app: string;
  readonly dir: string;
  readonly syncs: number;
  readonly routes: number;
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
}

export function report(app: string, dir: string, syncs: number, routes: number, findings: readonly Finding[]): CheckReport {
  const order = (f: Finding): string => `${f.severity === "error" ? 0 : 1}:${f.location?.file ?? "~"}:${String(f.location?.line ?? 0).padStart(6, "0")}`;
  const sorted = [...findings].sort((a, b) => order(a).localeCompare(order(b)));
  return {
    app,
    dir,
    syncs,
    routes,
    findings: sorted,
    errors: sorted.filter((f) => f.severity === "error").length,
    warnings: sorted.filter((f) => f.severity === "warning").length,
  };
}
