// bench/aggregate: a board's figures (deals by stage and responsible person: count, amount per
// currency, earliest and latest stage change) asked of the PostgreSQL store with the aggregation
// capability, which answers in one statement, against the same store without it, which folds
// every record of its stream: what a host reading the records to add them up would do. PGlite
// always; a PostgreSQL server too when CRM_KIT_POSTGRES_URL names one. The two answers are checked
// equal before anything is timed.
//
// npm run bench -- aggregate [--deals 200000]
import { isDeepStrictEqual } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createStore, money } from 'crm-kit';
import type { AggregateSpec, Deal, Store } from 'crm-kit';
import { createPostgresStore, fromNodePostgres, fromPGlite, migrate } from 'crm-kit/postgres';
import type { Queryable } from 'crm-kit/postgres';
import { numberOption, report, seededRandom, timePairAsync } from './_harness.js';

const DEALS = numberOption('deals', 200_000);
const SPEC: AggregateSpec = { groupBy: ['stageId', 'assignedById'], sum: ['amount'], range: ['movedAt'] };
const STAGES = ['NEW', 'PREPARATION', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'];
const CURRENCIES = ['EUR', 'USD', 'JPY'];

function dealsOf(count: number): Deal[] {
  const random = seededRandom(14);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: count }, (_, index): Deal => {
    const at = new Date(start + Math.floor(random() * 365 * 86_400_000));
    const currency = pick(CURRENCIES);
    const units = Math.floor(random() * 10_000_000);
    return {
      id: `d-${String(index).padStart(7, '0')}`,
      version: 1,
      createdAt: at,
      updatedAt: at,
      createdById: 'u-1',
      updatedById: 'u-1',
      assignedById: `u-${String(Math.floor(random() * 40))}`,
      custom: {},
      title: `Deal ${String(index)}`,
      pipelineId: 'sales',
      stageId: pick(STAGES),
      ...(random() < 0.9 ? { amount: money(currency === 'JPY' ? String(units) : (units / 100).toFixed(2), currency) } : {}),
      amountIsManual: false,
      probabilityIsManual: false,
      opened: false,
      closed: false,
      isReturnCustomer: false,
      isRepeatedApproach: false,
      movedAt: at,
      movedById: 'u-1',
    };
  });
}

async function targets(): Promise<{ readonly name: string; readonly db: Queryable; readonly close: () => Promise<void> }[]> {
  const lite = await PGlite.create();
  const list = [{ name: 'PGlite (in process)', db: fromPGlite(lite), close: () => lite.close() }];
  const url = process.env.CRM_KIT_POSTGRES_URL;
  if (url !== undefined && url !== '') {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    list.push({ name: 'PostgreSQL server', db: fromNodePostgres(pool), close: () => pool.end() });
  }
  return list;
}

const deals = dealsOf(DEALS);
for (const target of await targets()) {
  const schema = 'bench_aggregate';
  await target.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await migrate(target.db, { schema });
  const store = createPostgresStore({ db: target.db, schema });
  for (let from = 0; from < deals.length; from += 2_000) await store.repository('deal').insertMany(deals.slice(from, from + 2_000));
  await target.db.query(`ANALYZE ${schema}."crm_deal"`);
  // The same adapter, declaring no aggregation: the store folds its stream.
  const folding: Store = createStore({ ...store, capabilities: { ...store.capabilities, aggregate: false } });
  const inDatabase = await store.repository('deal').aggregate({}, SPEC);
  const folded = await folding.repository('deal').aggregate({}, SPEC);
  if (!isDeepStrictEqual(inDatabase, folded)) throw new Error('the database and the fold of the stream disagree');
  const [subject, reference] = await timePairAsync(
    { label: 'aggregate in the database', run: () => store.repository('deal').aggregate({}, SPEC) },
    { label: 'fold of the stream (no capability)', run: () => folding.repository('deal').aggregate({}, SPEC) },
    3,
    1,
  );
  report(`${target.name}: ${DEALS.toLocaleString('en-US')} deals by stage and responsible person (${String(inDatabase.length)} groups)`, DEALS, subject, reference);
  await target.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await target.close();
}
