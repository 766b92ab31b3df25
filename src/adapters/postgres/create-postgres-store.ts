import type { StoredRecord } from '../../entities/index.js';
import type { EntityType } from '../../fields/index.js';
import { ConflictError, invalidArgument, isPlainRecord, NotFoundError, sealPlain } from '../../kernel/index.js';
import type { AdapterScope, EventLogAdapter, EventQuery, LoggedEvent, MatchKeyHit, MatchKeyIndex, NewEvent, NormalizedQuery, Page, RecordUpdate, RepositoryAdapter, Store, StoreAdapter, StoreCapabilities, StoreScope } from '../../store/index.js';
import { createStore, FILTER_OPERATORS } from '../../store/index.js';
import { checkSchema } from './migrations.js';
import type { Queryable } from './queryable.js';
import type { Layout } from './_internal/columns.js';
import { instantSql, instantText, isColumnInstant, layoutsOf, recordOf, rowOf, widthOf, writeCasts } from './_internal/columns.js';
import type { Dialect } from './_internal/compile-query.js';
import { aggregateStatement } from './_internal/aggregate.js';
import { orderingOf, whereOf } from './_internal/compile-query.js';
import { fromJson, jsonText } from './_internal/json-value.js';
import { Params, quoted } from './_internal/sql.js';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** Where the tables are (from `fromNodePostgres` or `fromPGlite`), migrated with `migrate`. */
  readonly db: Queryable;
  /** The schema `migrate` made the tables in. Default `public`. */
  readonly schema?: string | undefined;
  /** The largest page `find` returns. Default 1000. */
  readonly maxPageSize?: number | undefined;
  /**
   * How many times a unit of work is run again when PostgreSQL aborts it for a deadlock or a
   * serialization failure, before it rejects with `VERSION_CONFLICT`. Default 2.
   */
  readonly retries?: number | undefined;
}

/** The scope of a unit of work on the PostgreSQL store; nested units are savepoints. */
export interface PostgresStoreScope extends StoreScope {
  transaction<R>(work: (scope: PostgresStoreScope) => Promise<R>): Promise<R>;
}

/**
 * The PostgreSQL {@link Store}, with raw readers of what the tables hold (for tests and the
 * adapter conformance suite).
 */
export interface PostgresStore extends Store {
  transaction<R>(work: (scope: PostgresStoreScope) => Promise<R>): Promise<R>;
  /** The record as its row holds it, read with a statement of its own, or `null`. */
  inspect(entityType: EntityType, id: string): Promise<StoredRecord | null>;
  /** The match keys stored for a record, read with a statement of their own. */
  inspectMatchKeys(entityType: EntityType, id: string): Promise<readonly string[]>;
}

const DEFAULT_MAX_PAGE_SIZE = 1000;
const DEFAULT_RETRIES = 2;
// Rows per INSERT: PostgreSQL takes at most 65,535 parameters a statement.
const MOST_PARAMS = 60_000;
// How many runs an update or delete gets while the record is found at the version it expects after
// each refused run (see `write`): a third refused run needs the record deleted and inserted again
// at that version between runs, twice; the write then gives up with VERSION_CONFLICT.
const WRITE_ATTEMPTS = 3;
const RETRIED = new Set(['40001', '40P01']);

/**
 * Creates the PostgreSQL {@link Store} over tables made by `migrate`: the same contract as the
 * memory store, checked by the same conformance suite, in a database.
 *
 * - Each entity type has its table; standard fields have typed columns (amounts `numeric` read
 *   back as the exact text, instants `timestamptz`, calendar days `date` read as `YYYY-MM-DD`),
 *   custom values are `jsonb`. Every value is a parameter, every identifier comes from the field
 *   registry and is quoted.
 * - Queries become one statement: clauses, the reader's record scope, the order and keyset
 *   pagination (a cursor holds the last row's sort values). `stream` reads page by page.
 * - Writes check the version in the statement itself (`UPDATE … WHERE "id" = $1 AND "version" =
 *   $2`), so of concurrent writers at one version exactly one wins. A unit of work is a database
 *   transaction; one PostgreSQL aborts for a deadlock or a serialization failure is run again up to
 *   `retries` times, then rejects with `VERSION_CONFLICT`.
 * - `contains` and `startsWith` ignore case as the database's Unicode collation lowers it (ICU's
 *   `und-x-icu`, else `C.utf8`, else the database default).
 *
 * @param options - The database, the schema and limits.
 * @returns The store.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for options that are not valid.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createAccessPolicy, createCrm, manualClock, sequentialIds } from 'crm-kit';
 * import { createPostgresStore, fromPGlite, migrate } from 'crm-kit/postgres';
 *
 * const db = fromPGlite(await PGlite.create());
 * await migrate(db);
 * const crm = createCrm({ store: createPostgresStore({ db }), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }) });
 * const me = crm.as({ userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: true });
 * const deal = await me.deals.create({ title: 'Renewal', amount: { amount: '1200.50', currency: 'EUR' } });
 * (await me.deals.get(deal.id))?.amount; //=> { amount: '1200.50', currency: 'EUR' }
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  if (!isPlainRecord(options)) throw invalidArgument('createPostgresStore takes options { db, schema?, maxPageSize?, retries? }.');
  const { db } = options;
  if (!isPlainRecord(db) || typeof db.query !== 'function' || typeof db.transaction !== 'function') throw invalidArgument('db is a Queryable: use fromNodePostgres(pool) or fromPGlite(db).');
  const schema = checkSchema(options.schema);
  const maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
  if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1) throw invalidArgument('maxPageSize is a whole number from 1.');
  const retries = options.retries ?? DEFAULT_RETRIES;
  if (!Number.isSafeInteger(retries) || retries < 0) throw invalidArgument('retries is a whole number from 0.');
  const layouts = layoutsOf(schema);
  const tables = {
    events: `${quoted(schema)}."crm_events"`,
    keys: `${quoted(schema)}."crm_match_keys"`,
  };
  let dialect: Promise<Dialect> | undefined;
  // Found once; a lookup that failed (the database was down) is tried again on the next query.
  const dialectOf = (on: Queryable): Promise<Dialect> =>
    (dialect ??= findDialect(on).catch((error: unknown) => {
      dialect = undefined;
      throw error;
    }));
  const capabilities: StoreCapabilities = { transactions: true, operators: FILTER_OPERATORS, customFieldFilters: true, multiFieldFilters: true, maxPageSize, matchKeys: true, aggregate: true };

  // A scope over a connection: statements outside a unit, or those of one unit.
  const scopeOver = (on: Queryable, inUnit: boolean): AdapterScope => {
    const repositories = new Map<EntityType, RepositoryAdapter>();
    // All or nothing for a batch: a transaction of its own outside a unit, a savepoint inside one.
    const atomically = <R>(work: (tx: Queryable) => Promise<R>): Promise<R> => on.transaction(work);
    return {
      repository: (entityType) => {
        let repository = repositories.get(entityType);
        if (repository === undefined) {
          const layout = layouts.get(entityType);
          if (layout === undefined) throw invalidArgument('Unknown entity type.');
          repository = repositoryOver(on, layout, maxPageSize, atomically, () => dialectOf(on));
          repositories.set(entityType, repository);
        }
        return repository;
      },
      events: eventLogOver(on, tables.events, maxPageSize),
      matchKeys: matchKeysOver(on, tables.keys),
      ...(inUnit ? { transaction: <R>(work: (scope: AdapterScope) => Promise<R>) => on.transaction((tx) => work(scopeOver(tx, true))) } : {}),
    };
  };

  const adapter: StoreAdapter = {
    ...scopeOver(db, false),
    capabilities,
    transaction: async <R>(work: (scope: AdapterScope) => Promise<R>): Promise<R> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction((tx) => work(scopeOver(tx, true)));
        } catch (error) {
          if (!RETRIED.has(sqlStateOf(error))) throw error;
          // Stryker disable next-line StringLiteral: message text
          if (attempt >= retries) throw new ConflictError('VERSION_CONFLICT', 'The database aborted the unit of work for a concurrent one (a deadlock or a serialization failure); run it again.', { cause: error });
        }
      }
    },
  };
  const store = createStore(adapter, {
    inspect: async (entityType: EntityType, id: string): Promise<StoredRecord | null> => {
      const layout = layouts.get(entityType);
      if (layout === undefined) return null;
      const { rows } = await db.query(`SELECT ${layout.selectList} FROM ${layout.table} WHERE "id" = $1`, [id]);
      const [row] = rows;
      return row === undefined ? null : recordOf(layout, row);
    },
    inspectMatchKeys: async (entityType: EntityType, id: string): Promise<readonly string[]> => {
      const { rows } = await db.query(`SELECT "key" FROM ${tables.keys} WHERE "entity_type" = $1 AND "id" = $2 ORDER BY "key"`, [entityType, id]);
      return rows.map((row) => row[0] as string);
    },
  });
  return store as PostgresStore;
}

/**
 * The SQLSTATE of a database error, or `''`: the error itself, or the one it was caused by (a
 * statement's failure reaches the unit of work as the store's `ADAPTER_FAILURE`, with the
 * driver's error as its cause).
 */
function sqlStateOf(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause } = current as { readonly code?: unknown; readonly cause?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/u.test(code)) return code;
    current = cause;
  }
  return '';
}

// The collation whose lower() is closest to JavaScript's toLowerCase: PostgreSQL 18's pg_unicode_fast (full case
// mapping), else ICU's root, else libc's C.utf8, else the database default.
async function findDialect(db: Queryable): Promise<Dialect> {
  const { rows } = await db.query(`SELECT "collname" FROM pg_collation WHERE "collname" IN ('pg_unicode_fast', 'und-x-icu', 'C.utf8', 'C.UTF-8') AND "collencoding" IN (-1, pg_char_to_encoding('UTF8'))`);
  const names = new Set(rows.map((row) => row[0] as string));
  const found = ['pg_unicode_fast', 'und-x-icu', 'C.utf8', 'C.UTF-8'].find((name) => names.has(name));
  return { foldCollation: found === undefined ? '"default"' : quoted(found) };
}

function repositoryOver(db: Queryable, layout: Layout, maxPageSize: number, atomically: <R>(work: (tx: Queryable) => Promise<R>) => Promise<R>, dialect: () => Promise<Dialect>): RepositoryAdapter {
  const { table, selectList, columns } = layout;
  const columnList = [...columns.flatMap((column) => (column.currencySql === undefined ? [column.sql] : [column.sql, column.currencySql])), '"extra"'].join(', ');
  const width = columns.reduce((sum, column) => sum + widthOf(column.kind), 1);
  const valuesAt = (first: number): string => {
    const casts: string[] = [];
    let at = first;
    for (const column of columns) {
      casts.push(...writeCasts(column.kind, at));
      at += widthOf(column.kind);
    }
    casts.push(`$${String(at)}::jsonb`);
    return `(${casts.join(', ')})`;
  };
  // The SET list of an update, its values from $2 on ($1 is the record's id).
  const assignments = (() => {
    const parts: string[] = [];
    let at = 2;
    for (const column of columns) {
      const casts = writeCasts(column.kind, at);
      parts.push(`${column.sql} = ${casts[0] ?? ''}`);
      if (column.currencySql !== undefined) parts.push(`${column.currencySql} = ${casts[1] ?? ''}`);
      at += widthOf(column.kind);
    }
    parts.push(`"extra" = $${String(at)}::jsonb`);
    return parts.join(', ');
  })();

  const versionOf = async (on: Queryable, id: string): Promise<number | undefined> => {
    const { rows } = await on.query(`SELECT "version"::text FROM ${table} WHERE "id" = $1`, [id]);
    const [row] = rows;
    return row === undefined ? undefined : Number(row[0]);
  };
  // Runs a write of the record `id` (an UPDATE or DELETE that checks the version in its WHERE) and
  // throws why it touched no row: the record is not there (NOT_FOUND), or at another version
  // (VERSION_CONFLICT). A record found at the version the write expected came in, or reached that
  // version, after the write ran (another write landed between the two statements): the write
  // runs again, as if it had come after, rather than call a record that exists NOT_FOUND. A run
  // that touches no row changes nothing, so running again never applies a write twice.
  const write = async (on: Queryable, statement: string, params: readonly (string | null)[], id: string, expectedVersion: number | undefined): Promise<void> => {
    for (let attempt = 0; ; attempt += 1) {
      const { rowCount } = await on.query(statement, params);
      if (rowCount === 1) return;
      const version = expectedVersion === undefined ? undefined : await versionOf(on, id);
      // Stryker disable next-line StringLiteral: message text
      if (version === undefined) throw new NotFoundError('NOT_FOUND', `No ${layout.entityType} with this id.`);
      // Stryker disable next-line StringLiteral: message text
      if (version !== expectedVersion || attempt === WRITE_ATTEMPTS - 1) throw new ConflictError('VERSION_CONFLICT', `The ${layout.entityType} was changed by someone else.`);
    }
  };
  const insertRows = async (on: Queryable, records: readonly StoredRecord[]): Promise<void> => {
    const perStatement = Math.max(1, Math.floor(MOST_PARAMS / width));
    for (let from = 0; from < records.length; from += perStatement) {
      const part = records.slice(from, from + perStatement);
      const params = part.flatMap((record) => rowOf(layout, record));
      const values = part.map((_, index) => valuesAt(index * width + 1)).join(', ');
      const { rowCount } = await on.query(`INSERT INTO ${table} (${columnList}) VALUES ${values} ON CONFLICT ("id") DO NOTHING`, params);
      // Stryker disable next-line StringLiteral: message text
      if (rowCount !== part.length) throw new ConflictError('DUPLICATE_ID', `A ${layout.entityType} with this id exists.`);
    }
  };
  const updateRow = async (on: Queryable, record: StoredRecord, expectedVersion: number): Promise<void> => {
    const params = rowOf(layout, record);
    await write(on, `UPDATE ${table} SET ${assignments} WHERE "id" = $1 AND "version" = $${String(params.length + 2)}::bigint`, [record.id, ...params, String(expectedVersion)], record.id, expectedVersion);
  };
  const page = async (query: NormalizedQuery): Promise<Page<StoredRecord>> => {
    const params = new Params();
    const where = whereOf(layout, query, params, await dialect());
    const ordering = orderingOf(layout, query, params);
    const limit = params.add(String(query.limit + 1));
    const { rows } = await db.query(`SELECT ${selectList}${ordering.cursorSelect} FROM ${table} WHERE ${where} AND ${ordering.after} ORDER BY ${ordering.orderBy} LIMIT ${limit}::bigint`, params.values);
    const more = rows.length > query.limit;
    const kept = more ? rows.slice(0, query.limit) : rows;
    const items = kept.map((row) => recordOf(layout, row));
    const last = kept.at(-1);
    const lastItem = items.at(-1);
    if (!more || last === undefined || lastItem === undefined) return { items };
    const values = last.slice(last.length - ordering.width) as readonly (string | null)[];
    return { items, nextCursor: ordering.cursorOf(values, lastItem.id) };
  };
  return {
    get: async (id) => {
      const { rows } = await db.query(`SELECT ${selectList} FROM ${table} WHERE "id" = $1`, [id]);
      const [row] = rows;
      return row === undefined ? null : recordOf(layout, row);
    },
    getMany: async (ids) => {
      if (ids.length === 0) return [];
      const params = new Params();
      const { rows } = await db.query(`SELECT ${selectList} FROM ${table} WHERE "id" = ANY(${params.texts(ids)})`, params.values);
      const byId = new Map(rows.map((row) => recordOf(layout, row)).map((record) => [record.id, record]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    find: page,
    stream: async function* (query) {
      let cursor = query.cursor;
      for (;;) {
        const found = await page({ ...query, limit: maxPageSize, cursor });
        yield* found.items;
        if (found.nextCursor === undefined) return;
        cursor = found.nextCursor;
      }
    },
    count: async (query) => {
      const params = new Params();
      const where = whereOf(layout, query, params, await dialect());
      const { rows } = await db.query(`SELECT count(*)::text FROM ${table} WHERE ${where}`, params.values);
      return Number(rows[0]?.[0] ?? 0);
    },
    aggregate: async (query, spec) => {
      const params = new Params();
      const statement = aggregateStatement(layout, query, spec, params, await dialect());
      const { rows } = await db.query(statement.sql, params.values);
      return statement.groupsOf(rows);
    },
    insert: async (record) => {
      await insertRows(db, [record]);
    },
    insertMany: async (records) => {
      if (records.length === 0) return;
      await atomically((tx) => insertRows(tx, records));
    },
    update: async (record, expectedVersion) => {
      await updateRow(db, record, expectedVersion);
    },
    updateMany: async (updates: readonly RecordUpdate[]) => {
      if (updates.length === 0) return;
      await atomically(async (tx) => {
        for (const { record, expectedVersion } of updates) await updateRow(tx, record, expectedVersion);
      });
    },
    delete: async (id, expectedVersion) => {
      if (expectedVersion === undefined) await write(db, `DELETE FROM ${table} WHERE "id" = $1`, [id], id, undefined);
      else await write(db, `DELETE FROM ${table} WHERE "id" = $1 AND "version" = $2::bigint`, [id, String(expectedVersion)], id, expectedVersion);
    },
  };
}

function eventLogOver(db: Queryable, table: string, pageSize: number): EventLogAdapter {
  return {
    append: async (events: readonly NewEvent[]): Promise<readonly LoggedEvent[]> => {
      if (events.length === 0) return [];
      const { rows } = await db.query(
        // The instants go apart as exact text ($2); one before the year 1 is -infinity in "at", and exact in "event".
        `INSERT INTO ${table} ("type", "entity_type", "entity_id", "at", "event") SELECT "item" ->> 'type', "item" ->> 'entityType', "item" ->> 'entityId', ($2::jsonb ->> ("position" - 1)::int)::timestamptz, "item" FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS "items" ("item", "position") ORDER BY "position" RETURNING "sequence"::text AS "_sequence"`,
        [jsonText(events), JSON.stringify(events.map((event) => (isColumnInstant(event.at) ? instantText(event.at) : '-infinity')))],
      );
      const sequences = rows.map((row) => Number(row[0])).sort((a, b) => a - b);
      return events.map((event, index) => sealPlain({ ...event, sequence: sequences[index] ?? 0 }) as LoggedEvent);
    },
    read: async function* (query: EventQuery): AsyncIterable<LoggedEvent> {
      let after = query.afterSequence;
      let left = query.limit ?? Number.POSITIVE_INFINITY;
      while (left > 0) {
        const params = new Params();
        const where: string[] = [];
        if (query.entityType !== undefined) where.push(`"entity_type" = ${params.add(query.entityType)}`);
        if (query.entityId !== undefined) where.push(`"entity_id" = ${params.add(query.entityId)}`);
        if (query.types !== undefined) where.push(`"type" = ANY(${params.texts(query.types)})`);
        if (query.from !== undefined) where.push(`"at" >= ${instantSql(query.from, params)}`);
        if (query.to !== undefined) where.push(`"at" < ${instantSql(query.to, params)}`);
        if (after !== undefined) where.push(`"sequence" > ${params.add(String(after))}::bigint`);
        const take = Math.min(left, pageSize);
        const { rows } = await db.query(`SELECT "sequence"::text AS "_sequence", "event"::text AS "_event" FROM ${table}${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY "sequence" LIMIT ${params.add(String(take))}::bigint`, params.values);
        for (const row of rows) {
          const sequence = Number(row[0]);
          yield sealPlain({ ...(fromJson(JSON.parse(row[1] as string)) as NewEvent), sequence });
          after = sequence;
        }
        left -= rows.length;
        if (rows.length < take) return;
      }
    },
  };
}

function matchKeysOver(db: Queryable, table: string): MatchKeyIndex {
  return {
    // One statement: the keys the record no longer has go, the new ones come (those it keeps are
    // left alone, so the delete and the insert never meet the same row).
    set: async (entityType, id, keys) => {
      await db.query(
        `WITH "wanted" AS (SELECT "key" FROM jsonb_array_elements_text($3::jsonb) AS "keys" ("key")), "gone" AS (DELETE FROM ${table} WHERE "entity_type" = $1 AND "id" = $2 AND "key" NOT IN (SELECT "key" FROM "wanted")) INSERT INTO ${table} ("entity_type", "key", "id") SELECT $1, "key", $2 FROM "wanted" ON CONFLICT DO NOTHING`,
        [entityType, id, JSON.stringify(keys)],
      );
    },
    lookup: async (entityType, keys): Promise<readonly MatchKeyHit[]> => {
      if (keys.length === 0) return [];
      const { rows } = await db.query(`SELECT "id", "key" FROM ${table} WHERE "entity_type" = $1 AND "key" = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`, [entityType, JSON.stringify(keys)]);
      const order = new Map(keys.map((key, index) => [key, index]));
      const held = new Map<string, string[]>();
      for (const [id, key] of rows as readonly (readonly [string, string])[]) (held.get(id) ?? held.set(id, []).get(id))?.push(key);
      return [...held]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, found]) => ({ id, keys: found.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) }));
    },
  };
}
