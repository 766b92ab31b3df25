import { describe, expect, it } from 'vitest';
import {
  createAccessPolicy,
  createCrm,
  createFieldRegistry,
  DEFAULT_DEAL_PIPELINE,
  defineField,
  checkPipeline,
  isCrmError,
  manualClock,
  money,
  sequentialIds,
  unwrap,
} from 'crm-kit';
import type { Clock, CreateCrmOptions, Crm, IdGenerator, Issue, Pipeline, Principal } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import type { MemoryStore } from 'crm-kit/memory';

// The service-level rules of the hardening work: each test fails if its rule is taken away.

const all = { read: 'all', add: 'all', update: 'all', delete: 'all' } as const;
const policy = createAccessPolicy({
  roles: [
    {
      id: 'sales',
      name: 'Sales',
      permissions: { deal: all, contact: all, company: all, lead: { read: 'own', add: 'own', update: 'own', delete: 'own' } },
      dealPipelines: { vip: { read: 'all', add: 'none', update: 'none', delete: 'none' } },
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

const margin = defineField({ type: 'number', code: 'margin', labels: { en: 'Margin' }, visibility: { restrictedTo: { departmentIds: ['madrid'] } } });

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
/** Two lost stages: a drop on its lost zone must say which. */
const wholesale: Pipeline = unwrap(
  checkPipeline({
    id: 'wholesale',
    entityType: 'deal',
    name: 'Wholesale',
    stages: [
      { id: 'W_NEW', name: 'New', sort: 10, color: '#111111', semantic: 'process' },
      { id: 'W_OFFER', name: 'Offer', sort: 20, color: '#222222', semantic: 'process', requiredFields: ['amount'] },
      { id: 'W_WON', name: 'Won', sort: 30, color: '#333333', semantic: 'success' },
      { id: 'W_LOST', name: 'Lost', sort: 40, color: '#444444', semantic: 'failure' },
      { id: 'W_GONE', name: 'Gone', sort: 50, color: '#555555', semantic: 'failure' },
    ],
  }),
);

interface World {
  readonly store: MemoryStore;
  readonly crm: Crm;
  readonly clock: ReturnType<typeof manualClock>;
}

function setup(overrides: Partial<CreateCrmOptions> = {}): World {
  const store = createMemoryStore();
  const clock = manualClock('2026-03-02T10:00:00Z');
  const crm = createCrm({
    store,
    clock,
    ids: sequentialIds(),
    access: policy,
    fields: { deal: createFieldRegistry('deal', { customFields: [margin] }) },
    pipelines: { deal: [DEFAULT_DEAL_PIPELINE, vip, wholesale] },
    ...overrides,
  });
  return { store, crm, clock };
}

interface Failure {
  readonly code: string;
  readonly name?: string;
  readonly issues?: readonly Issue[];
  readonly cause?: unknown;
}

async function failureOf(run: () => unknown): Promise<Failure> {
  try {
    await run();
    return { code: 'no error' };
  } catch (error) {
    if (!isCrmError(error)) return { code: 'not a crm-kit error', cause: error };
    return { code: error.code, name: error.name, issues: 'issues' in error ? (error.issues as readonly Issue[]) : [], cause: error.cause };
  }
}

async function codeOf(run: () => unknown): Promise<string> {
  return (await failureOf(run)).code;
}

/** Everything the store holds, records and events, to show that a refused call stored nothing. */
function contentsOf(store: MemoryStore): unknown {
  const types = ['contact', 'company', 'deal', 'lead', 'activity', 'invoice', 'quote'] as const;
  const ids = Array.from({ length: 40 }, (_, index) => String(index + 1));
  return { records: types.flatMap((type) => ids.map((id) => store.inspect(type, id)).filter((found) => found !== null)), events: store.inspectEvents() };
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe('(a) one snapshot of every argument: a getter can never answer two checks differently', () => {
  it("a where clause whose field getter answers 'title' first and 'custom.margin' second is refused, and never answers by the hidden field", async () => {
    const { crm } = setup();
    await crm.as(ana).deals.create({ title: 'Acme', custom: { margin: 40 } });
    let reads = 0;
    const clause = {
      get field() {
        reads += 1;
        return reads === 1 ? 'title' : 'custom.margin';
      },
      op: 'gt',
      value: 10,
    };
    expect(await codeOf(() => crm.as(eva).deals.find({ where: [clause as never] }))).toBe('NOT_PLAIN_DATA');
    expect(await codeOf(() => crm.as(eva).deals.count({ where: [clause as never] }))).toBe('NOT_PLAIN_DATA');
    expect(await codeOf(() => crm.as(eva).pipelines.kanban('deal', { where: [clause as never] }))).toBe('NOT_PLAIN_DATA');
    const sortKey = {
      get field() {
        reads += 1;
        return 'custom.margin';
      },
      direction: 'asc',
    };
    expect(await codeOf(() => crm.as(eva).deals.find({ sort: [sortKey as never] }))).toBe('NOT_PLAIN_DATA');
    expect(reads).toBe(0);
  });

  it('a custom getter cannot write a hidden field, on create or update', async () => {
    const { store, crm } = setup();
    const deal = await crm.as(eva).deals.create({ title: 'Lima' });
    const before = contentsOf(store);
    let reads = 0;
    const sneaky = {
      title: 'Lima',
      get custom() {
        reads += 1;
        return reads === 1 ? {} : { margin: 99 };
      },
    };
    expect(await codeOf(() => crm.as(eva).deals.create(sneaky as never))).toBe('NOT_PLAIN_DATA');
    expect(await codeOf(() => crm.as(eva).deals.update(deal.id, sneaky as never, { expectedVersion: 1 }))).toBe('NOT_PLAIN_DATA');
    expect(reads).toBe(0);
    expect(contentsOf(store)).toEqual(before);
  });

  it('a principal with isAdmin on its prototype is refused by crm.as', async () => {
    const { crm } = setup();
    const inherited = Object.assign(Object.create({ isAdmin: true }) as Record<string, unknown>, { userId: 'u-eva', roleIds: ['sales'], departmentIds: ['lima'] });
    expect(await codeOf(() => crm.as(inherited as never))).toBe('NOT_PLAIN_DATA');
    const shadowed = Object.assign(Object.create({ isAdmin: true }) as Record<string, unknown>, { ...eva });
    expect(await codeOf(() => crm.as(shadowed as never))).toBe('NOT_PLAIN_DATA');
  });

  it('a principal getter is never read, and a principal is read once: later calls read the snapshot alone', async () => {
    const { crm } = setup();
    let getterReads = 0;
    const flipping = {
      ...eva,
      get isAdmin() {
        getterReads += 1;
        return getterReads > 1;
      },
    };
    expect(await codeOf(() => crm.as(flipping as never))).toBe('NOT_PLAIN_DATA');
    expect(getterReads).toBe(0);

    const reads: string[] = [];
    const watched = new Proxy(
      { ...eva },
      {
        getOwnPropertyDescriptor(target, key) {
          reads.push(String(key));
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
        get(target, key, receiver) {
          reads.push(String(key));
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    const session = crm.as(watched);
    const afterAs = reads.length;
    expect(new Set(reads).size).toBe(reads.length);
    await session.deals.create({ title: 'Lima' });
    await session.deals.find();
    expect(reads.length).toBe(afterAs);
    expect(session.principal).toEqual(eva);
    expect(session.principal).not.toBe(watched);
  });
});

describe('(b) unreadable input and failing host ports', () => {
  it('a throwing getter or a revoked Proxy as input is NOT_PLAIN_DATA, with the original error as cause, and stores nothing', async () => {
    const { store, crm } = setup();
    const deal = await crm.as(ana).deals.create({ title: 'Acme' });
    const before = contentsOf(store);
    const boom = new Error('boom');
    const throwing = {
      get title(): string {
        throw boom;
      },
    };
    const me = crm.as(ana);
    for (const run of [
      () => me.deals.create(throwing),
      () => me.deals.create(revoked() as never),
      () => me.deals.update(deal.id, revoked(), { expectedVersion: 1 }),
      () => me.deals.update(deal.id, { title: 'B' }, revoked() as never),
      () => me.deals.find(revoked()),
      () => me.deals.moveToStage(deal.id, 'WON', revoked() as never),
      () => me.pipelines.kanban('deal', revoked()),
      () => crm.as(revoked() as never),
    ]) {
      expect(await codeOf(run)).toBe('NOT_PLAIN_DATA');
    }
    expect((await failureOf(() => me.deals.create(revoked() as never))).cause).toBeInstanceOf(TypeError);
    expect(contentsOf(store)).toEqual(before);
  });

  it('a throwing clock.now() is CLOCK_FAILURE (HostError) on every write, storing nothing, never ADAPTER_FAILURE', async () => {
    let failing = false;
    const base = manualClock('2026-03-02T10:00:00Z');
    const clock: Clock = {
      now: () => {
        if (failing) throw new Error('clock unplugged');
        return base.now();
      },
    };
    const { store, crm } = setup({ clock });
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'Acme', amount: money('10.00', 'EUR') });
    const lead = await me.leads.create({ title: 'L', firstName: 'Ana' });
    const before = contentsOf(store);
    failing = true;
    for (const run of [
      () => me.deals.create({ title: 'B' }),
      () => me.deals.update(deal.id, { title: 'B' }, { expectedVersion: 1 }),
      () => me.deals.moveToStage(deal.id, 'WON', { expectedVersion: 1 }),
      () => me.deals.moveToPipeline(deal.id, 'wholesale', 'W_NEW', { expectedVersion: 1 }),
      () => me.pipelines.moveOnBoard('deal', deal.id, { zone: 'won' }, { expectedVersion: 1 }),
      () => me.deals.delete(deal.id, { expectedVersion: 1 }),
      () => me.leads.convert(lead.id, 'deal+contact', { expectedVersion: 1 }),
    ]) {
      const failure = await failureOf(run);
      expect([failure.code, failure.name]).toEqual(['CLOCK_FAILURE', 'HostError']);
    }
    expect(contentsOf(store)).toEqual(before);
  });

  it('a clock that gives no valid Date is CLOCK_FAILURE', async () => {
    for (const given of [new Date(Number.NaN), '2026-03-02T10:00:00Z', undefined]) {
      const { store, crm } = setup({ clock: { now: () => given as never } });
      expect(await codeOf(() => crm.as(ana).deals.create({ title: 'A' }))).toBe('CLOCK_FAILURE');
      expect(contentsOf(store)).toEqual({ records: [], events: [] });
    }
  });

  it('a throwing ids.next() is ID_GENERATOR_FAILURE (HostError), storing nothing, never ADAPTER_FAILURE; so is an id that is not storable text', async () => {
    let failing = false;
    const inner = sequentialIds();
    const ids: IdGenerator = {
      next: (entityType) => {
        if (failing) throw new Error('sequence gone');
        return inner.next(entityType);
      },
    };
    const { store, crm } = setup({ ids });
    const lead = await crm.as(ana).leads.create({ title: 'L', firstName: 'Ana' });
    const before = contentsOf(store);
    failing = true;
    for (const run of [() => crm.as(ana).deals.create({ title: 'A' }), () => crm.as(ana).leads.convert(lead.id, 'deal+contact', { expectedVersion: 1 })]) {
      const failure = await failureOf(run);
      expect([failure.code, failure.name]).toEqual(['ID_GENERATOR_FAILURE', 'HostError']);
    }
    expect(contentsOf(store)).toEqual(before);
    // An id the store would refuse is the generator's failure, not the caller's INVALID_TEXT.
    for (const given of ['', 7, undefined, 'a\u0000b', '\uD800']) {
      const world = setup({ ids: { next: () => given as never } });
      expect(await codeOf(() => world.crm.as(ana).deals.create({ title: 'A' }))).toBe('ID_GENERATOR_FAILURE');
      expect(contentsOf(world.store)).toEqual({ records: [], events: [] });
    }
  });
});

describe('(c) history', () => {
  it("returns a record's events, oldest first, to a person who may read it", async () => {
    const { crm, clock } = setup();
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'Acme' });
    await me.deals.create({ title: 'Other' });
    clock.advance({ hours: 1 });
    await me.deals.update(deal.id, { title: 'Acme 2' }, { expectedVersion: 1 });
    await me.deals.moveToStage(deal.id, 'WON', { expectedVersion: 2 });
    const history = await crm.as(eva).deals.history(deal.id);
    expect(history.map((event) => [event.type, event.entityId])).toEqual([
      ['created', deal.id],
      ['updated', deal.id],
      ['movedToFinal', deal.id],
    ]);
    expect(history[1]?.data).toEqual({ fields: ['title'] });
    const sequences = history.map((event) => event.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect((await me.deals.history(deal.id, { afterSequence: sequences[0] ?? 0, limit: 1 })).map((event) => event.type)).toEqual(['updated']);
    expect(Object.isFrozen(history[0])).toBe(true);
  });

  it('is NOT_FOUND for a record the person may not read, as for one that does not exist', async () => {
    const { crm } = setup();
    const lead = await crm.as(ana).leads.create({ title: 'Mine' });
    expect(await codeOf(() => crm.as(eva).leads.history(lead.id))).toBe('NOT_FOUND');
    const deal = await crm.as(ana).deals.create({ title: 'Acme' });
    expect(await codeOf(() => crm.as(ivo).deals.history(deal.id))).toBe('NOT_FOUND');
    expect(await codeOf(() => crm.as(ana).deals.history('404'))).toBe('NOT_FOUND');
    expect(await codeOf(() => crm.as(ana).deals.history(deal.id, { limit: 0 }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => crm.as(ana).deals.history(deal.id, { from: new Date() } as never))).toBe('INVALID_ARGUMENT');
  });

  it('an updated event names only the fields the person can see', async () => {
    const { store, crm } = setup();
    const deal = await crm.as(ana).deals.create({ title: 'Acme' });
    await crm.as(ana).deals.update(deal.id, { title: 'Acme 2', custom: { margin: 12 } }, { expectedVersion: 1 });
    await crm.as(ana).deals.update(deal.id, { custom: { margin: 13 } }, { expectedVersion: 2 });
    expect(store.inspectEvents().map((event) => event.data)).toContainEqual({ fields: ['custom.margin', 'title'] });
    const seen = (await crm.as(eva).deals.history(deal.id)).filter((event) => event.type === 'updated').map((event) => event.data);
    expect(seen).toEqual([{ fields: ['title'] }, { fields: [] }]);
    const full = (await crm.as(ana).deals.history(deal.id)).filter((event) => event.type === 'updated').map((event) => event.data);
    expect(full).toEqual([{ fields: ['custom.margin', 'title'] }, { fields: ['custom.margin'] }]);
  });
});

describe('(d) deals.moveToPipeline', () => {
  it("moves a deal to another pipeline's stage and records a pipelineChanged event", async () => {
    const { store, crm, clock } = setup();
    const deal = await crm.as(ana).deals.create({ title: 'Acme' });
    clock.advance({ hours: 1 });
    const moved = await crm.as(ana).deals.moveToPipeline(deal.id, 'wholesale', 'W_NEW', { expectedVersion: 1 });
    expect(moved).toMatchObject({ pipelineId: 'wholesale', stageId: 'W_NEW', version: 2, movedAt: new Date('2026-03-02T11:00:00Z') });
    expect(store.inspectEvents().at(-1)).toMatchObject({
      type: 'pipelineChanged',
      entityId: deal.id,
      data: { pipelineId: 'wholesale', stageId: 'W_NEW', fromPipelineId: 'default', fromStageId: 'NEW', reopened: false },
    });
    expect(store.inspect('deal', deal.id)).toMatchObject({ pipelineId: 'wholesale', version: 2 });
  });

  it('refuses an unknown pipeline with VALIDATION_FAILED and an INVALID_VALUE issue at pipelineId, storing nothing', async () => {
    const { store, crm } = setup();
    const deal = await crm.as(ana).deals.create({ title: 'Acme' });
    const before = contentsOf(store);
    const failure = await failureOf(() => crm.as(ana).deals.moveToPipeline(deal.id, 'retail', 'NEW', { expectedVersion: 1 }));
    expect(failure.code).toBe('VALIDATION_FAILED');
    expect(failure.issues).toMatchObject([{ code: 'INVALID_VALUE', path: ['pipelineId'] }]);
    expect(contentsOf(store)).toEqual(before);
  });

  it('checks the update permission in the target pipeline', async () => {
    const { store, crm } = setup();
    const deal = await crm.as(ana).deals.create({ title: 'Acme' });
    const before = contentsOf(store);
    expect(await codeOf(() => crm.as(ana).deals.moveToPipeline(deal.id, 'vip', 'VIP_NEW', { expectedVersion: 1 }))).toBe('FORBIDDEN');
    expect(contentsOf(store)).toEqual(before);
    expect((await crm.as(admin).deals.moveToPipeline(deal.id, 'vip', 'VIP_NEW', { expectedVersion: 1 })).pipelineId).toBe('vip');
  });
});

describe('(e) repeat flags', () => {
  it('a second deal for a company with a won deal is a return customer; with only open deals a repeated approach', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const company = await me.companies.create({ title: 'Acme' });
    const first = await me.deals.create({ title: 'First', companyId: company.id });
    expect([first.isReturnCustomer, first.isRepeatedApproach]).toEqual([false, false]);
    const second = await me.deals.create({ title: 'Second', companyId: company.id });
    expect([second.isReturnCustomer, second.isRepeatedApproach]).toEqual([false, true]);
    await me.deals.moveToStage(first.id, 'WON', { expectedVersion: 1 });
    const third = await me.deals.create({ title: 'Third', companyId: company.id });
    expect([third.isReturnCustomer, third.isRepeatedApproach]).toEqual([true, false]);
  });

  it("a deal's primary contact counts as its client too", async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const contact = await me.contacts.create({ firstName: 'Ana' });
    const won = await me.deals.create({ title: 'Won', contactIds: [contact.id] });
    await me.deals.moveToStage(won.id, 'WON', { expectedVersion: 1 });
    const again = await me.deals.create({ title: 'Again', contactIds: [contact.id, 'other'] });
    expect([again.isReturnCustomer, again.isRepeatedApproach]).toEqual([true, false]);
    // Only the first contact is the client.
    const stranger = await me.deals.create({ title: 'Stranger', contactIds: ['nobody', contact.id] });
    expect([stranger.isReturnCustomer, stranger.isRepeatedApproach]).toEqual([false, false]);
  });

  it('a lead with a contactId is a return customer', async () => {
    const { crm } = setup();
    const contact = await crm.as(ana).contacts.create({ firstName: 'Ana' });
    expect((await crm.as(ana).leads.create({ title: 'L', contactId: contact.id })).isReturnCustomer).toBe(true);
    expect((await crm.as(ana).leads.create({ title: 'L2' })).isReturnCustomer).toBe(false);
  });

  it("a deal made by a conversion gets the flags of its client's deals", async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const company = await me.companies.create({ title: 'Acme' });
    const open = await me.deals.create({ title: 'Open', companyId: company.id });
    const lead = await me.leads.create({ title: 'L', companyId: company.id });
    const approach = await me.leads.convert(lead.id, 'deal', { expectedVersion: 1 });
    expect([approach.deal?.isReturnCustomer, approach.deal?.isRepeatedApproach]).toEqual([false, true]);
    await me.deals.moveToStage(open.id, 'WON', { expectedVersion: 1 });
    const another = await me.leads.create({ title: 'L2', companyId: company.id });
    const repeat = await me.leads.convert(another.id, 'deal', { expectedVersion: 1 });
    expect([repeat.deal?.isReturnCustomer, repeat.deal?.isRepeatedApproach]).toEqual([true, false]);
    const fresh = await me.leads.create({ title: 'L3', firstName: 'Zed' });
    const newcomer = await me.leads.convert(fresh.id, 'deal+contact', { expectedVersion: 1 });
    expect([newcomer.deal?.isReturnCustomer, newcomer.deal?.isRepeatedApproach]).toEqual([false, false]);
  });
  it('a client deal in a pipeline the CRM no longer has neither fails nor decides the flags of a new deal, on create and on conversion', async () => {
    const store = createMemoryStore();
    const ids = sequentialIds();
    const options = { store, clock: manualClock('2026-03-02T10:00:00Z'), ids, access: policy };
    const before = createCrm({ ...options, pipelines: { deal: [DEFAULT_DEAL_PIPELINE, vip] } });
    const company = await before.as(admin).companies.create({ title: 'Acme' });
    await before.as(admin).deals.create({ title: 'Old', pipelineId: 'vip', companyId: company.id });
    const after = createCrm({ ...options, pipelines: { deal: [DEFAULT_DEAL_PIPELINE] } });
    const deal = await after.as(ana).deals.create({ title: 'New', companyId: company.id });
    expect([deal.isReturnCustomer, deal.isRepeatedApproach]).toEqual([false, false]);
    const lead = await after.as(ana).leads.create({ title: 'L', companyId: company.id });
    const converted = await after.as(ana).leads.convert(lead.id, 'deal', { expectedVersion: 1 });
    expect([converted.deal?.isReturnCustomer, converted.deal?.isRepeatedApproach]).toEqual([false, true]);
  });
});

describe('(f) kanban', () => {
  async function board(): Promise<World & { ids: string[] }> {
    const world = setup();
    const me = world.crm.as(ana);
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      ids.push((await me.deals.create({ title: `D${index}`, amount: money('10.00', 'EUR') })).id);
      world.clock.advance({ minutes: 1 });
    }
    return { ...world, ids };
  }

  it('a filter on the won or lost group, or on a final stage id, shows the final zone without includeFinal', async () => {
    const { crm, ids } = await board();
    const me = crm.as(ana);
    await me.deals.moveToStage(ids[0] ?? '', 'WON', { expectedVersion: 1 });
    await me.deals.moveToStage(ids[1] ?? '', 'LOST', { expectedVersion: 1 });
    expect((await me.pipelines.kanban('deal')).final).toBeUndefined();
    const won = await me.pipelines.kanban('deal', { where: [{ field: 'stageGroup', op: 'eq', value: 'won' }] });
    expect([won.final?.won.count, won.final?.lost.map((column) => column.count), won.columns.map((column) => column.count)]).toEqual([1, [0], [0, 0, 0, 0]]);
    const lost = await me.pipelines.kanban('deal', { where: [{ field: 'stageGroup', op: 'eq', value: 'lost' }] });
    expect([lost.final?.won.count, lost.final?.lost.map((column) => column.count)]).toEqual([0, [1]]);
    const byId = await me.pipelines.kanban('deal', { where: [{ field: 'stageId', op: 'in', value: ['NEW', 'LOST'] }] });
    expect([byId.final?.lost.map((column) => column.count), byId.columns[0]?.count]).toEqual([[1], 3]);
    const open = await me.pipelines.kanban('deal', { where: [{ field: 'stageId', op: 'eq', value: 'NEW' }] });
    expect(open.final).toBeUndefined();
  });

  it('perColumn caps the cards of each column while count and totals cover the whole column; cursors page a column', async () => {
    const { crm } = await board();
    const me = crm.as(ana);
    const first = await me.pipelines.kanban('deal', { perColumn: 2 });
    const column = first.columns[0];
    expect([column?.stage.id, column?.items.map((deal) => deal.title), column?.count, column?.subtotals]).toEqual(['NEW', ['D4', 'D3'], 5, [money('50.00', 'EUR')]]);
    expect(first.count).toBe(5);
    const seen = [...(column?.items.map((deal) => deal.title) ?? [])];
    let cursor = column?.nextCursor;
    while (cursor !== undefined) {
      const page = await me.pipelines.kanban('deal', { perColumn: 2, cursors: { NEW: cursor } });
      const next = page.columns[0];
      expect([next?.count, next?.subtotals]).toEqual([5, [money('50.00', 'EUR')]]);
      seen.push(...(next?.items.map((deal) => deal.title) ?? []));
      cursor = next?.nextCursor;
    }
    expect(seen).toEqual(['D4', 'D3', 'D2', 'D1', 'D0']);
  });

  it('moveOnBoard drops a card in a column, the won zone or the lost zone as one checked write with the right history event', async () => {
    const { store, crm, ids } = await board();
    const me = crm.as(ana);
    const [a = '', b = '', c = ''] = ids;
    expect((await me.pipelines.moveOnBoard('deal', a, { column: 'PREPARATION' }, { expectedVersion: 1 })).stageId).toBe('PREPARATION');
    expect(store.inspectEvents().at(-1)).toMatchObject({ type: 'movedToIntermediate', entityId: a, data: { stageId: 'PREPARATION', fromStageId: 'NEW' } });
    expect(await me.pipelines.moveOnBoard('deal', b, { zone: 'won' }, { expectedVersion: 1 })).toMatchObject({ stageId: 'WON', closed: true });
    expect(store.inspectEvents().at(-1)).toMatchObject({ type: 'movedToFinal', entityId: b, data: { stageId: 'WON', semantic: 'success' } });
    expect(await me.pipelines.moveOnBoard('deal', c, { zone: 'lost' }, { expectedVersion: 1, lossReasonId: 'PRICE' })).toMatchObject({ stageId: 'LOST', lossReasonId: 'PRICE' });
    expect(store.inspectEvents().at(-1)).toMatchObject({ type: 'movedToFinal', entityId: c, data: { stageId: 'LOST', semantic: 'failure', lossReasonId: 'PRICE' } });

    const events = store.inspectEvents().length;
    expect(await codeOf(() => me.pipelines.moveOnBoard('deal', a, { zone: 'won' }, { expectedVersion: 1 }))).toBe('VERSION_CONFLICT');
    expect(await codeOf(() => me.pipelines.moveOnBoard('deal', a, { column: 'WON' }, { expectedVersion: 2 }))).toBe('INVALID_STAGE_TRANSITION');
    expect(await codeOf(() => crm.as(ivo).pipelines.moveOnBoard('deal', a, { zone: 'won' }, { expectedVersion: 2 }))).toBe('NOT_FOUND');
    expect(store.inspectEvents()).toHaveLength(events);
  });

  it('on a pipeline with several lost stages, a drop on the lost zone must name one', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'W', pipelineId: 'wholesale' });
    const failure = await failureOf(() => me.pipelines.moveOnBoard('deal', deal.id, { zone: 'lost' }, { expectedVersion: 1 }));
    expect(failure.code).toBe('VALIDATION_FAILED');
    expect(failure.issues).toMatchObject([{ code: 'REQUIRED', path: ['target', 'stageId'] }]);
    expect(store.inspect('deal', deal.id)?.version).toBe(1);
    expect(await me.pipelines.moveOnBoard('deal', deal.id, { zone: 'lost', stageId: 'W_GONE' }, { expectedVersion: 1 })).toMatchObject({ stageId: 'W_GONE', closed: true });
    expect(store.inspectEvents().at(-1)).toMatchObject({ type: 'movedToFinal', data: { pipelineId: 'wholesale', stageId: 'W_GONE' } });
  });

  it('a lead dropped on the won zone is INVALID_STAGE_TRANSITION: a lead reaches its success status by conversion', async () => {
    const { store, crm } = setup();
    const lead = await crm.as(ana).leads.create({ title: 'L' });
    expect(await codeOf(() => crm.as(ana).pipelines.moveOnBoard('lead', lead.id, { zone: 'won' }, { expectedVersion: 1 }))).toBe('INVALID_STAGE_TRANSITION');
    expect(store.inspect('lead', lead.id)?.version).toBe(1);
    expect((await crm.as(ana).pipelines.moveOnBoard('lead', lead.id, { zone: 'lost' }, { expectedVersion: 1 })).status).toBe('JUNK');
  });

  it('a drop checks the permission the move needs', async () => {
    const { store, crm } = setup();
    const deal = await crm.as(admin).deals.create({ title: 'V', pipelineId: 'vip' });
    expect(await codeOf(() => crm.as(ana).pipelines.moveOnBoard('deal', deal.id, { zone: 'won' }, { expectedVersion: 1 }))).toBe('FORBIDDEN');
    expect(store.inspect('deal', deal.id)?.version).toBe(1);
  });
});

describe('(g) NUL and lone surrogates', () => {
  it('in any service input are INVALID_TEXT, and nothing is stored', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'Acme' });
    const lead = await me.leads.create({ title: 'L', firstName: 'Ana' });
    const before = contentsOf(store);
    for (const bad of ['A\u0000B', 'A\uD800', '\uDC00B']) {
      for (const run of [
        () => me.deals.create({ title: bad }),
        () => me.deals.create({ title: 'T', comments: `ok ${bad}` }),
        () => me.contacts.create({ firstName: 'Ana', custom: { [bad]: 1 } }),
        () => me.deals.update(deal.id, { title: bad }, { expectedVersion: 1 }),
        () => me.deals.update(bad, { title: 'T' }, { expectedVersion: 1 }),
        () => me.deals.get(bad),
        () => me.deals.delete(bad, { expectedVersion: 1 }),
        () => me.deals.history(bad),
        () => me.deals.moveToStage(bad, 'WON', { expectedVersion: 1 }),
        () => me.deals.moveToPipeline(bad, 'wholesale', 'W_NEW', { expectedVersion: 1 }),
        () => me.pipelines.moveOnBoard('deal', bad, { zone: 'won' }, { expectedVersion: 1 }),
        () => me.leads.convert(bad, 'deal', { expectedVersion: 1 }),
        () => me.leads.convert(lead.id, 'deal+contact', { expectedVersion: 1, contactId: bad }),
        () => me.deals.find({ where: [{ field: 'title', op: 'eq', value: bad }] }),
        () => me.deals.count({ where: [{ field: bad, op: 'eq', value: 'x' }] }),
        () => me.deals.moveToStage(deal.id, bad, { expectedVersion: 1 }),
        () => me.deals.moveToStage(deal.id, 'LOST', { expectedVersion: 1, lossReasonId: bad }),
        () => me.deals.moveToPipeline(deal.id, bad, 'NEW', { expectedVersion: 1 }),
        () => me.pipelines.kanban('deal', { where: [{ field: 'title', op: 'eq', value: bad }] }),
        () => me.pipelines.moveOnBoard('deal', deal.id, { column: bad }, { expectedVersion: 1 }),
        () => me.leads.convert(lead.id, 'deal', { expectedVersion: 1, overrides: { deal: { title: bad } } }),
        () => crm.as({ ...ana, userId: bad }),
      ]) {
        expect(await codeOf(run)).toBe('INVALID_TEXT');
      }
    }
    expect(contentsOf(store)).toEqual(before);
  });
});

describe('(h) field visibility fails closed', () => {
  it('a field rule read back from storage that lists nobody hides the field from everyone but administrators', async () => {
    const stored = JSON.parse(JSON.stringify(createFieldRegistry('deal', { customFields: [{ ...margin, visibility: { restrictedTo: {} } }] }))) as never;
    const { crm } = setup({ fields: { deal: stored } });
    const deal = await crm.as(admin).deals.create({ title: 'A', custom: { margin: 7 } });
    expect(await codeOf(() => crm.as(ana).deals.create({ title: 'B', custom: { margin: 1 } }))).toBe('FIELD_NOT_VISIBLE');
    expect((await crm.as(ana).deals.get(deal.id))?.custom).toEqual({});
    expect(await codeOf(() => crm.as(ana).deals.find({ where: [{ field: 'custom.margin', op: 'gt', value: 1 }] }))).toBe('FIELD_NOT_VISIBLE');
    expect(crm.as(ana).fields.list('deal').custom).toEqual([]);
    expect((await crm.as(admin).deals.get(deal.id))?.custom).toEqual({ margin: 7 });
  });

  it('a malformed rule read back from storage (visibility: {}) is refused when the CRM is made, never read as public', () => {
    const registry = createFieldRegistry('deal', { customFields: [margin] });
    const stored = JSON.parse(JSON.stringify(registry)) as { customFields: Record<string, unknown>[] };
    stored.customFields = stored.customFields.map((field) => ({ ...field, visibility: {} }));
    expect(() => setup({ fields: { deal: stored as never } })).toThrow(expect.objectContaining({ code: 'INVALID_FIELD_DEFINITION' }) as Error);
  });
});

describe('(i) the same error code on every path', () => {
  it("a stage's missing required field is VALIDATION_FAILED on create, update, moveToStage, moveToPipeline and a board drop", async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const boss = crm.as(admin);
    const open = await me.deals.create({ title: 'Open' });
    const priced = await me.deals.create({ title: 'Priced', stageId: 'PROPOSAL', amount: money('10.00', 'EUR') });
    const before = contentsOf(store);
    const runs: (() => Promise<unknown>)[] = [
      () => me.deals.create({ title: 'X', stageId: 'PROPOSAL' }),
      () => me.deals.update(priced.id, { amount: null }, { expectedVersion: 1 }),
      () => me.deals.moveToStage(open.id, 'PROPOSAL', { expectedVersion: 1 }),
      () => me.deals.moveToPipeline(open.id, 'wholesale', 'W_OFFER', { expectedVersion: 1 }),
      () => me.pipelines.moveOnBoard('deal', open.id, { column: 'PROPOSAL' }, { expectedVersion: 1 }),
      () => boss.deals.create({ title: 'Y', pipelineId: 'vip', stageId: 'VIP_OFFER' }),
    ];
    for (const run of runs) {
      const failure = await failureOf(run);
      expect(failure.code).toBe('VALIDATION_FAILED');
      expect(failure.issues).toMatchObject([{ code: 'REQUIRED', path: ['amount'] }]);
    }
    expect(contentsOf(store)).toEqual(before);
  });

  it('an unknown pipeline is VALIDATION_FAILED with an INVALID_VALUE issue at pipelineId on create, moveToPipeline and conversion', async () => {
    const { store, crm } = setup();
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'Acme' });
    const lead = await me.leads.create({ title: 'L', firstName: 'Ana' });
    const before = contentsOf(store);
    for (const run of [
      () => me.deals.create({ title: 'X', pipelineId: 'retail' }),
      () => me.deals.moveToPipeline(deal.id, 'retail', 'NEW', { expectedVersion: 1 }),
      () => me.leads.convert(lead.id, 'deal', { expectedVersion: 1, pipelineId: 'retail' }),
    ]) {
      const failure = await failureOf(run);
      expect(failure.code).toBe('VALIDATION_FAILED');
      expect(failure.issues?.some((found) => found.code === 'INVALID_VALUE' && found.path.at(-1) === 'pipelineId')).toBe(true);
    }
    expect(contentsOf(store)).toEqual(before);
  });
});
