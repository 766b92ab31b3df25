import type { StoredRecord } from '../entities/index.js';
import type { EntityType } from '../fields/index.js';
import { isEntityType } from '../fields/index.js';
import { AdapterError, assertWithinLimit, isCrmError, isInstant, isPlainRecord, isSealed, isStorableText, snapshotInput, ValidationError } from '../kernel/index.js';
import type { AdapterScope, EventLogAdapter, RepositoryAdapter, StoreAdapter } from './adapter.js';
import type { EventQuery, LoggedEvent, NewEvent } from './event-log.js';
import { EVENT_TYPES } from './event-log.js';
import { isNormalizedFor, normalizeQuery } from './normalize-query.js';
import type { AggregateSpec } from './aggregate.js';
import { foldAggregate, normalizeAggregateSpec, returnedGroups } from './aggregate.js';
import type { NormalizedQuery, Page, Query } from './query.js';
import { FILTER_OPERATORS } from './query.js';
import type { RecordUpdate, Repository } from './repository.js';
import type { MatchKeyHit, MatchKeyIndex, Store, StoreCapabilities, StoreScope } from './store.js';

// Stores this factory made: giving one back to it returns it as it is. Keys are frozen stores.
const MADE = new WeakSet<object>();

/**
 * Turns a storage adapter into the {@link Store} the library and hosts use: the one place between
 * crm-kit and every store. It
 *
 * - checks the adapter's shape and capabilities once;
 * - normalizes every query with `normalizeQuery` (or passes one it already normalized for this
 *   store), so the adapter receives only a {@link NormalizedQuery} and never checks one again;
 * - snapshots every record and event written (frozen plain data; data crm-kit itself built and
 *   sealed is passed without a copy), and checks ids and versions;
 * - checks match-key arguments (a known entity type, a non-empty id, at most 1,000 non-empty
 *   keys without NUL or lone surrogate) and hands the adapter each key once; a lookup of no keys
 *   finds nothing without asking the adapter;
 * - checks what comes back (records are plain with an id and a version, pages no larger than
 *   asked, counts whole, events well-formed, match-key hits by ascending id with keys asked for in
 *   the order asked) and refuses anything else as `ADAPTER_FAILURE`;
 * - maps every failure of the adapter that is not a crm-kit error to {@link AdapterError}
 *   `ADAPTER_FAILURE` with the original as `cause`; crm-kit errors (`NOT_FOUND`,
 *   `VERSION_CONFLICT`, ...) pass unchanged, and so does whatever the work of a transaction throws
 *   itself;
 * - fills what is optional: `insertMany` and `updateMany` become one write after another when the
 *   adapter has no batch of its own (inside a transaction, still all or none).
 *
 * A store it made is returned as it is.
 *
 * @param adapter - The adapter: `{ capabilities, repository, events, transaction, matchKeys? }`.
 * @param extras - Members of the adapter's own to keep on the store, such as raw readers for
 * tests (`crm-kit/memory` keeps `inspect` this way).
 * @returns The store (with the extras).
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for something that is not an adapter, or one
 * that declares `matchKeys` without them.
 *
 * @example
 * ```ts
 * const store = createStore(createMemoryStore()); // a store already: returned as it is
 * await store.repository('deal').find({ where: [{ field: 'nickname', op: 'eq', value: 'x' }] }); // throws UNKNOWN_FIELD
 * await store.repository('deal').find({ limit: 0 }); // throws INVALID_ARGUMENT
 * (await store.repository('deal').find({})).items; //=> []
 * ```
 */
export function createStore(adapter: StoreAdapter): Store;
export function createStore<X extends object>(adapter: StoreAdapter, extras: X): Store & X;
export function createStore<X extends object>(adapter: StoreAdapter, extras?: X): Store & X {
  if (typeof adapter === 'object' && (adapter as unknown) !== null && MADE.has(adapter) && extras === undefined) return adapter as Store & X;
  checkAdapter(adapter);
  const capabilities = readCapabilities(adapter.capabilities);
  if (capabilities.matchKeys === true && !isMatchKeyIndex(adapter.matchKeys)) {
    throw new ValidationError('INVALID_ARGUMENT', 'An adapter declaring matchKeys has matchKeys: { set, lookup }.');
  }
  const store: Store & X = Object.freeze({
    ...extras,
    capabilities,
    ...scopeOf(adapter, capabilities),
    transaction: <R>(work: (scope: StoreScope) => Promise<R>): Promise<R> => {
      checkWork(work);
      return unitOfWork(adapter, capabilities, work);
    },
  }) as Store & X;
  MADE.add(store);
  return store;
}

function checkAdapter(adapter: unknown): asserts adapter is StoreAdapter {
  if (
    typeof adapter !== 'object' ||
    adapter === null ||
    typeof (adapter as Partial<StoreAdapter>).repository !== 'function' ||
    typeof (adapter as Partial<StoreAdapter>).transaction !== 'function' ||
    typeof (adapter as Partial<StoreAdapter>).events !== 'object'
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'createStore takes an adapter: { capabilities, repository, events, transaction }.');
  }
}

function readCapabilities(value: unknown): StoreCapabilities {
  const bad = (what: string): ValidationError => new ValidationError('INVALID_ARGUMENT', `The adapter's capabilities: ${what}.`);
  if (!isPlainRecord(value)) throw bad('a plain object { transactions, operators, customFieldFilters, multiFieldFilters, maxPageSize, matchKeys?, aggregate? }');
  const { transactions, operators, customFieldFilters, multiFieldFilters, maxPageSize, matchKeys, aggregate } = value;
  if (typeof transactions !== 'boolean' || typeof customFieldFilters !== 'boolean' || typeof multiFieldFilters !== 'boolean') {
    throw bad('transactions, customFieldFilters and multiFieldFilters are true or false');
  }
  if (matchKeys !== undefined && typeof matchKeys !== 'boolean') throw bad('matchKeys is true or false');
  if (aggregate !== undefined && typeof aggregate !== 'boolean') throw bad('aggregate is true or false');
  if (!Array.isArray(operators) || !(operators as readonly unknown[]).every((op) => (FILTER_OPERATORS as readonly unknown[]).includes(op))) {
    throw bad('operators lists filter operators');
  }
  if (typeof maxPageSize !== 'number' || !Number.isSafeInteger(maxPageSize) || maxPageSize < 1) throw bad('maxPageSize is a whole number from 1');
  return Object.freeze({
    transactions,
    operators: Object.freeze([...(operators as StoreCapabilities['operators'])]),
    customFieldFilters,
    multiFieldFilters,
    maxPageSize,
    matchKeys: matchKeys === true,
    aggregate: aggregate === true,
  });
}

function isMatchKeyIndex(value: unknown): value is MatchKeyIndex {
  return typeof value === 'object' && value !== null && typeof (value as Partial<MatchKeyIndex>).set === 'function' && typeof (value as Partial<MatchKeyIndex>).lookup === 'function';
}

function checkWork(work: unknown): void {
  if (typeof work !== 'function') throw new ValidationError('INVALID_ARGUMENT', "transaction takes a function of the unit's scope.");
}

// Runs work in a unit of the adapter. What the work throws itself is rethrown unchanged (a
// business error, or a failure of the host's clock); only the adapter's own failures are
// ADAPTER_FAILURE.
async function unitOfWork<R>(
  scope: Pick<AdapterScope, 'transaction'>,
  capabilities: StoreCapabilities,
  work: (scope: StoreScope) => Promise<R>,
): Promise<R> {
  if (scope.transaction === undefined) throw new AdapterError('UNSUPPORTED', 'This store has no nested units of work.');
  let thrown: { readonly error: unknown } | undefined;
  try {
    return await scope.transaction<R>(async (inner: AdapterScope) => {
      try {
        return await work(scopeOf(inner, capabilities));
      } catch (error) {
        thrown = { error };
        throw error;
      }
    });
  } catch (error) {
    if (thrown !== undefined && thrown.error === error) throw error;
    throw adapterFailure(error);
  }
}

function scopeOf(scope: AdapterScope, capabilities: StoreCapabilities): StoreScope {
  const repositories = new Map<EntityType, Repository>();
  const out: Record<string, unknown> = {
    repository: (entityType: EntityType): Repository => {
      if (!isEntityType(entityType)) throw new ValidationError('INVALID_ARGUMENT', 'repository takes a known entity type.');
      let repository = repositories.get(entityType);
      if (repository === undefined) {
        repository = repositoryOf(scope.repository(entityType), entityType, capabilities);
        repositories.set(entityType, repository);
      }
      return repository;
    },
    events: eventLogOf(scope.events),
  };
  if (capabilities.matchKeys === true) {
    // createStore checked the adapter's own; a unit's scope is seen only now.
    if (!isMatchKeyIndex(scope.matchKeys)) throw malformed('a unit of work without the match keys it declares');
    out.matchKeys = matchKeysOf(scope.matchKeys);
  }
  if (typeof scope.transaction === 'function') {
    out.transaction = <R>(work: (inner: StoreScope) => Promise<R>): Promise<R> => {
      checkWork(work);
      return unitOfWork(scope, capabilities, work);
    };
  }
  return Object.freeze(out) as unknown as StoreScope;
}

function adapterFailure(cause: unknown): unknown {
  return isCrmError(cause) ? cause : new AdapterError('ADAPTER_FAILURE', 'The storage adapter failed; see cause.', { cause });
}

async function guarded<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    throw adapterFailure(error);
  }
}

function malformed(what: string): AdapterError {
  return new AdapterError('ADAPTER_FAILURE', `The storage adapter returned ${what}.`);
}

function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '') throw new ValidationError('INVALID_ARGUMENT', 'An id is a non-empty string.');
  if (!isStorableText(id)) throw new ValidationError('INVALID_TEXT', 'An id holds a NUL or a lone surrogate.');
}

function checkVersion(version: unknown, name: string, from: number): asserts version is number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < from) {
    throw new ValidationError('INVALID_ARGUMENT', `${name} is a whole number from ${from}.`);
  }
}

// A record to write: frozen plain data with an id and a version. Records crm-kit built and sealed
// go as they are; anything else is copied once.
function recordToWrite(record: unknown): StoredRecord {
  const frozen = isSealed(record) ? record : snapshotInput(record, 'A stored record');
  if (!isPlainRecord(frozen) || typeof frozen.id !== 'string' || frozen.id === '') {
    throw new ValidationError('INVALID_ARGUMENT', 'A stored record is a plain object with a non-empty text id.');
  }
  checkVersion(frozen.version, "A stored record's version", 1);
  return frozen as unknown as StoredRecord;
}

function returnedRecord(value: unknown): StoredRecord {
  if (!isPlainRecord(value) || typeof value.id !== 'string' || value.id === '' || !Number.isSafeInteger(value.version) || (value.version as number) < 1) {
    throw malformed('a record that is not a plain object with an id and a version');
  }
  return value as unknown as StoredRecord;
}

function listOf(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ValidationError('INVALID_ARGUMENT', `${what} is a list.`);
  return value as readonly unknown[];
}

function repositoryOf(repository: RepositoryAdapter, entityType: EntityType, capabilities: StoreCapabilities): Repository {
  const normalized = (query: Query): NormalizedQuery =>
    isNormalizedFor(query, entityType, capabilities) ? query : normalizeQuery(query, { entityType, capabilities });
  // Made at the call with a checked query, so that a malformed one fails before any iteration.
  const streamOf = (checked: NormalizedQuery): AsyncIterable<StoredRecord> =>
    (async function* records(): AsyncGenerator<StoredRecord> {
      try {
        for await (const record of repository.stream(checked)) yield returnedRecord(record);
      } catch (error) {
        throw adapterFailure(error);
      }
    })();

  return Object.freeze({
    get: async (id: string) => {
      checkId(id);
      const found = await guarded(() => repository.get(id));
      if (found === null) return null;
      const record = returnedRecord(found);
      if (record.id !== id) throw malformed('another record than the one asked for');
      return record;
    },
    getMany: async (ids: readonly string[]) => {
      const list = listOf(ids, 'getMany takes ids: it') as readonly string[];
      assertWithinLimit('queryValues', list.length, 'The ids of getMany');
      list.forEach(checkId);
      const found = await guarded(() => repository.getMany(list));
      if (!Array.isArray(found)) throw malformed('something that is not a list of records');
      const asked = new Set(list);
      return (found as readonly unknown[]).map((one) => {
        const record = returnedRecord(one);
        if (!asked.has(record.id)) throw malformed('a record that was not asked for');
        return record;
      });
    },
    find: async (query: Query) => {
      const checked = normalized(query);
      const page: unknown = await guarded(() => repository.find(checked));
      if (!isPlainRecord(page) || !Array.isArray(page.items) || page.items.length > checked.limit) throw malformed('a page that is not { items, nextCursor? } within the limit');
      const nextCursor: unknown = page.nextCursor;
      if (nextCursor !== undefined && (typeof nextCursor !== 'string' || nextCursor === '')) throw malformed('a cursor that is not text');
      const items = (page.items as readonly unknown[]).map(returnedRecord);
      return nextCursor === undefined ? { items } : ({ items, nextCursor } satisfies Page<StoredRecord>);
    },
    stream: (query: Query) => streamOf(normalized(query)),
    count: async (query: Query) => {
      const checked = normalized(query);
      const count: unknown = await guarded(() => repository.count(checked));
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) throw malformed('a count that is not a whole number');
      return count;
    },
    aggregate: async (query: Query, spec: AggregateSpec) => {
      // The order and the page are ignored: a cursor does not cut the records away from the fold.
      const checked = normalized(isPlainRecord(query) && query.cursor !== undefined ? { ...query, cursor: undefined } : query);
      const checkedSpec = normalizeAggregateSpec(spec, entityType);
      if (capabilities.aggregate !== true) return foldAggregate(streamOf(checked), checkedSpec);
      const groups: unknown = await guarded(() => repository.aggregate?.(checked, checkedSpec) ?? Promise.reject(malformed('no aggregate, though it declares the capability')));
      return returnedGroups(groups, checkedSpec);
    },
    insert: async (record: StoredRecord) => {
      const written = recordToWrite(record);
      await guarded(() => repository.insert(written));
      return written;
    },
    insertMany: async (records: readonly StoredRecord[]) => {
      const written = listOf(records, 'insertMany takes records: it').map(recordToWrite);
      if (repository.insertMany !== undefined) await guarded(() => repository.insertMany?.(written) ?? Promise.resolve());
      else for (const record of written) await guarded(() => repository.insert(record));
      return written;
    },
    update: async (record: StoredRecord, expectedVersion: number) => {
      const written = updateToWrite({ record, expectedVersion });
      await guarded(() => repository.update(written.record, written.expectedVersion));
      return written.record;
    },
    updateMany: async (updates: readonly RecordUpdate[]) => {
      const written = listOf(updates, 'updateMany takes updates: it').map(updateToWrite);
      if (repository.updateMany !== undefined) await guarded(() => repository.updateMany?.(written) ?? Promise.resolve());
      else for (const { record, expectedVersion } of written) await guarded(() => repository.update(record, expectedVersion));
      return written.map((update) => update.record);
    },
    delete: async (id: string, expectedVersion?: number) => {
      checkId(id);
      if (expectedVersion !== undefined) checkVersion(expectedVersion, 'expectedVersion', 0);
      await guarded(() => repository.delete(id, expectedVersion));
    },
  });
}

function updateToWrite(update: unknown): RecordUpdate {
  if (!isPlainRecord(update)) throw new ValidationError('INVALID_ARGUMENT', 'An update is { record, expectedVersion }.');
  const { expectedVersion } = update;
  checkVersion(expectedVersion, 'expectedVersion', 0);
  const record = recordToWrite(update.record);
  if (record.version !== expectedVersion + 1) throw new ValidationError('INVALID_ARGUMENT', "An updated record's version is expectedVersion + 1.");
  return { record, expectedVersion };
}

function eventToWrite(event: unknown): NewEvent {
  const frozen = isSealed(event) ? event : snapshotInput(event, 'An event');
  if (
    !isPlainRecord(frozen) ||
    !(EVENT_TYPES as readonly unknown[]).includes(frozen.type) ||
    !isEntityType(frozen.entityType) ||
    typeof frozen.entityId !== 'string' ||
    frozen.entityId === '' ||
    !isInstant(frozen.at) ||
    typeof frozen.byId !== 'string' ||
    frozen.byId === '' ||
    !isPlainRecord(frozen.data) ||
    Object.keys(frozen).length !== 6
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'An event is { type, entityType, entityId, at: Date, byId, data: {} }: a known type and entity type, and non-empty texts.');
  }
  return frozen as unknown as NewEvent;
}

function returnedEvent(value: unknown): LoggedEvent {
  if (
    !isPlainRecord(value) ||
    !Number.isSafeInteger(value.sequence) ||
    typeof value.type !== 'string' ||
    typeof value.entityId !== 'string' ||
    !isInstant(value.at) ||
    !isPlainRecord(value.data)
  ) {
    throw malformed('an event that is not { sequence, type, entityType, entityId, at, byId, data }');
  }
  return value as unknown as LoggedEvent;
}

/** Checks an event query: known keys, a known entity type and event types, valid instants, whole numbers. */
function checkEventQuery(query: unknown): EventQuery {
  const bad = (what: string): ValidationError => new ValidationError('INVALID_ARGUMENT', `An event query: ${what}.`);
  if (!isPlainRecord(query)) throw bad('a plain object { entityType?, entityId?, types?, from?, to?, afterSequence?, limit? }');
  const known = new Set(['entityType', 'entityId', 'types', 'from', 'to', 'afterSequence', 'limit']);
  if (Object.keys(query).some((key) => !known.has(key))) throw bad('only entityType, entityId, types, from, to, afterSequence and limit');
  const { entityType, entityId, types, from, to, afterSequence, limit } = query;
  if (entityType !== undefined && !isEntityType(entityType)) throw bad('entityType is a known entity type');
  if (entityId !== undefined && (typeof entityId !== 'string' || entityId === '')) throw bad('entityId is a non-empty text');
  if (types !== undefined && !(Array.isArray(types) && (types as readonly unknown[]).every((type) => (EVENT_TYPES as readonly unknown[]).includes(type)))) {
    throw bad('types lists event types');
  }
  if ((from !== undefined && !isInstant(from)) || (to !== undefined && !isInstant(to))) throw bad('from and to are valid Dates');
  if (afterSequence !== undefined && !(typeof afterSequence === 'number' && Number.isSafeInteger(afterSequence))) throw bad('afterSequence is a whole number');
  if (limit !== undefined && !(typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0)) throw bad('limit is a whole number from 0');
  return query;
}

function eventLogOf(events: EventLogAdapter): StoreScope['events'] {
  return Object.freeze({
    append: async (list: readonly NewEvent[]) => {
      const written = listOf(list, 'append takes events: it').map(eventToWrite);
      const logged: unknown = await guarded(() => events.append(written));
      if (!Array.isArray(logged) || logged.length !== written.length) throw malformed('another number of logged events than were appended');
      return (logged as readonly unknown[]).map(returnedEvent);
    },
    read: (query: EventQuery) => {
      const checked = checkEventQuery(query);
      return (async function* logged(): AsyncGenerator<LoggedEvent> {
        try {
          for await (const event of events.read(checked)) yield returnedEvent(event);
        } catch (error) {
          throw adapterFailure(error);
        }
      })();
    },
  });
}

// Match keys as an adapter receives them: distinct non-empty texts a database keeps, first given
// first, frozen.
function checkKeys(keys: unknown, limit: 'listItems' | 'queryValues'): readonly string[] {
  const list = listOf(keys, 'Match keys are');
  assertWithinLimit(limit, list.length, 'The match keys');
  const texts = list.filter((key): key is string => typeof key === 'string' && key !== '');
  if (texts.length !== list.length) throw new ValidationError('INVALID_ARGUMENT', 'A match key is a non-empty text.');
  if (!texts.every((key) => isStorableText(key))) throw new ValidationError('INVALID_TEXT', 'A match key holds a NUL or a lone surrogate.');
  return Object.freeze([...new Set(texts)]);
}

function checkEntityType(entityType: unknown, operation: string): asserts entityType is EntityType {
  if (!isEntityType(entityType)) throw new ValidationError('INVALID_ARGUMENT', `${operation} takes a known entity type.`);
}

// What a lookup returns, checked against the keys asked: ids ascending (so each once), keys each
// held, once, in the order asked. A fresh frozen copy, so the adapter's own arrays never leak.
function returnedHits(hits: unknown, asked: readonly string[]): readonly MatchKeyHit[] {
  if (!Array.isArray(hits)) throw malformed('match-key hits that are not a list');
  const position = new Map(asked.map((key, index) => [key, index] as const));
  let previous: string | undefined;
  return Object.freeze(
    (hits as readonly unknown[]).map((hit): MatchKeyHit => {
      if (!isPlainRecord(hit) || typeof hit.id !== 'string' || hit.id === '' || !Array.isArray(hit.keys) || hit.keys.length === 0) {
        throw malformed('a match-key hit that is not { id, keys } with an id and at least one key');
      }
      if (previous !== undefined && !(previous < hit.id)) throw malformed('match-key hits that are not by ascending id, each once');
      previous = hit.id;
      let last = -1;
      for (const key of hit.keys as readonly unknown[]) {
        const at = typeof key === 'string' ? position.get(key) : undefined;
        if (at === undefined || at <= last) throw malformed('a match-key hit whose keys are not keys asked for, each once, in the order asked');
        last = at;
      }
      return Object.freeze({ id: hit.id, keys: Object.freeze([...(hit.keys as readonly string[])]) });
    }),
  );
}

const NO_HITS: readonly MatchKeyHit[] = /* @__PURE__ */ Object.freeze([]);

function matchKeysOf(index: MatchKeyIndex): MatchKeyIndex {
  return Object.freeze({
    set: async (entityType: EntityType, id: string, keys: readonly string[]) => {
      checkEntityType(entityType, 'set');
      checkId(id);
      const checked = checkKeys(keys, 'listItems');
      await guarded(() => index.set(entityType, id, checked));
    },
    lookup: async (entityType: EntityType, keys: readonly string[]) => {
      checkEntityType(entityType, 'lookup');
      const checked = checkKeys(keys, 'queryValues');
      if (checked.length === 0) return NO_HITS;
      const hits: unknown = await guarded(() => index.lookup(entityType, checked));
      return returnedHits(hits, checked);
    },
  });
}
