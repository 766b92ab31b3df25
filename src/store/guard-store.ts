import type { EntityType } from '../fields/index.js';
import { AdapterError, isCrmError, ValidationError } from '../kernel/index.js';
import type { EventLog } from './event-log.js';
import type { Repository } from './repository.js';
import type { Store, StoreScope } from './store.js';

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

async function* guardedStream<T>(source: () => AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* source();
  } catch (error) {
    throw adapterFailure(error);
  }
}

function guardRepository(repository: Repository): Repository {
  return {
    get: (id) => guarded(() => repository.get(id)),
    getMany: (ids) => guarded(() => repository.getMany(ids)),
    find: (query) => guarded(() => repository.find(query)),
    stream: (query) => guardedStream(() => repository.stream(query)),
    count: (query) => guarded(() => repository.count(query)),
    insert: (record) => guarded(() => repository.insert(record)),
    update: (record, expectedVersion) => guarded(() => repository.update(record, expectedVersion)),
    delete: (id, expectedVersion) => guarded(() => repository.delete(id, expectedVersion)),
  };
}

function guardEvents(events: EventLog): EventLog {
  return {
    append: (list) => guarded(() => events.append(list)),
    read: (query) => guardedStream(() => events.read(query)),
  };
}

function guardScope(scope: StoreScope): StoreScope {
  return {
    repository: (entityType: EntityType) => guardRepository(scope.repository(entityType)),
    get events() {
      return guardEvents(scope.events);
    },
  };
}

/**
 * Wraps a store so that every failure of the adapter reaches the library as a crm-kit error:
 * errors the adapter throws that are already crm-kit errors (`NOT_FOUND`, `VERSION_CONFLICT`, …)
 * pass through, and anything else becomes {@link AdapterError} `ADAPTER_FAILURE` with the original
 * error as `cause`.
 *
 * @param store - The adapter's store.
 * @returns The same store, guarded.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a value that is not a store.
 *
 * @example
 * ```ts
 * const guardedStore = guardStore(myPostgresStore);
 * // A dropped connection inside guardedStore.repository('deal').get('7') rejects with
 * // AdapterError ADAPTER_FAILURE, the driver's error as its cause.
 * ```
 */
export function guardStore(store: Store): Store {
  const given = store as Partial<Store> | null | undefined;
  if (
    typeof given !== 'object' ||
    given === null ||
    typeof given.repository !== 'function' ||
    typeof given.transaction !== 'function' ||
    typeof given.events !== 'object'
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'guardStore takes a store: { capabilities, repository, events, transaction }.');
  }
  return {
    capabilities: store.capabilities,
    ...guardScope(store),
    get events() {
      return guardEvents(store.events);
    },
    transaction: (work) => guarded(() => store.transaction((scope) => work(guardScope(scope)))),
  };
}
