// PostgreSQL's side of the dialect seam: `$n` placeholders, a schema, JSONB
// documents read with jsonb_typeof and #>, and an advisory lock that
// serialises DDL between processes.
//
// An index key is three columns (rank, num, txt), since a PostgreSQL column
// has one type: rank orders the types as MongoDB does (0 null/missing,
// 1 number, 2 string, 3 object, 4 array, 5 boolean, 6 date), num holds numbers
// (booleans 0/1), txt strings, dates (ISO) and objects (JSON) in "C"
// collation so that text sorts by bytes as in MongoDB. For null/missing and
// arrays txt is the row's _id, so a unique index never calls two such rows equal.
import type { KeyScalar, KeyType, SqlParams } from "../core/index-key.ts";
import type { Dialect, FieldSql } from "../core/sql-backend.ts";

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `'{"a","b"}'`: a text-array path literal (index paths never contain quotes or backslashes). */
const pathArray = (path: readonly string[]): string => `'{${path.map((p) => `"${p}"`).join(",").replace(/'/g, "''")}}'`;

const RANK: Record<KeyType, number> = { number: 1, string: 2, object: 3, array: 4, boolean: 5, date: 6 };

/** Top-level fields of a JSONB document; `doc -> 'name'` is NULL when the field is missing. */
const fields: FieldSql = {
  is: (name, type) => (type === "number" || type === "string"
    ? `coalesce(jsonb_typeof(doc -> '${name}'), '') = '${type}'`
    : `coalesce(doc -> '${name}' = '${type}'::jsonb, false)`),
  missing: (name) => `doc -> '${name}' IS NULL`,
  double: (name) => `(doc -> '${name}')::float8`,
  text: (name) => `(doc ->> '${name}')`,
  doubleParam: (param) => `${param}::float8`,
  jsonParam: (param) => `${param}::jsonb`,
  doubleJson: (double) => `to_jsonb(${double})`,
  // float8 becomes JSON through its text form, exact only while
  // extra_float_digits > 0 (the default); updates check it, not assume it.
  storedDouble: (double) => `to_jsonb(${double})::float8`,
  // JSONB numbers (and index keys) compare by value.
  maxNumber: null,
  // As an array computed once, not `IN (SELECT …)`, which the planner joins with a scan of the table.
  inStrings: (column, param) => `${column} = ANY(ARRAY(SELECT jsonb_array_elements_text(${param}::jsonb)))`,
  setFields: (pairs) => `doc || jsonb_build_object(${pairs.map(([name, json]) => `'${name}', ${json}`).join(", ")})`,
};

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
    singleWrites: "compare-and-swap",
    ddlLock: `SELECT pg_advisory_xact_lock(${DDL_LOCK_KEY})`,
    ident,
    qualify: (name) => `${schemaIdent}.${ident(name)}`,
    param: (n) => `$${n}`,
    setupStatements: () => [`CREATE SCHEMA IF NOT EXISTS ${schemaIdent}`],
    keyColumns(path) {
      const value = `(doc #> ${pathArray(path)})`;
      const type = `jsonb_typeof${value}`;
      const arrays = path.map((_, i) => `jsonb_typeof(doc #> ${pathArray(path.slice(0, i + 1))}) = 'array'`).join(" OR ");
      const date = `(doc #>> ${pathArray([...path, "$date"])})`;
      return [
        `CASE WHEN ${arrays} THEN 4 ELSE CASE ${type} WHEN 'number' THEN 1 WHEN 'string' THEN 2 ` +
          `WHEN 'boolean' THEN 5 WHEN 'object' THEN CASE WHEN ${date} IS NOT NULL THEN 6 ELSE 3 END ELSE 0 END END`,
        `CASE WHEN ${arrays} THEN 0 WHEN ${type} = 'number' THEN ${value}::numeric ` +
          `WHEN ${value} = 'true'::jsonb THEN 1 ELSE 0 END`,
        `(CASE WHEN ${arrays} THEN _id WHEN ${type} = 'string' THEN ${value} #>> '{}' ` +
          `WHEN ${type} = 'object' THEN coalesce(${date}, ${value}::text) ` +
          `WHEN ${type} IN ('number', 'boolean') THEN '' ELSE _id END) COLLATE "C"`,
      ];
    },
    keyTuple(value: KeyScalar, params: SqlParams) {
      switch (value.type) {
        case "number": return ["1", params.add(value.value), "''"];
        case "string": return ["2", "0", params.add(value.value)];
        case "boolean": return ["5", value.value ? "1" : "0", "''"];
        case "date": return ["6", "0", params.add(value.value)];
      }
    },
    keyHasType([rank], type) {
      return `${rank} = ${RANK[type]}`;
    },
    fields,
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
