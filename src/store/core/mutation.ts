// The two ways a write changes a matched document — an update document and
// a replacement — behind one interface, so updateOne/updateMany/replaceOne
// and the findOneAnd… calls share one read-modify-write loop.
import { isEqual } from "mingo/util";
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import { prepareUpdate, type UpdateContext } from "./apply-update.ts";
import { upsertSeed } from "./upsert-seed.ts";

export interface Mutation {
  /** The new version of `doc` (which it may modify in place), or null when nothing changes. */
  next(doc: Document): Document | null;
  /** The document an upsert inserts when nothing matched (its `_id` may still be missing). */
  inserted(): Document;
}

/** A mutation applying update operators (or an update pipeline). */
export function updateMutation(update: Document | Document[], ctx: UpdateContext): Mutation {
  const prepared = prepareUpdate(update, ctx);
  return {
    next: (doc) => prepared.apply(doc),
    inserted: () => prepared.applyForInsert(upsertSeed(ctx.filter)),
  };
}

/** A mutation replacing the whole document except its `_id`. */
export function replaceMutation(replacement: Document, ctx: UpdateContext): Mutation {
  if (replacement === null || typeof replacement !== "object" || Array.isArray(replacement)) {
    throw new EnsembleError("INVALID_ARGUMENT", `Replacement for collection "${ctx.collection}" must be a document.`);
  }
  const operator = Object.keys(replacement).find((k) => k.startsWith("$"));
  if (operator) {
    throw new EnsembleError("INVALID_ARGUMENT",
      `Replacement document must not contain atomic operators (found ${operator} in a replacement for collection ` +
      `"${ctx.collection}"); use updateOne to apply operators.`, { collection: ctx.collection, operator });
  }
  const { _id: newId, ...fields } = replacement;
  return {
    next(doc) {
      if (newId !== undefined && !isEqual(newId, doc._id)) {
        throw new EnsembleError("INVALID_ARGUMENT",
          `Performing a replace on collection "${ctx.collection}" would modify the immutable field '_id' ` +
          `(from ${JSON.stringify(doc._id)} to ${JSON.stringify(newId)}).`, { collection: ctx.collection });
      }
      const replaced = { _id: doc._id, ...fields };
      return isEqual(replaced, doc) ? null : replaced;
    },
    inserted() {
      const seedId = upsertSeed(ctx.filter)._id as unknown;
      const id = newId ?? seedId;
      return id === undefined ? { ...fields } : { _id: id, ...fields };
    },
  };
}
