import type { StoredRecord } from '../../../entities/index.js';
import type { EntityType } from '../../../fields/index.js';
import { ConflictError, isPlainRecord, NotFoundError } from '../../../kernel/index.js';
import type { EventLog, LoggedEvent, NewEvent, Page, Query, Repository } from '../../../store/index.js';
import { compileEventQuery, checkNewEvents } from './events.js';
import { compileFilter, compileQuery, indexHints } from './compile-query.js';
import { copyPlain } from './copy.js';
import { invalid } from './errors.js';
import { selectAll, selectPage } from './select-page.js';
import type { Session } from './state.js';

/** The repository of one entity type over a session. */
export function createRepository(session: Session, entityType: EntityType, maxPageSize: number): Repository {
  // The records a checked query may match: those its equality indexes name, or every record.
  const candidates = (query: Query): Iterable<StoredRecord> => session.candidates(entityType, indexHints(query));
  const find = (query: Query): Page<StoredRecord> => {
    const compiled = compileQuery(query, maxPageSize);
    const page = selectPage(candidates(query), compiled);
    return page.nextCursor === undefined
      ? { items: page.items.map(copyPlain) }
      : { items: page.items.map(copyPlain), nextCursor: page.nextCursor };
  };
  return {
    get: async (id) => {
      checkId(id);
      const found = session.current(entityType, id);
      return Promise.resolve(found === undefined ? null : copyPlain(found));
    },
    getMany: async (ids) => {
      const given: unknown = ids;
      if (!Array.isArray(given)) throw invalid('getMany takes a list of ids.');
      const list = given as readonly unknown[];
      list.forEach(checkId);
      const found: StoredRecord[] = [];
      for (const id of list as readonly string[]) {
        const record = session.current(entityType, id);
        if (record !== undefined) found.push(copyPlain(record));
      }
      return Promise.resolve(found);
    },
    find: async (query) => Promise.resolve(find(query)),
    stream: (query) => {
      // Checked now, so that a malformed query fails at the call, before any iteration.
      const compiled = compileQuery(query, maxPageSize);
      return (async function* (): AsyncGenerator<StoredRecord> {
        // The matches are taken when iteration starts, in one pass; each is copied as it is
        // yielded, and other work may run between chunks of `limit` records.
        const matches = selectAll(candidates(query), compiled);
        for (let start = 0; start < matches.length; start += compiled.limit) {
          yield* matches.slice(start, start + compiled.limit).map(copyPlain);
          await Promise.resolve();
        }
      })();
    },
    count: async (query) => {
      const matches = compileFilter(query);
      let total = 0;
      for (const record of candidates(query)) if (matches(record)) total += 1;
      return Promise.resolve(total);
    },
    insert: async (record) => {
      const stored = checkRecord(record);
      if (session.current(entityType, stored.id) !== undefined) {
        throw new ConflictError('DUPLICATE_ID', `A ${entityType} with this id exists; nothing was stored.`);
      }
      session.put(entityType, stored.id, stored);
      return Promise.resolve(copyPlain(stored));
    },
    update: async (record, expectedVersion) => {
      checkVersion(expectedVersion, 'expectedVersion');
      const stored = checkRecord(record);
      if (stored.version !== expectedVersion + 1) {
        throw invalid('An updated record\'s version is expectedVersion + 1.');
      }
      const current = session.current(entityType, stored.id);
      if (current === undefined) throw new NotFoundError('NOT_FOUND', `No ${entityType} with this id; nothing was stored.`);
      if (current.version !== expectedVersion) {
        throw new ConflictError('VERSION_CONFLICT', `The ${entityType} was changed by someone else (its version is not the expected one); nothing was stored.`);
      }
      session.put(entityType, stored.id, stored);
      return Promise.resolve(copyPlain(stored));
    },
    delete: async (id, expectedVersion) => {
      checkId(id);
      if (expectedVersion !== undefined) checkVersion(expectedVersion, 'expectedVersion');
      const current = session.current(entityType, id);
      if (current === undefined) throw new NotFoundError('NOT_FOUND', `No ${entityType} with this id; nothing was removed.`);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new ConflictError('VERSION_CONFLICT', `The ${entityType} was changed by someone else (its version is not the expected one); nothing was removed.`);
      }
      session.put(entityType, id, null);
      return Promise.resolve();
    },
  };
}

/** The event log over a session. */
export function createEventLog(session: Session): EventLog {
  return {
    append: async (events) => {
      const checked: readonly NewEvent[] = checkNewEvents(events);
      return Promise.resolve(session.append(checked).map(copyPlain));
    },
    read: (query) => {
      const filter = compileEventQuery(query);
      return (async function* (): AsyncGenerator<LoggedEvent> {
        await Promise.resolve();
        let given = 0;
        for (const event of session.visibleEvents()) {
          if (given >= filter.limit) return;
          if (!filter.test(event)) continue;
          given += 1;
          yield copyPlain(event);
        }
      })();
    },
  };
}

function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string') throw invalid('An id is text.');
}

function checkVersion(version: unknown, name: string): asserts version is number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw invalid(`${name} is a whole number from 0.`);
  }
}

function checkRecord(record: unknown): StoredRecord {
  if (!isPlainRecord(record) || typeof record.id !== 'string' || record.id === '') {
    throw invalid('A stored record is a plain object with a non-empty text id.');
  }
  if (typeof record.version !== 'number' || !Number.isSafeInteger(record.version) || record.version < 1) {
    throw invalid('A stored record\'s version is a whole number from 1.');
  }
  return copyPlain(record) as unknown as StoredRecord;
}
