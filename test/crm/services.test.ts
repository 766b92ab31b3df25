import { describe, expect, it } from 'vitest';
import {
  createAccessPolicy,
  createCrm,
  createFieldRegistry,
  createRateTable,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_LOSS_REASONS,
  defineField,
  checkPipeline,
  isCrmError,
  manualClock,
  money,
  NAME_FORMATS,
  sequentialIds,
  unwrap,
} from 'crm-kit';
import type { CreateCrmOptions, Crm, Pipeline, Principal } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import { codeOfAsync as codeOf } from '../support/errors.js';
import type { MemoryStore } from 'crm-kit/memory';

const policy = createAccessPolicy({
  roles: [
    {
      id: 'sales',
      name: 'Sales',
      permissions: {
        contact: { read: 'department', add: 'own', update: 'own', delete: 'none' },
        company: { read: 'all', add: 'all', update: 'all', delete: 'none' },
        deal: { read: 'department', add: 'own', update: 'own', delete: 'own' },
        lead: { read: 'own', add: 'own', update: 'own', delete: 'own' },
        activity: { read: 'own', add: 'own', update: 'own', delete: 'own' },
        invoice: { read: 'department', add: 'own', update: 'own', delete: 'none' },
        quote: { read: 'department', add: 'own', update: 'own', delete: 'none' },
      },
      dealPipelines: { vip: { read: 'none', add: 'none', update: 'none' } },
    },
    { id: 'intake', name: 'Intake', permissions: { lead: { read: 'own', add: 'own', update: 'own' } } },
  ],
  orgChart: {
    departments: [
      { id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo'] },
      { id: 'lima', name: 'Lima', memberIds: ['u-eva'] },
    ],
  },
});

const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const eva: Principal = { userId: 'u-eva', roleIds: ['sales'], departmentIds: ['lima'], isAdmin: false };
const ivo: Principal = { userId: 'u-ivo', roleIds: ['intake'], departmentIds: [], isAdmin: false };
const admin: Principal = { userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true };

const vip: Pipeline = unwrap(
  checkPipeline({
    id: 'vip',
    entityType: 'deal',
    name: 'VIP',
    stages: [
      { id: 'VIP_NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process' },
      { id: 'VIP_OFFER', name: 'Offer', sort: 20, color: '#2f80ed', semantic: 'process', requiredFields: ['amount'] },
      { id: 'VIP_WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success' },
      { id: 'VIP_LOST', name: 'Lost', sort: 100, color: '#eb5757', semantic: 'failure' },
    ],
  }),
);

// `contract` is required from PROPOSAL on and visible to Madrid only; `budget` is a lead field
// carried into the deal on conversion.
const contract = defineField({
  type: 'string',
  code: 'contract',
  labels: { en: 'Contract' },
  requiredFromStage: { stageId: 'PROPOSAL' },
  visibility: { restrictedTo: { departmentIds: ['madrid'] } },
});
const budget = defineField({ type: 'number', code: 'budget', labels: { en: 'Budget' } });

function setup(overrides: Partial<CreateCrmOptions> = {}): { store: MemoryStore; crm: Crm; clock: ReturnType<typeof manualClock> } {
  const store = createMemoryStore();
  const clock = manualClock('2026-03-02T10:00:00Z');
  const crm = createCrm({
    store,
    clock,
    ids: sequentialIds(),
    access: policy,
    fields: {
      deal: createFieldRegistry('deal', { customFields: [contract, budget] }),
      lead: createFieldRegistry('lead', { customFields: [budget] }),
    },
    pipelines: { deal: [DEFAULT_DEAL_PIPELINE, vip] },
    ...overrides,
  });
  return { store, crm, clock };
}


describe('createCrm: activities, invoices and quotes', () => {
  it('stamps completedAt when an activity is completed and clears it when reopened', async () => {
    const { crm, clock } = setup();
    const me = crm.as(ana);
    const call = await me.activities.create({ type: 'call', subject: 'Intro call' });
    expect(call.completed).toBe(false);
    expect(call.completedAt).toBeUndefined();
    clock.advance({ minutes: 30 });
    const done = await me.activities.update(call.id, { completed: true }, { expectedVersion: 1 });
    expect(done.completedAt).toEqual(new Date('2026-03-02T10:30:00Z'));
    clock.advance({ minutes: 30 });
    const renamed = await me.activities.update(call.id, { subject: 'Intro call (done)' }, { expectedVersion: 2 });
    expect(renamed.completedAt).toEqual(new Date('2026-03-02T10:30:00Z'));
    const reopened = await me.activities.update(call.id, { completed: false }, { expectedVersion: 3 });
    expect(reopened.completedAt).toBeUndefined();
  });

  it('an invoice starts in its first stage, takes its amount from the product rows, and closes when paid', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const invoice = await me.invoices.create({
      number: 'INV-1',
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      productRows: [{ name: 'Licence', price: money('100.00', 'EUR'), quantity: '3', taxRate: '21' }],
    });
    expect(invoice).toMatchObject({ stageId: 'DRAFT', closed: false, amount: money('363.00', 'EUR'), taxAmount: money('63.00', 'EUR') });
    const paid = await me.invoices.moveToStage(invoice.id, 'PAID', { expectedVersion: 1 });
    expect(paid).toMatchObject({ stageId: 'PAID', closed: true, closedAt: new Date('2026-03-02T10:00:00Z'), version: 2 });
    expect(store.inspectEvents().map((event) => [event.type, event.entityType])).toEqual([
      ['created', 'invoice'],
      ['movedToFinal', 'invoice'],
    ]);
  });

  it('an amount set by hand stays when the rows change; one that follows the rows is recomputed', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const seat = { name: 'Seat', price: money('10.00', 'EUR'), quantity: '2' };
    const rows = [seat];
    const quote = await me.quotes.create({ number: 'Q-1', productRows: rows });
    expect(quote.amount).toEqual(money('20.00', 'EUR'));
    const more = await me.quotes.update(quote.id, { productRows: [{ ...seat, quantity: '5' }] }, { expectedVersion: 1 });
    expect(more.amount).toEqual(money('50.00', 'EUR'));
    const manual = await me.quotes.update(quote.id, { amount: money('45.00', 'EUR'), amountIsManual: true }, { expectedVersion: 2 });
    const after = await me.quotes.update(quote.id, { productRows: rows }, { expectedVersion: 3 });
    expect([manual.amount, after.amount]).toEqual([money('45.00', 'EUR'), money('45.00', 'EUR')]);
  });

  it('the stage of an invoice or quote changes only through moveToStage', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const invoice = await me.invoices.create({ number: 'INV-2' });
    expect(await codeOf(() => me.invoices.update(invoice.id, { stageId: 'PAID' } as never, { expectedVersion: 1 }))).toBe('INVALID_STAGE_TRANSITION');
    expect(await codeOf(() => me.quotes.moveToStage('404', 'SENT', { expectedVersion: 1 }))).toBe('NOT_FOUND');
  });
});

describe('createCrm: stage groups', () => {
  it('filters deals by stage group across pipelines with eq, ne, in and notIn', async () => {
    const { crm } = setup();
    const boss = crm.as(admin);
    const a = await boss.deals.create({ title: 'A', amount: money('10.00', 'EUR'), custom: { contract: 'C-0' } });
    await boss.deals.create({ title: 'B', stageId: 'PROPOSAL', amount: money('10.00', 'EUR'), custom: { contract: 'C-1' } });
    const c = await boss.deals.create({ title: 'C', pipelineId: 'vip' });
    await boss.deals.moveToStage(a.id, 'WON', { expectedVersion: 1 });
    await boss.deals.moveToStage(c.id, 'VIP_LOST', { expectedVersion: 1 });
    const titles = async (op: 'eq' | 'ne' | 'in' | 'notIn', value: unknown): Promise<string[]> =>
      (await boss.deals.find({ where: [{ field: 'stageGroup', op, value }] })).items.map((deal) => deal.title).sort();
    expect(await titles('eq', 'won')).toEqual(['A']);
    expect(await titles('eq', 'lost')).toEqual(['C']);
    expect(await titles('ne', 'in-progress')).toEqual(['A', 'C']);
    expect(await titles('in', ['won', 'lost'])).toEqual(['A', 'C']);
    expect(await titles('notIn', ['won', 'lost'])).toEqual(['B']);
    expect(await titles('notIn', ['won', 'lost', 'in-progress'])).toEqual([]);
    expect(await boss.deals.count({ where: [{ field: 'stageGroup', op: 'eq', value: 'in-progress' }] })).toBe(1);
  });

  it('refuses other operators, unknown groups and sorting on the stage group', async () => {
    const { crm } = setup();
    const boss = crm.as(admin);
    expect(await codeOf(() => boss.deals.find({ where: [{ field: 'stageGroup', op: 'startsWith', value: 'w' }] }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => boss.deals.find({ where: [{ field: 'stageGroup', op: 'eq', value: 'closed' }] }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => boss.deals.find({ sort: [{ field: 'stageGroup', direction: 'asc' }] }))).toBe('UNKNOWN_FIELD');
    expect(await codeOf(() => boss.contacts.find({ where: [{ field: 'stageGroup', op: 'eq', value: 'won' }] }))).toBe('UNKNOWN_FIELD');
  });

  it('filters leads by the group of their status', async () => {
    const { crm } = setup();
    const boss = crm.as(admin);
    const lead = await boss.leads.create({ title: 'Web form' });
    await boss.leads.create({ title: 'Call-back' });
    await boss.leads.moveToStage(lead.id, 'JUNK', { expectedVersion: 1 });
    expect((await boss.leads.find({ where: [{ field: 'stageGroup', op: 'eq', value: 'lost' }] })).items.map((found) => found.title)).toEqual(['Web form']);
  });

  it('refuses deal pipelines where one stage id is in different groups', () => {
    const clash: Pipeline = { ...vip, id: 'clash', stages: vip.stages.map((stage) => (stage.id === 'VIP_NEW' ? { ...stage, id: 'WON' } : stage)) };
    expect(() => setup({ pipelines: { deal: [DEFAULT_DEAL_PIPELINE, clash] } })).toThrow(/different stage group/);
  });
});

describe('createCrm: stage requirements on create and update', () => {
  it('refuses a deal created in a stage whose required field is empty, and stores nothing', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const error = await me.deals.create({ title: 'X', stageId: 'PROPOSAL' }).catch((caught: unknown) => caught);
    expect(isCrmError(error) && error.code).toBe('VALIDATION_FAILED');
    expect(isCrmError(error) && 'issues' in error ? error.issues : []).toMatchObject([
      { code: 'REQUIRED', path: ['amount'] },
      { code: 'REQUIRED', path: ['custom', 'contract'] },
    ]);
    expect(store.inspectEvents()).toEqual([]);
    expect(await codeOf(() => crm.as(admin).deals.create({ title: 'Y', pipelineId: 'vip', stageId: 'VIP_OFFER' }))).toBe('VALIDATION_FAILED');
  });

  it('refuses an update that empties a value the current stage requires', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'X', stageId: 'PROPOSAL', amount: money('10.00', 'EUR'), custom: { contract: 'C-1' } });
    expect(await codeOf(() => me.deals.update(deal.id, { custom: { contract: null } }, { expectedVersion: 1 }))).toBe('VALIDATION_FAILED');
    expect(store.inspect('deal', deal.id)?.custom).toEqual({ contract: 'C-1' });
    expect(await codeOf(() => me.deals.update(deal.id, { amount: null }, { expectedVersion: 1 }))).toBe('VALIDATION_FAILED');
    const renamed = await me.deals.update(deal.id, { title: 'Renamed' }, { expectedVersion: 1 });
    expect(renamed.version).toBe(2);
  });

  it('never requires of a person a field they cannot see', async () => {
    const { crm } = setup();
    const lima = crm.as(eva);
    const deal = await lima.deals.create({ title: 'Lima deal', stageId: 'PROPOSAL', amount: money('10.00', 'EUR') });
    expect(deal.custom).toEqual({});
    const updated = await lima.deals.update(deal.id, { title: 'Lima deal 2' }, { expectedVersion: 1 });
    expect(updated.title).toBe('Lima deal 2');
  });

  it('a probability typed by hand is marked manual, so later stages keep it', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'X' });
    const typed = await me.deals.update(deal.id, { probability: 35 }, { expectedVersion: 1 });
    expect(typed).toMatchObject({ probability: 35, probabilityIsManual: true });
    const moved = await me.deals.moveToStage(deal.id, 'PREPARATION', { expectedVersion: 2 });
    expect(moved.probability).toBe(35);
  });
});

describe('createCrm: lead conversion', () => {
  it('converts a lead into a contact and a deal in one transaction, with links and events', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const lead = await me.leads.create({ title: 'Fleet enquiry', firstName: 'Ana', lastName: 'Ruiz', custom: { budget: 5000 } });
    const { lead: converted, contact, deal, company, notCarried } = await me.leads.convert(lead.id, 'deal+contact', {
      expectedVersion: 1,
      overrides: { deal: { title: 'Fleet renewal' } },
    });
    expect(company).toBeUndefined();
    expect(notCarried).toEqual([{ target: 'contact', code: 'budget', reason: 'no-target-field' }]);
    expect(contact).toMatchObject({ firstName: 'Ana', lastName: 'Ruiz', leadId: lead.id, version: 1 });
    expect(deal).toMatchObject({ title: 'Fleet renewal', leadId: lead.id, stageId: 'NEW', contactIds: [contact?.id], custom: { budget: 5000 } });
    expect(converted).toMatchObject({ status: 'CONVERTED', convertedAt: new Date('2026-03-02T10:00:00Z'), contactId: contact?.id, dealId: deal?.id, version: 2 });
    expect(store.inspect('deal', deal?.id ?? '')).toMatchObject({ leadId: lead.id });
    expect(store.inspectEvents().map((event) => `${event.type}:${event.entityType}`)).toEqual([
      'created:lead',
      'created:contact',
      'created:deal',
      'movedToFinal:lead',
      'leadConverted:lead',
    ]);
    expect(store.inspectEvents().at(-1)?.data).toEqual({ scheme: 'deal+contact', contactId: contact?.id, dealId: deal?.id });
  });

  it('links an existing company the person can read, and refuses one they cannot', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const acme = await me.companies.create({ title: 'Acme' });
    const lead = await me.leads.create({ title: 'Lead', firstName: 'Leo' });
    const result = await me.leads.convert(lead.id, 'contact+company', { expectedVersion: 1, companyId: acme.id });
    expect(result.company?.id).toBe(acme.id);
    expect(result.contact?.companyIds).toEqual([acme.id]);
    const other = await me.leads.create({ title: 'Other', firstName: 'Eva' });
    expect(await codeOf(() => me.leads.convert(other.id, 'contact', { expectedVersion: 1, contactId: '999' }))).toBe('NOT_FOUND');
  });

  it('refuses a second conversion, a stale version and missing permissions, storing nothing', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const lead = await me.leads.create({ title: 'Lead', firstName: 'Ana' });
    await me.leads.convert(lead.id, 'contact', { expectedVersion: 1 });
    const events = store.inspectEvents().length;
    expect(await codeOf(() => me.leads.convert(lead.id, 'contact', { expectedVersion: 2 }))).toBe('INVALID_STAGE_TRANSITION');
    expect(await codeOf(() => me.leads.convert(lead.id, 'contact', { expectedVersion: 1 }))).toBe('VERSION_CONFLICT');
    const intake = crm.as(ivo);
    const fresh = await intake.leads.create({ title: 'Walk-in', firstName: 'Ivo' });
    const error = await intake.leads.convert(fresh.id, 'deal+contact', { expectedVersion: 1 }).catch((caught: unknown) => caught);
    expect(isCrmError(error) && error.code).toBe('FORBIDDEN');
    expect(error instanceof Error && error.message).toMatch(/add contact, add deal/);
    expect(store.inspect('lead', fresh.id)).toMatchObject({ status: 'NEW', version: 1 });
    expect(store.inspectEvents().length).toBe(events + 1);
  });

  it('refuses malformed conversion options', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const lead = await me.leads.create({ title: 'Lead', firstName: 'Ana' });
    expect(await codeOf(() => me.leads.convert(lead.id, 'contact', { expectedVersion: 1, pipelineId: 'nope' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(() => me.leads.convert(lead.id, 'contact', { expectedVersion: 1, extra: true } as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => me.leads.convert(lead.id, 'everything' as never, { expectedVersion: 1 }))).toBe('INVALID_ARGUMENT');
  });
});

describe('createCrm: pipelines and fields services', () => {
  it('lists only the pipelines whose records the person may read', () => {
    const { crm } = setup();
    expect(crm.as(ana).pipelines.list('deal').map((pipeline) => pipeline.id)).toEqual(['default']);
    expect(crm.as(admin).pipelines.list('deal').map((pipeline) => pipeline.id)).toEqual(['default', 'vip']);
    expect(crm.as(ivo).pipelines.list('deal')).toEqual([]);
    expect(crm.as(ivo).pipelines.list('lead').map((pipeline) => pipeline.id)).toEqual(['lead']);
    expect(() => crm.as(ana).pipelines.list('contact' as never)).toThrow(/entity type/);
  });

  it('builds a kanban board of the readable deals, with totals in the report currency', async () => {
    const rates = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.90', from: '2026-01-01' }] });
    const { crm } = setup({ rates, settings: { baseCurrency: 'EUR' } });
    await crm.as(ana).deals.create({ title: 'Madrid EUR', amount: money('100.00', 'EUR') });
    await crm.as(ana).deals.create({ title: 'Madrid USD', amount: money('100.00', 'USD'), stageId: 'PREPARATION' });
    await crm.as(eva).deals.create({ title: 'Lima', amount: money('999.00', 'EUR') });
    const board = await crm.as(ana).pipelines.kanban('deal');
    expect(board.columns.map((column) => [column.stage.id, column.items.map((deal) => deal.title)])).toEqual([
      ['NEW', ['Madrid EUR']],
      ['PREPARATION', ['Madrid USD']],
      ['PROPOSAL', []],
      ['NEGOTIATION', []],
    ]);
    expect(board.total).toEqual(money('190.00', 'EUR'));
    expect(await codeOf(() => crm.as(ana).pipelines.kanban('deal', { pipelineId: 'nope' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => crm.as(ana).pipelines.kanban('deal', { where: [{ field: 'custom.contract', op: 'isEmpty' }] }))).toBe('no error');
    expect(await codeOf(() => crm.as(eva).pipelines.kanban('deal', { where: [{ field: 'custom.contract', op: 'isEmpty' }] }))).toBe('FIELD_NOT_VISIBLE');
  });

  it('without rates a board has per-currency subtotals only', async () => {
    const { crm } = setup({ settings: { reportCurrency: 'EUR' } });
    await crm.as(ana).deals.create({ title: 'USD', amount: money('100.00', 'USD') });
    const board = await crm.as(ana).pipelines.kanban('deal');
    expect([board.total, board.subtotals]).toEqual([undefined, [money('100.00', 'USD')]]);
  });

  it('lists the custom fields a person can see, and hides the others', () => {
    const { crm } = setup();
    expect(crm.as(ana).fields.list('deal').custom.map((field) => field.code)).toEqual(['contract', 'budget']);
    expect(crm.as(eva).fields.list('deal').custom.map((field) => field.code)).toEqual(['budget']);
    expect(crm.as(eva).fields.get('deal', 'contract')).toBeUndefined();
    expect(crm.as(ana).fields.get('deal', 'contract')?.type).toBe('string');
    expect(crm.as(ana).fields.list('contact').standard.some((field) => field.code === 'emails')).toBe(true);
  });
});

describe('createCrm: settings', () => {
  it('fills defaults, and the report currency from the base currency', () => {
    expect(setup().crm.settings).toEqual({ rounding: 'halfUp', nameFormat: NAME_FORMATS.firstLast });
    expect(setup({ settings: { baseCurrency: 'EUR', rounding: 'halfEven' } }).crm.settings).toEqual({
      baseCurrency: 'EUR',
      reportCurrency: 'EUR',
      rounding: 'halfEven',
      nameFormat: NAME_FORMATS.firstLast,
    });
  });

  it('writes names in the name format of the settings', () => {
    const { crm } = setup({ settings: { nameFormat: NAME_FORMATS.lastCommaFirst } });
    expect(crm.displayName({ firstName: 'Ana', lastName: 'García' })).toBe('García, Ana');
  });

  it('refuses unknown currencies, rounding modes, name formats and keys', () => {
    expect(() => setup({ settings: { baseCurrency: 'XYZ' } })).toThrow(/currency code/);
    expect(() => setup({ settings: { rounding: 'nearest' as never } })).toThrow(/rounding/);
    expect(() => setup({ settings: { nameFormat: '#FIRST# #LAST#' as never } })).toThrow();
    expect(() => setup({ settings: { locale: 'es' } as never })).toThrow(/settings has only/);
    expect(() => setup({ rates: { base: 'EUR' } as never })).toThrow(/rate table/);
  });
});

describe('createCrm: hidden fields are answered like unknown ones', () => {
  const margin = defineField({
    type: 'number',
    code: 'margin',
    labels: { en: 'Margin' },
    max: 100,
    visibility: { restrictedTo: { departmentIds: ['madrid'] } },
  });
  const withMargin = (max: number): CreateCrmOptions['fields'] => ({
    deal: createFieldRegistry('deal', { customFields: [{ ...margin, max }] }),
    lead: createFieldRegistry('lead', { customFields: [margin] }),
  });

  it('writing a hidden field, valid or not, is FIELD_NOT_VISIBLE, as for a field that does not exist', async () => {
    const { crm } = setup({ fields: withMargin(100) });
    const lima = crm.as(eva);
    expect(await codeOf(() => lima.deals.create({ title: 'X', custom: { margin: 5 } }))).toBe('FIELD_NOT_VISIBLE');
    expect(await codeOf(() => lima.deals.create({ title: 'X', custom: { margin: 5000 } }))).toBe('FIELD_NOT_VISIBLE');
    expect(await codeOf(() => lima.deals.create({ title: 'X', custom: { nothing: 1 } }))).toBe('FIELD_NOT_VISIBLE');
    const deal = await lima.deals.create({ title: 'X' });
    expect(await codeOf(() => lima.deals.update(deal.id, { custom: { margin: 'lots' } }, { expectedVersion: 1 }))).toBe('FIELD_NOT_VISIBLE');
  });

  it('filtering or sorting on a hidden field is FIELD_NOT_VISIBLE, as for a field that does not exist', async () => {
    const { crm } = setup({ fields: withMargin(100) });
    const lima = crm.as(eva);
    expect(await codeOf(() => lima.deals.find({ where: [{ field: 'custom.margin', op: 'contains', value: [1] }] }))).toBe('FIELD_NOT_VISIBLE');
    expect(await codeOf(() => lima.deals.find({ where: [{ field: 'custom.nothing', op: 'eq', value: 1 }] }))).toBe('FIELD_NOT_VISIBLE');
    expect(await codeOf(() => lima.deals.count({ sort: [{ field: 'custom.margin', direction: 'up' }] } as never))).toBe('FIELD_NOT_VISIBLE');
  });

  it('a hidden value that a later rule no longer accepts neither blocks nor is touched by an update', async () => {
    const store = createMemoryStore();
    const options = { store, clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy };
    const before = createCrm({ ...options, fields: withMargin(100) });
    const deal = await before.as(ana).deals.create({ title: 'X', custom: { margin: 50 } });
    await before.as(admin).deals.update(deal.id, { assignedById: 'u-eva' }, { expectedVersion: 1 });
    const after = createCrm({ ...options, fields: withMargin(10) });
    const updated = await after.as(eva).deals.update(deal.id, { title: 'Y' }, { expectedVersion: 2 });
    expect(updated).toMatchObject({ title: 'Y', custom: {} });
    expect(store.inspect('deal', deal.id)?.custom).toEqual({ margin: 50 });
  });

  it('a conversion never reports a lead value the person cannot see as not carried', async () => {
    const { store, crm } = setup({ fields: withMargin(100) });
    const lead = await crm.as(ana).leads.create({ title: 'L', firstName: 'Eva', custom: { margin: 7 }, assignedById: 'u-ana' });
    const madrid = await crm.as(ana).leads.convert(lead.id, 'contact', { expectedVersion: 1 });
    expect(madrid.notCarried).toEqual([{ target: 'contact', code: 'margin', reason: 'no-target-field' }]);
    const other = await crm.as(admin).leads.create({ title: 'L2', firstName: 'Ivo', custom: { margin: 7 }, assignedById: 'u-ivo' });
    const hidden = await crm.as(ivo).leads.convert(other.id, 'company', { expectedVersion: 1 }).catch((caught: unknown) => caught);
    expect(isCrmError(hidden) && hidden.code).toBe('FORBIDDEN');
    expect(store.inspect('lead', other.id)?.version).toBe(1);
  });

  it('a kanban board of a pipeline the person may not read is refused like an unknown one', async () => {
    const { crm } = setup();
    expect(await codeOf(() => crm.as(ana).pipelines.kanban('deal', { pipelineId: 'vip' }))).toBe('INVALID_ARGUMENT');
    expect((await crm.as(admin).pipelines.kanban('deal', { pipelineId: 'vip' })).pipelineId).toBe('vip');
  });
});

describe('createCrm: stores and options it refuses', () => {
  it('refuses a store whose transactions are not all or nothing', () => {
    const store = createMemoryStore();
    const partial = { ...store, capabilities: { ...store.capabilities, transactions: false } };
    expect(() => setup({ store: partial })).toThrow(/all or nothing/);
  });

  it('refuses unknown keys in write options', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'X' });
    expect(await codeOf(() => me.deals.update(deal.id, { title: 'Y' }, { expectedVersion: 1, force: true } as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => me.deals.delete(deal.id, { expectedVersion: 1, cascade: true } as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => me.deals.moveToStage(deal.id, 'WON', { expectedVersion: 1, lossReasonId: undefined, now: 1 } as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => me.deals.delete(deal.id, { expectedVersion: 7 }))).toBe('VERSION_CONFLICT');
  });
});

describe('createCrm: rules a move applies hold on every path', () => {
  const strict: Pipeline = unwrap(
    checkPipeline({
      ...DEFAULT_DEAL_PIPELINE,
      stages: DEFAULT_DEAL_PIPELINE.stages.map((stage) => (stage.id === 'LOST' ? { ...stage, lossReasonRequired: true } : stage)),
    }),
  );

  it('a lead reaches its success status only by conversion', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const lead = await me.leads.create({ title: 'L' });
    expect(await codeOf(() => me.leads.moveToStage(lead.id, 'CONVERTED', { expectedVersion: 1 }))).toBe('INVALID_STAGE_TRANSITION');
    expect(await codeOf(() => me.leads.create({ title: 'M', status: 'CONVERTED' }))).toBe('INVALID_STAGE_TRANSITION');
    expect(store.inspect('lead', lead.id)?.version).toBe(1);
    expect((await me.leads.moveToStage(lead.id, 'JUNK', { expectedVersion: 1 })).status).toBe('JUNK');
  });

  it('a deal created in a failure stage needs the loss reason that stage requires, and only a failure stage takes one', async () => {
    const { crm } = setup({ pipelines: { deal: [strict] } });
    const me = crm.as(ana);
    expect(await codeOf(() => me.deals.create({ title: 'D', stageId: 'LOST' }))).toBe('VALIDATION_FAILED');
    expect((await me.deals.create({ title: 'D', stageId: 'LOST', lossReasonId: 'PRICE' })).closed).toBe(true);
    expect(await codeOf(() => me.deals.create({ title: 'E', lossReasonId: 'PRICE' }))).toBe('VALIDATION_FAILED');
    const open = await me.deals.create({ title: 'F' });
    expect(await codeOf(() => me.deals.update(open.id, { lossReasonId: 'PRICE' }, { expectedVersion: 1 }))).toBe('VALIDATION_FAILED');
  });

  it('with a loss-reason catalog, a reason must come from it on create, update and moves', async () => {
    const { crm } = setup({ pipelines: { deal: [strict], lossReasons: DEFAULT_LOSS_REASONS } });
    const me = crm.as(ana);
    expect(await codeOf(() => me.deals.create({ title: 'D', stageId: 'LOST', lossReasonId: 'BAD_LUCK' }))).toBe('VALIDATION_FAILED');
    const deal = await me.deals.create({ title: 'D' });
    expect(await codeOf(() => me.deals.moveToStage(deal.id, 'LOST', { expectedVersion: 1, lossReasonId: 'BAD_LUCK' }))).toBe('VALIDATION_FAILED');
    const lost = await me.deals.moveToStage(deal.id, 'LOST', { expectedVersion: 1, lossReasonId: 'PRICE' });
    expect(await codeOf(() => me.deals.update(deal.id, { lossReasonId: 'BAD_LUCK' }, { expectedVersion: lost.version }))).toBe('VALIDATION_FAILED');
    expect((await me.deals.update(deal.id, { lossReasonId: 'TIMING' }, { expectedVersion: lost.version })).lossReasonId).toBe('TIMING');
    expect(() => setup({ pipelines: { lossReasons: [{ id: 'X' }] as never } })).toThrow(/loss-reason catalog/);
  });

  it('a patch key left undefined is no change: it neither trips a stage rule nor shows in the event', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'D' });
    const updated = await me.deals.update(deal.id, { title: 'E', comments: undefined, custom: { budget: undefined } }, { expectedVersion: 1 });
    expect(updated.version).toBe(2);
    expect(store.inspectEvents().at(-1)?.data).toEqual({ fields: ['title'] });
  });

  it('a board of a type the person may not read at all is FORBIDDEN, as find is', async () => {
    const { crm } = setup();
    expect(await codeOf(() => crm.as(ivo).pipelines.kanban('deal'))).toBe('FORBIDDEN');
    expect(await codeOf(() => crm.as(ivo).deals.find())).toBe('FORBIDDEN');
  });
});

describe('createCrm: conversion edge cases', () => {
  it('a target field hidden from the person is reported like a missing one', async () => {
    const hiddenX = defineField({ type: 'string', code: 'x', labels: { en: 'X' }, visibility: { restrictedTo: { departmentIds: ['madrid'] } } });
    const openX = defineField({ type: 'string', code: 'x', labels: { en: 'X' } });
    const reasons = async (deal: CreateCrmOptions['fields']): Promise<unknown> => {
      const { crm } = setup({ fields: { lead: createFieldRegistry('lead', { customFields: [openX] }), ...deal } });
      const lead = await crm.as(eva).leads.create({ title: 'L', custom: { x: 'v' } });
      return (await crm.as(eva).leads.convert(lead.id, 'company', { expectedVersion: 1 })).notCarried;
    };
    expect(await reasons({ company: createFieldRegistry('company', { customFields: [hiddenX] }) })).toEqual(await reasons({}));
  });

  it("a repeat lead's own contact comes back in the result and the event, and must be readable", async () => {
    const { store, crm } = setup();
    const known = await crm.as(ana).contacts.create({ firstName: 'Ana' });
    const lead = await crm.as(ana).leads.create({ title: 'Again', firstName: 'Ana', contactId: known.id });
    const result = await crm.as(ana).leads.convert(lead.id, 'deal+contact', { expectedVersion: 1 });
    expect([result.contact?.id, result.deal?.contactIds]).toEqual([known.id, [known.id]]);
    expect(store.inspectEvents().at(-1)?.data).toMatchObject({ contactId: known.id, dealId: result.deal?.id });
    const hidden = await crm.as(eva).contacts.create({ firstName: 'Eva' });
    const other = await crm.as(ana).leads.create({ title: 'Linked elsewhere', contactId: hidden.id });
    expect(await codeOf(() => crm.as(ana).leads.convert(other.id, 'deal', { expectedVersion: 1 }))).toBe('NOT_FOUND');
  });

  it('a conversion whose last write fails stores nothing of it', async () => {
    const store = createMemoryStore();
    const ids = sequentialIds();
    // The deal's id clashes with an existing deal, so the insert of the deal fails after the contact's.
    const clashing = { next: (entityType: string) => (entityType === 'deal' ? 'd-taken' : ids.next(entityType)) };
    const crm = createCrm({ store, clock: manualClock('2026-03-02T10:00:00Z'), ids: clashing, access: policy });
    const boss = crm.as(admin);
    await boss.deals.create({ title: 'Existing' });
    const lead = await boss.leads.create({ title: 'L', firstName: 'Ana' });
    const before = store.inspectEvents().length;
    expect(await codeOf(() => boss.leads.convert(lead.id, 'deal+contact', { expectedVersion: 1 }))).toBe('DUPLICATE_ID');
    expect(store.inspect('lead', lead.id)).toMatchObject({ status: 'NEW', version: 1 });
    expect(store.inspectEvents().length).toBe(before);
  });
});

describe('createCrm: an update that changes nothing', () => {
  it('stores nothing and logs nothing, but still checks the version and the permission', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'D' });
    const events = store.inspectEvents().length;
    expect((await me.deals.update(deal.id, {}, { expectedVersion: 1 })).version).toBe(1);
    expect((await me.deals.update(deal.id, { title: undefined }, { expectedVersion: 1 })).version).toBe(1);
    expect(store.inspectEvents().length).toBe(events);
    expect(await codeOf(() => me.deals.update(deal.id, {}, { expectedVersion: 2 }))).toBe('VERSION_CONFLICT');
    expect(await codeOf(() => crm.as(eva).deals.update(deal.id, {}, { expectedVersion: 1 }))).toBe('NOT_FOUND');
  });
});
