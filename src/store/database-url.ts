// Chooses the backend from a database URL: the `url` given to openDb, else
// the DATABASE_URL environment variable, else an SQLite file under ./data/.
import { EnsembleError } from "../ensemble-error.ts";

/** The embedded default: no server to install. */
export const DEFAULT_DATABASE_URL = "sqlite:./data/app.db";

export type DatabaseTarget =
  | { kind: "sqlite"; file: string }
  | { kind: "postgres"; url: string; schema: string | undefined }
  | { kind: "mongodb"; url: string };

const ACCEPTED = "sqlite:./data/app.db (a file), sqlite::memory:, postgres://user:password@host:5432/database " +
  "(optionally ?schema=name) or mongodb://host:27017/database";

/**
 * The backend a URL selects. `setting` names where the URL came from, so a
 * bad value is reported against the right knob.
 */
export function parseDatabaseUrl(url: string, setting = "url"): DatabaseTarget {
  const value = url.trim();
  if (value === ":memory:") return { kind: "sqlite", file: ":memory:" };
  if (/^sqlite:/i.test(value)) {
    // sqlite:path, sqlite://path and sqlite:///absolute/path all name a file.
    const file = value.slice("sqlite:".length).replace(/^\/\/(?=[./~A-Za-z]|$)/, "");
    if (file === "") invalid(url, setting, "it names no file");
    return { kind: "sqlite", file };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    const parsed = tryUrl(value, url, setting);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(schema)) invalid(url, setting, `schema "${schema}" is not a plain identifier`);
    return { kind: "postgres", url: parsed.toString(), schema };
  }
  if (/^mongodb(\+srv)?:\/\//i.test(value)) {
    tryUrl(value, url, setting);
    return { kind: "mongodb", url: value };
  }
  return invalid(url, setting, "its scheme is not one the store knows");
}

/** The URL with any password replaced, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@");
}

function tryUrl(value: string, url: string, setting: string): URL {
  try {
    return new URL(value);
  } catch {
    return invalid(url, setting, "it is not a valid URL");
  }
}

function invalid(url: string, setting: string, why: string): never {
  throw new EnsembleError("INVALID_CONFIG",
    `Invalid database URL in ${setting} (${JSON.stringify(redactUrl(url))}): ${why}. Use ${ACCEPTED}.`,
    { setting, url: redactUrl(url) });
}
