import { describe, expect, it } from 'vitest';
import { ConflictError, ENTITY_TYPES, NotFoundError } from 'crm-kit';
import type { AdapterScope, EntityType, EventLogAdapter, LoggedEvent, RepositoryAdapter, StoreAdapter, StoredRecord } from 'crm-kit';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import type { MemoryStore } from '../../src/adapters/memory/index.js';
import { modelBasedConformance, repositoryConformance } from '../../src/testing/index.js';

// Stores that pass every case written before the concurrency suite, yet lose writes, break
// isolation or give the wrong refusal when writes run at the same time; and one that is slow but
// right. Each is built
// over memory stores, through their public API only.

/** A store with the raw reader the suite needs. */
interface InspectableStore extends StoreAdapter {
  inspect(entityType: EntityType, id: string): StoredRecord | null;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The names of the cases a store fails, in the suite's order. */
async function failedCases(createStore: () => InspectableStore): Promise<string[]> {
  const cases = repositoryConformance({ createStore, inspect: (store, entityType, id) => store.inspect(entityType, id) });
  const failed: string[] = [];
  for (const item of cases) {
    try {
      await item.run();
    } catch {
      failed.push(item.name);
    }
  }
  return failed;
}

const ONE_WINNER_UPDATES =
  'concurrency: of concurrent updates of one record at one expected version, exactly one succeeds and the others fail with VERSION_CONFLICT';
const ONE_WINNER_UNITS =
  'concurrency: of concurrent transactions updating one record at one expected version, exactly one commits and the others reject with VERSION_CONFLICT';
const AHEAD =
  'concurrency: a write expecting the version a concurrent update is about to give either runs after it or fails with VERSION_CONFLICT, never NOT_FOUND';
const DELETE_OR_UPDATE = 'concurrency: of concurrent deletes and updates of one record at one expected version, in transactions or not, exactly one succeeds';
const ONE_DELETE =
  'concurrency: of concurrent deletes of one record, in transactions or not, exactly one succeeds and the others fail with NOT_FOUND or VERSION_CONFLICT';
const ONE_INSERT = 'concurrency: of concurrent inserts of one id, in transactions or not, exactly one succeeds and the others fail with DUPLICATE_ID';
const DISJOINT_UNITS =
  'concurrency: concurrent transactions writing different records keep every write they committed, and those made outside them meanwhile';
const ROLLBACK = 'concurrency: a transaction that rolls back never undoes what others committed while it ran';
const OUTSIDE_READER =
  'concurrency: a reader outside a unit sees its writes all at once and only after it resolves, and never those of a unit that rolls back';
const EVENTS = 'concurrency: the events of committed units are all logged and those of rolled-back ones never are, with unique growing sequences';

/**
 * Stores whose data is a memory store that can be replaced wholesale: the ids ever inserted are
 * remembered, so that a copy of everything can be taken at once (synchronously).
 */
function wholesale(): {
  current: MemoryStore;
  readonly copy: (from: MemoryStore) => Promise<MemoryStore>;
  readonly scopeOver: (get: () => MemoryStore) => AdapterScope;
} {
  const known = new Map<EntityType, Set<string>>(ENTITY_TYPES.map((entityType) => [entityType, new Set<string>()]));
  const copy = async (from: MemoryStore): Promise<MemoryStore> => {
    const records = [...known].flatMap(([entityType, ids]) => [...ids].flatMap((id) => from.inspect(entityType, id) ?? []).map((record) => [entityType, record] as const));
    const events = from.inspectEvents();
    // The copy is taken above in one go; filling a new store may take turns, unseen by anyone.
    const into = createMemoryStore();
    for (const [entityType, record] of records) await into.repository(entityType).insert(record);
    // No event of these inner stores was ever rolled back, so their sequences have no gaps.
    if (events.length > 0) await into.events.append(events.map(({ sequence: _sequence, ...event }) => event));
    return into;
  };
  const scopeOver = (get: () => MemoryStore): AdapterScope => {
    const events: EventLogAdapter = { append: (list) => get().events.append(list), read: (query) => get().events.read(query) };
    return {
      repository: (entityType) => ({
        get: (id) => get().repository(entityType).get(id),
        getMany: (ids) => get().repository(entityType).getMany(ids),
        find: (query) => get().repository(entityType).find(query),
        stream: (query) => get().repository(entityType).stream(query),
        count: (query) => get().repository(entityType).count(query),
        aggregate: (query, spec) => get().repository(entityType).aggregate(query, spec),
        insert: (record) => {
          known.get(entityType)?.add(record.id);
          return get().repository(entityType).insert(record);
        },
        update: (record, expectedVersion) => get().repository(entityType).update(record, expectedVersion),
        delete: (id, expectedVersion) => get().repository(entityType).delete(id, expectedVersion),
      }),
      events,
    };
  };
  return { current: createMemoryStore(), copy, scopeOver };
}

/** (a) Each transaction runs on a private copy of all the data, swapped in when its work resolves. */
function createSwappingStore(): InspectableStore {
  const data = wholesale();
  return {
    ...data.scopeOver(() => data.current),
    // Its data is swapped wholesale; match keys are not part of that copy, so it keeps none.
    capabilities: { ...data.current.capabilities, matchKeys: false },
    transaction: async (work) => {
      const copy = await data.copy(data.current);
      const result = await work(data.scopeOver(() => copy));
      data.current = copy;
      return result;
    },
    inspect: (entityType, id) => data.current.inspect(entityType, id),
  };
}

/** (c) Each transaction writes straight into the data and, when its work rejects, puts back a copy taken when it began. */
function createRestoringStore(): InspectableStore {
  const data = wholesale();
  const live = data.scopeOver(() => data.current);
  return {
    ...live,
    // Its data is swapped wholesale; match keys are not part of that copy, so it keeps none.
    capabilities: { ...data.current.capabilities, matchKeys: false },
    transaction: async (work) => {
      const before = await data.copy(data.current);
      try {
        return await work(live);
      } catch (error) {
        data.current = before;
        throw error;
      }
    },
    inspect: (entityType, id) => data.current.inspect(entityType, id),
  };
}

/** An update that reads the version, waits for the database, then writes without checking again. */
function readThenUpdate(inner: RepositoryAdapter): RepositoryAdapter {
  return {
    ...inner,
    update: async (record, expectedVersion) => {
      const found = await inner.get(record.id);
      if (found === null) throw new NotFoundError('NOT_FOUND', 'No such record.');
      if (found.version !== expectedVersion) throw new ConflictError('VERSION_CONFLICT', 'The record changed.');
      await nextTurn();
      // UPDATE … WHERE id = $1: the version is not in the condition and the row count is not read.
      if ((await inner.get(record.id)) !== null) await Promise.all([inner.delete(record.id), inner.insert(record)]);
      return record;
    },
  };
}

/** (b) A memory store whose updates, inside transactions and outside them, read then write. */
function createReadThenUpdateStore(): InspectableStore {
  const store = createMemoryStore();
  return {
    ...store,
    repository: (entityType) => readThenUpdate(store.repository(entityType)),
    transaction: (work) =>
      store.transaction((scope) => work({ repository: (entityType) => readThenUpdate(scope.repository(entityType)), events: scope.events, matchKeys: scope.matchKeys })),
  };
}

/**
 * Writes that find out why they were refused by reading the record again afterwards: one now at the
 * version the write expected is taken for one that came in after it, so it says NOT_FOUND.
 */
function explainAfterwards(inner: RepositoryAdapter): RepositoryAdapter {
  const why = async (id: string, expectedVersion: number | undefined, error: unknown): Promise<never> => {
    if (!(error instanceof ConflictError)) throw error;
    // The second statement, a turn of the database later.
    await Promise.resolve();
    const found = await inner.get(id);
    if (found === null || found.version === expectedVersion) throw new NotFoundError('NOT_FOUND', 'No such record.');
    throw error;
  };
  return {
    ...inner,
    update: (record, expectedVersion) => inner.update(record, expectedVersion).catch((error: unknown) => why(record.id, expectedVersion, error)),
    delete: (id, expectedVersion) => inner.delete(id, expectedVersion).catch((error: unknown) => why(id, expectedVersion, error)),
  };
}

/** (d) A memory store whose refused writes, outside transactions, are explained afterwards. */
function createExplainingAfterwardsStore(): InspectableStore {
  const store = createMemoryStore();
  return { ...store, repository: (entityType) => explainAfterwards(store.repository(entityType)) };
}

/** A right one: one lock for every unit of work and every call outside them, so that they run one at a time. */
function createLockingStore(): InspectableStore {
  const store = createMemoryStore();
  let last: Promise<unknown> = Promise.resolve();
  const locked = <T>(work: () => Promise<T>): Promise<T> => {
    const run = last.then(work, work);
    last = run.catch(() => undefined);
    return run;
  };
  async function* later<T>(items: () => Promise<T[]>): AsyncIterable<T> {
    yield* await items();
  }
  const events: EventLogAdapter = {
    append: (list) => locked(() => store.events.append(list)),
    read: (query) => later<LoggedEvent>(() => locked(() => drain(store.events.read(query)))),
  };
  return {
    capabilities: store.capabilities,
    repository: (entityType) => {
      const inner = store.repository(entityType);
      return {
        get: (id) => locked(() => inner.get(id)),
        getMany: (ids) => locked(() => inner.getMany(ids)),
        find: (query) => locked(() => inner.find(query)),
        aggregate: (query, spec) => locked(() => inner.aggregate(query, spec)),
        stream: (query) => later(() => locked(() => drain(inner.stream(query)))),
        count: (query) => locked(() => inner.count(query)),
        insert: (record) => locked(() => inner.insert(record)),
        update: (record, expectedVersion) => locked(() => inner.update(record, expectedVersion)),
        delete: (id, expectedVersion) => locked(() => inner.delete(id, expectedVersion)),
      };
    },
    events,
    matchKeys: {
      set: (entityType, id, keys) => locked(() => store.matchKeys?.set(entityType, id, keys) ?? Promise.resolve()),
      lookup: (entityType, keys) => locked(() => store.matchKeys?.lookup(entityType, keys) ?? Promise.resolve([])),
    },
    transaction: (work) => locked(() => store.transaction(work)),
    inspect: (entityType, id) => store.inspect(entityType, id),
  };
}

describe('the concurrency cases catch a broken store', () => {
  it('that runs each transaction on a private copy and swaps it in: acknowledged writes are lost, two updates at one version both commit', async () => {
    expect(await failedCases(createSwappingStore)).toEqual([ONE_WINNER_UNITS, DELETE_OR_UPDATE, ONE_DELETE, ONE_INSERT, DISJOINT_UNITS, ROLLBACK, EVENTS]);
  });

  it('whose update reads the version, waits, then writes without checking it again', async () => {
    expect(await failedCases(createReadThenUpdateStore)).toEqual([ONE_WINNER_UPDATES, ONE_WINNER_UNITS, DELETE_OR_UPDATE]);
  });

  it('whose refused write reads why afterwards and takes a record found at the expected version for a missing one', async () => {
    expect(await failedCases(createExplainingAfterwardsStore)).toEqual([AHEAD]);
  });

  it('whose transactions write straight into the data and put back a copy taken when they began, when they roll back', async () => {
    // A loser's rollback puts back the record the winner had changed, so a second update wins too.
    expect(await failedCases(createRestoringStore)).toEqual([ONE_WINNER_UNITS, DELETE_OR_UPDATE, ONE_DELETE, ONE_INSERT, ROLLBACK, OUTSIDE_READER, EVENTS]);
  });
});

describe('the concurrency cases accept a store', () => {
  it('that runs one unit of work at a time behind a lock', async () => {
    expect(await failedCases(createLockingStore)).toEqual([]);
  });
});

describe('the model-based suite, which also starts two writes together', () => {
  const model = async (createStore: () => InspectableStore): Promise<unknown> =>
    modelBasedConformance({ createStore, numRuns: 200, seed: 7 })[0]?.run();

  it('catches a store that runs each transaction on a private copy and swaps it in', async () => {
    await expect(model(createSwappingStore)).rejects.toThrow(/Counterexample: .*concurrently\(/);
  });

  it('catches a store whose update reads the version, waits, then writes without checking it again', async () => {
    await expect(model(createReadThenUpdateStore)).rejects.toThrow(/Counterexample: .*concurrently\(/);
  });

  it('catches a store that puts back a copy when a transaction rolls back', async () => {
    await expect(model(createRestoringStore)).rejects.toThrow(/Counterexample: .*concurrently\(/);
  });

  it('accepts a store that runs one unit of work at a time behind a lock', async () => {
    await expect(model(createLockingStore)).resolves.toEqual({ status: 'passed' });
  });
});
