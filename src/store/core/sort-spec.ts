// Normalises the many sort shapes the driver accepts (`{ a: 1 }`, `"a"`,
// `[["a", -1]]`, `"desc"` …) into one ordered list of [path, 1 | -1].
import { EnsembleError } from "../../ensemble-error.ts";
import type { Sort, SortDirection } from "../api/options.ts";

export type SortKeys = ReadonlyArray<readonly [string, 1 | -1]>;

/** The sort as [path, direction] pairs, in priority order; [] for none. */
export function normalizeSort(sort: Sort | undefined, direction?: SortDirection): SortKeys {
  if (sort === undefined || sort === null) return [];
  if (typeof sort === "string") return [[sort, toDirection(direction ?? 1, sort)]];
  if (sort instanceof Map) return [...(sort as ReadonlyMap<string, SortDirection>)].map(([k, d]) => [k, toDirection(d, k)]);
  if (Array.isArray(sort)) {
    // ["a", -1] is one pair; ["a", "b"] and [["a", 1], ["b", -1]] are lists.
    if (sort.length === 2 && typeof sort[0] === "string" && !isField(sort[1])) {
      return [[sort[0], toDirection(sort[1] as SortDirection, sort[0])]];
    }
    return (sort as ReadonlyArray<string | readonly [string, SortDirection]>).map((entry) =>
      typeof entry === "string" ? [entry, 1] as const : [entry[0], toDirection(entry[1], entry[0])] as const);
  }
  if (typeof sort === "object") {
    return Object.entries(sort as Record<string, SortDirection>).map(([k, d]) => [k, toDirection(d, k)]);
  }
  throw new EnsembleError("INVALID_ARGUMENT", `Invalid sort ${JSON.stringify(sort)}: use { field: 1 } or { field: -1 }.`);
}

function isField(value: unknown): boolean {
  return typeof value === "string" && !["asc", "desc", "ascending", "descending"].includes(value);
}

function toDirection(value: unknown, field: string): 1 | -1 {
  switch (value) {
    case 1: case "asc": case "ascending": return 1;
    case -1: case "desc": case "descending": return -1;
    default:
      throw new EnsembleError("UNSUPPORTED_OPERATOR",
        `Unsupported sort direction ${JSON.stringify(value)} for "${field}": use 1 or -1.`, { field });
  }
}
