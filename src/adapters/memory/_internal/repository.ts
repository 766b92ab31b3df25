import type { StoredRecord } from '../../../entities/index.js';
import type { EntityType } from '../../../fields/index.js';
import { ConflictError, NotFoundError } from '../../../kernel/index.js';
import type { EventLogAdapter, LoggedEvent, MatchKeyIndex, NormalizedQuery, Page, RecordUpdate, RepositoryAdapter } from '../../../store/index.js';
import { foldAggregate } from '../../../store/index.js';
import { compileFilter, compileQuery, indexHints } from './compile-query.js';
import { eventFilter } from './events.js';
import type { Keyed } from './compile-query.js';
import { pageOfSorted, selectAll, selectPage, sortedMatches } from './select-page.js';
import type { Session } from './state.js';

// Queries, records and events arrive checked and frozen from the store factory (createStore), so
// nothing here checks them again, and records are kept and handed out as they are: frozen data
// needs no copy.

/** How many page walks a repository remembers at once. */
const WALKS_REMEMBERED = 4;

/** The repository of one entity type over a session. */
export function createRepository(session: Session, entityType: EntityType): RepositoryAdapter {
  // The records a checked query may match: those its equality indexes name, or every record.
  const candidates = (query: NormalizedQuery): Iterable<StoredRecord> => session.candidates(entityType, indexHints(query));

  // A walk over pages asks the same query again and again with the next cursor. Each page alone
  // costs a pass over the table, so a walk would be quadratic; instead, the first page after a
  // cursor sorts all the matches once, and the pages that follow, at the same revision of the
  // data, are binary searches into them. A few walks are remembered at once (the latest ones), and
  // only outside units.
  const walks = new Map<string, { readonly revision: number; readonly rows: readonly Keyed<StoredRecord>[] }>();
  // Stryker disable next-line BlockStatement: a shortcut; without a page here find scans the table (selectPage) for the same page
  const pageAfterCursor = (query: NormalizedQuery): Page<StoredRecord> | undefined => {
    const revision = session.revision();
    if (revision === undefined || query.cursor === undefined) return undefined;
    const key = JSON.stringify([query.where, query.scope ?? null, query.sort]);
    const compiled = compileQuery(query);
    let walk = walks.get(key);
    walks.delete(key);
    if (walk?.revision !== revision) walk = { revision, rows: sortedMatches(candidates(query), compiled) };
    walks.set(key, walk);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: how many walks are remembered changes memory and speed, not pages
    for (const stale of walks.keys()) if (walks.size > WALKS_REMEMBERED) walks.delete(stale);
    return pageOfSorted(walk.rows, compiled);
  };

  // Every write of a call is checked before any is made, so a batch is all or nothing.
  const checkInsert = (records: readonly StoredRecord[]): void => {
    const ids = new Set<string>();
    for (const { id } of records) {
      if (ids.has(id) || session.current(entityType, id) !== undefined) {
        // Stryker disable next-line StringLiteral: message text
        throw new ConflictError('DUPLICATE_ID', `A ${entityType} with this id exists; nothing was stored.`);
      }
      ids.add(id);
    }
  };
  const checkUpdate = (updates: readonly RecordUpdate[]): void => {
    const ids = new Set<string>();
    for (const { record, expectedVersion } of updates) {
      const current = session.current(entityType, record.id);
      // Stryker disable next-line StringLiteral: message text
      if (current === undefined) throw new NotFoundError('NOT_FOUND', `No ${entityType} with this id; nothing was stored.`);
      if (current.version !== expectedVersion || ids.has(record.id)) {
        // Stryker disable next-line StringLiteral: message text
        throw new ConflictError('VERSION_CONFLICT', `The ${entityType} was changed by someone else (its version is not the expected one); nothing was stored.`);
      }
      ids.add(record.id);
    }
  };

  return {
    get: async (id) => Promise.resolve(session.current(entityType, id) ?? null),
    getMany: async (ids) => {
      const found: StoredRecord[] = [];
      for (const id of ids) {
        const record = session.current(entityType, id);
        if (record !== undefined) found.push(record);
      }
      return Promise.resolve(found);
    },
    find: async (query) => {
      const page: Page<StoredRecord> = pageAfterCursor(query) ?? selectPage(candidates(query), compileQuery(query));
      return Promise.resolve(page);
    },
    stream: (query) => {
      // The cursor is decoded now, so that a foreign one fails at the call.
      const compiled = compileQuery(query);
      return (async function* (): AsyncGenerator<StoredRecord> {
        // The matches are taken when iteration starts, in one pass; other work may run between
        // chunks of `limit` records.
        const matches = selectAll(candidates(query), compiled);
        for (let start = 0; start < matches.length; start += compiled.limit) {
          yield* matches.slice(start, start + compiled.limit);
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
    // The store's own fold, over the matches in one pass, without the stream's chunks.
    aggregate: async (query, spec) => {
      const matches = compileFilter(query);
      const records = candidates(query);
      return foldAggregate({ *[Symbol.iterator]() { for (const record of records) if (matches(record)) yield record; } }, spec);
    },
    insert: async (record) => {
      checkInsert([record]);
      session.put(entityType, [[record.id, record]]);
      return Promise.resolve();
    },
    insertMany: async (records) => {
      checkInsert(records);
      session.put(entityType, records.map((record) => [record.id, record] as const));
      return Promise.resolve();
    },
    update: async (record, expectedVersion) => {
      checkUpdate([{ record, expectedVersion }]);
      session.put(entityType, [[record.id, record]]);
      return Promise.resolve();
    },
    updateMany: async (updates) => {
      checkUpdate(updates);
      session.put(entityType, updates.map(({ record }) => [record.id, record] as const));
      return Promise.resolve();
    },
    delete: async (id, expectedVersion) => {
      const current = session.current(entityType, id);
      // Stryker disable next-line StringLiteral: message text
      if (current === undefined) throw new NotFoundError('NOT_FOUND', `No ${entityType} with this id; nothing was removed.`);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        // Stryker disable next-line StringLiteral: message text
        throw new ConflictError('VERSION_CONFLICT', `The ${entityType} was changed by someone else (its version is not the expected one); nothing was removed.`);
      }
      session.put(entityType, [[id, null]]);
      return Promise.resolve();
    },
  };
}

/** The event log over a session. */
export function createEventLog(session: Session): EventLogAdapter {
  return {
    append: async (events) => Promise.resolve(session.append(events)),
    read: (query) => {
      const filter = eventFilter(query);
      return (async function* (): AsyncGenerator<LoggedEvent> {
        await Promise.resolve();
        let given = 0;
        for (const event of session.visibleEvents()) {
          if (given >= filter.limit) return;
          if (!filter.test(event)) continue;
          given += 1;
          yield event;
        }
      })();
    },
  };
}

/** The match keys over a session. */
export function createMatchKeys(session: Session): MatchKeyIndex {
  return {
    set: async (entityType, id, keys) => {
      // The factory hands distinct keys, frozen: kept as they are.
      session.setKeys(entityType, id, keys);
      return Promise.resolve();
    },
    lookup: async (entityType, keys) => Promise.resolve(session.lookupKeys(entityType, keys)),
  };
}
