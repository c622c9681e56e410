// PostgreSQL's side of the dialect seam: `$n` placeholders, a schema, JSONB
// documents read with jsonb_typeof and #>, "C" collation so that text keys
// sort by bytes as in MongoDB, and an advisory lock that serialises DDL
// between processes.
import type { Dialect, KeyColumns } from "../core/sql-backend.ts";

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `'{"a","b"}'`: a text-array path literal (index paths never contain quotes or backslashes). */
const pathArray = (path: readonly string[]): string => `'{${path.map((p) => `"${p}"`).join(",").replace(/'/g, "''")}}'`;

/** A fixed advisory-lock key for Ensemble DDL. */
const DDL_LOCK_KEY = 0x45_6e_73_62;

export function postgresDialect(schema: string): Dialect {
  const schemaIdent = ident(schema);
  return {
    name: "postgres",
    idType: `TEXT COLLATE "C"`,
    docType: "JSONB",
    docText: "doc::text",
    forUpdate: " FOR UPDATE",
    ddlLock: `SELECT pg_advisory_xact_lock(${DDL_LOCK_KEY})`,
    ident,
    qualify: (name) => `${schemaIdent}.${ident(name)}`,
    param: (n) => `$${n}`,
    setupStatements: () => [`CREATE SCHEMA IF NOT EXISTS ${schemaIdent}`],
    keyColumns(path: readonly string[]): KeyColumns {
      const value = `(doc #> ${pathArray(path)})`;
      const type = `jsonb_typeof${value}`;
      const arrays = path.map((_, i) => `jsonb_typeof(doc #> ${pathArray(path.slice(0, i + 1))}) = 'array'`).join(" OR ");
      const date = `(doc #>> ${pathArray([...path, "$date"])})`;
      return {
        rank: `CASE WHEN ${arrays} THEN 4 ELSE CASE ${type} WHEN 'number' THEN 1 WHEN 'string' THEN 2 ` +
          `WHEN 'boolean' THEN 5 WHEN 'object' THEN CASE WHEN ${date} IS NOT NULL THEN 6 ELSE 3 END ELSE 0 END END`,
        num: `CASE WHEN ${arrays} THEN 0 WHEN ${type} = 'number' THEN ${value}::numeric ` +
          `WHEN ${value} = 'true'::jsonb THEN 1 ELSE 0 END`,
        txt: `(CASE WHEN ${arrays} THEN _id WHEN ${type} = 'string' THEN ${value} #>> '{}' ` +
          `WHEN ${type} = 'object' THEN coalesce(${date}, ${value}::text) ` +
          `WHEN ${type} IN ('number', 'boolean') THEN '' ELSE _id END) COLLATE "C"`,
      };
    },
    uniqueViolation(error: unknown): string | null {
      const e = error as { code?: unknown; constraint?: unknown };
      if (e?.code !== "23505" || typeof e.constraint !== "string") return null;
      return e.constraint.startsWith("pk:") ? "_id_" : e.constraint;
    },
    isMissingTable(error: unknown): boolean {
      return (error as { code?: unknown })?.code === "42P01";
    },
  };
}
