#!/usr/bin/env node
// The `ensemble` command. Ensemble ships TypeScript sources, so this shim
// registers tsx's ESM loader (TypeScript for the CLI and for the app it
// loads) and hands over to src/cli/main.ts. No build step, for us or the user.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
