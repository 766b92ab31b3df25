import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_TYPES, listStandardFields } from 'crm-kit';
import type { Contact, StoredRecord } from 'crm-kit';
import { createPostgresStore, fromNodePostgres, fromPGlite, migrate, migrations } from 'crm-kit/postgres';
import type { Queryable } from 'crm-kit/postgres';
import { arbActivity, arbCompany, arbContact, arbDeal, arbLead } from 'crm-kit/testing';
import { decodeAscii, encodeAscii } from '../../src/adapters/_internal/cursors.js';
import { codeOf, codeOfAsync } from '../support/errors.js';

// What the PostgreSQL store keeps, checked on PGlite: the schema migrate makes, exact round trips
// of any record (hostile text, 1 MB values, keys that mean something elsewhere), and statements
// whose text never depends on a value.
let database: PGlite | undefined;
let db: Queryable | undefined;
let schemas = 0;
beforeAll(async () => {
  database = await PGlite.create();
  db = fromPGlite(database);
});
afterAll(async () => {
  await database?.close();
});

function open(): Queryable {
  if (db === undefined) throw new Error('The database is not open.');
  return db;
}

/** A Queryable that remembers the text of every statement it runs. */
function recording(inner: Queryable, texts: string[]): Queryable {
  return {
    query: (text, params) => {
      texts.push(text);
      return inner.query(text, params);
    },
    transaction: (work) => inner.transaction((tx) => work(recording(tx, texts))),
  };
}

async function freshSchema(): Promise<string> {
  const schema = `t${String(++schemas)}`;
  await migrate(open(), { schema });
  return schema;
}

describe('migrate', () => {
  it('applies each version once: a second run, or two at once, applies nothing more', async () => {
    expect(await migrate(open(), { schema: 'once' })).toEqual({ applied: [1], version: 1 });
    expect(await migrate(open(), { schema: 'once' })).toEqual({ applied: [], version: 1 });
    const both = await Promise.all([migrate(open(), { schema: 'twice' }), migrate(open(), { schema: 'twice' })]);
    expect(both.map((result) => result.applied).sort()).toEqual([[], [1]]);
    const { rows } = await open().query('SELECT count(*)::text FROM "twice"."crm_migrations"');
    expect(rows[0]?.[0]).toBe('1');
  });

  it('gives every standard field of every type a column of its kind, money two, and nothing else', async () => {
    const schema = await freshSchema();
    const { rows } = await open().query('SELECT "table_name", "column_name", "data_type" FROM information_schema.columns WHERE "table_schema" = $1', [schema]);
    const columns = new Map<string, string>(rows.map(([table, column, type]) => [`${String(table)}.${String(column)}`, String(type)]));
    const typeOf: Record<string, string> = { integer: 'bigint', datetime: 'timestamp with time zone', date: 'date', boolean: 'boolean', money: 'numeric', links: 'ARRAY', multifield: 'jsonb', address: 'jsonb', 'product-rows': 'jsonb', bindings: 'jsonb', custom: 'jsonb' };
    for (const entityType of ENTITY_TYPES) {
      const expected = new Map<string, string>([[`crm_${entityType}.extra`, 'jsonb']]);
      for (const field of listStandardFields(entityType)) {
        expected.set(`crm_${entityType}.${field.code}`, field.code === 'id' ? 'text' : (typeOf[field.type] ?? 'text'));
        if (field.type === 'money') expected.set(`crm_${entityType}.${field.code}:currency`, 'text');
      }
      const found = new Map([...columns].filter(([key]) => key.startsWith(`crm_${entityType}.`)));
      expect(found).toEqual(expected);
    }
  });

  it('refuses a schema name PostgreSQL cannot hold, before it runs anything', async () => {
    const texts: string[] = [];
    for (const schema of ['', 'x'.repeat(64), 'ñ'.repeat(32), 'a\u0000b', 7]) {
      expect(await codeOfAsync(() => migrate(recording(open(), texts), { schema: schema as string }))).toBe('INVALID_ARGUMENT');
    }
    expect(texts).toEqual([]);
    expect(migrations.map((migration) => migration.version)).toEqual([1]);
  });

  it('keeps tenants apart: one schema per tenant, each with its own records', async () => {
    const [a, b] = [await freshSchema(), await freshSchema()];
    const record = fc.sample(arbContact, { numRuns: 1, seed: 1 })[0] as StoredRecord;
    await createPostgresStore({ db: open(), schema: a }).repository('contact').insert(record);
    expect(await createPostgresStore({ db: open(), schema: b }).repository('contact').get(record.id)).toBeNull();
    expect(await createPostgresStore({ db: open(), schema: a }).repository('contact').get(record.id)).toEqual(record);
  });
});

describe('createPostgresStore', () => {
  it('refuses options that are not valid with INVALID_ARGUMENT', () => {
    expect(codeOf(() => createPostgresStore(null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createPostgresStore({ db: {} as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createPostgresStore({ db: open(), schema: '' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createPostgresStore({ db: open(), maxPageSize: 0 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createPostgresStore({ db: open(), retries: -1 }))).toBe('INVALID_ARGUMENT');
  });

  it('runs a unit of work again when the database aborts it for a deadlock inside a statement, and keeps its writes once', async () => {
    const schema = await freshSchema();
    let deadlocks = 1;
    // The first INSERT of a unit fails as PostgreSQL fails a deadlock victim (SQLSTATE 40P01).
    const victim = (inner: Queryable): Queryable => ({
      query: (text, params) => {
        if (text.startsWith('INSERT') && deadlocks > 0) {
          deadlocks--;
          return Promise.reject(Object.assign(new Error('deadlock detected'), { code: '40P01' }));
        }
        return inner.query(text, params);
      },
      transaction: (work) => inner.transaction((tx) => work(victim(tx))),
    });
    const store = createPostgresStore({ db: victim(open()), schema });
    const record = fc.sample(arbContact, { numRuns: 1, seed: 5 })[0] as StoredRecord;
    let runs = 0;
    await store.transaction(async (scope) => {
      runs++;
      await scope.repository('contact').insert(record);
    });
    expect([runs, deadlocks]).toEqual([2, 0]);
    expect(await store.repository('contact').get(record.id)).toEqual(record);
  });

  it('runs a refused write again when the record is found at the version it expected, at most three runs, and never calls that record missing', async () => {
    const schema = await freshSchema();
    const table = `"${schema}"."crm_contact"`;
    // What another writer does around each run of an update or delete of record x: nothing, insert
    // x at version 4 just after the first run was refused, or move x away from version 4 and back
    // around every run (as deletes and inserts again would).
    let other: 'nothing' | 'insert after' | 'churn' = 'nothing';
    let runs = 0;
    const raced = (inner: Queryable): Queryable => ({
      query: async (text, params) => {
        const write = /^(UPDATE|DELETE) /u.test(text) && params?.[0] === 'x';
        if (!write) return inner.query(text, params);
        runs++;
        if (other === 'churn') await inner.query(`UPDATE ${table} SET "version" = 99 WHERE "id" = 'x'`);
        const result = await inner.query(text, params);
        if (other === 'churn') await inner.query(`UPDATE ${table} SET "version" = 4 WHERE "id" = 'x'`);
        if (other === 'insert after' && result.rowCount === 0) {
          other = 'nothing';
          await inner.query(`INSERT INTO ${table} ("id", "version", "custom") VALUES ('x', 4, '{}')`);
        }
        return result;
      },
      transaction: (work) => inner.transaction((tx) => work(raced(tx))),
    });
    const store = createPostgresStore({ db: raced(open()), schema });
    const contacts = store.repository('contact');
    const [base] = fc.sample(arbContact, { numRuns: 1, seed: 9 });
    if (base === undefined) throw new Error('fast-check gave no sample.');
    const next = (firstName: string): Contact => ({ ...base, id: 'x', version: 5, firstName });

    // Inserted at the expected version after the update ran: the update runs again and applies.
    other = 'insert after';
    runs = 0;
    await contacts.update(next('Late'), 4);
    expect([runs, ((await store.inspect('contact', 'x')) as Contact | null)?.firstName]).toEqual([2, 'Late']);

    // Found at the expected version after every run: three runs, then VERSION_CONFLICT, in a unit too.
    await open().query(`UPDATE ${table} SET "version" = 4 WHERE "id" = 'x'`);
    other = 'churn';
    runs = 0;
    expect(await codeOfAsync(() => contacts.update(next('Never'), 4))).toBe('VERSION_CONFLICT');
    expect(runs).toBe(3);
    runs = 0;
    expect(await codeOfAsync(() => store.transaction((scope) => scope.repository('contact').updateMany([{ record: next('Never'), expectedVersion: 4 }])))).toBe('VERSION_CONFLICT');
    expect(runs).toBe(3);
    runs = 0;
    expect(await codeOfAsync(() => contacts.delete('x', 4))).toBe('VERSION_CONFLICT');
    expect(runs).toBe(3);

    // A delete that expects no version is not run again: the record was not there when it ran.
    other = 'nothing';
    await contacts.delete('x');
    other = 'insert after';
    runs = 0;
    expect(await codeOfAsync(() => contacts.delete('x'))).toBe('NOT_FOUND');
    expect(runs).toBe(1);
  });

  it('stores any record of any type and reads it back exactly, through the repository and the raw reader', async () => {
    const store = createPostgresStore({ db: open(), schema: await freshSchema() });
    const records = fc.oneof(
      arbContact.map((record) => ['contact', record] as const),
      arbCompany.map((record) => ['company', record] as const),
      arbDeal.map((record) => ['deal', record] as const),
      arbLead.map((record) => ['lead', record] as const),
      arbActivity.map((record) => ['activity', record] as const),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(records, async ([entityType, given]) => {
        const record = { ...given, id: `${given.id}-${String(++n)}` } as StoredRecord;
        await store.repository(entityType).insert(record);
        expect(await store.repository(entityType).get(record.id)).toEqual(record);
        expect(await store.inspect(entityType, record.id)).toEqual(record);
      }),
      { numRuns: 150 },
    );
  });

  const hostile = fc.constantFrom("'; DROP TABLE crm_contact; --", '$1', '"quoted"', '\\', '%_', '__proto__', 'constructor', '$date', '$$date', '😀 é ß İ', '\u2028', ' ');
  const hostileValue = fc.oneof(hostile, fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: true, min: new Date(-1e14), max: new Date(1e14) }));

  it('keeps hostile text and keys exactly, and runs the same statements whatever the values', async () => {
    const texts: string[] = [];
    const store = createPostgresStore({ db: recording(open(), texts), schema: await freshSchema() });
    const base = fc.sample(arbContact, { numRuns: 1, seed: 7 })[0] as StoredRecord;
    // The store reads which collation folds case once, on its first query.
    await store.repository('contact').count({});
    let n = 0;
    let first: string[] | undefined;
    await fc.assert(
      fc.asyncProperty(hostile, fc.dictionary(fc.oneof(hostile, fc.string()), fc.oneof(hostileValue, fc.array(hostileValue, { maxLength: 3 }), fc.dictionary(hostile, hostileValue)), { maxKeys: 4 }), async (text, address) => {
        const record = { ...base, id: `${text}-${String(++n)}`, firstName: text, comments: text, address: { street: text, extra: address }, custom: { note: text, nested: address } } as unknown as StoredRecord;
        texts.length = 0;
        const contacts = store.repository('contact');
        await contacts.insert(record);
        const found = await contacts.find({ where: [{ field: 'firstName', op: 'eq', value: text }, { field: 'custom.note', op: 'contains', value: text }] });
        expect(found.items.map((item) => item.id)).toContain(record.id);
        expect(await store.inspect('contact', record.id)).toEqual(record);
        first ??= [...texts];
        expect(texts).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a megabyte of text in a field and in a custom value', async () => {
    const store = createPostgresStore({ db: open(), schema: await freshSchema() });
    const base = fc.sample(arbContact, { numRuns: 1, seed: 3 })[0] as StoredRecord;
    const big = 'é'.repeat(512 * 1024) + "'--;$1";
    const record = { ...base, id: 'big', comments: big, custom: { essay: big } } as StoredRecord;
    await store.repository('contact').insert(record);
    expect(await store.repository('contact').get('big')).toEqual(record);
  });

  it('sorts whole numbers as numbers and calendar days as days', async () => {
    const store = createPostgresStore({ db: open(), schema: await freshSchema() });
    const base = fc.sample(arbCompany, { numRuns: 1, seed: 5 })[0] as StoredRecord;
    for (const [id, employees] of [['a', 9], ['b', 10], ['c', 100], ['d', -1]] as const) await store.repository('company').insert({ ...base, id, employees } as StoredRecord);
    const page = await store.repository('company').find({ sort: [{ field: 'employees', direction: 'asc' }] });
    expect(page.items.map((item) => item.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('keeps instants exactly to the millisecond from the year 1 to the last a Date holds, and finds them by exact value', async () => {
    const store = createPostgresStore({ db: open(), schema: await freshSchema() });
    const base = fc.sample(arbCompany, { numRuns: 1, seed: 5 })[0] as StoredRecord;
    const instants = ['0001-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2026-03-01T10:00:00.123Z', '9999-12-31T23:59:59.999Z', '+275760-09-12T23:59:59.999Z'].map((text) => new Date(text));
    // Float seconds lose milliseconds this far from 1970: each must come back, and match eq, exactly.
    for (const [index, at] of instants.entries()) await store.repository('company').insert({ ...base, id: `i${String(index)}`, createdAt: at });
    for (const [index, at] of instants.entries()) {
      expect((await store.repository('company').get(`i${String(index)}`))?.createdAt).toEqual(at);
      expect((await store.repository('company').find({ where: [{ field: 'createdAt', op: 'eq', value: at }] })).items.map((item) => item.id)).toEqual([`i${String(index)}`]);
    }
    // An instant before the year 1 is kept exactly too (beside the columns), and comes before every stored one.
    const early = new Date('-000050-06-01T00:00:00.000Z');
    await store.repository('company').insert({ ...base, id: 'early', createdAt: early });
    expect((await store.repository('company').get('early'))?.createdAt).toEqual(early);
    expect((await store.repository('company').find({ where: [{ field: 'createdAt', op: 'gt', value: early }] })).items).toHaveLength(instants.length);
  });

  it('pages through instants of every era with cursors, and refuses a cursor whose values were edited', async () => {
    const store = createPostgresStore({ db: open(), schema: await freshSchema(), maxPageSize: 2 });
    const base = fc.sample(arbCompany, { numRuns: 1, seed: 5 })[0] as StoredRecord;
    const instants = ['0001-01-01T00:00:00.001Z', '1500-05-05T05:05:05.005Z', '9999-12-31T23:59:59.999Z', '+100000-01-01T00:00:00.001Z', '2026-01-01T00:00:00.000Z'].map((text) => new Date(text));
    for (const [index, at] of instants.entries()) await store.repository('company').insert({ ...base, id: `p${String(index)}`, createdAt: at });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.repository('company').find({ sort: [{ field: 'createdAt', direction: 'asc' }], limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(['p0', 'p1', 'p4', 'p2', 'p3']);
    const first = await store.repository('company').find({ sort: [{ field: 'createdAt', direction: 'asc' }, { field: 'employees', direction: 'asc' }], limit: 1 });
    const payload = JSON.parse(decodeURIComponent(decodeAscii(first.nextCursor ?? '') ?? '')) as { k: (string | null)[] };
    expect(payload.k).toHaveLength(4);
    // [createdAt missing?, createdAt, employees missing?, employees]: each edit breaks one value's kind.
    for (const [at, value] of [[0, 'x'], [1, '1e3'], [1, '-99999999999999999'], [1, '-62135596800001'], [3, '1.5'], [3, '99999999999999999999']] as const) {
      const forged = encodeAscii(encodeURIComponent(JSON.stringify({ ...payload, k: payload.k.map((old, index) => (index === at ? value : old)) })));
      expect(await codeOfAsync(() => store.repository('company').find({ sort: [{ field: 'createdAt', direction: 'asc' }, { field: 'employees', direction: 'asc' }], limit: 1, cursor: forged }))).toBe('INVALID_ARGUMENT');
    }
  });

  it('keeps money amounts a numeric column would rewrite, and -0 in a whole-number field, exactly', async () => {
    const store = createPostgresStore({ db: open(), schema: await freshSchema() });
    const base = fc.sample(arbDeal, { numRuns: 1, seed: 5 })[0] as StoredRecord;
    const odd = [{ amount: '007.50', currency: 'EUR' }, { amount: '-0.00', currency: 'EUR' }, { amount: '-0', currency: 'JPY' }];
    for (const [index, amount] of odd.entries()) await store.repository('deal').insert({ ...base, id: `m${String(index)}`, amount, probability: -0 } as StoredRecord);
    for (const [index, amount] of odd.entries()) {
      const back: unknown = await store.repository('deal').get(`m${String(index)}`);
      expect((back as { readonly amount?: unknown } | null)?.amount).toEqual(amount);
      expect(Object.is((back as { readonly probability?: unknown } | null)?.probability, -0)).toBe(true);
    }
  });

  it.each(['PGlite', 'a PostgreSQL server'] as const)('refuses to commit a unit whose work swallowed a failed statement, on %s: nothing of it is stored', async (on) => {
    const url = process.env.CRM_KIT_POSTGRES_URL;
    if (on !== 'PGlite' && (url === undefined || url === '')) return;
    // A server answers COMMIT of an aborted transaction with ROLLBACK, and no error.
    const pool = on === 'PGlite' ? undefined : new pg.Pool({ connectionString: url, max: 2 });
    const base = pool === undefined ? open() : fromNodePostgres(pool);
    const schema = `swallowed_${String(++schemas)}`;
    await base.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await migrate(base, { schema });
    // Inside units, a count runs a statement PostgreSQL refuses, which aborts the transaction.
    const failingCounts = (inner: Queryable, inUnit: boolean): Queryable => ({
      query: (text, params) => inner.query(inUnit && text.startsWith('SELECT count(*)') ? 'SELECT 1/0' : text, params),
      transaction: (work) => inner.transaction((tx) => work(failingCounts(tx, true))),
    });
    const store = createPostgresStore({ db: failingCounts(base, false), schema });
    const record = fc.sample(arbContact, { numRuns: 1, seed: 7 })[0] as StoredRecord;
    const code = await codeOfAsync(() =>
      store.transaction(async (scope) => {
        await scope.repository('contact').insert(record);
        // The work catches the failure and goes on, as if nothing happened.
        expect(await codeOfAsync(() => scope.repository('contact').count({}))).toBe('ADAPTER_FAILURE');
      }),
    );
    expect(code).toBe('ADAPTER_FAILURE');
    expect(await store.repository('contact').get(record.id)).toBeNull();
    if (pool !== undefined) {
      await base.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    }
  });

  it('runs nested units started together one after the other, so that one rolling back never undoes the other', async () => {
    const store = createPostgresStore({ db: open(), schema: await freshSchema() });
    const sample = fc.sample(arbContact, { numRuns: 1, seed: 11 })[0] as StoredRecord;
    await store.transaction(async (scope) => {
      const results = await Promise.allSettled([
        scope.transaction(async (inner) => {
          await inner.repository('contact').insert({ ...sample, id: 'n0' });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }),
        scope.transaction(async (inner) => {
          await inner.repository('contact').insert({ ...sample, id: 'n1' });
          throw new Error('undo this one');
        }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    });
    expect(await store.repository('contact').get('n0')).not.toBeNull();
    expect(await store.repository('contact').get('n1')).toBeNull();
  });

  it('looks the collation up again after a failed first try', async () => {
    let failures = 1;
    const flaky: Queryable = {
      query: (text, params) => {
        if (text.includes('pg_collation') && failures > 0) {
          failures--;
          return Promise.reject(new Error('connection reset'));
        }
        return open().query(text, params);
      },
      transaction: (work) => open().transaction(work),
    };
    const store = createPostgresStore({ db: flaky, schema: await freshSchema() });
    const query = { where: [{ field: 'lastName', op: 'contains', value: 'a' }] } as const;
    expect(await codeOfAsync(() => store.repository('contact').find(query))).toBe('ADAPTER_FAILURE');
    expect((await store.repository('contact').find(query)).items).toEqual([]);
  });
});
