// Ensemble's public API. Applications import from here ("ensemble"); a few
// chosen subpaths hold the rest ("ensemble/testing" for tests). Anything not
// exported here is internal.

export * from "./engine/index.ts";
export { EnsembleError, isEnsembleError } from "./ensemble-error.ts";
export type { EnsembleErrorCode } from "./ensemble-error.ts";

// Applications: define, create, serve.
export { defineApp } from "./app/define-app.ts";
export type { AppConcepts, AppContext, AppDefinition, ConceptInstances } from "./app/define-app.ts";
export { createApp } from "./app/create-app.ts";
export type { AppInstance, CreateOptions } from "./app/create-app.ts";
export { startApp } from "./app/start-app.ts";
export type { RunningApp, StartOptions } from "./app/start-app.ts";
export { startServer } from "./app/start-server.ts";
export type { RunningServer, ServerOptions } from "./app/start-server.ts";
export { resolveConfig } from "./app/app-config.ts";
export type { AppConfig, AppSettings } from "./app/app-config.ts";

// HTTP: the Requesting concept.
export { RequestingConcept } from "./http/requesting-concept.ts";
export type { RequestId, RequestInput } from "./http/requesting-concept.ts";
export type { CorsOptions, Mode } from "./http/http-options.ts";

// State: the MongoDB-compatible store.
export * from "./store/index.ts";

// Standard concepts.
export { PasswordAuthenticationConcept } from "./concepts/password-authentication.ts";
export type { PasswordAuthenticationOptions } from "./concepts/password-authentication.ts";
export { SessioningConcept } from "./concepts/sessioning.ts";
export type { SessioningOptions } from "./concepts/sessioning.ts";
