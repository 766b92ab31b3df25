import type { StoredRecord } from '../../entities/index.js';
import type { EntityType } from '../../fields/index.js';
import { isPlainRecord, ValidationError } from '../../kernel/index.js';
import type { AdapterScope, LoggedEvent, RepositoryAdapter, Store, StoreAdapter, StoreCapabilities, StoreScope } from '../../store/index.js';
import { createStore, FILTER_OPERATORS } from '../../store/index.js';
import { createEventLog, createMatchKeys, createRepository } from './_internal/repository.js';
import type { Session } from './_internal/state.js';
import { commitUnit, directSession, MemoryState, rollBackUnit, saveUnit, Unit, unitSession } from './_internal/state.js';

/**
 * Options of {@link createMemoryStore}.
 */
export interface MemoryStoreOptions {
  /** The largest page `find` returns, and the page size when a query gives no `limit`. Default 1000. */
  readonly maxPageSize?: number | undefined;
}

/**
 * The scope of a memory-store unit of work: a {@link StoreScope} that can also nest a unit.
 *
 * @example
 * ```ts
 * async function moveBoth(tx: MemoryStoreScope, first: Deal, second: Deal): Promise<void> {
 *   await tx.repository('deal').update(first, first.version - 1);
 *   // A failure of the nested unit undoes its own writes only; the outer work decides what follows.
 *   await tx.transaction(async (inner) => { await inner.repository('deal').update(second, second.version - 1); });
 * }
 * ```
 */
export interface MemoryStoreScope extends StoreScope {
  /**
   * Runs `work` inside this unit, like a savepoint: when it rejects, the writes and events it made
   * are undone and the rejection is rethrown; when it resolves, its writes stay part of the outer
   * unit and become visible to others only when the outer unit resolves.
   */
  transaction<R>(work: (scope: MemoryStoreScope) => Promise<R>): Promise<R>;
}

/**
 * The in-memory {@link Store}: every capability, plus raw readers of what is really stored (for
 * tests and the adapter conformance suite).
 */
export interface MemoryStore extends Store {
  /**
   * Runs `work` as one unit of work: all or nothing (see {@link createMemoryStore}). Its scope can
   * nest units with its own `transaction`.
   */
  transaction<R>(work: (scope: MemoryStoreScope) => Promise<R>): Promise<R>;
  /** The committed record with this id (frozen), or `null`; writes of units in flight are not seen. */
  inspect(entityType: EntityType, id: string): StoredRecord | null;
  /** Every committed event (frozen), by ascending sequence. */
  inspectEvents(): readonly LoggedEvent[];
  /** The committed match keys of a record, as last set (`[]` when none); keys set by units in flight are not seen. */
  inspectMatchKeys(entityType: EntityType, id: string): readonly string[];
}

const DEFAULT_MAX_PAGE_SIZE = 1000;

/**
 * Creates an empty in-memory store, the embedded default used by the demo, the examples and the
 * tests: an adapter made into a {@link Store} by `createStore`, so every query is normalized and
 * every write checked before it gets here. It declares every capability: all filter operators,
 * custom and multi-field filters, match keys, and all-or-nothing transactions.
 *
 * - Records and events are kept as the frozen data they arrive as and handed out as they are,
 *   without copies. A `Date` in them is shared too: never mutate one (freezing does not stop
 *   `setTime`).
 * - Filters follow `FILTER_OPERATORS`. On list-valued fields every operator looks at the elements
 *   (a multi-field's element `value`s): `eq`, `lt`…`gte`, `in`, `overlaps`, `contains` and
 *   `startsWith` match when any element does; `ne` and `notIn` are their exact negations, so they
 *   also match records without the field. Order comparisons match values of one kind only
 *   (money of one currency).
 * - Sorting: keys in turn, then `id` ascending (code units). A list sorts by its first element.
 *   Missing values (absent, `null`, empty list) sort last in both directions; present values of
 *   different kinds order numbers, instants, text, booleans, money (by currency, then amount).
 * - Pagination is keyset: a cursor holds the last row's sort values and id, and the next page
 *   holds the rows strictly after it, so rows inserted or deleted between pages never make others
 *   repeat or vanish. A cursor only fits queries with the same order (`INVALID_ARGUMENT`
 *   otherwise). `limit` is capped at `maxPageSize`.
 * - `transaction(work)`: writes through its scope go to an overlay seen only inside the unit; when
 *   `work` resolves they are applied at once, when it rejects they and its events are dropped and
 *   the rejection is rethrown. Units do not block each other: each is checked when it commits,
 *   and if a record it wrote was written meanwhile outside it, nothing is applied and it rejects
 *   with `ConflictError` `VERSION_CONFLICT` (`DUPLICATE_ID` for a clashing insert). Nesting goes
 *   through the scope's `transaction` (a savepoint inside the outer unit); `store.transaction`
 *   called inside `work` starts a separate unit that commits on its own.
 * - Match keys are an inverted index per entity type (key → ids, and id → keys to replace them),
 *   so a lookup costs what it finds, not what is stored. A unit keeps an index of its own keys over
 *   the committed one (a record it set hides its committed keys); it is applied when the unit
 *   commits and dropped when it rolls back, a nested unit's restored as it was. Keys of different
 *   records set by concurrent units are all kept; deleting a record leaves its keys.
 * - Events get increasing sequence numbers when appended (inside a unit too). A unit that rolls
 *   back leaves a gap unless no later number was handed out. While a unit holding a number is in
 *   flight, events with later numbers are not read outside it, so a reader following
 *   `afterSequence` never skips one.
 *
 * @param options - The largest page (default 1000).
 * @returns A new, empty store.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when `maxPageSize` is not a whole number from 1.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'crm-kit/memory';
 *
 * const store = createMemoryStore();
 * await store.transaction(async (tx) => {
 *   await tx.repository('contact').insert(contact);
 *   await tx.events.append([{ type: 'created', entityType: 'contact', entityId: contact.id, at: contact.createdAt, byId: contact.createdById, data: {} }]);
 * });
 * const page = await store.repository('contact').find({ where: [{ field: 'emails', op: 'eq', value: 'ana@example.com' }], limit: 20 });
 * // page.items holds the matching contacts; page.nextCursor leads to the next page
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const given: unknown = options;
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given)) throw new ValidationError('INVALID_ARGUMENT', 'createMemoryStore takes an options object.');
  const maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,BlockStatement: createStore refuses the same capabilities with the same code
  if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1) {
    // Stryker disable next-line StringLiteral: message text
    throw new ValidationError('INVALID_ARGUMENT', 'maxPageSize is a whole number from 1.');
  }
  const state = new MemoryState();
  const capabilities: StoreCapabilities = {
    transactions: true,
    operators: FILTER_OPERATORS,
    customFieldFilters: true,
    multiFieldFilters: true,
    maxPageSize,
    matchKeys: true,
    aggregate: true,
  };

  const scopeOf = (session: Session): AdapterScope => {
    const repositories = new Map<EntityType, RepositoryAdapter>();
    return {
      repository: (entityType) => {
        let repository = repositories.get(entityType);
        if (repository === undefined) {
          repository = createRepository(session, entityType);
          repositories.set(entityType, repository);
        }
        return repository;
      },
      events: createEventLog(session),
      matchKeys: createMatchKeys(session),
    };
  };

  const unitScope = (unit: Unit): AdapterScope => {
    const scope: AdapterScope = {
      ...scopeOf(unitSession(state, unit)),
      transaction: async <R>(work: (inner: AdapterScope) => Promise<R>): Promise<R> => {
        // Stryker disable next-line StringLiteral: message text
        if (!unit.open) throw new ValidationError('INVALID_ARGUMENT', 'This unit of work has ended: use the store, or a new transaction.');
        const restore = saveUnit(unit);
        try {
          return await work(scope);
        } catch (error) {
          restore();
          throw error;
        }
      },
    };
    return scope;
  };

  const adapter: StoreAdapter = {
    ...scopeOf(directSession(state)),
    capabilities,
    transaction: async <R>(work: (scope: AdapterScope) => Promise<R>): Promise<R> => {
      const unit = new Unit();
      try {
        const result = await work(unitScope(unit));
        commitUnit(state, unit);
        return result;
      } catch (error) {
        rollBackUnit(state, unit);
        throw error;
      }
    },
  };
  const store = createStore(adapter, {
    inspect: (entityType: EntityType, id: string): StoredRecord | null => state.tables.get(entityType)?.get(id) ?? null,
    inspectEvents: (): readonly LoggedEvent[] => state.events.slice(),
    inspectMatchKeys: (entityType: EntityType, id: string): readonly string[] => state.keyTable(entityType).byId.get(id) ?? [],
  });
  return store as MemoryStore;
}
