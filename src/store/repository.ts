import type { StoredRecord } from '../entities/index.js';
import type { AggregateGroup, AggregateSpec } from './aggregate.js';
import type { Page, Query } from './query.js';

/**
 * An update of a batch: the record as it will be, and the version it is expected to have now.
 */
export interface RecordUpdate<T extends StoredRecord = StoredRecord> {
  readonly record: T;
  readonly expectedVersion: number;
}

/**
 * The records of one entity type in a store, as the library and hosts use them (a store from
 * {@link createStore} gives one per entity type). Queries are checked and completed by
 * `normalizeQuery` before the adapter sees them; what the adapter returns is checked before the
 * caller sees it; every failure of the adapter is a crm-kit error. Records are frozen plain data.
 * The sentences with MUST are the contract that adapters meet and `crm-kit/testing` checks.
 */
export interface Repository<T extends StoredRecord = StoredRecord> {
  /** The record with this id, or `null`. It MUST NOT throw for a missing id. */
  get(id: string): Promise<T | null>;
  /** The records with these ids, in the order of `ids`; missing ids MUST be left out, not fail. */
  getMany(ids: readonly string[]): Promise<readonly T[]>;
  /**
   * One page of the records that satisfy every clause and lie in the scope, in the requested
   * order with `id` as the last key. Following `nextCursor` MUST neither repeat nor skip a record
   * that exists, unchanged, for the whole walk, whatever is inserted or deleted meanwhile.
   */
  find(query: Query): Promise<Page<T>>;
  /**
   * Every record of the query, in its order. An adapter over a database SHOULD read it page by
   * page, so that memory stays bounded whatever the size of the result.
   */
  stream(query: Query): AsyncIterable<T>;
  /** How many records satisfy the query's clauses and scope (its order and page are ignored). */
  count(query: Query): Promise<number>;
  /**
   * The groups of the records that satisfy the query's clauses and scope (its order and page are
   * ignored): count, sums of money per currency and ranges of instants, per distinct key (see
   * {@link AggregateSpec}). A store with the `aggregate` capability answers in its database;
   * any other folds its stream, in bounded memory. Either way the groups come by key (numbers,
   * then texts in code-unit order, then `false`, `true`, then no value), sums exact and canonical
   * by currency code; an adapter's answer MUST equal the fold of its own stream, which
   * `crm-kit/testing` checks.
   *
   * @example
   * ```ts
   * const deals = createMemoryStore().repository('deal');
   * await deals.insertMany([
   *   { id: 'd-1', version: 1, stageId: 'NEW', amount: { amount: '100.00', currency: 'EUR' }, createdAt: new Date('2026-01-02T10:00:00Z') },
   *   { id: 'd-2', version: 1, stageId: 'NEW', amount: { amount: '50.50', currency: 'EUR' }, createdAt: new Date('2026-02-01T10:00:00Z') },
   *   { id: 'd-3', version: 1, stageId: 'WON', amount: { amount: '20', currency: 'USD' } },
   * ] as never[]);
   * const groups = await deals.aggregate({}, { groupBy: ['stageId'], sum: ['amount'], range: ['createdAt'] });
   * groups.map((group) => [group.key[0], group.count, group.sums.amount?.map((m) => `${m.amount} ${m.currency}`)]); //=> [['NEW', 2, ['150.50 EUR']], ['WON', 1, ['20.00 USD']]]
   * groups[1]?.ranges.createdAt; //=> null
   * await deals.aggregate({}, { groupBy: ['amount'] }); // throws UNKNOWN_FIELD
   * ```
   */
  aggregate(query: Query, spec: AggregateSpec): Promise<readonly AggregateGroup[]>;
  /**
   * Stores a new record as given. It MUST throw `ConflictError` `DUPLICATE_ID` when the id exists,
   * and then store nothing. Of concurrent inserts of one id, inside units or not, exactly one MUST
   * succeed.
   */
  insert(record: T): Promise<T>;
  /**
   * Stores new records, all or none: one that fails (a `DUPLICATE_ID`) MUST leave none stored.
   * Used by imports and merges; inside a transaction it is part of the unit.
   */
  insertMany(records: readonly T[]): Promise<readonly T[]>;
  /**
   * Replaces a record, whose `version` is `expectedVersion + 1`. It MUST throw `ConflictError`
   * `VERSION_CONFLICT` when the stored version is not `expectedVersion`, and `NotFoundError`
   * `NOT_FOUND` when there is no such record, storing nothing in either case.
   *
   * The check MUST be one step with the write: no other write may come between reading the
   * stored version and replacing the record (over SQL, `UPDATE … WHERE id = $1 AND version = $2`
   * and its row count, or the row locked by `SELECT … FOR UPDATE`), so that of concurrent updates
   * of one record at one expected version, inside units or not, exactly one MUST succeed. Inside
   * a unit the check MUST also hold when the unit commits (see `Store.transaction`).
   */
  update(record: T, expectedVersion: number): Promise<T>;
  /** Replaces records, all or none, each as {@link Repository.update} would. */
  updateMany(updates: readonly RecordUpdate<T>[]): Promise<readonly T[]>;
  /**
   * Removes a record. With `expectedVersion`, it MUST throw `ConflictError` `VERSION_CONFLICT`
   * when the stored version differs; it MUST throw `NotFoundError` `NOT_FOUND` for a missing id.
   * As for `update`, the check MUST be one step with the removal: of concurrent deletes and
   * updates of one record at one expected version, and of concurrent deletes of one id, exactly
   * one MUST succeed.
   */
  delete(id: string, expectedVersion?: number): Promise<void>;
}
