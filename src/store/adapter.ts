import type { StoredRecord } from '../entities/index.js';
import type { EntityType } from '../fields/index.js';
import type { AggregateGroup, NormalizedAggregateSpec } from './aggregate.js';
import type { EventQuery, LoggedEvent, NewEvent } from './event-log.js';
import type { NormalizedQuery, Page } from './query.js';
import type { RecordUpdate } from './repository.js';
import type { MatchKeyIndex, StoreCapabilities } from './store.js';

/**
 * What an adapter author implements for one entity type: the primitive operations, receiving only
 * what {@link createStore} has already checked. Queries arrive as a {@link NormalizedQuery};
 * records arrive as frozen plain data with a non-empty text `id` and a whole `version` from 1;
 * ids and versions are checked. Every MUST sentence of {@link Repository} applies. `insertMany` and
 * `updateMany` are optional: without them the factory writes one record at a time (inside the
 * caller's unit of work, so still all or none there).
 *
 * @example
 * ```ts
 * function contactsOf(rows: Map<string, StoredRecord>): Pick<RepositoryAdapter, 'get' | 'count'> {
 *   return {
 *     get: async (id) => rows.get(id) ?? null,
 *     // The query is already checked: its where, scope, sort and limit are well-formed.
 *     count: async (query) => (query.where.length === 0 && query.scope === undefined ? rows.size : 0),
 *   };
 * }
 * ```
 */
export interface RepositoryAdapter {
  get(id: string): Promise<StoredRecord | null>;
  getMany(ids: readonly string[]): Promise<readonly StoredRecord[]>;
  find(query: NormalizedQuery): Promise<Page<StoredRecord>>;
  stream(query: NormalizedQuery): AsyncIterable<StoredRecord>;
  count(query: NormalizedQuery): Promise<number>;
  /**
   * The groups of a query's records, in the database: required when `capabilities.aggregate` is
   * true, and then it MUST answer what the store folds from `stream(query)` without the capability, in any
   * order of groups and of currencies (the factory sorts them and writes sums canonically). A
   * spec without groupings MUST give exactly one group, with count 0 when nothing matches.
   */
  aggregate?(query: NormalizedQuery, spec: NormalizedAggregateSpec): Promise<readonly AggregateGroup[]>;
  insert(record: StoredRecord): Promise<unknown>;
  insertMany?(records: readonly StoredRecord[]): Promise<unknown>;
  update(record: StoredRecord, expectedVersion: number): Promise<unknown>;
  updateMany?(updates: readonly RecordUpdate[]): Promise<unknown>;
  delete(id: string, expectedVersion?: number): Promise<void>;
}

/**
 * What an adapter author implements for the event log: events arrive checked and frozen, queries
 * checked.
 *
 * @example
 * ```ts
 * const events: LoggedEvent[] = [];
 * const log: EventLogAdapter = {
 *   append: async (batch) => batch.map((event) => {
 *     const logged = { ...event, sequence: events.length + 1 };
 *     events.push(logged);
 *     return logged;
 *   }),
 *   read: async function* (query) {
 *     yield* events.filter((event) => query.entityId === undefined || event.entityId === query.entityId);
 *   },
 * };
 * ```
 */
export interface EventLogAdapter {
  append(events: readonly NewEvent[]): Promise<readonly LoggedEvent[]>;
  read(query: EventQuery): AsyncIterable<LoggedEvent>;
}

/**
 * The repositories, event log and match keys an adapter offers inside one unit of work (or
 * outside one). `transaction`, when a scope has it, runs a nested unit (a savepoint): its writes
 * are undone when it rejects, and otherwise stay part of the outer unit.
 */
export interface AdapterScope {
  repository(entityType: EntityType): RepositoryAdapter;
  readonly events: EventLogAdapter;
  /**
   * The match keys: required on the adapter and on every unit's scope when `capabilities.matchKeys`
   * is true. `set` receives distinct keys, each a non-empty text without NUL or lone surrogate;
   * `lookup` receives at least one key, all distinct. Every MUST sentence of {@link MatchKeyIndex}
   * applies.
   */
  readonly matchKeys?: MatchKeyIndex | undefined;
  transaction?<R>(work: (scope: AdapterScope) => Promise<R>): Promise<R>;
}

/**
 * A storage adapter: what {@link createStore} turns into a {@link Store}. An author declares what
 * the adapter can do in `capabilities` and implements the primitive operations; the factory does
 * every check, maps failures and fills what is optional. The MUST sentences of {@link Store} and
 * {@link Repository} are the contract, and `crm-kit/testing` checks them, concurrency included.
 */
export interface StoreAdapter extends AdapterScope {
  readonly capabilities: StoreCapabilities;
  /**
   * Runs `work` as one unit of work, all or nothing, with concurrent units isolated from each
   * other: exactly one of two updates expecting the same version wins, and a unit that rolls back
   * never undoes another's commit.
   */
  transaction<R>(work: (scope: AdapterScope) => Promise<R>): Promise<R>;
}
