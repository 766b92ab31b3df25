// A tour of crm-kit's pure functions, without a store: money, names, ids, entities, permissions,
// pipelines and lead conversion as plain data in, plain data out. It imports from 'crm-kit'
// exactly as your code would. For the ready service over a store, see quickstart.ts.
import {
  applyTransition,
  buildKanbanBoard,
  DEFAULT_DEAL_PIPELINE,
  defineRecordRules,
  findMissingPermissions,
  planCreateRecord,
  planLeadConversion,
  planTransition,
  allocateMoney,
  assertCanWriteFields,
  can,
  computeProductRowsTotal,
  createAccessPolicy,
  createFieldRegistry,
  projectRecord,
  buildRecordScope,
  validateEntity,
  convertMoney,
  createRateTable,
  formatMoney,
  formatPersonName,
  isCrmError,
  money,
  NAME_FORMATS,
  parseMoney,
  roundMoney,
  sequentialIds,
  splitFullName,
  sumMoney,
} from 'crm-kit';
import type { Deal } from 'crm-kit';

const line = (label: string, value: unknown): void => { console.log(`  ${label.padEnd(44)} ${String(value)}`); };

console.log('\n1. Money is exact data: a decimal string and an ISO 4217 code');
const price = money('1249.90', 'EUR');
line('money("1249.90", "EUR")', JSON.stringify(price));
line('money("1500", "JPY") (no minor units)', JSON.stringify(money('1500', 'JPY')));
line('money("2.5", "BHD") (three minor units)', JSON.stringify(money('2.5', 'BHD')));

console.log('\n2. Dated exchange rates, converted through the base currency');
const rates = createRateTable({
  base: 'EUR',
  rates: [
    { currency: 'USD', amount: '0.920000', from: '2026-01-01' },
    { currency: 'USD', amount: '0.950000', from: '2026-07-01' },
    { currency: 'JPY', amount: '0.600000', nominal: 100, from: '2026-01-01' },
  ],
});
const deal = money('12000.00', 'USD');
line('12,000.00 USD in EUR on 2026-03-15', convertMoney(deal, 'EUR', rates, { on: '2026-03-15' }).amount);
line('12,000.00 USD in EUR on 2026-09-15', convertMoney(deal, 'EUR', rates, { on: '2026-09-15' }).amount);
line('12,000.00 USD in JPY (cross rate)', convertMoney(deal, 'JPY', rates, { on: '2026-09-15' }).amount);
try {
  convertMoney(deal, 'EUR', rates, { on: '2025-12-31' });
} catch (error) {
  if (isCrmError(error, 'NO_RATE')) line('before the first rate', `${error.code}: ${error.message}`);
}

console.log('\n3. Allocation: shares that always add up to the whole');
const commission = money('1000.00', 'EUR');
const shares = allocateMoney(commission, [50, 30, 20, 0]);
line('1,000.00 EUR split 50/30/20/0', shares.map((s) => s.amount).join(' + '));
const thirds = allocateMoney(money('100.00', 'EUR'), [1, 1, 1]);
line('100.00 EUR in thirds', `${thirds.map((s) => s.amount).join(' + ')} = ${sumMoney(thirds, 'EUR').amount}`);
line('2.345 EUR rounded half-even', roundMoney(money('2.345', 'EUR'), { mode: 'halfEven' }).amount);

console.log('\n4. Formatting and parsing for people, per locale');
const total = money('-1234567.891', 'EUR');
for (const locale of ['es-ES', 'en-US', 'de-DE', 'ja-JP']) line(`formatMoney(…, "${locale}")`, formatMoney(total, locale));
line('parseMoney("1.234,50 €", es-ES)', JSON.stringify(parseMoney('1.234,50 €', 'EUR', { locale: 'es-ES' })));
const ambiguous = parseMoney('1,5', 'USD', { locale: 'en-US' });
line('parseMoney("1,5", en-US)', ambiguous.success ? ambiguous.data.amount : ambiguous.issues.map((i) => i.code).join(', '));

console.log('\n5. Person names');
const person = { honorific: 'Sra.', firstName: 'María', secondName: 'José', lastName: 'García López' };
for (const format of Object.values(NAME_FORMATS)) line(format, formatPersonName(person, format));
line('splitFullName("Juan García López")', JSON.stringify(splitFullName('Juan García López', NAME_FORMATS.firstLast)));
line('splitFullName("García López, Juan")', JSON.stringify(splitFullName('García López, Juan', NAME_FORMATS.firstLast)));

console.log('\n6. Identifiers: the parity allocator');
const writerA = sequentialIds({ step: 2, offset: 0 });
const writerB = sequentialIds({ step: 2, offset: 1 });
line('writer A (even), writer B (odd)', `${[1, 2, 3].map(() => writerA.next('deal')).join(', ')} | ${[1, 2, 3].map(() => writerB.next('deal')).join(', ')}`);

console.log('\n7. Entities, a restricted custom field and permissions');
const deals = createFieldRegistry('deal', {
  customFields: [
    { type: 'money', code: 'margin', labels: { en: 'Margin', es: 'Margen' }, visibility: { restrictedTo: { departmentIds: ['finance'] } } },
    { type: 'date', code: 'renewal', labels: { en: 'Renewal', es: 'Renovación' } },
  ],
});
const policy = createAccessPolicy({
  roles: [
    { id: 'sales', name: 'Sales', permissions: { deal: { read: 'department', add: 'own', update: 'own', export: 'none' } } },
    { id: 'finance', name: 'Finance', permissions: { deal: { read: 'all', export: 'all' } } },
  ],
  orgChart: {
    departments: [
      { id: 'sales-madrid', name: 'Sales Madrid', memberIds: ['u-ana', 'u-leo'] },
      { id: 'finance', name: 'Finance', memberIds: ['u-eva'] },
    ],
  },
});
const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['sales-madrid'], isAdmin: false };
const eva = { userId: 'u-eva', roleIds: ['finance'], departmentIds: ['finance'], isAdmin: false };

const created = validateEntity(deals, 'input', {
  title: 'Madrid office fit-out',
  pipelineId: 'sales',
  stageId: 'NEW',
  productRows: [
    { name: 'Desk', price: money('450.00', 'EUR'), quantity: '10', taxRate: '21' },
    { name: 'Chair', price: money('180.00', 'EUR'), quantity: '10', discount: { rate: '10' }, taxRate: '21' },
  ],
  custom: { margin: money('1800.00', 'EUR'), renewal: '2027-03-31' },
});
if (!created.success) throw new Error(created.issues.map((i) => i.message).join('; '));
const rows = computeProductRowsTotal(created.data.productRows ?? [], 'EUR');
line('product rows: subtotal, discount, tax', `${rows.subtotal.amount} − ${rows.discount.amount} + ${rows.tax.amount} = ${rows.total.amount} EUR`);

const stored = { ...created.data, id: '2', assignedById: 'u-leo' };
line('Ana (sales) sees custom fields', Object.keys(projectRecord(deals, ana, stored).custom ?? {}).join(', '));
line('Eva (finance) sees custom fields', Object.keys(projectRecord(deals, eva, stored).custom ?? {}).join(', '));
line('Ana may read Leo’s deal (department)', can(policy, ana, 'read', 'deal', stored));
line('Ana may update Leo’s deal (own only)', can(policy, ana, 'update', 'deal', stored));
line('Ana may export deals', can(policy, ana, 'export', 'deal'));
line('scope a store pushes into Ana’s query', JSON.stringify(buildRecordScope(policy, ana, 'read', 'deal')));
try {
  assertCanWriteFields(deals, ana, { custom: { margin: null } });
} catch (error) {
  if (isCrmError(error, 'FIELD_NOT_VISIBLE')) line('Ana clears the margin', `${error.code}: ${error.message}`);
}

console.log('\n8. A pipeline, a kanban board in the report currency, and stage moves');
const at = new Date('2026-09-15T10:00:00Z');
const stamp = { version: 1, createdAt: at, updatedAt: at, createdById: 'u-ana', updatedById: 'u-ana', custom: {} };
const dealRecord = (id: string, stageId: string, amount: string, currency: string, assignedById = 'u-ana'): Deal => ({
  ...stamp, id, title: `Deal ${id}`, pipelineId: DEFAULT_DEAL_PIPELINE.id, stageId, amount: money(amount, currency), assignedById,
  amountIsManual: true, probabilityIsManual: false, opened: false, closed: false, isReturnCustomer: false, isRepeatedApproach: false, movedAt: at, movedById: assignedById,
});
const negotiating = dealRecord('13', 'NEGOTIATION', '25000.00', 'EUR');
const pipelineDeals = [
  dealRecord('10', 'NEW', '12000.00', 'USD'),
  dealRecord('11', 'NEW', '8000.00', 'EUR', 'u-leo'),
  dealRecord('12', 'PROPOSAL', '1500000', 'JPY'),
  negotiating,
];
const board = buildKanbanBoard(pipelineDeals, DEFAULT_DEAL_PIPELINE, { currency: 'EUR', rates, on: '2026-09-15' });
for (const column of board.columns) {
  line(`${column.stage.name} (${column.count})`, `${column.total?.amount ?? '0.00'} EUR  [${column.subtotals.map((m) => `${m.amount} ${m.currency}`).join(', ')}]`);
}
line('board total', `${board.total?.amount ?? '0.00'} EUR at the rates of ${board.conversion?.on ?? '-'}`);

const toWon = planTransition(negotiating, 'WON', { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-ana' });
if (toWon.success) {
  const won = applyTransition(negotiating, toWon.data);
  line('deal 13 moved to WON', `closed=${won.closed}, probability=${won.probability ?? '-'}, event=${toWon.data.event.type}`);
}
const { amount: _unknown, ...unpriced } = dealRecord('14', 'NEW', '0', 'EUR');
const notReady = planTransition(unpriced, 'PROPOSAL', { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-ana' });
line('a deal without an amount to PROPOSAL', notReady.success ? 'planned' : notReady.issues.map((i) => `${i.code} ${i.path.join('.')}`).join(', '));

console.log('\n9. Converting a lead');
const rules = { lead: defineRecordRules('lead'), contact: defineRecordRules('contact'), company: defineRecordRules('company'), deal: defineRecordRules('deal') };
const leadPlan = planCreateRecord(rules.lead, ana, {
  title: 'Website enquiry', firstName: 'Lucía', lastName: 'Pérez', companyTitle: 'Pérez Arquitectos',
  emails: [{ value: 'lucia@perez.example', kind: 'work' }], amount: money('4000.00', 'EUR'),
}, { id: '7', at });
if (!leadPlan.success) throw new Error(leadPlan.issues.map((i) => i.message).join('; '));
const lead = leadPlan.data.record;
const converter = createAccessPolicy({
  roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'own' }, contact: { add: 'own' }, company: { add: 'own' }, deal: { add: 'own' } } }],
});
const plan = planLeadConversion(rules, ana, lead, 'deal+contact+company', { at, ids: { contact: '101', company: '201', deal: '301' } });
if (!plan.success) throw new Error(plan.issues.map((i) => i.message).join('; '));
line('records it creates', plan.data.inserts.map((insert) => `${insert.entityType} ${insert.record.id}`).join(', '));
line('new deal', `${plan.data.deal?.title ?? '-'}: ${plan.data.deal?.amount?.amount ?? '-'} EUR in ${plan.data.deal?.stageId ?? '-'}, contacts ${JSON.stringify(plan.data.deal?.contactIds)}, company ${plan.data.deal?.companyId ?? '-'}`);
line('lead moves to', `${plan.data.lead.status}, converted at ${plan.data.lead.convertedAt?.toISOString() ?? '-'}, deal ${plan.data.lead.dealId ?? '-'}`);
line('permissions Ana lacks', findMissingPermissions(converter, ana, plan.data.needs).length === 0 ? 'none' : 'some');
const again = planLeadConversion(rules, ana, plan.data.lead, 'contact', { at, ids: { contact: '102' } });
line('converting again', again.success ? 'planned' : again.issues.map((i) => i.code).join(', '));
console.log();
