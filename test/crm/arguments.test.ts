import { describe, expect, it } from 'vitest';
import {
  checkPipeline,
  createAccessPolicy,
  createCrm,
  createFieldRegistry,
  createRateTable,
  DEFAULT_DEAL_PIPELINE,
  defineField,
  isCrmError,
  LIMITS,
  manualClock,
  money,
  sequentialIds,
  unwrap,
} from 'crm-kit';
import type { CreateCrmOptions, Crm, Principal } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import type { MemoryStore } from 'crm-kit/memory';
import { codeOfAsync as codeOf } from '../support/errors.js';

// The checks a service makes of its arguments before it plans anything, one code per mistake.

const policy = createAccessPolicy({ roles: [], orgChart: { departments: [] } });
const admin: Principal = { userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true };

function setup(overrides: Partial<CreateCrmOptions> = {}): { store: MemoryStore; crm: Crm } {
  const store = createMemoryStore();
  const crm = createCrm({ store, clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy, ...overrides });
  return { store, crm };
}

/** What an async call rejected with: its code, message and cause. */
async function failure(run: () => Promise<unknown>): Promise<{ code: string; message: string; cause?: unknown; issues?: unknown }> {
  try {
    await run();
    return { code: 'no error', message: '' };
  } catch (error) {
    if (!isCrmError(error)) return { code: 'not a crm-kit error', message: String(error) };
    return { code: error.code, message: error.message, cause: error.cause, issues: (error as { issues?: unknown }).issues };
  }
}

describe('createCrm services: write options', () => {
  it('expectedVersion must be a positive whole number: INVALID_ARGUMENT, never read as a version conflict', async () => {
    const { crm } = setup();
    const me = crm.as(admin);
    const deal = await me.deals.create({ title: 'Renewal' });
    for (const expectedVersion of [0, -1, 1.5, '1', undefined]) {
      const options = { expectedVersion } as never;
      expect(await codeOf(() => me.deals.update(deal.id, { title: 'T' }, options)), String(expectedVersion)).toBe('INVALID_ARGUMENT');
      expect(await codeOf(() => me.deals.delete(deal.id, options))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(() => me.deals.moveToStage(deal.id, 'WON', options))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(() => me.deals.moveToPipeline(deal.id, 'default', 'WON', options))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(() => me.pipelines.moveOnBoard('deal', deal.id, { zone: 'won' }, options))).toBe('INVALID_ARGUMENT');
    }
    expect(await codeOf(() => me.deals.update(deal.id, { title: 'T' }, { expectedVersion: 2 }))).toBe('VERSION_CONFLICT');
    expect((await me.deals.get(deal.id))?.version).toBe(1);
  });

  it('an id is non-empty text: INVALID_ARGUMENT for anything else, INVALID_TEXT for a NUL', async () => {
    const me = setup().crm.as(admin);
    for (const id of [5, '']) {
      const bad = id as never;
      expect(await codeOf(() => me.deals.get(bad))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(() => me.deals.update(bad, { title: 'T' }, { expectedVersion: 1 }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(() => me.deals.history(bad))).toBe('INVALID_ARGUMENT');
    }
    expect(await codeOf(() => me.deals.get('a\0b'))).toBe('INVALID_TEXT');
  });
});

describe('createCrm services: moves', () => {
  it('moveToStage takes a non-empty stage id and, when given, a non-empty loss reason', async () => {
    const me = setup().crm.as(admin);
    const deal = await me.deals.create({ title: 'Renewal' });
    for (const stageId of ['', 5]) expect(await codeOf(() => me.deals.moveToStage(deal.id, stageId as never, { expectedVersion: 1 }))).toBe('INVALID_ARGUMENT');
    for (const lossReasonId of ['', 5]) {
      expect(await codeOf(() => me.deals.moveToStage(deal.id, 'LOST', { expectedVersion: 1, lossReasonId: lossReasonId as never }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(() => me.deals.moveToPipeline(deal.id, 'default', 'LOST', { expectedVersion: 1, lossReasonId: lossReasonId as never }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(() => me.pipelines.moveOnBoard('deal', deal.id, { zone: 'lost' }, { expectedVersion: 1, lossReasonId: lossReasonId as never }))).toBe('INVALID_ARGUMENT');
    }
    const lost = await me.deals.moveToPipeline(deal.id, 'default', 'LOST', { expectedVersion: 1, lossReasonId: 'PRICE' });
    expect([lost.stageId, lost.lossReasonId]).toEqual(['LOST', 'PRICE']);
  });

  it('moveToPipeline takes a non-empty pipeline id and stage id', async () => {
    const me = setup().crm.as(admin);
    const deal = await me.deals.create({ title: 'Renewal' });
    for (const [pipelineId, stageId] of [['', 'WON'], [5, 'WON'], ['default', ''], ['default', 5]]) {
      expect(await codeOf(() => me.deals.moveToPipeline(deal.id, pipelineId as never, stageId as never, { expectedVersion: 1 }))).toBe('INVALID_ARGUMENT');
    }
  });

  it("a board drop of a deal in a pipeline the CRM no longer has is VALIDATION_FAILED with an INVALID_VALUE issue at pipelineId", async () => {
    const store = createMemoryStore();
    const options = { store, clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy };
    const vip = { ...DEFAULT_DEAL_PIPELINE, id: 'vip', name: 'VIP' };
    const deal = await createCrm({ ...options, pipelines: { deal: [DEFAULT_DEAL_PIPELINE, vip] } }).as(admin).deals.create({ title: 'Old', pipelineId: 'vip' });
    const after = createCrm({ ...options, pipelines: { deal: [DEFAULT_DEAL_PIPELINE] } });
    const dropped = await failure(() => after.as(admin).pipelines.moveOnBoard('deal', deal.id, { zone: 'won' }, { expectedVersion: 1 }));
    expect([dropped.code, dropped.issues]).toMatchObject(['VALIDATION_FAILED', [{ code: 'INVALID_VALUE', path: ['pipelineId'] }]]);
  });
});

describe('createCrm services: history, find and fields', () => {
  it('history takes only afterSequence and a limit from 1 to the query limit, and pages by afterSequence', async () => {
    const me = setup().crm.as(admin);
    const deal = await me.deals.create({ title: 'Renewal' });
    await me.deals.update(deal.id, { title: 'Renamed' }, { expectedVersion: 1 });
    for (const options of [{ limit: 0 }, { limit: 1.5 }, { limit: '2' }, { limit: LIMITS.queryValues + 1 }, { since: 1 }, 'all']) {
      expect(await codeOf(() => me.deals.history(deal.id, options as never)), JSON.stringify(options)).toBe('INVALID_ARGUMENT');
    }
    expect((await me.deals.history(deal.id, { limit: LIMITS.queryValues })).map((event) => event.type)).toEqual(['created', 'updated']);
    const [first] = await me.deals.history(deal.id, { limit: 1 });
    expect(first?.type).toBe('created');
    expect((await me.deals.history(deal.id, { afterSequence: first?.sequence })).map((event) => event.type)).toEqual(['updated']);
  });

  it('a query is a plain object; the last page of a find has no nextCursor', async () => {
    const me = setup().crm.as(admin);
    await me.contacts.create({ firstName: 'Ana' });
    for (const query of ['all', [], 5]) expect(await codeOf(() => me.contacts.find(query as never))).toBe('INVALID_ARGUMENT');
    const page = await me.contacts.find({ limit: 5 });
    expect([page.items.length, 'nextCursor' in page]).toEqual([1, false]);
  });

  it('fields lists the custom fields in their sort order and refuses an unknown type or a code that is not text', () => {
    const field = (code: string, sort?: number) => defineField({ type: 'string', code, labels: { en: code }, ...(sort === undefined ? {} : { sort }) });
    const { crm } = setup({ fields: { deal: createFieldRegistry('deal', { customFields: [field('c', 30), field('a'), field('b', 10), field('d', -5)] }) } });
    const fields = crm.as(admin).fields;
    expect(fields.list('deal').custom.map((definition) => definition.code)).toEqual(['d', 'a', 'b', 'c']);
    expect(fields.get('deal', 'b')?.code).toBe('b');
    expect(() => fields.list('nothing' as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => fields.get('nothing' as never, 'a')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => fields.get('deal', 5 as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('createCrm services: kanban', () => {
  async function world(overrides: Partial<CreateCrmOptions> = {}): Promise<{ crm: Crm; ids: string[] }> {
    const { crm } = setup(overrides);
    const me = crm.as(admin);
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C']) ids.push((await me.deals.create({ title, amount: money('10.00', 'EUR') })).id);
    await me.deals.moveToStage(ids[0] ?? '', 'WON', { expectedVersion: 1 });
    return { crm, ids };
  }

  it('refuses options it does not know and malformed ones with INVALID_ARGUMENT', async () => {
    const { crm } = await world();
    const max = createMemoryStore().capabilities.maxPageSize;
    for (const options of ['all', { columns: 3 }, { where: 'x' }, { includeFinal: 'yes' }, { perColumn: 0 }, { perColumn: 1.5 }, { perColumn: '5' }, { perColumn: max + 1 }, { cursors: 'x' }, { pipelineId: 5 }]) {
      expect(await codeOf(() => crm.as(admin).pipelines.kanban('deal', options as never)), JSON.stringify(options)).toBe('INVALID_ARGUMENT');
    }
    for (const perColumn of [1, max]) expect(await codeOf(() => crm.as(admin).pipelines.kanban('deal', { perColumn }))).toBe('no error');
  });

  it('includeFinal shows the won and lost zone; a filter on another field, another operator or in-progress stages does not', async () => {
    const { crm } = await world();
    const zones = async (options: object): Promise<boolean> => (await crm.as(admin).pipelines.kanban('deal', options)).final !== undefined;
    expect(await zones({ includeFinal: true })).toBe(true);
    expect(await zones({})).toBe(false);
    expect(await zones({ includeFinal: false, where: [{ field: 'title', op: 'eq', value: 'WON' }] })).toBe(false);
    expect(await zones({ where: [{ field: 'stageId', op: 'ne', value: 'WON' }] })).toBe(false);
    expect(await zones({ where: [{ field: 'stageId', op: 'in', value: ['NEW', 'PREPARATION'] }] })).toBe(false);
    expect(await zones({ where: [{ field: 'stageId', op: 'eq', value: 'NEW' }] })).toBe(false);
    expect(await zones({ where: [{ field: 'stageId', op: 'in', value: ['NEW', 'LOST'] }] })).toBe(true);
    expect(await zones({ where: [{ field: 'stageId', op: 'eq', value: 'WON' }] })).toBe(true);
  });

  it('a column with no further page has no nextCursor; a board of leads is not filtered by a pipeline', async () => {
    const { crm } = await world();
    const board = await crm.as(admin).pipelines.kanban('deal', { perColumn: 5 });
    expect(board.columns.some((column) => 'nextCursor' in column)).toBe(false);
    await crm.as(admin).leads.create({ title: 'Web form' });
    const leads = await crm.as(admin).pipelines.kanban('lead');
    expect(leads.columns.find((column) => column.stage.id === 'NEW')?.count).toBe(1);
  });

  it("a deal board shows the deals of its own pipeline only, even where another pipeline has the same stage ids", async () => {
    const twin = { ...DEFAULT_DEAL_PIPELINE, id: 'twin', name: 'Twin' };
    const me = setup({ pipelines: { deal: [DEFAULT_DEAL_PIPELINE, twin] } }).crm.as(admin);
    await me.deals.create({ title: 'Here' });
    await me.deals.create({ title: 'There', pipelineId: 'twin' });
    const titles = async (pipelineId: string): Promise<string[]> =>
      (await me.pipelines.kanban('deal', { pipelineId })).columns.flatMap((column) => column.items.map((deal) => deal.title));
    expect([await titles('default'), await titles('twin')]).toEqual([['Here'], ['There']]);
  });

  it('with a report currency but no rates, a board has per-currency subtotals only', async () => {
    const { crm } = await world({ settings: { baseCurrency: 'EUR' } });
    const board = await crm.as(admin).pipelines.kanban('deal');
    expect(board.columns.find((column) => column.stage.id === 'NEW')?.count).toBe(2);
    const withRates = await world({ settings: { baseCurrency: 'EUR' }, rates: createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.90', from: '2026-01-01' }] }) });
    expect((await withRates.crm.as(admin).pipelines.kanban('deal')).columns.length).toBeGreaterThan(0);
  });
});

describe('createCrm services: conversion options', () => {
  it('pipelineId, contactId and companyId are non-empty ids, overrides an object and the scheme text', async () => {
    const me = setup().crm.as(admin);
    const lead = await me.leads.create({ title: 'Web form' });
    const bad: readonly [unknown, Record<string, unknown>][] = [
      ['deal', { pipelineId: '' }],
      ['deal', { pipelineId: 5 }],
      ['deal', { contactId: '' }],
      ['deal', { companyId: 5 }],
      ['deal', { overrides: 'x' }],
      [5, {}],
    ];
    for (const [scheme, options] of bad) {
      expect(await codeOf(() => me.leads.convert(lead.id, scheme as never, { expectedVersion: 1, ...options })), JSON.stringify([scheme, options])).toBe('INVALID_ARGUMENT');
    }
  });

  it('a plan that fails on a stage rule and on a value is INVALID_STAGE_TRANSITION, with every issue', async () => {
    const me = setup().crm.as(admin);
    const lead = await me.leads.create({ title: 'Web form' });
    const failed = await failure(() => me.leads.convert(lead.id, 'deal+company', { expectedVersion: 1, overrides: { company: { title: undefined }, deal: { stageId: 'WON' } } }));
    expect(failed.code).toBe('INVALID_STAGE_TRANSITION');
    expect(failed.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'INVALID_STAGE_TRANSITION' }), expect.objectContaining({ code: 'REQUIRED' })]),
    );
  });
});

describe('createCrm services: create', () => {
  it('a deal input that is not an object is VALIDATION_FAILED, as for any type: the client lookup never reads it', async () => {
    const me = setup().crm.as(admin);
    for (const input of [null, 'x', 5]) {
      expect([await codeOf(() => me.deals.create(input as never)), await codeOf(() => me.contacts.create(input as never))]).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED']);
    }
  });

  it("a client deal in a stage its pipeline no longer has neither fails nor decides the flags of a new deal", async () => {
    const store = createMemoryStore();
    const options = { store, clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy };
    const before = createCrm(options).as(admin);
    const company = await before.companies.create({ title: 'Acme' });
    await before.deals.create({ title: 'Old', companyId: company.id, stageId: 'PREPARATION' });
    const trimmed = unwrap(checkPipeline({ ...DEFAULT_DEAL_PIPELINE, stages: DEFAULT_DEAL_PIPELINE.stages.filter((stage) => stage.id !== 'PREPARATION') }));
    const after = createCrm({ ...options, pipelines: { deal: [trimmed] } }).as(admin);
    const deal = await after.deals.create({ title: 'New', companyId: company.id });
    expect([deal.isReturnCustomer, deal.isRepeatedApproach]).toEqual([false, false]);
  });
});

describe('createCrm services: the repeat flags of a converted deal', () => {
  it("come from the deals of the contact it is linked to, and from no one else's deals", async () => {
    const me = setup().crm.as(admin);
    const other = await me.companies.create({ title: 'Other' });
    const won = await me.deals.create({ title: 'Not theirs', companyId: other.id });
    await me.deals.moveToStage(won.id, 'WON', { expectedVersion: 1 });
    const newcomer = await me.leads.convert((await me.leads.create({ title: 'New client' })).id, 'deal+contact', { expectedVersion: 1 });
    expect([newcomer.deal?.isReturnCustomer, newcomer.deal?.isRepeatedApproach]).toEqual([false, false]);

    const contact = await me.contacts.create({ firstName: 'Ana' });
    const theirs = await me.deals.create({ title: 'Theirs', contactIds: [contact.id] });
    await me.deals.moveToStage(theirs.id, 'WON', { expectedVersion: 1 });
    const lead = await me.leads.create({ title: 'Again' });
    const repeat = await me.leads.convert(lead.id, 'deal', { expectedVersion: 1, contactId: contact.id });
    expect([repeat.deal?.isReturnCustomer, repeat.deal?.isRepeatedApproach]).toEqual([true, false]);

    // A contact with only an open deal is a repeated approach, whatever other clients have won.
    const eva = await me.contacts.create({ firstName: 'Eva' });
    await me.deals.create({ title: 'Open', contactIds: [eva.id] });
    const approach = await me.leads.convert((await me.leads.create({ title: 'Eva again' })).id, 'deal', { expectedVersion: 1, contactId: eva.id });
    expect([approach.deal?.isReturnCustomer, approach.deal?.isRepeatedApproach]).toEqual([false, true]);
  });
});

describe('createCrm: options and host ports', () => {
  it('refuses unknown keys and malformed access, rates, fields, pipelines and settings with INVALID_ARGUMENT', () => {
    const store = createMemoryStore();
    const base = { store, clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy };
    const bad: readonly Record<string, unknown>[] = [
      { colour: 'red' },
      { access: { roles: [], orgChart: 'x' } },
      { rates: { base: 5, rates: {} } },
      { rates: { base: 'EUR', rates: 'x' } },
      { rates: 'x' },
      { fields: 'x' },
      { fields: { nothing: createFieldRegistry('deal') } },
      { pipelines: 'x' },
      { pipelines: { contact: DEFAULT_DEAL_PIPELINE } },
      { settings: 'x' },
      { settings: { baseCurrency: 5 } },
      { settings: { reportCurrency: 'XXQ' } },
    ];
    for (const overrides of bad) {
      expect(() => createCrm({ ...base, ...overrides }), JSON.stringify(Object.keys(overrides))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    expect(() => createCrm({ ...base, pipelines: { lossReasons: [] } })).not.toThrow();
  });

  it('the settings have no currency keys unless a currency is given', () => {
    const { crm } = setup();
    expect(['baseCurrency' in crm.settings, 'reportCurrency' in crm.settings]).toEqual([false, false]);
  });

  it('a failing clock or id generator is reported with its error as the cause; an id that is not non-empty text is ID_GENERATOR_FAILURE', async () => {
    const boom = new Error('boom');
    const clock = setup({ clock: { now: () => { throw boom; } } }).crm.as(admin);
    expect(await failure(() => clock.contacts.create({ firstName: 'Ana' }))).toMatchObject({ code: 'CLOCK_FAILURE', cause: boom });
    const ids = setup({ ids: { next: () => { throw boom; } } }).crm.as(admin);
    expect(await failure(() => ids.contacts.create({ firstName: 'Ana' }))).toMatchObject({ code: 'ID_GENERATOR_FAILURE', cause: boom });
    for (const id of [5, '']) {
      const odd = setup({ ids: { next: () => id as never } }).crm.as(admin);
      expect(await codeOf(() => odd.contacts.create({ firstName: 'Ana' }))).toBe('ID_GENERATOR_FAILURE');
    }
  });

  it('a returned record is the caller\'s: changing one of its Dates changes nothing stored', async () => {
    const me = setup().crm.as(admin);
    const contact = await me.contacts.create({ firstName: 'Ana' });
    contact.createdAt.setTime(0);
    expect((await me.contacts.get(contact.id))?.createdAt).toEqual(new Date('2026-03-02T10:00:00Z'));
  });
});
