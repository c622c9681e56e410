// `ensemble new <dir>`: a new app from the starter (the auth app: register,
// log in, sessions), with a package.json that depends on this Ensemble
// checkout by `file:` path, a README saying how to run it, and its
// dependencies installed — ready for `npm start` and `npm test`.

import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EnsembleError } from "../ensemble-error.ts";
import type { Command } from "./command.ts";
import { newAppReadme } from "./new-app-readme.ts";
import { paint } from "./terminal.ts";

/** The Ensemble checkout this command runs from. */
export const ENSEMBLE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const STARTER = join(ENSEMBLE_ROOT, "apps", "auth");

export const newCommand: Command = {
  name: "new",
  usage: "new <dir> [--no-install]",
  summary: "create an app from the starter (the auth app), ready for npm start and npm test",
  details: [
    "The new package.json depends on this Ensemble checkout by file: path and runs `ensemble start`, `ensemble test`,",
    "`ensemble check` and `ensemble routes` as npm scripts. `npm install` runs unless --no-install.",
  ],
  options: { "no-install": { type: "boolean" } },
  maxPositionals: 1,
  async run(args, { term, cwd }) {
    const dirArg = args.positionals[0];
    if (dirArg === undefined) throw new EnsembleError("USAGE", "Which folder? Usage: ensemble new <dir>, e.g. ensemble new my-app.");
    const target = resolve(cwd, dirArg);
    if (existsSync(target) && readdirSync(target).length > 0) {
      throw new EnsembleError("USAGE", `${dirArg} already exists and is not empty; ensemble new creates a new folder. Choose another name.`, { dir: dirArg });
    }
    const name = packageName(basename(target));
    mkdirSync(target, { recursive: true });
    cpSync(STARTER, target, { recursive: true, filter: (src) => !/[\\/](data|node_modules)([\\/]|$)/.test(relative(STARTER, src)) });
    // The starter names its database after the app: ./data/<name>.db.
    const appFile = join(target, "app.ts");
    writeFileSync(appFile, readFileSync(appFile, "utf8").replace(/name: "auth"/, `name: ${JSON.stringify(name)}`));
    writeFileSync(join(target, "package.json"), `${JSON.stringify(packageJson(name), null, 2)}\n`);
    writeFileSync(join(target, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    writeFileSync(join(target, ".gitignore"), "node_modules/\ndata/\n.env\n");
    writeFileSync(join(target, "README.md"), newAppReadme(name, dirArg, ENSEMBLE_ROOT));
    const p = paint(term.color);
    term.err(`Created ${p.bold(dirArg)} from the starter (apps/auth), depending on ${ENSEMBLE_ROOT}.`);
    if (args.values["no-install"] !== true) {
      term.progress("npm install…");
      const code = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], target);
      term.done();
      if (code !== 0) {
        term.err(`npm install failed (exit ${code}); run it yourself in ${dirArg}.`);
        return 1;
      }
    }
    term.err(["", "Next:", `  cd ${dirArg}`, ...(args.values["no-install"] === true ? ["  npm install"] : []), "  npm start      # http://127.0.0.1:8000/api, inspector at /_ensemble", "  npm test"].join("\n"));
    return 0;
  },
};

function packageName(dir: string): string {
  const name = dir.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+|-+$/g, "");
  return name || "ensemble-app";
}

function packageJson(name: string): object {
  return {
    name,
    version: "0.1.0",
    private: true,
    type: "module",
    engines: { node: ">=20.12" },
    scripts: { start: "ensemble start", test: "ensemble test", check: "ensemble check", routes: "ensemble routes" },
    dependencies: { ensemble: `file:${ENSEMBLE_ROOT.replace(/[\\/]$/, "")}` },
  };
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2023"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
  },
};

function run(command: string, args: readonly string[], cwd: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", () => done(127));
    child.on("exit", (code) => done(code ?? 1));
  });
}
