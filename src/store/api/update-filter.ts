// Update document types, shaped like the MongoDB driver's `UpdateFilter<T>`:
// field names are checked against the schema where the driver checks them, and
// any other key (dotted paths) is accepted, as in the driver.
import type { Document, Flatten } from "./document.ts";

type KeysOfAType<TSchema, Type> = {
  [key in keyof TSchema]: NonNullable<TSchema[key]> extends Type ? key : never;
}[keyof TSchema];
type KeysOfOtherType<TSchema, Type> = {
  [key in keyof TSchema]: NonNullable<TSchema[key]> extends Type ? never : key;
}[keyof TSchema];
type AcceptedFields<TSchema, FieldType, AssignableType> = {
  readonly [key in KeysOfAType<TSchema, FieldType>]?: AssignableType;
};
type NotAcceptedFields<TSchema, FieldType> = {
  readonly [key in KeysOfOtherType<TSchema, FieldType>]?: never;
};
type IsAny<Type, ResultIfAny, ResultIfNotAny> = true extends false & Type ? ResultIfAny : ResultIfNotAny;

/** Fields of `TSchema` whose type is `FieldType`, mapped to `AssignableType` (e.g. `$inc` takes numeric fields). */
export type OnlyFieldsOfType<TSchema, FieldType = unknown, AssignableType = FieldType> = IsAny<
  TSchema[keyof TSchema],
  Record<string, AssignableType>,
  AcceptedFields<TSchema, FieldType, AssignableType> & NotAcceptedFields<TSchema, FieldType> & Record<string, AssignableType>
>;

/** `$set`-style operand: any schema fields with their types, plus dotted paths. */
export type MatchKeysAndValues<TSchema> = Readonly<Partial<TSchema>> & Record<string, unknown>;

/** `$push` modifiers. */
export interface ArrayOperator<Type> {
  $each?: Array<Flatten<Type>>;
  $slice?: number;
  $position?: number;
  $sort?: 1 | -1 | Record<string, 1 | -1>;
}
type ArrayKeys<TSchema> = KeysOfAType<TSchema, ReadonlyArray<unknown> | undefined>;

export type PushOperator<TSchema> = {
  readonly [key in ArrayKeys<TSchema>]?: Flatten<TSchema[key]> | ArrayOperator<Array<Flatten<TSchema[key]>>>;
} & Document;
export type SetFields<TSchema> = {
  readonly [key in ArrayKeys<TSchema>]?: Flatten<TSchema[key]> | { $each?: Array<Flatten<TSchema[key]>> };
} & Document;
export type PullOperator<TSchema> = {
  readonly [key in ArrayKeys<TSchema>]?: Partial<Flatten<TSchema[key]>> | Document;
} & Document;
export type PullAllOperator<TSchema> = {
  readonly [key in KeysOfAType<TSchema, ReadonlyArray<unknown>>]?: TSchema[key];
} & NotAcceptedFields<TSchema, ReadonlyArray<unknown>> & { readonly [key: string]: ReadonlyArray<unknown> };

/** An update document: update operators applied to the matched document. */
export type UpdateFilter<TSchema> = {
  $currentDate?: OnlyFieldsOfType<TSchema, Date, true | { $type: "date" | "timestamp" }>;
  $inc?: OnlyFieldsOfType<TSchema, number | undefined>;
  $min?: MatchKeysAndValues<TSchema>;
  $max?: MatchKeysAndValues<TSchema>;
  $mul?: OnlyFieldsOfType<TSchema, number | undefined>;
  $rename?: Record<string, string>;
  $set?: MatchKeysAndValues<TSchema>;
  $setOnInsert?: MatchKeysAndValues<TSchema>;
  $unset?: OnlyFieldsOfType<TSchema, unknown, "" | true | 1>;
  $addToSet?: SetFields<TSchema>;
  $pop?: OnlyFieldsOfType<TSchema, ReadonlyArray<unknown>, 1 | -1>;
  $pull?: PullOperator<TSchema>;
  $push?: PushOperator<TSchema>;
  $pullAll?: PullAllOperator<TSchema>;
} & Document;
