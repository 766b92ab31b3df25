import * as assert from './assert.js';
import type { EntityType } from '../../fields/index.js';
import type { CrmErrorCode } from '../../kernel/index.js';
import { isCrmError } from '../../kernel/index.js';
import type { Page, Query, Repository, Store, StoreCapabilities } from '../../store/index.js';
import type { StoredRecord } from '../../entities/index.js';

/**
 * What one case gets: a fresh store made by `createStore` from the author's (so every query reaches
 * the adapter normalized, as it does in use), its repositories, and the author's raw reader bound
 * to the store.
 */
export interface CaseContext {
  readonly store: Store;
  readonly repository: (entityType: EntityType) => Repository;
  readonly inspect: (entityType: EntityType, id: string) => Promise<unknown>;
  /** The author's raw reader of a record's match keys, when one was given. */
  readonly inspectMatchKeys?: ((entityType: EntityType, id: string) => Promise<unknown>) | undefined;
  /** Ends the case as skipped, for what only shows once it runs (a scope without nested units). */
  readonly skip: (reason: string) => never;
}

/** Which optional raw readers the author gave. */
export interface CaseReaders {
  readonly matchKeys: boolean;
}

/** One case of the suite, before the host's `skip` list and the store's capabilities apply. */
export interface CaseDefinition {
  readonly name: string;
  /** Why the case does not apply to a store with these capabilities and readers; `undefined` when it does. */
  readonly unsupported?: (capabilities: StoreCapabilities, readers: CaseReaders) => string | undefined;
  readonly run: (context: CaseContext) => Promise<void>;
}

/** What `CaseContext.skip` throws: the runner turns it into a skipped outcome. */
export class CaseSkipped extends Error {
  override readonly name: string = 'CaseSkipped';
}

/** The suite a case belongs to: the part of its name before the first colon. */
export function suiteOf(name: string): string {
  return name.slice(0, name.indexOf(':'));
}

// Stores hand records back as they like (frozen, null-prototype custom bags); only data counts.
function plain(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return (value as readonly unknown[]).map(plain);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = plain((value as Readonly<Record<string, unknown>>)[key]);
    return out;
  }
  return value;
}

/** Deep, strict equality of data, whatever the prototypes of plain objects. */
export function assertSameData(actual: unknown, expected: unknown, message: string): void {
  assert.deepStrictEqual(plain(actual), plain(expected), message);
}

/** Whether two values hold the same data (see {@link assertSameData}). */
export function isSameData(actual: unknown, expected: unknown): boolean {
  return assert.isDeepEqual(plain(actual), plain(expected));
}

/** The ids of records, in order. */
export function idsOf(records: readonly { readonly id: string }[]): string[] {
  return records.map((record) => record.id);
}

/** Asserts that `action` rejects with a crm-kit error of `code`, and returns it. */
export async function assertRejectsWith(action: () => Promise<unknown>, code: CrmErrorCode, message: string): Promise<unknown> {
  let caught: unknown;
  let threw = false;
  try {
    await action();
  } catch (error) {
    threw = true;
    caught = error;
  }
  assert.ok(threw, `${message}: expected a ${code} error, but it resolved`);
  const shown = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
  assert.ok(isCrmError(caught, code), `${message}: expected a ${code} error, got ${shown}`);
  return caught;
}

/** Inserts records in order. */
export async function insertAll(repository: Repository, records: readonly StoredRecord[]): Promise<void> {
  for (const record of records) await repository.insert(record);
}

/** Every record of a query, walking its pages; fails when the walk does not end. */
export async function walkPages(repository: Repository, query: Query, maxPages = 1000): Promise<StoredRecord[]> {
  const items: StoredRecord[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < maxPages; pages += 1) {
    const page: Page<StoredRecord> = await repository.find({ ...query, cursor });
    items.push(...page.items);
    if (page.nextCursor === undefined) return items;
    assert.notEqual(page.nextCursor, cursor, 'a page must not hand back the cursor it was asked for');
    cursor = page.nextCursor;
  }
  assert.fail(`walking the pages of a query did not end after ${maxPages} pages`);
}

/** Every record a stream yields, in order. */
export async function drain<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

/**
 * A repository whose queries ask for at most the store's page size: the cases walk pages of a few
 * records, and a store may allow fewer (a larger `limit` is refused, as `normalizeQuery` does).
 */
export function cappedRepository(repository: Repository, maxPageSize: number): Repository {
  const capped = (query: Query): Query => (query.limit === undefined ? query : { ...query, limit: Math.min(query.limit, maxPageSize) });
  return { ...repository, find: (query) => repository.find(capped(query)), stream: (query) => repository.stream(capped(query)), count: (query) => repository.count(capped(query)) };
}
