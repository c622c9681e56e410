#!/usr/bin/env node
// The `ensemble` command. Ensemble ships TypeScript sources, so this shim
// registers tsx's ESM loader (TypeScript for the CLI and for the app it
// loads) and hands over to src/cli/main.ts. No build step, for us or the user.
import { register } from "tsx/esm/api";

register();
const { main, keepsRunning } = await import("../src/cli/main.ts");
const args = process.argv.slice(2);
const code = await main(args);
process.exitCode = code;
// A command that is done exits even if an app's concept left a timer or a
// connection open (after a grace period, so piped output is written first);
// `ensemble start` keeps serving.
if (!(keepsRunning(args) && code === 0)) setTimeout(() => process.exit(code), 2000).unref();
