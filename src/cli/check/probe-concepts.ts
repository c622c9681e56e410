// Stand-ins for an app's concepts while `ensemble check` looks at its syncs.
// No action runs: calling one records the call (an action called inside a
// `where` is a finding) and returns {}. Queries answer as the probe asks:
// one row that has every field, no rows, or the concept's real query on an
// empty in-memory database (to catch queries that break the array contract).

export type ProbeRows = "one" | "none" | "real";

export interface ProbeState {
  rows: ProbeRows;
  /** "Concept.action" of every action called since the last reset. */
  readonly actionCalls: string[];
}

export function probeState(): ProbeState {
  return { rows: "one", actionCalls: [] };
}

/** The value a probe gives variable or field `name`: recognisable in messages, never a real id. */
export function probeValue(name: string): string {
  return `‹${name}›`;
}

/** Wraps a concept instance; its methods answer as `state` says. */
export function probeConcept(name: string, instance: object, state: ProbeState): object {
  const fakes = new Map<string, unknown>();
  return new Proxy(instance, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function" || typeof prop !== "string" || prop === "constructor") return value;
      if ((Object.prototype as unknown as Record<string, unknown>)[prop] === value) return value;
      let fake = fakes.get(prop);
      if (fake === undefined) {
        const real = value as (input: unknown) => unknown;
        fake = prop.startsWith("_")
          ? (input: unknown) => (state.rows === "one" ? [probeRow()] : state.rows === "none" ? [] : real.call(target, input))
          : () => {
              state.actionCalls.push(`${name}.${prop}`);
              return {};
            };
        Object.defineProperty(fake, "name", { value: prop });
        fakes.set(prop, fake);
      }
      return fake;
    },
  });
}

/** A query row that has whatever field it is asked for (so every `where` step keeps its frame). */
function probeRow(): Record<string, unknown> {
  const field = (key: string | symbol): key is string => typeof key === "string" && key !== "then" && key !== "toJSON";
  return new Proxy(
    {},
    {
      get: (_t, key) => (field(key) ? probeValue(key) : undefined),
      has: (_t, key) => field(key),
      getOwnPropertyDescriptor: (_t, key) => (field(key) ? { value: probeValue(key), writable: true, enumerable: true, configurable: true } : undefined),
      ownKeys: () => [],
    },
  );
}
