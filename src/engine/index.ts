// The engine's public surface: everything an application needs to write
// concepts and syncs and to run them.

export { actions } from "./actions.ts";
export { optional } from "./optional.ts";
export type { ActionList, ActionPattern, ActionSpec, AnyMethod, InputOf, OutputOf, Pattern, ResultOf } from "./actions.ts";
export type { Sync, SyncDeclaration, SyncSet, Where } from "./sync.ts";
export { Frames } from "./frames.ts";
export type { Frame, RowOf, WhereStep } from "./frames.ts";
export type { Var, Vars, VarRef } from "./vars.ts";
export { Engine } from "./engine.ts";
export type { EngineEvents, EngineOptions, FlowHandle, FlowResult } from "./engine.ts";
export { LOG_LEVELS } from "./engine-log.ts";
export type { LogLevel, LogSink } from "./engine-log.ts";
export type { ActionRecord, Cause, FlowTrace, SyncErrorEntry, SyncRun } from "./flow.ts";
export { MemoryFlowLog } from "./flow-log.ts";
export type { FlowLog } from "./flow-log.ts";
export { formatExplanation } from "./explain.ts";
export type { Explanation, ExplanationStatus, PatternReport } from "./explain.ts";
export { formatDiagnosis } from "./diagnose-flow.ts";
export type { Diagnosis, UnhandledError } from "./diagnose-flow.ts";
export { formatFlowTree, traceTree } from "./trace-tree.ts";
export type { TraceNode } from "./trace-tree.ts";
export { formatFrame, formatValue, frameToObject, isSecretKey, redact } from "./format.ts";
export type { CompiledSync } from "./compile-sync.ts";
export type { Listener } from "./sync-index.ts";
export { refOf } from "./action-ref.ts";
export type { ActionRef } from "./action-ref.ts";
