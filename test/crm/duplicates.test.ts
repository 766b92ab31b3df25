import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, createFieldRegistry, createStore, defineField, duplicateControl, manualClock, sequentialIds } from 'crm-kit';
import type { CreateCrmOptions, Crm, Principal, StoreAdapter } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import type { MemoryStore } from 'crm-kit/memory';
import { codeOfAsync as codeOf } from '../support/errors.js';

// Duplicate control in the service: keys written with each record, checks and scans over what a
// person may read, and custom criteria a person cannot see left out of their scores.

const policy = createAccessPolicy({
  roles: [
    { id: 'sales', name: 'Sales', permissions: { contact: { read: 'own', add: 'own', update: 'own', delete: 'own' }, company: { read: 'all', add: 'all', update: 'all', delete: 'all' } } },
    { id: 'desk', name: 'Desk', permissions: { contact: { read: 'all', add: 'all', update: 'all', delete: 'all' } } },
  ],
  orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo'] }, { id: 'lima', name: 'Lima', memberIds: ['u-eva'] }] },
});
const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const leo: Principal = { userId: 'u-leo', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const desk: Principal = { userId: 'u-eva', roleIds: ['desk'], departmentIds: ['lima'], isAdmin: false };

// A national id number, visible to Madrid only, compared exactly.
const national_id = defineField({ type: 'string', code: 'national_id', labels: { en: 'National id' }, visibility: { restrictedTo: { departmentIds: ['madrid'] } } });

function setup(overrides: Partial<CreateCrmOptions> = {}): { store: MemoryStore; crm: Crm } {
  const store = createMemoryStore();
  const crm = createCrm({
    store,
    clock: manualClock('2026-03-02T10:00:00Z'),
    ids: sequentialIds(),
    access: policy,
    fields: { contact: createFieldRegistry('contact', { customFields: [national_id] }) },
    duplicates: duplicateControl({ defaultRegion: 'ES', criteria: { contact: [{ field: 'name' }, { field: 'phones' }, { field: 'emails' }, { field: 'custom.national_id', comparator: 'exact' }] } }),
    ...overrides,
  });
  return { store, crm };
}

const anaGarcia = { firstName: 'Ana', lastName: 'García', phones: [{ value: '612 345 678', kind: 'mobile' as const }], emails: [{ value: 'ana@acme.es', kind: 'work' as const }] };

describe('crm.duplicates', () => {
  it('warns before a create about the record a new one would duplicate, explained', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const first = await me.contacts.create(anaGarcia);
    const found = await me.duplicates.check('contact', { firstName: 'ana', lastName: 'Garcia', phones: [{ value: '+34 612 34 56 78', kind: 'work' }] });
    expect(found.map((candidate) => candidate.id)).toEqual([first.id]);
    expect(found[0]?.explanation.map((item) => `${item.field}: ${item.level}`)).toEqual(['name: same name', 'phones: same number']);
  });

  it('keeps each record keys in step with its writes: a new phone finds it, the old one no longer, a deleted record nothing', async () => {
    const { crm, store } = setup();
    const me = crm.as(ana);
    const first = await me.contacts.create(anaGarcia);
    expect(await store.matchKeys?.lookup('contact', ['phones:12345678'])).toEqual([{ id: first.id, keys: ['phones:12345678'] }]);
    const moved = await me.contacts.update(first.id, { phones: [{ value: '699 000 111', kind: 'mobile' }] }, { expectedVersion: 1 });
    expect(await store.matchKeys?.lookup('contact', ['phones:12345678'])).toEqual([]);
    expect((await me.duplicates.check('contact', { firstName: 'Ana', lastName: 'García', phones: [{ value: '699000111', kind: 'work' }] })).map((candidate) => candidate.id)).toEqual([first.id]);
    await me.contacts.delete(moved.id, { expectedVersion: 2 });
    expect(await store.matchKeys?.lookup('contact', ['phones:99000111', 'name:garcia|a'])).toEqual([]);
  });

  it('offers only records the person may read', async () => {
    const { crm } = setup();
    await crm.as(ana).contacts.create(anaGarcia);
    expect(await crm.as(leo).duplicates.check('contact', anaGarcia)).toEqual([]);
    expect(await crm.as(desk).duplicates.check('contact', anaGarcia)).toHaveLength(1);
  });

  it('leaves a custom criterion the person cannot see out of their scores', async () => {
    const { crm } = setup();
    const mine = crm.as(ana);
    await mine.contacts.create({ ...anaGarcia, custom: { national_id: 'X123' } });
    const input = { ...anaGarcia, custom: { national_id: 'X123' } };
    const fields = (found: readonly { readonly explanation: readonly { readonly field: string }[] }[]): string[] => found.flatMap((candidate) => candidate.explanation.map((item) => item.field));
    expect(fields(await mine.duplicates.check('contact', input))).toContain('custom.national_id');
    const seen = await crm.as(desk).duplicates.check('contact', input);
    expect(seen).toHaveLength(1);
    expect(fields(seen)).not.toContain('custom.national_id');
  });

  it('scans only the records the person may read', async () => {
    const { crm } = setup();
    const mine = crm.as(ana);
    const a = await mine.contacts.create(anaGarcia);
    const b = await mine.contacts.create({ ...anaGarcia, emails: [{ value: 'ANA@Acme.es', kind: 'work' }] });
    await crm.as(leo).contacts.create(anaGarcia);
    const report = await mine.duplicates.scan('contact');
    expect(report.stats.records).toBe(2);
    expect(report.clusters).toEqual([[a.id, b.id].sort()]);
    expect((await crm.as(desk).duplicates.scan('contact')).stats.records).toBe(3);
  });

  it('honours a "not a duplicate" mark, stored once per pair, in checks and scans until withdrawn', async () => {
    const { crm, store } = setup();
    const me = crm.as(ana);
    const a = await me.contacts.create(anaGarcia);
    const b = await me.contacts.create({ ...anaGarcia, emails: [] });
    const paired = async (): Promise<boolean> => (await me.duplicates.scan('contact')).pairs.some((pair) => [pair.a, pair.b].sort().join() === [a.id, b.id].sort().join());
    expect(await paired()).toBe(true);
    expect(await me.duplicates.markNotDuplicate('contact', b.id, a.id)).toBe(true);
    expect(await me.duplicates.markNotDuplicate('contact', a.id, b.id)).toBe(false);
    expect(store.inspectEvents().filter((event) => event.type === 'markedNotDuplicate')).toHaveLength(1);
    expect(await paired()).toBe(false);
    expect((await me.duplicates.check('contact', a)).map((candidate) => candidate.id)).toEqual([]);
    // A new record is never marked: the warning still names both.
    expect(await me.duplicates.check('contact', anaGarcia)).toHaveLength(2);
    expect(await me.duplicates.unmarkNotDuplicate('contact', a.id, b.id)).toBe(true);
    expect(await me.duplicates.unmarkNotDuplicate('contact', a.id, b.id)).toBe(false);
    expect((await me.duplicates.check('contact', a)).map((candidate) => candidate.id)).toEqual([b.id]);
    expect(await codeOf(() => me.duplicates.markNotDuplicate('contact', a.id, a.id))).toBe('INVALID_ARGUMENT');
    const his = await crm.as(leo).contacts.create(anaGarcia);
    expect(await codeOf(() => me.duplicates.markNotDuplicate('contact', a.id, his.id))).toBe('NOT_FOUND');
  });

  it('finds records written before duplicate control was turned on once an administrator reindexes them', async () => {
    const store = createMemoryStore();
    const base = { store, clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy };
    const earlier = await createCrm(base).as(ana).contacts.create(anaGarcia);
    const crm = createCrm({ ...base, duplicates: duplicateControl({ defaultRegion: 'ES' }) });
    expect(await crm.as(ana).duplicates.check('contact', anaGarcia)).toEqual([]);
    expect(await codeOf(() => crm.as(ana).duplicates.reindex('contact'))).toBe('FORBIDDEN');
    expect(await crm.as({ userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true }).duplicates.reindex('contact')).toBe(1);
    expect((await crm.as(ana).duplicates.check('contact', anaGarcia)).map((candidate) => candidate.id)).toEqual([earlier.id]);
  });

  it('merges automatically only clusters equal in every compared field with one responsible person', async () => {
    const { crm } = setup();
    const boss = crm.as({ userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true });
    const first = await boss.contacts.create({ ...anaGarcia, assignedById: 'u-ana' });
    const same = await boss.contacts.create({ firstName: 'ANA', lastName: 'Garcia', phones: [{ value: '612345678', kind: 'work' }], emails: [{ value: 'Ana@Acme.es', kind: 'home' }], assignedById: 'u-ana' });
    // Luis twice: the same person, but one record has an extra phone, so a person must decide.
    await boss.contacts.create({ firstName: 'Luis', lastName: 'Pérez', phones: [{ value: '699 000 111', kind: 'work' }], emails: [{ value: 'luis@acme.es', kind: 'work' }], assignedById: 'u-ana' });
    await boss.contacts.create({ firstName: 'Luis', lastName: 'Pérez', phones: [{ value: '699 000 111', kind: 'work' }, { value: '699 000 222', kind: 'home' }], emails: [{ value: 'luis@acme.es', kind: 'work' }], assignedById: 'u-ana' });
    const report = await boss.duplicates.mergeAutomatically('contact');
    expect(report.merged.map((merge) => [merge.survivorId, merge.absorbedIds])).toEqual([[first.id, [same.id]]]);
    expect(report.skipped).toBe(1);
    expect(await boss.contacts.get(same.id)).toBeNull();
    await boss.merges.undo(report.merged[0]?.mergeId ?? '');
    expect(await boss.contacts.get(same.id)).not.toBeNull();
  });

  it('stops automatic merging between two merges when its signal is aborted, each merge whole', async () => {
    const { crm } = setup();
    const boss = crm.as({ userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true });
    for (const first of ['Ana', 'Eva', 'Rosa']) {
      for (let copy = 0; copy < 2; copy++) await boss.contacts.create({ firstName: first, lastName: 'Garcia', emails: [{ value: `${first.toLowerCase()}@acme.es`, kind: 'work' }], assignedById: 'u-ana' });
    }
    const controller = new AbortController();
    // The stop is asked while the first merge is being made (its event is being written).
    let asked = false;
    const unsubscribe = setTimeout(() => {
      asked = true;
      controller.abort();
    }, 0);
    const report = await boss.duplicates.mergeAutomatically('contact', { signal: controller.signal });
    clearTimeout(unsubscribe);
    expect(asked).toBe(true);
    expect(report.aborted).toBe(true);
    expect(report.merged.length).toBeLessThan(3);
    // Every merge it made is whole: three groups are left as two records or one, never a half.
    expect(await boss.contacts.count({})).toBe(6 - report.merged.length);
    const finished = await boss.duplicates.mergeAutomatically('contact');
    expect([finished.aborted, finished.merged.length + report.merged.length]).toEqual([false, 3]);
  });

  it('refuses what it cannot do with typed errors', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    expect(await codeOf(() => me.duplicates.check('activity' as 'contact', anaGarcia))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => me.duplicates.check('contact', { phones: 'not a list' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(() => me.duplicates.check('contact', null))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => me.duplicates.scan('contact', { every: 'thing' } as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => crm.as({ userId: 'u-x', roleIds: [], departmentIds: [], isAdmin: false }).duplicates.check('contact', anaGarcia))).toBe('FORBIDDEN');
    const memory = createMemoryStore();
    const withoutKeys: StoreAdapter = { capabilities: { ...memory.capabilities, matchKeys: false }, repository: (type) => memory.repository(type), events: memory.events, transaction: (work) => memory.transaction(work) };
    const bare = createCrm({ store: createStore(withoutKeys), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy, duplicates: duplicateControl() });
    expect(await codeOf(() => bare.as(ana).duplicates.check('contact', anaGarcia))).toBe('UNSUPPORTED');
  });

  it('without duplicate control, keeps no match keys and refuses checks, scans and merges with UNSUPPORTED', async () => {
    const store = createMemoryStore();
    const plain = createCrm({ store, clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy });
    const me = plain.as(ana);
    const created = await me.contacts.create(anaGarcia);
    expect(store.inspectMatchKeys('contact', created.id)).toEqual([]);
    expect(await codeOf(() => me.duplicates.check('contact', anaGarcia))).toBe('UNSUPPORTED');
    expect(await codeOf(() => me.duplicates.scan('contact'))).toBe('UNSUPPORTED');
    expect(await codeOf(() => me.contacts.merge(created.id, ['x']))).toBe('UNSUPPORTED');
    expect(await codeOf(() => me.merges.undo('1'))).toBe('UNSUPPORTED');
  });

  it('refuses duplicate settings that are not valid when the CRM is made', () => {
    const base = { store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy };
    const settings: unknown[] = [{ defaultRegion: 'XX' }, { criteria: { contact: [{ field: 'nope' }] } }, { threshold: 3 }];
    for (const given of settings) expect(() => createCrm({ ...base, duplicates: duplicateControl(given as never) })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => duplicateControl({ criteria: { invoice: [] } } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => duplicateControl({ unknown: true } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createCrm({ ...base, duplicates: { defaultRegion: 'ES' } as never })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
