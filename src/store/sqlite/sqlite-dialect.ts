// SQLite's side of the dialect seam: `?` placeholders, TEXT documents read
// with json_type/json_extract, and SQLite's wording of constraint errors.
//
// An index key is ONE column, thanks to SQLite's ordering across storage
// classes (NULL < numbers < TEXT < BLOB) which matches MongoDB's start:
// null/missing → NULL, numbers → themselves, strings → TEXT, and the rest
// BLOBs led by a type byte: 03 object (JSON), 04 array (the row's _id, so a
// unique index never calls two arrays equal), 05 boolean, 06 date (ISO text).
// The common case costs two JSON lookups per row version (type and value).
import type { KeyScalar, KeyType, SqlParams } from "../core/index-key.ts";
import type { Dialect, FieldSql } from "../core/sql-backend.ts";

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `'$."a"."b"'`: a JSON path literal (index paths never contain quotes or backslashes). */
const jsonPath = (path: readonly string[]): string => `'$${path.map((p) => `."${p}"`).join("").replace(/'/g, "''")}'`;

const TYPE_BYTE: Partial<Record<KeyType, number>> = { object: 3, array: 4, boolean: 5, date: 6 };
const blob = (byte: number): string => `X'0${byte}'`;
const tagged = (byte: number, text: string): string => `CAST(char(${byte}) || ${text} AS BLOB)`;

/**
 * Top-level fields of a TEXT document. Numbers are read and computed as REAL
 * (a JSON integer is cast, so arithmetic rounds as JavaScript's does) and
 * json_set writes a REAL with enough digits to read back as the same double
 * (as an integral REAL, `2.0`: equal to the INTEGER 2 as a value and as a key).
 */
const fields: FieldSql = {
  is: (name, type) => {
    const at = `ifnull(json_type(doc, ${jsonPath([name])}), '')`;
    return type === "number" ? `${at} IN ('integer', 'real')` : `${at} = '${type === "string" ? "text" : type}'`;
  },
  missing: (name) => `json_type(doc, ${jsonPath([name])}) IS NULL`,
  double: (name) => `CAST(json_extract(doc, ${jsonPath([name])}) AS REAL)`,
  text: (name) => `json_extract(doc, ${jsonPath([name])})`,
  doubleParam: (param) => `CAST(${param} AS REAL)`,
  jsonParam: (param) => `json(${param})`,
  doubleJson: (double) => double,
  storedDouble: (double) => `CAST(json_extract(json_array(${double}), '$[0]') AS REAL)`,
  // Above 2^53 JS writes integers with rounded digits (2^60 + 256 as
  // 1152921504606847200), which SQLite reads as that exact INTEGER: a
  // different index key from the REAL json_set writes.
  maxNumber: 2 ** 53,
  inStrings: (column, param) => `${column} IN (SELECT value FROM json_each(${param}))`,
  setFields: (pairs) => `json_set(doc, ${pairs.map(([name, json]) => `${jsonPath([name])}, ${json}`).join(", ")})`,
};

export const sqliteDialect: Dialect = {
  name: "sqlite",
  idType: "TEXT",
  docType: "TEXT",
  docText: "doc",
  // SQLite transactions are taken with BEGIN IMMEDIATE: the whole database is locked already.
  forUpdate: "",
  // One connection, no round trips: a transaction costs little and never loses a race.
  singleWrites: "transaction",
  ddlLock: null,
  ident,
  qualify: ident,
  param: () => "?",
  setupStatements: () => [],
  keyColumns(path) {
    const at = jsonPath(path);
    const date = jsonPath([...path, "$date"]);
    const array = tagged(4, "_id");
    const value = `CASE json_type(doc, ${at}) WHEN 'text' THEN json_extract(doc, ${at}) ` +
      `WHEN 'integer' THEN json_extract(doc, ${at}) WHEN 'real' THEN json_extract(doc, ${at}) ` +
      `WHEN 'array' THEN ${array} WHEN 'true' THEN X'0501' WHEN 'false' THEN X'0500' ` +
      `WHEN 'object' THEN CASE WHEN json_type(doc, ${date}) = 'text' THEN ${tagged(6, `json_extract(doc, ${date})`)} ` +
      `ELSE ${tagged(3, `json_extract(doc, ${at})`)} END END`;
    // An array part-way along the path hides the value: the key is an array key.
    const prefixes = path.slice(0, -1).map((_, i) => `json_type(doc, ${jsonPath(path.slice(0, i + 1))}) = 'array'`);
    return [prefixes.length ? `CASE WHEN ${prefixes.join(" OR ")} THEN ${array} ELSE ${value} END` : value];
  },
  keyTuple(value: KeyScalar, params: SqlParams) {
    switch (value.type) {
      case "number":
      case "string": return [params.add(value.value)];
      case "boolean": return [value.value ? "X'0501'" : "X'0500'"];
      case "date": return [`CAST(${params.add(`\u0006${value.value}`)} AS BLOB)`];
    }
  },
  keyHasType([key], type) {
    if (type === "number") return `${key} < ''`;
    if (type === "string") return `${key} >= '' AND ${key} < X''`;
    const byte = TYPE_BYTE[type]!;
    return `${key} >= ${blob(byte)} AND ${key} < ${blob(byte + 1)}`;
  },
  fields,
  uniqueViolation(error: unknown): string | null {
    const e = error as { code?: unknown; message?: unknown };
    if (e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "_id_";
    if (e?.code !== "SQLITE_CONSTRAINT_UNIQUE") return null;
    return /index '(.*)'$/.exec(String(e.message))?.[1] ?? null;
  },
  isMissingTable(error: unknown): boolean {
    return /no such table/.test(String((error as { message?: unknown })?.message));
  },
};
