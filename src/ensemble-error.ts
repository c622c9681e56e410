// The one error type Ensemble throws. Every error carries a `code` that tools
// and tests can match on, and a message that names the culprit (sync, variable,
// key, setting) and says how to fix it.

/**
 * Known error codes. `11000` is MongoDB's duplicate-key code, kept numeric so
 * that concept code written for the MongoDB driver (`e.code === 11000`) keeps
 * working on every backend.
 */
export type EnsembleErrorCode =
  // sync registration
  | "INVALID_SYNC"
  | "DUPLICATE_SYNC"
  | "NOT_INSTRUMENTED"
  | "NOT_AN_ACTION"
  | "NOT_A_QUERY"
  // running syncs
  | "UNBOUND_VARIABLE"
  | "VARIABLE_AS_VALUE"
  | "QUERY_CONTRACT"
  | "ACTION_CONTRACT"
  | "WHERE_FAILED"
  | "STEP_LIMIT"
  | "CYCLE"
  // state
  | 11000
  | "UNSUPPORTED_OPERATOR"
  | "INVALID_DOCUMENT"
  | "STORE_CLOSED"
  | "STORE_ERROR"
  | "INVALID_ARGUMENT"
  // configuration and HTTP
  | "INVALID_CONFIG"
  | "ALREADY_RESPONDED"
  | "UNKNOWN_REQUEST"
  // the ensemble command
  | "USAGE"
  | "APP_NOT_FOUND"
  | "INVALID_APP"
  | "SERVER_UNREACHABLE";

export class EnsembleError extends Error {
  override readonly name = "EnsembleError";
  readonly code: EnsembleErrorCode;
  /** Structured facts behind the message (sync name, variable, key …), for tools. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: EnsembleErrorCode, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

/** True when `e` is an EnsembleError, optionally with the given code. */
export function isEnsembleError(e: unknown, code?: EnsembleErrorCode): e is EnsembleError {
  return e instanceof EnsembleError && (code === undefined || e.code === code);
}
