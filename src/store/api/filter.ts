// Query filter types, shaped like the MongoDB driver's `Filter<T>` so that
// concept code written against the driver type-checks unchanged. Like the
// driver's, they accept any extra key (dotted paths, operators the types do not
// list); the store rejects operators it cannot evaluate at run time.
import type { Document, WithId } from "./document.ts";

/** A string field may also be matched by a regular expression. */
export type RegExpOrString<T> = T extends string ? RegExp | T : T;
/** An array field may be matched by the whole array or by one element. */
export type AlternativeType<T> = T extends ReadonlyArray<infer U> ? T | RegExpOrString<U> : RegExpOrString<T>;

/** MongoDB type names (and their numbers) for `$type`. */
export type TypeAlias =
  | "double" | "string" | "object" | "array" | "binData" | "undefined" | "objectId" | "bool" | "date" | "null"
  | "regex" | "dbPointer" | "javascript" | "symbol" | "javascriptWithScope" | "int" | "timestamp" | "long"
  | "decimal" | "minKey" | "maxKey";
export type TypeNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | -1 | 127;

/** Operators that compare one field's value. */
export interface FilterOperators<TValue> extends Document {
  // An operator document never looks like an ObjectId (as in the driver, whose types this mirrors).
  id?: never;
  __id?: never;
  toHexString?: never;
  $eq?: TValue;
  $gt?: TValue;
  $gte?: TValue;
  $in?: ReadonlyArray<TValue>;
  $lt?: TValue;
  $lte?: TValue;
  $ne?: TValue;
  $nin?: ReadonlyArray<TValue>;
  $not?: TValue extends string ? FilterOperators<TValue> | RegExp : FilterOperators<TValue>;
  /** When `true`, matches documents that contain the field, even with value null. */
  $exists?: boolean;
  $type?: TypeAlias | TypeNumber;
  $expr?: Record<string, unknown>;
  $mod?: TValue extends number ? [number, number] : never;
  $regex?: TValue extends string ? RegExp | string : never;
  $options?: TValue extends string ? string : never;
  $all?: ReadonlyArray<unknown>;
  $elemMatch?: Document;
  $size?: TValue extends ReadonlyArray<unknown> ? number : never;
}

/** A field condition: a literal value (equality) or an operator document. */
export type Condition<T> = AlternativeType<T> | FilterOperators<AlternativeType<T>>;

/** Operators that combine whole filters. */
export interface RootFilterOperators<TSchema> extends Document {
  $and?: Filter<TSchema>[];
  $nor?: Filter<TSchema>[];
  $or?: Filter<TSchema>[];
  $expr?: Record<string, unknown>;
  $comment?: string | Document;
}

/** A query filter on documents of type `TSchema`. */
export type Filter<TSchema> = {
  [P in keyof WithId<TSchema>]?: Condition<WithId<TSchema>[P]>;
} & RootFilterOperators<WithId<TSchema>>;
