// SQLite's side of the dialect seam: `?` placeholders, TEXT documents read
// with json_type/json_extract, and SQLite's wording of constraint errors.
import type { Dialect, KeyColumns } from "../core/sql-backend.ts";

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `'$."a"."b"'`: a JSON path literal (index paths never contain quotes or backslashes). */
const jsonPath = (path: readonly string[]): string => `'$${path.map((p) => `."${p}"`).join("").replace(/'/g, "''")}'`;

export const sqliteDialect: Dialect = {
  name: "sqlite",
  idType: "TEXT",
  docType: "TEXT",
  docText: "doc",
  // SQLite transactions are taken with BEGIN IMMEDIATE: the whole database is locked already.
  forUpdate: "",
  ddlLock: null,
  ident,
  qualify: ident,
  param: () => "?",
  setupStatements: () => [],
  keyColumns(path: readonly string[]): KeyColumns {
    const at = jsonPath(path);
    const type = `json_type(doc, ${at})`;
    const arrays = path.map((_, i) => `json_type(doc, ${jsonPath(path.slice(0, i + 1))}) = 'array'`).join(" OR ");
    const date = jsonPath([...path, "$date"]);
    return {
      rank: `CASE WHEN ${arrays} THEN 4 ELSE CASE ${type} WHEN 'integer' THEN 1 WHEN 'real' THEN 1 WHEN 'text' THEN 2 ` +
        `WHEN 'true' THEN 5 WHEN 'false' THEN 5 WHEN 'object' THEN CASE WHEN json_type(doc, ${date}) = 'text' THEN 6 ELSE 3 END ` +
        `ELSE 0 END END`,
      // json_extract gives booleans as 1/0 already.
      num: `CASE WHEN ${arrays} THEN 0 WHEN ${type} IN ('integer', 'real', 'true', 'false') THEN json_extract(doc, ${at}) ELSE 0 END`,
      txt: `CASE WHEN ${arrays} THEN _id WHEN ${type} = 'text' THEN json_extract(doc, ${at}) ` +
        `WHEN ${type} = 'object' THEN coalesce(json_extract(doc, ${date}), json_extract(doc, ${at})) ` +
        `WHEN ${type} IN ('integer', 'real', 'true', 'false') THEN '' ELSE _id END`,
    };
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
