// Module-resolution hooks for a test: make `import("mongodb")` fail as it
// does in an app that never installed the optional driver.
type Resolve = (specifier: string, context: unknown, next: (s: string, c: unknown) => Promise<unknown>) => Promise<unknown>;

export const resolve: Resolve = async (specifier, context, next) => {
  if (specifier === "mongodb") {
    throw Object.assign(new Error(`Cannot find package 'mongodb'`), { code: "ERR_MODULE_NOT_FOUND" });
  }
  return next(specifier, context);
};
