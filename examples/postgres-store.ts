// crm-kit on PostgreSQL (`npx tsx examples/postgres-store.ts`): the same CRM as on the memory store,
// in process with PGlite, and on a server too when CRM_KIT_POSTGRES_URL names one. Each tenant gets
// a schema of its own; the tables are made by `migrate`, which is safe to run at every start.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createAccessPolicy, createCrm, manualClock, sequentialIds } from 'crm-kit';
import { createPostgresStore, fromNodePostgres, fromPGlite, migrate } from 'crm-kit/postgres';
import type { Queryable } from 'crm-kit/postgres';

async function tour(label: string, db: Queryable, schema: string): Promise<void> {
  console.log(`\n${label}, schema ${schema}`);
  console.log(`  migrate applied versions [${(await migrate(db, { schema })).applied.join(', ')}]; again: [${(await migrate(db, { schema })).applied.join(', ')}]`);
  const crm = createCrm({
    store: createPostgresStore({ db, schema }),
    clock: manualClock('2026-03-02T10:00:00Z'),
    ids: sequentialIds(),
    access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }),
  });
  const me = crm.as({ userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: true });
  const acme = await me.companies.create({ title: "O'Brien & Sons; DROP TABLE crm_deal; --" });
  for (const [title, amount] of [['Renewal', '1200.50'], ['Pilot', '0.10'], ['Licences', '99999999999999.99']] as const) {
    await me.deals.create({ title, companyId: acme.id, amount: { amount, currency: 'EUR' }, expectedCloseDate: '2026-06-30' });
  }
  const deals = await me.deals.find({ where: [{ field: 'companyId', op: 'eq', value: acme.id }], sort: [{ field: 'amount', direction: 'desc' }] });
  for (const deal of deals.items) console.log(`  ${deal.title.padEnd(10)} ${deal.amount?.amount ?? ''} ${deal.amount?.currency ?? ''}, closes ${deal.expectedCloseDate ?? ''}`);
  console.log(`  the company's title came back as written: ${String((await me.companies.get(acme.id))?.title === acme.title)}`);
  let streamed = 0;
  for await (const _deal of crm.as({ userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: true }).deals.stream({})) streamed++;
  console.log(`  deals streamed page by page: ${String(streamed)}`);
}

const lite = await PGlite.create();
await tour('PGlite (in process)', fromPGlite(lite), 'tenant_acme');
await lite.close();

const url = process.env.CRM_KIT_POSTGRES_URL;
if (url === undefined || url === '') console.log('\n(set CRM_KIT_POSTGRES_URL=postgres://user@host/database to run the same on a server)');
else {
  const pool = new pg.Pool({ connectionString: url });
  const db = fromNodePostgres(pool);
  const schema = `crm_kit_example_${String(process.pid)}`;
  try {
    await tour('a PostgreSQL server', db, schema);
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
}
console.log('');
