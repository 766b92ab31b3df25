import type { EntityType } from '../fields/index.js';
import type { EventLog } from './event-log.js';
import type { FilterOperator } from './query.js';
import type { Repository } from './repository.js';

/**
 * What an adapter can do, declared rather than faked. The library refuses, with `AdapterError`
 * `UNSUPPORTED`, a request that needs a capability the adapter lacks.
 *
 * @example
 * ```ts
 * const capabilities: StoreCapabilities = {
 *   transactions: true, operators: ['eq', 'in', 'isEmpty'], customFieldFilters: true, multiFieldFilters: false, maxPageSize: 500,
 * };
 * ```
 */
export interface StoreCapabilities {
  /** Whether `transaction` is all or nothing. `createCrm` refuses a store without it: each write is a record and its event. */
  readonly transactions: boolean;
  /** The filter operators the adapter evaluates. */
  readonly operators: readonly FilterOperator[];
  /** Whether clauses on `custom.<code>` are evaluated. */
  readonly customFieldFilters: boolean;
  /** Whether clauses on multi-fields (`phones`, `emails`, ...) are evaluated. */
  readonly multiFieldFilters: boolean;
  /** The largest page the adapter returns. */
  readonly maxPageSize: number;
}

/**
 * The repositories and event log inside one unit of work.
 *
 * @example
 * ```ts
 * async function logAndSave(tx: StoreScope, deal: Deal): Promise<void> {
 *   await tx.repository('deal').insert(deal);
 *   await tx.events.append([{ type: 'created', entityType: 'deal', entityId: deal.id, at: deal.createdAt, byId: deal.createdById, data: {} }]);
 * }
 * ```
 */
export interface StoreScope {
  repository(entityType: EntityType): Repository;
  readonly events: EventLog;
}

/**
 * What a host provides to keep crm-kit's records: a repository per entity type, an event log and
 * units of work. `crm-kit/memory` is the embedded one.
 *
 * @example
 * ```ts
 * async function countDeals(store: Store): Promise<number> {
 *   return store.repository('deal').count({});
 * }
 * ```
 */
export interface Store extends StoreScope {
  readonly capabilities: StoreCapabilities;
  /**
   * Runs `work` as one unit: every write through its scope MUST become visible together when it
   * resolves, and none of them when it rejects (the rejection is rethrown).
   *
   * Units run at the same time as each other and as calls outside any unit. An adapter may run
   * them one at a time (a lock) or let them run and detect conflicts; either way:
   *
   * - reads through the scope MUST see the unit's own writes, and reads outside the unit MUST NOT
   *   see them before it resolves;
   * - the version checks of `update` and `delete` and the id check of `insert` MUST hold against
   *   every write committed before the unit resolves, not only against what it read: of several
   *   units updating one record at one expected version, exactly one MUST commit its update;
   * - a unit that resolved MUST keep all its writes and events: another unit's commit MUST replace
   *   only the records that unit wrote, and a rollback MUST undo only the unit's own writes;
   * - the events of units and of appends outside them MUST get unique sequences, those of a unit
   *   that rejects MUST NOT ever be read, and those of one in flight MUST NOT be read outside it;
   * - a unit refused because of a concurrent one MUST reject as a whole, storing nothing, with
   *   `ConflictError` (`VERSION_CONFLICT`, or `DUPLICATE_ID` for a clashing insert) or the
   *   `NotFoundError` `NOT_FOUND` its write meets once the other's delete is seen.
   */
  transaction<R>(work: (scope: StoreScope) => Promise<R>): Promise<R>;
}
