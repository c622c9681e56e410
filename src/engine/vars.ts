// Sync variables. A sync's variables come from destructuring its argument:
// `({ request, user }) => ...` gives one unique symbol per name. The symbol's
// description is the variable's name, so frames and errors can print names.

declare const VarBrand: unique symbol;

/**
 * A sync variable. It is a symbol at run time; the brand stops TypeScript from
 * accepting it where a plain value is expected (`user === "bob"`,
 * `Concept._q({ session })`), the classic mistake inside `where`.
 */
export type Var = symbol & { readonly [VarBrand]: true };

/**
 * What a sync function receives. Under `noUncheckedIndexedAccess` a
 * destructured name is typed `Var | undefined`; every Ensemble API that takes a
 * variable accepts that, and at run time every name is a symbol.
 */
export type Vars = Readonly<Record<string, Var>>;

/** A variable as it arrives from destructuring (see {@link Vars}). */
export type VarRef = Var | undefined;

const allVars = new WeakSet<symbol>();

/** A fresh variable with the given name. */
export function variable(name: string): Var {
  const v = Symbol(name) as Var;
  allVars.add(v);
  return v;
}

/** True when `value` is a sync variable (not just any symbol). */
export function isVar(value: unknown): value is Var {
  return typeof value === "symbol" && allVars.has(value);
}

/** The variable's name, for messages. */
export function varName(v: symbol): string {
  return v.description ?? "(anonymous)";
}

/**
 * A `Vars` object for one sync: each property read gives that name's variable,
 * the same symbol every time within this object.
 */
export function makeVars(): { vars: Vars; created: Map<string, Var> } {
  const created = new Map<string, Var>();
  const vars = new Proxy({} as Vars, {
    get(_target, key) {
      if (typeof key !== "string") return undefined;
      let v = created.get(key);
      if (v === undefined) {
        v = variable(key);
        created.set(key, v);
      }
      return v;
    },
  });
  return { vars, created };
}
