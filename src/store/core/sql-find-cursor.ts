// The cursor `find()` returns on the SQL backends. Like the driver's it is
// lazy: options set by chaining apply when the first document is read, and
// documents are fetched page by page (batchSize), so iterating a large
// collection keeps memory flat.
import { EnsembleError } from "../../ensemble-error.ts";
import type { Document } from "../api/document.ts";
import type { FindCursor } from "../api/find-cursor.ts";
import type { FindOptions, Sort, SortDirection } from "../api/options.ts";
import type { CollectionCore } from "./collection-core.ts";
import { readAll, readPages, type ReadRequest } from "./read-documents.ts";
import { normalizeSort, type SortKeys } from "./sort-spec.ts";

const DEFAULT_BATCH = 1000;
type Transform = (doc: never) => unknown;

export class SqlFindCursor<TSchema> implements FindCursor<TSchema> {
  private sortKeys: SortKeys;
  private skipCount: number;
  private limitCount: number;
  private projection: Document | undefined;
  private batch: number;
  private readonly transforms: Transform[] = [];
  private pages: AsyncGenerator<Document[]> | null = null;
  private buffer: unknown[] = [];
  private exhausted = false;
  private isClosed = false;

  constructor(private readonly core: CollectionCore, private readonly filter: Document, options: FindOptions = {}) {
    this.sortKeys = normalizeSort(options.sort);
    this.skipCount = options.skip ?? 0;
    this.limitCount = Math.abs(options.limit ?? 0);
    this.projection = options.projection;
    this.batch = options.batchSize ?? DEFAULT_BATCH;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  sort(sort: Sort | string, direction?: SortDirection): this {
    this.assertFresh("sort");
    this.sortKeys = normalizeSort(sort, direction);
    return this;
  }

  skip(value: number): this {
    this.assertFresh("skip");
    this.skipCount = checkCount(value, "skip");
    return this;
  }

  limit(value: number): this {
    this.assertFresh("limit");
    // The driver treats a negative limit as "this many, in one batch".
    this.limitCount = Math.abs(checkCount(value, "limit", true));
    return this;
  }

  project<T extends Document = Document>(value: Document): FindCursor<T> {
    this.assertFresh("project");
    this.projection = value;
    return this as unknown as FindCursor<T>;
  }

  map<T>(transform: (doc: TSchema) => T): FindCursor<T> {
    this.assertFresh("map");
    this.transforms.push(transform as Transform);
    return this as unknown as FindCursor<T>;
  }

  batchSize(value: number): this {
    this.batch = Math.max(1, checkCount(value, "batchSize"));
    return this;
  }

  async toArray(): Promise<TSchema[]> {
    if (this.pages === null && !this.exhausted && !this.isClosed) {
      // Nothing read yet: one pass, no paging overhead.
      this.exhausted = true;
      const docs = await readAll(this.core, this.request(this.limitCount > 0 ? undefined : Infinity));
      return docs.map((d) => this.transform(d));
    }
    const out: TSchema[] = [];
    for (let doc = await this.next(); doc !== null; doc = await this.next()) out.push(doc);
    return out;
  }

  async next(): Promise<TSchema | null> {
    while (this.buffer.length === 0) {
      if (this.exhausted || this.isClosed) return null;
      this.pages ??= readPages(this.core, this.request(this.batch));
      const pages = this.pages;
      const step = await this.core.read(() => pages.next(), { done: true, value: undefined });
      if (step.done) this.exhausted = true;
      else this.buffer = step.value.map((d) => this.transform(d));
      this.buffer.reverse();
    }
    return this.buffer.pop() as TSchema;
  }

  tryNext(): Promise<TSchema | null> {
    return this.next();
  }

  async hasNext(): Promise<boolean> {
    const doc = await this.next();
    if (doc === null) return false;
    this.buffer.push(doc);
    return true;
  }

  async forEach(iterator: (doc: TSchema) => boolean | void): Promise<void> {
    for (let doc = await this.next(); doc !== null; doc = await this.next()) {
      if (iterator(doc) === false) break;
    }
  }

  rewind(): void {
    void this.pages?.return(undefined);
    this.pages = null;
    this.buffer = [];
    this.exhausted = false;
    this.isClosed = false;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.buffer = [];
    await this.pages?.return(undefined);
  }

  clone(): FindCursor<TSchema> {
    const copy = new SqlFindCursor<TSchema>(this.core, this.filter, {
      skip: this.skipCount, limit: this.limitCount, projection: this.projection, batchSize: this.batch,
    });
    copy.sortKeys = this.sortKeys;
    copy.transforms.push(...this.transforms);
    return copy;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TSchema, void, void> {
    try {
      for (let doc = await this.next(); doc !== null; doc = await this.next()) yield doc;
    } finally {
      await this.close();
    }
  }

  private request(pageSize: number | undefined): ReadRequest {
    const wanted = this.skipCount + this.limitCount;
    return {
      filter: this.filter, sort: this.sortKeys, skip: this.skipCount, limit: this.limitCount, projection: this.projection,
      // With a limit, a few pages of candidates usually suffice even when mingo rejects some.
      pageSize: pageSize ?? Math.min(Math.max(4 * wanted, 100), 10_000),
    };
  }

  private transform(doc: Document): TSchema {
    let out: unknown = doc;
    for (const t of this.transforms) out = (t as (d: unknown) => unknown)(out);
    return out as TSchema;
  }

  private assertFresh(method: string): void {
    if (this.pages !== null || this.exhausted) {
      throw new EnsembleError("INVALID_ARGUMENT", `Cursor is already initialized: call ${method}() before reading from the cursor.`);
    }
  }
}

function checkCount(value: number, what: string, signed = false): number {
  if (!Number.isInteger(value) || (!signed && value < 0)) {
    throw new EnsembleError("INVALID_ARGUMENT", `${what}() takes ${signed ? "an" : "a non-negative"} integer, got ${String(value)}.`);
  }
  return value;
}
