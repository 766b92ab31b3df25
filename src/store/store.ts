import type { EntityType } from '../fields/index.js';
import type { EventLog } from './event-log.js';
import type { FilterOperator } from './query.js';
import type { Repository } from './repository.js';

/**
 * What an adapter can do, declared rather than faked. The library refuses, with `AdapterError`
 * `UNSUPPORTED`, a request that needs a capability the adapter lacks.
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
  /** Whether the adapter keeps match keys (each scope's `matchKeys`); `false` when omitted. */
  readonly matchKeys?: boolean | undefined;
}

/**
 * One record's share of a match-key lookup: its id and which of the keys asked for it holds.
 */
export interface MatchKeyHit {
  readonly id: string;
  /** The keys of the lookup this record holds, in the order they were asked for. */
  readonly keys: readonly string[];
}

/**
 * The match keys of records: short texts derived from a record (a normalised e-mail, a phone in
 * E.164, a folded name) that duplicate detection looks records up by, kept beside the records so
 * that "who else has this e-mail?" is an index lookup, not a scan. The duplicates module decides
 * what the keys are; a store only keeps and finds them. Writes inside a unit of work are part of
 * it.
 */
export interface MatchKeyIndex {
  /**
   * Sets the keys of a record, replacing every key it had; an empty list removes them all. Keys
   * are kept as a set (duplicates once). It MUST NOT check that the record exists.
   */
  set(entityType: EntityType, id: string, keys: readonly string[]): Promise<void>;
  /**
   * The records of a type holding at least one of the keys, each once, by ascending id, with the
   * keys they hold (in the order asked). It MUST return nothing for keys nobody holds.
   */
  lookup(entityType: EntityType, keys: readonly string[]): Promise<readonly MatchKeyHit[]>;
}

/**
 * The repositories, event log and match keys inside one unit of work (or of the store itself,
 * outside one).
 */
export interface StoreScope {
  repository(entityType: EntityType): Repository;
  readonly events: EventLog;
  /** The match keys, when the store declares the `matchKeys` capability. */
  readonly matchKeys?: MatchKeyIndex | undefined;
  /**
   * A nested unit of work (a savepoint), where the store has them: when `work` rejects, its writes
   * are undone and the rejection is rethrown; otherwise they stay part of the outer unit.
   */
  transaction?<R>(work: (scope: StoreScope) => Promise<R>): Promise<R>;
}

/**
 * What the library keeps its records in: a repository per entity type, an event log, match keys
 * and units of work. Made by {@link createStore} from an adapter (`crm-kit/memory` makes one for
 * you).
 */
export interface Store extends StoreScope {
  readonly capabilities: StoreCapabilities;
  /**
   * Runs `work` as one unit: every write through its scope MUST become visible together when it
   * resolves, and none of them when it rejects (the rejection is rethrown unchanged).
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
