import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createFieldRegistry, defineField, fixedClock, manualClock, sequentialIds } from 'crm-kit';
import type { Principal, Store, StoreScope } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import { codeOfAsync as codeOf } from '../support/errors.js';
import type { MemoryStore } from 'crm-kit/memory';
import { createCrm } from 'crm-kit';
import type { CreateCrmOptions } from 'crm-kit';

const policy = createAccessPolicy({
  roles: [
    {
      id: 'sales',
      name: 'Sales',
      permissions: {
        contact: { read: 'department', add: 'own', update: 'own', delete: 'none' },
        company: { read: 'all', add: 'all', update: 'all', delete: 'all' },
        deal: { read: 'department', add: 'own', update: 'own', delete: 'own' },
        lead: { read: 'own', add: 'own', update: 'own', delete: 'own' },
      },
    },
  ],
  orgChart: {
    departments: [
      { id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo'] },
      { id: 'lima', name: 'Lima', memberIds: ['u-eva'] },
    ],
  },
});

const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const leo: Principal = { userId: 'u-leo', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const eva: Principal = { userId: 'u-eva', roleIds: ['sales'], departmentIds: ['lima'], isAdmin: false };
const admin: Principal = { userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true };

const margin = defineField({
  type: 'number',
  code: 'margin',
  labels: { en: 'Margin' },
  visibility: { restrictedTo: { departmentIds: ['madrid'] } },
});
const region = defineField({ type: 'string', code: 'region', labels: { en: 'Region' }, default: 'EU' });

function setup(overrides: Partial<CreateCrmOptions> = {}): { store: MemoryStore; crm: ReturnType<typeof createCrm> } {
  const store = createMemoryStore();
  const crm = createCrm({
    store,
    clock: fixedClock('2026-03-01T10:00:00Z'),
    ids: sequentialIds(),
    access: policy,
    fields: { deal: createFieldRegistry('deal', { customFields: [margin, region] }) },
    ...overrides,
  });
  return { store, crm };
}


describe('createCrm: create, get, find, update, delete', () => {
  it('creates a contact with stamps, stores it with a created event, and reads it back', async () => {
    const { store, crm } = setup();
    const contact = await crm.as(ana).contacts.create({ firstName: 'Ana', lastName: 'García' });
    expect(contact).toMatchObject({
      firstName: 'Ana',
      lastName: 'García',
      version: 1,
      createdById: 'u-ana',
      updatedById: 'u-ana',
      assignedById: 'u-ana',
      createdAt: new Date('2026-03-01T10:00:00Z'),
    });
    expect(Object.isFrozen(contact)).toBe(true);
    expect(store.inspect('contact', contact.id)).toMatchObject({ firstName: 'Ana', version: 1 });
    expect(store.inspectEvents()).toMatchObject([{ type: 'created', entityType: 'contact', entityId: contact.id, byId: 'u-ana' }]);
    expect(await crm.as(leo).contacts.get(contact.id)).toEqual(contact);
    expect(await crm.as(ana).contacts.get('missing')).toBeNull();
  });

  it('finds, updates (null clears) and deletes a deal', async () => {
    const clock = manualClock('2026-03-01T10:00:00Z');
    const { store, crm } = setup({ clock });
    const me = crm.as(ana);
    const deal = await me.deals.create({ title: 'Acme', comments: 'first call', custom: { margin: 12 } });
    expect(deal).toMatchObject({ pipelineId: 'default', stageId: 'NEW', closed: false, movedById: 'u-ana', probability: 10 });
    expect(deal.custom).toEqual({ margin: 12, region: 'EU' });
    await me.deals.create({ title: 'Bolt' });
    const page = await me.deals.find({ where: [{ field: 'title', op: 'eq', value: 'Acme' }] });
    expect(page.items.map((d) => d.id)).toEqual([deal.id]);

    clock.advance({ hours: 1 });
    const updated = await me.deals.update(deal.id, { comments: null, title: 'Acme Corp', custom: { margin: 15 } }, { expectedVersion: 1 });
    expect(updated).toMatchObject({ title: 'Acme Corp', version: 2, updatedAt: new Date('2026-03-01T11:00:00Z') });
    expect('comments' in updated).toBe(false);
    expect(updated.custom).toEqual({ margin: 15, region: 'EU' });

    await me.deals.delete(deal.id, { expectedVersion: 2 });
    expect(await me.deals.get(deal.id)).toBeNull();
    expect(store.inspect('deal', deal.id)).toBeNull();
    expect(store.inspectEvents().map((e) => e.type)).toEqual(['created', 'created', 'updated', 'deleted']);
  });

  it('creates a lead in the first status', async () => {
    const { crm } = setup();
    const lead = await crm.as(ana).leads.create({ firstName: 'Ana' });
    expect(lead).toMatchObject({ status: 'NEW', opened: false, isReturnCustomer: false });
  });
});

describe('createCrm: permissions and field security', () => {
  it('shows a person only the deals of their department', async () => {
    const { crm } = setup();
    const anaDeal = await crm.as(ana).deals.create({ title: 'Madrid deal' });
    const evaDeal = await crm.as(eva).deals.create({ title: 'Lima deal' });
    expect((await crm.as(leo).deals.find()).items.map((d) => d.title)).toEqual(['Madrid deal']);
    expect((await crm.as(eva).deals.find()).items.map((d) => d.title)).toEqual(['Lima deal']);
    expect(await crm.as(eva).deals.get(anaDeal.id)).toBeNull();
    expect(await crm.as(admin).deals.get(evaDeal.id)).not.toBeNull();
    // Out-of-scope records look missing, never forbidden.
    expect(await codeOf(() => crm.as(eva).deals.update(anaDeal.id, { title: 'x' }, { expectedVersion: 1 }))).toBe('NOT_FOUND');
  });

  it('refuses a filter or a sort on an invisible custom field', async () => {
    const { crm } = setup();
    await crm.as(ana).deals.create({ title: 'Acme', custom: { margin: 12 } });
    expect(await codeOf(() => crm.as(eva).deals.find({ where: [{ field: 'custom.margin', op: 'gt', value: 1 }] }))).toBe('FIELD_NOT_VISIBLE');
    expect(await codeOf(() => crm.as(eva).deals.find({ sort: [{ field: 'custom.margin', direction: 'asc' }] }))).toBe('FIELD_NOT_VISIBLE');
    expect((await crm.as(ana).deals.find({ where: [{ field: 'custom.margin', op: 'gt', value: 1 }] })).items).toHaveLength(1);
  });

  it('never returns invisible fields', async () => {
    const { crm } = setup();
    const created = await crm.as(eva).deals.create({ title: 'Lima deal' });
    const adminView = await crm.as(admin).deals.update(created.id, { custom: { margin: 30 } }, { expectedVersion: 1 });
    expect(adminView.custom).toEqual({ margin: 30, region: 'EU' });
    const evaView = await crm.as(eva).deals.get(created.id);
    expect(evaView?.custom).toEqual({ region: 'EU' });
    expect((await crm.as(eva).deals.find()).items[0]?.custom).toEqual({ region: 'EU' });
    const moved = await crm.as(eva).deals.moveToStage(created.id, 'PREPARATION', { expectedVersion: 2 });
    expect(moved.custom).toEqual({ region: 'EU' });
  });

  it('refuses writing an invisible custom field and stores nothing', async () => {
    const { store, crm } = setup();
    expect(await codeOf(() => crm.as(eva).deals.create({ title: 'x', custom: { margin: 1 } }))).toBe('FIELD_NOT_VISIBLE');
    expect(store.inspectEvents()).toEqual([]);
  });

  it('refuses forbidden actions with FORBIDDEN and stores nothing', async () => {
    const { store, crm } = setup();
    expect(await codeOf(() => crm.as(ana).contacts.create({ firstName: 'Ana', assignedById: 'u-leo' }))).toBe('FORBIDDEN');
    const contact = await crm.as(leo).contacts.create({ firstName: 'Leo' });
    expect(await codeOf(() => crm.as(ana).contacts.update(contact.id, { firstName: 'X' }, { expectedVersion: 1 }))).toBe('FORBIDDEN');
    expect(await codeOf(() => crm.as(leo).contacts.delete(contact.id, { expectedVersion: 1 }))).toBe('FORBIDDEN');
    expect(store.inspect('contact', contact.id)).toMatchObject({ firstName: 'Leo', version: 1 });
    expect(store.inspectEvents()).toHaveLength(1);
  });

  it('refuses a caller-given scope and malformed input', async () => {
    const { crm } = setup();
    expect(await codeOf(() => crm.as(ana).deals.find({ scope: { kind: 'all' } } as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => crm.as(ana).deals.create({} as never))).toBe('VALIDATION_FAILED');
    expect(await codeOf(() => crm.as(ana).deals.update('', {}, { expectedVersion: 1 }))).toBe('INVALID_ARGUMENT');
    expect(() => createCrm(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('createCrm: concurrency, rollback and stages', () => {
  it('refuses a stale update with VERSION_CONFLICT and changes nothing', async () => {
    const { store, crm } = setup();
    const deal = await crm.as(ana).deals.create({ title: 'Acme' });
    await crm.as(ana).deals.update(deal.id, { title: 'Acme 2' }, { expectedVersion: 1 });
    expect(await codeOf(() => crm.as(ana).deals.update(deal.id, { title: 'Stale' }, { expectedVersion: 1 }))).toBe('VERSION_CONFLICT');
    expect(await codeOf(() => crm.as(ana).deals.delete(deal.id, { expectedVersion: 1 }))).toBe('VERSION_CONFLICT');
    expect(store.inspect('deal', deal.id)).toMatchObject({ title: 'Acme 2', version: 2 });
    expect(store.inspectEvents().map((e) => e.type)).toEqual(['created', 'updated']);
  });

  it('rolls back the record when appending the event fails', async () => {
    const memory = createMemoryStore();
    const failing = (scope: StoreScope): StoreScope => ({
      repository: (type) => scope.repository(type),
      events: { append: () => Promise.reject(new Error('disk full')), read: (q) => scope.events.read(q) },
      matchKeys: scope.matchKeys,
    });
    const store: Store = {
      capabilities: memory.capabilities,
      repository: (type) => memory.repository(type),
      events: memory.events,
      matchKeys: memory.matchKeys,
      transaction: (work) => memory.transaction((scope) => work(failing(scope))),
    };
    const crm = createCrm({ store, clock: fixedClock('2026-03-01T10:00:00Z'), ids: sequentialIds(), access: policy });
    expect(await codeOf(() => crm.as(ana).deals.create({ title: 'Acme' }))).toBe('ADAPTER_FAILURE');
    expect((await memory.repository('deal').find({})).items).toEqual([]);
    expect(memory.inspectEvents()).toEqual([]);
  });

  it('moves a deal to WON, closing it and logging the event', async () => {
    const clock = manualClock('2026-03-01T10:00:00Z');
    const { store, crm } = setup({ clock });
    const deal = await crm.as(ana).deals.create({ title: 'Acme', amount: { amount: '100.00', currency: 'EUR' } });
    clock.advance({ days: 2 });
    const won = await crm.as(ana).deals.moveToStage(deal.id, 'WON', { expectedVersion: 1 });
    expect(won).toMatchObject({ stageId: 'WON', closed: true, version: 2, movedAt: new Date('2026-03-03T10:00:00Z'), movedById: 'u-ana' });
    expect(store.inspect('deal', deal.id)).toMatchObject({ stageId: 'WON', closed: true });
    const events = store.inspectEvents();
    expect(events.map((e) => e.type)).toHaveLength(2);
    expect(events[1]).toMatchObject({ entityType: 'deal', entityId: deal.id, byId: 'u-ana', data: { stageId: 'WON' } });
    expect(await codeOf(() => crm.as(ana).deals.moveToStage(deal.id, 'NOPE', { expectedVersion: 2 }))).toBe('INVALID_STAGE_TRANSITION');
    expect(await codeOf(() => crm.as(ana).deals.moveToStage(deal.id, 'LOST', { expectedVersion: 1 }))).toBe('VERSION_CONFLICT');
    expect(store.inspect('deal', deal.id)).toMatchObject({ stageId: 'WON', version: 2 });
  });

  it('moves a lead to another status', async () => {
    const { crm } = setup();
    const lead = await crm.as(ana).leads.create({ firstName: 'Ana' });
    const moved = await crm.as(ana).leads.moveToStage(lead.id, 'IN_PROCESS', { expectedVersion: 1 });
    expect(moved).toMatchObject({ status: 'IN_PROCESS', version: 2 });
  });
});

describe('createCrm: count and stream', () => {
  it('count and stream see exactly the records the person may read, projected, across pages', async () => {
    const { crm } = setup({ store: createMemoryStore({ maxPageSize: 2 }) });
    for (const [who, title] of [[ana, 'A1'], [leo, 'L1'], [eva, 'E1'], [ana, 'A2'], [leo, 'L2']] as const) {
      await crm.as(who).deals.create(who === eva ? { title } : { title, custom: { margin: 0.3 } });
    }
    expect(await crm.as(ana).deals.count()).toBe(4);
    expect(await crm.as(eva).deals.count()).toBe(1);
    expect(await crm.as(ana).deals.count({ where: [{ field: 'title', op: 'startsWith', value: 'A' }] })).toBe(2);
    const streamed: string[] = [];
    for await (const deal of crm.as(eva).deals.stream({ sort: [{ field: 'title', direction: 'asc' }] })) {
      streamed.push(deal.title);
      expect(deal.custom).not.toHaveProperty('margin');
    }
    expect(streamed).toEqual(['E1']);
    const titles: string[] = [];
    for await (const deal of crm.as(leo).deals.stream({ sort: [{ field: 'title', direction: 'desc' }] })) titles.push(deal.title);
    expect(titles).toEqual(['L2', 'L1', 'A2', 'A1']);
  });

  it('a stream or count on a hidden field is refused before anything is read', async () => {
    const { crm } = setup();
    expect(await codeOf(() => crm.as(eva).deals.count({ where: [{ field: 'custom.margin', op: 'gt', value: 0 }] }))).toBe('FIELD_NOT_VISIBLE');
    expect(await codeOf(() => Promise.resolve(crm.as(eva).deals.stream({ sort: [{ field: 'custom.margin', direction: 'asc' }] })))).toBe('FIELD_NOT_VISIBLE');
  });
});

