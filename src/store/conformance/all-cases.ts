// Every conformance family, by name, for the per-backend entry files.
import { acceptanceCases } from "./acceptance.ts";
import { atomicityCases } from "./atomicity.ts";
import { crudCases } from "./crud.ts";
import { cursorCases } from "./cursor.ts";
import { fieldUpdateCases } from "./field-updates.ts";
import { filterCases } from "./filters.ts";
import type { ConformanceCase } from "./harness.ts";
import { indexCases } from "./indexes.ts";
import { updateCases } from "./updates.ts";

export const allCases: Record<string, readonly ConformanceCase[]> = {
  crud: crudCases,
  filters: filterCases,
  updates: updateCases,
  "field updates": fieldUpdateCases,
  cursor: cursorCases,
  indexes: indexCases,
  atomicity: atomicityCases,
  acceptance: acceptanceCases,
};
