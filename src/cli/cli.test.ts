// The `ensemble` command as a user runs it: the bin, in a child process,
// with output piped (so plain text) — routes and check on the auth app and on
// the deliberately broken app, --json shapes, exit codes, colour, usage errors.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/ensemble.js", import.meta.url));
const BROKEN = "src/cli/broken-app-fixture";

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function ensemble(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Run> {
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...inherited, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("ensemble", { concurrency: true }, () => {
  test("routes apps/auth: a table of method, path and listening syncs, and no passthrough routes", async () => {
    const run = await ensemble(["routes", "apps/auth"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        "METHOD  PATH           SYNCS",
        "DELETE  /api/account   UnauthorizedDELETE_account, DeleteAccount, AccountDeleted, DeleteAccountFailed",
        "POST    /api/login     Login, CreateSessionOnLogin, RespondWithSession, LoginFailed",
        "POST    /api/logout    UnauthorizedPOST_logout, Logout, LoggedOut, LogoutFailed",
        "GET     /api/me        UnauthorizedGET_me, WhoAmI",
        "PUT     /api/password  UnauthorizedPUT_password, ChangePassword, PasswordChanged, WrongPassword, NewPasswordInvalid",
        "POST    /api/register  Register, Registered, UsernameTaken, RegistrationInvalid",
        "",
        "No passthrough routes (POST /api/<Concept>/<method> is off unless listed in the passthrough setting).",
        "",
      ].join("\n"),
    );
    assert.doesNotMatch(run.stdout, /\x1b\[/, "plain text when piped");
  });

  test("routes --json on the broken app: routes, the passthrough route, and a note about syncs that failed", async () => {
    const run = await ensemble(["routes", BROKEN, "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.baseUrl, "/api");
    assert.deepEqual(out.routes.find((r: { path: string; method: string }) => r.path === "/api/ping"), { method: "GET", path: "/api/ping", syncs: ["Ping", "Pong"] });
    assert.deepEqual(out.passthrough, [{ method: "POST", path: "/api/Notes/add", action: "Notes.add", kind: "action", why: "quick testing" }]);
    assert.match(run.stderr, /note: 2 sync\(s\) failed registration and are not listed; run `ensemble check src\/cli\/broken-app-fixture` to see why\./);
  });

  test("check apps/auth: no problems, exit 0 even with --strict; the app found from package.json without an argument", async () => {
    const run = await ensemble(["check", "--strict"]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, "ensemble check auth (apps/auth): 24 syncs, 6 routes\n\n✔ No problems in 24 syncs and 6 routes.\n");
  });

  test("check apps/conduit: the showcase passes its own lints, warnings included", async () => {
    const run = await ensemble(["check", "apps/conduit", "--strict"]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /✔ No problems in \d+ syncs and 19 routes\.\n$/);
  });

  test("check on the broken app: every finding named with its file, line and sync; exit 1", async () => {
    const run = await ensemble(["check", BROKEN]);
    assert.equal(run.code, 1);
    const heads = run.stdout.split("\n").filter((l) => /^\S+:\d+:\d+ {2}/.test(l));
    assert.deepEqual(heads, [
      `${BROKEN}/app.ts:13:7  error  invalid-passthrough`,
      `${BROKEN}/broken.sync.ts:32:25  error  registration  Ping`,
      `${BROKEN}/broken.sync.ts:36:25  error  overlapping-answers  Pong`,
      `${BROKEN}/broken.sync.ts:41:30  error  action-as-query  ListNotes`,
      `${BROKEN}/broken.sync.ts:47:29  error  query-contract  ShowNote`,
      `${BROKEN}/broken.sync.ts:53:31  error  variable-as-value  CountNotes`,
      `${BROKEN}/broken.sync.ts:63:32  error  where-failed  RecentNotes`,
      `${BROKEN}/broken.sync.ts:69:30  error  unbound-variable  FirstNote`,
      `${BROKEN}/broken.sync.ts:75:27  error  query-as-action  OnList`,
      `${BROKEN}/broken.sync.ts:81:30  error  registration  QuickNote`,
      `${BROKEN}/app.ts:12:7  warning  mutating-passthrough`,
      `${BROKEN}/broken.sync.ts:16:30  warning  unanswered-error  NoteAdded`,
      `${BROKEN}/broken.sync.ts:21:34  warning  unreachable-sync  NoteAddedTypo`,
      `${BROKEN}/broken.sync.ts:27:33  warning  unreachable-sync  AfterArchive`,
    ]);
    assert.match(run.stdout, /^✖ 10 errors, 4 warnings in 13 syncs and 7 routes\.$/m);
    assert.match(run.stdout, /fix: Add a sync that answers the error, e\.g\.\n {6}export const NotesAddFailed: Sync = \(\{ request, error \}\) => \(\{/);
  });

  test("check --json: the report for tools", async () => {
    const run = await ensemble(["check", BROKEN, "--json"]);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(report).sort(), ["app", "dir", "errors", "findings", "ok", "routes", "syncs", "warnings"]);
    assert.deepEqual([report.app, report.dir, report.ok, report.errors, report.warnings], ["broken", BROKEN, false, 10, 4]);
    const overlap = report.findings.find((f: { rule: string }) => f.rule === "overlapping-answers");
    assert.deepEqual(Object.keys(overlap).sort(), ["fix", "location", "message", "route", "rule", "severity", "sync"]);
    assert.deepEqual(overlap.location, { file: `${BROKEN}/broken.sync.ts`, line: 36, column: 25 });
    assert.equal(overlap.route, "GET /api/ping");
    assert.equal(report.findings.find((f: { sync?: string }) => f.sync === "QuickNote").code, "UNBOUND_VARIABLE");
  });

  test("colour with FORCE_COLOR, never with NO_COLOR", async () => {
    const [forced, none] = await Promise.all([ensemble(["routes", "apps/auth"], { FORCE_COLOR: "1" }), ensemble(["routes", "apps/auth"], { NO_COLOR: "1" })]);
    assert.match(forced.stdout, /\x1b\[1mMETHOD\x1b\[22m/);
    assert.match(forced.stdout, /\x1b\[32mGET\x1b\[39m/);
    assert.doesNotMatch(none.stdout, /\x1b\[/);
  });

  test("usage errors exit 2 and say what to type; a missing app exits 1 naming it", async () => {
    const [unknown, option, missing, help] = await Promise.all([
      ensemble(["frobnicate"]),
      ensemble(["check", "--bogus"]),
      ensemble(["check", "apps/nowhere"]),
      ensemble(["help", "check"]),
    ]);
    assert.deepEqual([unknown.code, option.code, missing.code, help.code], [2, 2, 1, 0]);
    assert.equal(unknown.stderr, 'error Unknown command "frobnicate". Commands: new, start, check, routes, trace, test; ensemble help <command> for one.\n');
    assert.match(option.stderr, /Unknown option '--bogus'[\s\S]*Usage: ensemble check \[app\] \[--json\] \[--strict\]/);
    assert.match(missing.stderr, /^error No app at apps\/nowhere: there is no such file or folder\. To fix, pass the app's folder/);
    assert.match(help.stdout, /^Usage: ensemble check \[app\] \[--json\] \[--strict\]/);
  });
});
