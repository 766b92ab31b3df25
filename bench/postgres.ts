// bench/postgres: the PostgreSQL store through crm-kit against the same statements issued raw
// through the driver, in one run: deal creates through `crm.as(...)`, a single-row get by id, a
// page of deals filtered on a custom field, and a scan of every deal. The raw side replays the
// statements (text and parameters) the store issued, recorded while the crm-kit side ran, so the
// ratio is what crm-kit adds on top of the database: validation, planning, permissions,
// projection, and reading rows back into records. PGlite always; a PostgreSQL server too when
// CRM_KIT_POSTGRES_URL names one.
//
// npm run bench -- postgres [--deals 100000] [--creates 1000]
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createAccessPolicy, createCrm, createFieldRegistry, defineField, manualClock, sequentialIds } from 'crm-kit';
import type { StoredRecord } from 'crm-kit';
import { createPostgresStore, fromNodePostgres, fromPGlite, migrate } from 'crm-kit/postgres';
import type { Queryable } from 'crm-kit/postgres';
import { numberOption, seededRandom } from './_harness.js';

const DEALS = numberOption('deals', 100_000);
const CREATES = numberOption('creates', 1_000);
const READS = 2_000;
const format = (n: number): string => Math.round(n).toLocaleString('en-US');

interface Statement {
  readonly text: string;
  readonly params: readonly (string | null)[];
}

/** A Queryable that records what it runs while `on` is set: per unit of work, its statements. */
function recorder(inner: Queryable): { readonly db: Queryable; readonly units: Statement[][]; on: boolean } {
  const state = { on: false, units: [] as Statement[][], db: inner };
  const wrap = (target: Queryable, unit: Statement[] | undefined): Queryable => ({
    query: (text, params = []) => {
      if (state.on) (unit ?? (state.units[state.units.length] = [])).push({ text, params });
      return target.query(text, params);
    },
    transaction: (work) =>
      target.transaction((tx) => {
        const own: Statement[] = [];
        if (state.on) state.units.push(own);
        return work(wrap(tx, own));
      }),
  });
  state.db = wrap(inner, undefined);
  return state;
}

interface Target {
  readonly name: string;
  readonly db: Queryable;
  /** The driver itself: one statement, and a transaction of several. */
  readonly raw: (text: string, params: readonly (string | null)[]) => Promise<unknown>;
  readonly rawUnit: (statements: readonly Statement[]) => Promise<unknown>;
  readonly close: () => Promise<void>;
}

async function targets(): Promise<Target[]> {
  const lite = await PGlite.create();
  const list: Target[] = [
    {
      name: 'PGlite (in process)',
      db: fromPGlite(lite),
      raw: (text, params) => lite.query(text, [...params], { rowMode: 'array' }),
      rawUnit: (statements) => lite.transaction(async (tx) => {
        for (const { text, params } of statements) await tx.query(text, [...params], { rowMode: 'array' });
      }),
      close: () => lite.close(),
    },
  ];
  const url = process.env.CRM_KIT_POSTGRES_URL;
  if (url === undefined || url === '') console.log('(the server is left out: set CRM_KIT_POSTGRES_URL to include it)\n');
  else {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    list.push({
      name: 'PostgreSQL server (pg pool)',
      db: fromNodePostgres(pool),
      raw: (text, params) => pool.query({ text, values: [...params], rowMode: 'array' }),
      rawUnit: async (statements) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          for (const { text, params } of statements) await client.query({ text, values: [...params], rowMode: 'array' });
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    });
  }
  return list;
}

const tier = defineField({ code: 'tier', type: 'enumeration', labels: { en: 'Tier' }, options: [{ id: 'gold', labels: { en: 'Gold' } }, { id: 'silver', labels: { en: 'Silver' } }, { id: 'bronze', labels: { en: 'Bronze' } }] });

async function measure(target: Target): Promise<void> {
  const schema = `crm_kit_bench_${String(process.pid)}`;
  await target.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await migrate(target.db, { schema });
  const recorded = recorder(target.db);
  const store = createPostgresStore({ db: recorded.db, schema });
  const crm = createCrm({
    store,
    clock: manualClock('2026-03-02T10:00:00Z'),
    ids: sequentialIds(),
    access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }),
    fields: { deal: createFieldRegistry('deal', { customFields: [tier] }) },
  });
  const me = crm.as({ userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: true });
  const random = seededRandom(11);
  const tiers = ['gold', 'silver', 'bronze'];
  const line = (label: string, crmMs: number, rawMs: number, count: number, unit: string): void => {
    console.log(`  ${label.padEnd(34)} crm-kit ${format((count / crmMs) * 1000).padStart(8)} ${unit}/s  raw ${format((count / rawMs) * 1000).padStart(8)} ${unit}/s  ${(crmMs / rawMs).toFixed(2)}× the raw statements`);
  };
  console.log(target.name);

  // Creates through the service, recorded; then the same units replayed raw into a second copy of the tables.
  recorded.units.length = 0;
  recorded.on = true;
  let started = performance.now();
  for (let n = 0; n < CREATES; n++) await me.deals.create({ title: `Deal ${String(n)}`, amount: { amount: String(100 + n), currency: 'EUR' }, custom: { tier: tiers[n % 3] } });
  const crmCreates = performance.now() - started;
  recorded.on = false;
  const units = recorded.units.filter((unit) => unit.length > 0);
  const replaySchema = `${schema}_raw`;
  await target.db.query(`DROP SCHEMA IF EXISTS "${replaySchema}" CASCADE`);
  await migrate(target.db, { schema: replaySchema });
  const rename = (text: string): string => text.replaceAll(`"${schema}"`, `"${replaySchema}"`);
  started = performance.now();
  for (const unit of units) await target.rawUnit(unit.map(({ text, params }) => ({ text: rename(text), params })));
  const rawCreates = performance.now() - started;
  line(`create a deal (${format(CREATES)})`, crmCreates, rawCreates, CREATES, 'deals');

  // The rest of the deals go in through the store in batches (setup, not measured).
  const template = (await me.deals.find({ limit: 1 })).items[0] as unknown as StoredRecord;
  for (let from = CREATES; from < DEALS; from += 1_000) {
    const batch: StoredRecord[] = [];
    for (let n = from; n < Math.min(DEALS, from + 1_000); n++) batch.push({ ...template, id: `bulk-${String(n).padStart(7, '0')}`, title: `Deal ${String(n)}`, custom: { tier: tiers[Math.floor(random() * 3)] } } as StoredRecord);
    await store.repository('deal').insertMany(batch);
  }

  // Gets by id.
  const ids = Array.from({ length: READS }, () => `bulk-${String(CREATES + Math.floor(random() * (DEALS - CREATES))).padStart(7, '0')}`);
  const timed = async (work: () => Promise<unknown>): Promise<{ ms: number; statements: Statement[] }> => {
    recorded.units.length = 0;
    recorded.on = true;
    const begin = performance.now();
    await work();
    const ms = performance.now() - begin;
    recorded.on = false;
    return { ms, statements: recorded.units.flat() };
  };
  const replay = async (statements: readonly Statement[]): Promise<number> => {
    const begin = performance.now();
    for (const { text, params } of statements) await target.raw(text, params);
    return performance.now() - begin;
  };
  for (let round = 0; round < 2; round++) {
    const gets = await timed(async () => {
      for (const id of ids) await me.deals.get(id);
    });
    const rawGets = await replay(gets.statements);
    if (round === 1) line(`get a deal by id (${format(READS)})`, gets.ms, rawGets, READS, 'gets');
  }

  // A page of 50 deals on a custom field, walking the first 20 pages.
  for (let round = 0; round < 2; round++) {
    const pages = await timed(async () => {
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const found = await me.deals.find({ where: [{ field: 'custom.tier', op: 'eq', value: 'gold' }], sort: [{ field: 'title', direction: 'asc' }], limit: 50, cursor });
        cursor = found.nextCursor;
      }
    });
    const rawPages = await replay(pages.statements);
    if (round === 1) line('a page of 50 on custom.tier (20)', pages.ms, rawPages, 20, 'pages');
  }

  // A scan of every deal.
  const scan = await timed(async () => {
    let seen = 0;
    for await (const _deal of me.deals.stream({})) seen++;
    if (seen !== DEALS) throw new Error(`the scan saw ${String(seen)} deals of ${String(DEALS)}`);
  });
  const rawScan = await replay(scan.statements);
  line(`scan ${format(DEALS)} deals`, scan.ms, rawScan, DEALS, 'deals');
  const memory = process.memoryUsage();
  console.log(`  peak heap after the scan: ${format(memory.heapUsed / 2 ** 20)} MiB\n`);
  await target.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await target.db.query(`DROP SCHEMA IF EXISTS "${replaySchema}" CASCADE`);
}

for (const target of await targets()) {
  try {
    await measure(target);
  } finally {
    await target.close();
  }
}
