// Document shapes of the MongoDB driver's API (Document, WithId, OptionalId …),
// written here rather than imported so that apps without the optional
// `mongodb` package type-check. Where the driver says ObjectId we say string:
// ids made by this store are UUID v7 strings.

/**
 * Any stored document. The index signature is `any`, exactly as the driver's,
 * so that interfaces without index signatures satisfy `T extends Document`
 * and nested fields can be read without casts.
 */
export interface Document { [key: string]: any }

/** Omit that distributes over unions and keeps index-signature types intact (the driver's). */
export type EnhancedOmit<TRecordOrUnion, KeyUnion> = string extends keyof TRecordOrUnion
  ? TRecordOrUnion
  : TRecordOrUnion extends unknown
    ? Pick<TRecordOrUnion, Exclude<keyof TRecordOrUnion, KeyUnion>>
    : never;

/** The type of a schema's `_id`; `string` (a fresh UUID v7) when the schema has none. */
export type InferIdType<TSchema> = TSchema extends { _id: infer IdType }
  ? Record<PropertyKey, never> extends IdType ? never : IdType
  : TSchema extends { _id?: infer IdType }
    ? unknown extends IdType ? string : IdType
    : string;

/** A stored document: `_id` always present. */
export type WithId<TSchema> = EnhancedOmit<TSchema, "_id"> & { _id: InferIdType<TSchema> };
/** A document without its `_id`, as `replaceOne` takes it. */
export type WithoutId<TSchema> = Omit<TSchema, "_id">;
/** A document whose `_id` may be left out (the store then makes one). */
export type OptionalId<TSchema> = EnhancedOmit<TSchema, "_id"> & { _id?: InferIdType<TSchema> };
/** What `insertOne` takes: `_id` stays required when the schema requires it. */
export type OptionalUnlessRequiredId<TSchema> = TSchema extends { _id: unknown } ? TSchema : OptionalId<TSchema>;

/** The element type of an array type, or the type itself. */
export type Flatten<Type> = Type extends ReadonlyArray<infer Item> ? Item : Type;
