// Ensemble's public API. Applications import from here ("ensemble"); a few
// chosen subpaths (`ensemble/testing`, `ensemble/store/postgres`, …) hold the
// rest. Anything not exported here is internal.

export * from "./engine/index.ts";
export { EnsembleError, isEnsembleError } from "./ensemble-error.ts";
export type { EnsembleErrorCode } from "./ensemble-error.ts";
