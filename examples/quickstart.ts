// The crm-kit quick start (`npm run demo`): a small sales team on the in-memory store (or, with
// `npm run demo -- --store pglite`, on PostgreSQL in process), through
// `createCrm`. Every call below is validated, permission-checked, written with its event in one
// transaction, and answered with records projected for the person asking. It imports from
// 'crm-kit' exactly as your code would. For the pure functions on their own, see pure-functions.ts.
import {
  createAccessPolicy,
  createCrm,
  createFieldRegistry,
  createRateTable,
  DEFAULT_DEAL_PIPELINE,
  defineField,
  checkPipeline,
  formatMoney,
  isCrmError,
  manualClock,
  money,
  sequentialIds,
  unwrap,
} from 'crm-kit';
import type { Principal } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';

const line = (label: string, value: unknown): void => {
  console.log(`  ${label.padEnd(48)} ${String(value)}`);
};
// Runs a call that should be refused and prints the error's stable code and its message.
async function refused(label: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    line(label, 'accepted (unexpected)');
    process.exitCode = 1;
  } catch (error) {
    if (!isCrmError(error)) throw error;
    line(label, `${error.code}: ${error.message}`);
  }
}

console.log('\n1. An org chart and roles');
// Madrid and Lima sell; Finance sees everything. Sales people read their department's deals and
// change only their own.
const access = createAccessPolicy({
  roles: [
    {
      id: 'sales',
      name: 'Sales',
      permissions: {
        contact: { read: 'department', add: 'own', update: 'own', delete: 'own' },
        company: { read: 'all', add: 'all', update: 'all' },
        deal: { read: 'department', add: 'own', update: 'own', delete: 'own' },
        lead: { read: 'department', add: 'own', update: 'own' },
      },
    },
    { id: 'finance', name: 'Finance', permissions: { deal: { read: 'all', update: 'all', export: 'all' }, company: { read: 'all' } } },
  ],
  orgChart: {
    departments: [
      { id: 'sales', name: 'Sales', memberIds: [] },
      { id: 'madrid', name: 'Sales Madrid', parentId: 'sales', memberIds: ['u-ana', 'u-leo'] },
      { id: 'lima', name: 'Sales Lima', parentId: 'sales', memberIds: ['u-eva'] },
      { id: 'finance', name: 'Finance', memberIds: ['u-rosa'] },
    ],
  },
});
const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const leo: Principal = { userId: 'u-leo', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const eva: Principal = { userId: 'u-eva', roleIds: ['sales'], departmentIds: ['lima'], isAdmin: false };
const rosa: Principal = { userId: 'u-rosa', roleIds: ['finance'], departmentIds: ['finance'], isAdmin: false };
line('departments', 'Sales › Sales Madrid (Ana, Leo), Sales › Sales Lima (Eva); Finance (Rosa)');

console.log('\n2. A custom field only Finance sees, and a pipeline');
const margin = defineField({
  type: 'money',
  code: 'margin',
  labels: { en: 'Margin', es: 'Margen' },
  visibility: { restrictedTo: { departmentIds: ['finance'] } },
});
const renewal = defineField({ type: 'date', code: 'renewal', labels: { en: 'Renewal', es: 'Renovación' } });
const enterprise = unwrap(
  checkPipeline({
    id: 'enterprise',
    entityType: 'deal',
    name: 'Enterprise',
    stages: [
      { id: 'ENT_QUALIFY', name: 'Qualify', sort: 10, color: '#9b9b9b', semantic: 'process' },
      { id: 'ENT_PILOT', name: 'Pilot', sort: 20, color: '#2f80ed', semantic: 'process', requiredFields: ['amount'] },
      { id: 'ENT_WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success' },
      { id: 'ENT_LOST', name: 'Lost', sort: 100, color: '#eb5757', semantic: 'failure' },
    ],
  }),
);
// `npm run demo -- --store pglite` runs the same program on PostgreSQL in process: one line.
const store = process.argv.includes('pglite') ? await (await import('./support/pglite-store.js')).pgliteStore() : createMemoryStore();
const clock = manualClock('2026-09-14T09:00:00Z');
const crm = createCrm({
  store,
  clock,
  ids: sequentialIds(),
  access,
  fields: { deal: createFieldRegistry('deal', { customFields: [margin, renewal] }) },
  pipelines: { deal: [DEFAULT_DEAL_PIPELINE, enterprise] },
  rates: createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.92', from: '2026-01-01' }] }),
  settings: { baseCurrency: 'EUR' },
});
line('deal pipelines', [DEFAULT_DEAL_PIPELINE, enterprise].map((pipeline) => pipeline.name).join(', '));
line('fields Ana sees on deals', crm.as(ana).fields.list('deal').custom.map((field) => field.code).join(', '));
line('fields Rosa sees on deals', crm.as(rosa).fields.list('deal').custom.map((field) => field.code).join(', '));

console.log('\n3. Contacts, a company and deals, created by different people');
const acme = await crm.as(ana).companies.create({ title: 'Acme Ibérica', industry: 'MANUFACTURING' });
const marta = await crm.as(ana).contacts.create({
  firstName: 'Marta',
  lastName: 'Sanz Ortega',
  emails: [{ value: 'marta@acme.example', kind: 'work' }],
  companyIds: [acme.id],
});
const jorge = await crm.as(eva).contacts.create({ firstName: 'Jorge', lastName: 'Quispe', phones: [{ value: '+51 1 555 0101', kind: 'work' }] });
line('Ana adds a company and a contact', `${acme.title}; ${crm.displayName(marta)}`);
line('Eva adds a contact in Lima', crm.displayName(jorge));
const fitOut = await crm.as(ana).deals.create({
  title: 'Acme office fit-out',
  companyId: acme.id,
  contactIds: [marta.id],
  productRows: [
    { name: 'Desk', price: money('450.00', 'EUR'), quantity: '10', taxRate: '21' },
    { name: 'Chair', price: money('180.00', 'EUR'), quantity: '10', discount: { rate: '10' }, taxRate: '21' },
  ],
  custom: { renewal: '2027-03-31' },
});
const support = await crm.as(leo).deals.create({ title: 'Acme support plan', companyId: acme.id, amount: money('9600.00', 'USD'), stageId: 'PREPARATION' });
const lima = await crm.as(eva).deals.create({ title: 'Quispe warehouse', contactIds: [jorge.id], amount: money('30000.00', 'USD') });
const pilot = await crm.as(leo).deals.create({ title: 'Acme robotics pilot', pipelineId: 'enterprise', amount: money('50000.00', 'EUR') });
line('Ana: amount from the product rows', formatMoney(fitOut.amount ?? money('0', 'EUR'), 'en-GB'));
line('Leo, Eva and Leo add three more deals', [support, lima, pilot].map((deal) => deal.title).join('; '));
await refused('Ana sets the Finance-only margin', () => crm.as(ana).deals.create({ title: 'X', custom: { margin: money('1.00', 'EUR') } }));
const priced = await crm.as(rosa).deals.update(fitOut.id, { custom: { margin: money('1800.00', 'EUR') } }, { expectedVersion: 1 });
line('Rosa (Finance) sets the margin', `version ${priced.version}, margin ${priced.custom.margin ? formatMoney(priced.custom.margin as never, 'en-GB') : '—'}`);

console.log('\n4. Each person sees what their department may see');
for (const [name, who] of [['Ana', ana], ['Eva', eva], ['Rosa', rosa]] as const) {
  const page = await crm.as(who).deals.find({ sort: [{ field: 'title', direction: 'asc' }] });
  line(`${name} finds deals`, page.items.map((deal) => deal.title).join('; '));
}
const seenByAna = await crm.as(ana).deals.get(fitOut.id);
line('Ana reads her deal: custom fields', Object.keys(seenByAna?.custom ?? {}).join(', '));
line('Eva reads a Madrid deal by id', (await crm.as(eva).deals.get(fitOut.id)) === null ? 'null (as if it did not exist)' : 'found');
await refused('Eva filters on the margin', () => crm.as(eva).deals.find({ where: [{ field: 'custom.margin', op: 'isNotEmpty' }] }));
await refused('Leo changes Ana’s deal (own only)', () => crm.as(leo).deals.update(fitOut.id, { title: 'Mine now' }, { expectedVersion: 2 }));

console.log('\n5. Stage moves and a kanban board in the report currency');
clock.advance({ days: 1 });
const proposal = await crm.as(ana).deals.moveToStage(fitOut.id, 'PROPOSAL', { expectedVersion: 2 });
line('Ana moves her deal to PROPOSAL', `${proposal.stageId}, probability ${String(proposal.probability)} %`);
const won = await crm.as(leo).deals.moveToStage(support.id, 'WON', { expectedVersion: 1 });
line('Leo wins the support plan', `${won.stageId}, closed ${String(won.closed)} at ${won.closedAt?.toISOString() ?? '—'}`);
const piloting = await crm.as(leo).deals.moveToStage(pilot.id, 'ENT_PILOT', { expectedVersion: 1 });
line('Leo moves the pilot to Pilot (needs an amount)', piloting.stageId);
await refused('Leo then clears the amount Pilot requires', () => crm.as(leo).deals.update(pilot.id, { amount: null }, { expectedVersion: 2 }));
const board = await crm.as(ana).pipelines.kanban('deal', { includeFinal: true });
for (const column of board.columns) {
  line(`  ${column.stage.name}`, `${column.count} · ${column.total ? formatMoney(column.total, 'en-GB') : '—'} · ${column.items.map((deal) => deal.title).join('; ')}`);
}
line('  Won', `${board.final?.won.count ?? 0} · ${board.final?.won.total ? formatMoney(board.final.won.total, 'en-GB') : '—'}`);
line('board total (in-progress, EUR)', board.total ? formatMoney(board.total, 'en-GB') : '—');
line('Ana counts won deals (stage group)', await crm.as(ana).deals.count({ where: [{ field: 'stageGroup', op: 'eq', value: 'won' }] }));

console.log('\n6. A lead converted into a contact, a company and a deal');
const lead = await crm.as(eva).leads.create({
  title: 'Web form: fleet tracking',
  firstName: 'Lucía',
  lastName: 'Paredes',
  companyTitle: 'Andes Logística',
  emails: [{ value: 'lucia@andes.example', kind: 'work' }],
  amount: money('18000.00', 'USD'),
});
const converted = await crm.as(eva).leads.convert(lead.id, 'deal+contact+company', { expectedVersion: 1 });
line('lead status, converted at', `${converted.lead.status}, ${converted.lead.convertedAt?.toISOString() ?? '—'}`);
line('new contact, company, deal', `${converted.contact ? crm.displayName(converted.contact) : '—'}; ${converted.company?.title ?? '—'}; ${converted.deal?.title ?? '—'}`);
line('the deal links back to the lead', converted.deal?.leadId === lead.id);
await refused('converting it again', () => crm.as(eva).leads.convert(lead.id, 'deal', { expectedVersion: 2 }));

console.log('\n7. Optimistic concurrency: a stale update is refused');
const current = await crm.as(ana).deals.get(fitOut.id);
line('Ana’s deal is at version', current?.version);
await crm.as(ana).deals.update(fitOut.id, { comments: 'Client asked for oak desks' }, { expectedVersion: current?.version ?? 0 });
await refused('a second tab saves with the old version', () =>
  crm.as(ana).deals.update(fitOut.id, { comments: 'Pine desks' }, { expectedVersion: current?.version ?? 0 }),
);
line('what is stored', (await crm.as(ana).deals.get(fitOut.id))?.comments);

console.log('\n8. The event log');
const events = [];
for await (const event of store.events.read({})) events.push(event);
line('events appended', events.length);
const byType = new Map<string, number>();
for (const event of events) byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
line('by type', [...byType].map(([type, count]) => `${type} ${count}`).join(', '));
line('the last one', JSON.stringify({ type: events.at(-1)?.type, entityType: events.at(-1)?.entityType, data: events.at(-1)?.data }));
console.log('');
