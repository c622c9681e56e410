// An app's `syncs` may return several sets (one per sync file); they are
// registered as one. A name defined in two sets would otherwise be resolved
// by whichever set came last, silently dropping a sync, so it is an error
// naming the sync and the sets, as a name registered twice is.

import { EnsembleError } from "../ensemble-error.ts";
import type { SyncSet } from "../engine/index.ts";

export interface CombinedSyncs {
  /** Every sync once, the first definition of a name winning. */
  readonly syncs: SyncSet;
  /** Names defined in more than one set, with the (1-based) sets that define them. */
  readonly duplicates: readonly { readonly name: string; readonly sets: readonly number[] }[];
}

export function combineSyncSets(sets: SyncSet | readonly SyncSet[]): CombinedSyncs {
  const list: readonly SyncSet[] = Array.isArray(sets) ? sets : [sets as SyncSet];
  const syncs: Record<string, SyncSet[string]> = {};
  const where = new Map<string, number[]>();
  list.forEach((set, i) => {
    for (const [name, sync] of Object.entries(set)) {
      where.set(name, [...(where.get(name) ?? []), i + 1]);
      if (!Object.hasOwn(syncs, name)) syncs[name] = sync;
    }
  });
  const duplicates = [...where.entries()].filter(([, at]) => at.length > 1).map(([name, at]) => ({ name, sets: at }));
  return { syncs, duplicates };
}

/** The error for names defined twice, or undefined. */
export function duplicateSyncError(appName: string, duplicates: CombinedSyncs["duplicates"]): EnsembleError | undefined {
  if (duplicates.length === 0) return undefined;
  const names = duplicates.map((d) => `"${d.name}" (sets ${d.sets.join(" and ")})`).join(", ");
  return new EnsembleError(
    "DUPLICATE_SYNC",
    `App "${appName}": the sync sets returned by syncs() define ${names} more than once. Sync names identify syncs in traces; rename one of each.`,
    { sync: duplicates[0]?.name, syncs: duplicates.map((d) => d.name) },
  );
}

/** The sets as one, in order; throws DUPLICATE_SYNC naming every name defined twice. */
export function mergeSyncSets(appName: string, sets: SyncSet | readonly SyncSet[]): SyncSet {
  const { syncs, duplicates } = combineSyncSets(sets);
  const error = duplicateSyncError(appName, duplicates);
  if (error) throw error;
  return syncs;
}
