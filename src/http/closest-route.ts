// "Did you mean POST /login?" — the known route nearest to a path nobody
// listens on, by edit distance over the path, preferring the same method.

import { editDistance } from "../engine/edit-distance.ts";
import type { Route } from "./route-table.ts";

export function closestRoute(routes: readonly Route[], method: string, path: string): Route | undefined {
  let best: Route | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const r of routes) {
    const score = editDistance(r.path.toLowerCase(), path.toLowerCase()) + (r.method === null || r.method === method ? 0 : 2);
    if (score < bestScore) (best = r), (bestScore = score);
  }
  return best && bestScore <= Math.max(3, Math.floor(path.length / 3)) ? best : undefined;
}
