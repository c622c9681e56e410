// The result of an action that succeeds with nothing to report: `{}`.
// (The template's `Empty`; concepts import it beside `ID`.)

/** An object with no keys. */
export type Empty = Record<PropertyKey, never>;
