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
  /**
   * Whether every repository answers `aggregate` itself (in the database); `false` when omitted,
   * and then `Repository.aggregate` folds the stream.
   */
  readonly aggregate?: boolean | undefined;
}

/**
 * One record's share of a match-key lookup: its id and which of the keys asked for it holds.
 */
export interface MatchKeyHit {
  readonly id: string;
  /** The keys of the lookup this record holds, each once, in the order they were asked for; never empty. */
  readonly keys: readonly string[];
}

/**
 * The match keys of records: short texts derived from a record (a normalised e-mail, a phone in
 * E.164, a folded name) that duplicate detection looks records up by, kept beside the records so
 * that "who else has this e-mail?" is an index lookup, not a scan. The duplicates module decides
 * what the keys are and normalises them before it writes; a store only keeps and finds them.
 *
 * - Keys are exact texts: they MUST be compared by equality of their UTF-16 code units, with no
 *   case folding, trimming, Unicode normalisation or pattern matching (over SQL, `=` or `= ANY`,
 *   never `LIKE`, whose `%` and `_` a key may hold). Any text the factory accepts (no NUL, no lone
 *   surrogate) MUST be kept as it is, however long.
 * - Keys belong to an entity type: a contact's keys MUST never find a company.
 * - The index is independent of the records: `set` MUST NOT check that the record exists, and
 *   deleting a record through its repository MUST NOT change its keys. Whoever deletes a record
 *   clears its keys with `set(entityType, id, [])` in the same unit of work (the service does).
 * - Writes inside a unit of work are part of it, as record writes are: lookups through the unit's
 *   scope MUST see them, lookups outside it MUST NOT before it resolves, and they MUST all be undone
 *   when it rejects (a nested unit's, when it rejects). A unit that resolves MUST keep every key it
 *   set, whatever other units set for other records. The index does no version check of its own:
 *   the record write beside a `set` is what units conflict on.
 *
 * {@link createStore} checks the arguments before the adapter sees them (an adapter receives a
 * known entity type, a non-empty id and distinct keys) and refuses a malformed answer with
 * `ADAPTER_FAILURE`.
 *
 * @example
 * ```ts
 * const keys = createMemoryStore().matchKeys;
 * await keys?.set('contact', 'c-2', ['email:ana@example.com', 'phone:+34600123456']);
 * await keys?.set('contact', 'c-10', ['phone:+34600123456']);
 * // By ascending id in code-unit order ('c-10' before 'c-2'), with the keys held in the order asked.
 * (await keys?.lookup('contact', ['phone:+34600123456', 'email:ana@example.com']))?.map((hit) => `${hit.id}: ${hit.keys.join(' ')}`); //=> ['c-10: phone:+34600123456', 'c-2: phone:+34600123456 email:ana@example.com']
 * // Exact texts: the store folds nothing (the duplicates module normalises before it writes).
 * (await keys?.lookup('contact', ['email:ANA@example.com']))?.length; //=> 0
 * ```
 */
export interface MatchKeyIndex {
  /**
   * Sets the keys of a record, replacing every key it had; an empty list MUST remove them all. Keys
   * are kept as a set: a key given twice MUST be kept once. It MUST NOT check that the record
   * exists. At most `LIMITS.listItems` keys.
   */
  set(entityType: EntityType, id: string, keys: readonly string[]): Promise<void>;
  /**
   * The records of a type holding at least one of the keys. Each record MUST come once, with the
   * keys of the lookup it holds, each once, in the order they were asked; the records MUST come by
   * ascending id, compared by UTF-16 code units as JavaScript's `<` compares strings (the order of
   * PostgreSQL's `COLLATE "C"` for ids without characters beyond U+FFFF). It MUST return nothing
   * for keys nobody holds and for an empty list, and MUST answer in full for any number of keys up
   * to `LIMITS.queryValues` (an adapter may look them up in batches).
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
