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
import type { Dialect } from "../core/sql-backend.ts";

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `'$."a"."b"'`: a JSON path literal (index paths never contain quotes or backslashes). */
const jsonPath = (path: readonly string[]): string => `'$${path.map((p) => `."${p}"`).join("").replace(/'/g, "''")}'`;

const TYPE_BYTE: Partial<Record<KeyType, number>> = { object: 3, array: 4, boolean: 5, date: 6 };
const blob = (byte: number): string => `X'0${byte}'`;
const tagged = (byte: number, text: string): string => `CAST(char(${byte}) || ${text} AS BLOB)`;

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
