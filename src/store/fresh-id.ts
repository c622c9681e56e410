// Identifiers for concept state: UUID v7 strings (RFC 9562) and the branded
// `ID` type that concepts use for them. Version 7 puts the creation time in
// the leading bits, so fresh ids sort by creation and keep B-tree inserts
// local instead of scattering them like random v4 ids would.
import { randomFillSync } from "node:crypto";

declare const brand: unique symbol;
/** An opaque identifier: a string that only `freshID()` (or a cast) produces. */
export type ID = string & { readonly [brand]: "ID" };

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
// Random bytes are drawn in blocks: one crypto call per 256 ids instead of one each.
const pool = new Uint8Array(10 * 256);
let poolAt = pool.length;
let lastMs = -1;
let counter = 0;

/** A new UUID v7 string; ids from one process are strictly increasing. */
export function freshID(): ID {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = pool.subarray(poolAt, (poolAt += 10));
  let ms = Date.now();
  // 12-bit counter in rand_a (RFC 9562 §6.2 method 1) keeps ids from one
  // millisecond in order; it starts low so it rarely overflows into the next ms.
  if (ms > lastMs) {
    lastMs = ms;
    counter = (r[0]! << 4 | r[1]! >> 4) & 0x7ff;
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  ms = lastMs;
  const hi = Math.floor(ms / 0x10000);
  const t = HEX[(hi >>> 24) & 0xff]! + HEX[(hi >>> 16) & 0xff]! + HEX[(hi >>> 8) & 0xff]! + HEX[hi & 0xff]!;
  const lo = HEX[(ms >>> 8) & 0xff]! + HEX[ms & 0xff]!;
  const verA = HEX[0x70 | (counter >>> 8)]! + HEX[counter & 0xff]!;
  const varB = HEX[0x80 | (r[2]! & 0x3f)]! + HEX[r[3]!]!;
  let tail = "";
  for (let i = 4; i < 10; i++) tail += HEX[r[i]!]!;
  return `${t}-${lo}-${verA}-${varB}-${tail}` as ID;
}
