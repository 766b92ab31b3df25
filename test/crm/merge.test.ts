import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, createFieldRegistry, defineField, duplicateControl, isCrmError, manualClock, sequentialIds } from 'crm-kit';
import type { Contact, Crm, Principal } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import type { MemoryStore } from 'crm-kit/memory';
import { codeOfAsync as codeOf } from '../support/errors.js';

// Merging duplicates through the service, and undoing merges exactly.

const policy = createAccessPolicy({
  roles: [
    { id: 'sales', name: 'Sales', permissions: { contact: { read: 'all', add: 'all', update: 'all', delete: 'own' }, deal: { read: 'all', add: 'all', update: 'own', delete: 'own' }, activity: { read: 'own', add: 'all', update: 'own', delete: 'own' } } },
  ],
  orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo'] }, { id: 'lima', name: 'Lima', memberIds: ['u-eva'] }] },
});
const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const leo: Principal = { userId: 'u-leo', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const eva: Principal = { userId: 'u-eva', roleIds: ['sales'], departmentIds: ['lima'], isAdmin: false };
const admin: Principal = { userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true };

// A tax number that only Madrid sees.
const taxId = defineField({ type: 'string', code: 'tax_id', labels: { en: 'Tax id' }, visibility: { restrictedTo: { departmentIds: ['madrid'] } } });

function setup(): { store: MemoryStore; crm: Crm; clock: ReturnType<typeof manualClock> } {
  const store = createMemoryStore();
  const clock = manualClock('2026-03-02T10:00:00Z');
  const crm = createCrm({ store, clock, ids: sequentialIds(), access: policy, fields: { contact: createFieldRegistry('contact', { customFields: [taxId] }) }, duplicates: duplicateControl({ defaultRegion: 'ES' }) });
  return { store, crm, clock };
}

async function snapshot(store: MemoryStore): Promise<unknown> {
  const out: Record<string, unknown[]> = {};
  for (const entityType of ['contact', 'deal', 'activity'] as const) {
    const records: unknown[] = [];
    for await (const record of store.repository(entityType).stream({ where: [], limit: 1000 })) records.push(record);
    out[entityType] = records;
  }
  return out;
}

describe('merging duplicates', () => {
  it('unites phones and e-mails, fills gaps, relinks deals and activities, removes the merged record, and logs a merge', async () => {
    const { crm, store } = setup();
    const me = crm.as(ana);
    const keep = await me.contacts.create({ firstName: 'Ana', lastName: 'García', phones: [{ value: '+34 612 345 678', kind: 'work' }] });
    const twin = await me.contacts.create({ firstName: 'ana', lastName: 'García', position: 'CEO', phones: [{ value: '612345678', kind: 'mobile' }, { value: '+34 699 000 111', kind: 'home' }], emails: [{ value: 'ana@acme.es', kind: 'work' }] });
    const deal = await me.deals.create({ title: 'Renewal', contactIds: [twin.id, keep.id] });
    const call = await me.activities.create({ type: 'call', subject: 'Intro', bindings: [{ entityType: 'contact', id: twin.id }] });
    const dialled = { channel: 'phone', value: '612345678' } as const;
    const mail = await me.activities.create({ type: 'email', subject: 'Terms', communications: [{ ...dialled, entity: { entityType: 'contact', id: twin.id } }, { channel: 'email', value: 'x@acme.es' }] });

    const preview = await me.contacts.previewMerge(keep.id, [twin.id], { policy: 'survivorWins' });
    expect([preview.complete, preview.conflicts, preview.relinked]).toEqual([true, [], 3]);
    const { survivor, mergeId, relinked } = await me.contacts.merge(keep.id, [twin.id], { policy: 'survivorWins' });
    expect(relinked).toBe(3);
    expect(survivor.firstName).toBe('Ana');
    expect(survivor.position).toBe('CEO');
    expect(survivor.phones?.map((phone) => phone.value)).toEqual(['+34 612 345 678', '+34 699 000 111']);
    expect(survivor.emails?.map((email) => email.value)).toEqual(['ana@acme.es']);
    expect(await me.contacts.get(twin.id)).toBeNull();
    expect((await me.deals.get(deal.id))?.contactIds).toEqual([keep.id]);
    expect((await me.activities.get(call.id))?.bindings).toEqual([{ entityType: 'contact', id: keep.id }]);
    // A communication that named the merged record names the survivor; the others are as they were.
    expect((await me.activities.get(mail.id))?.communications).toEqual([{ ...dialled, entity: { entityType: 'contact', id: keep.id } }, { channel: 'email', value: 'x@acme.es' }]);
    // The merged record's match keys went with it; the survivor's cover its new phone.
    expect(await store.matchKeys?.lookup('contact', ['phones:99000111'])).toEqual([{ id: keep.id, keys: ['phones:99000111'] }]);
    const history = await me.contacts.history(keep.id);
    const merged = history.find((event) => event.type === 'merged');
    expect(merged?.type === 'merged' ? [merged.data.absorbedIds, merged.data.undo.absorbed] : []).toEqual([[twin.id], []]);
    expect(mergeId).toMatch(/^\d+$/);
  });

  it('refuses a merge with undecided conflicts, naming each field, and writes nothing', async () => {
    const { crm, store } = setup();
    const me = crm.as(ana);
    const keep = await me.contacts.create({ firstName: 'Ana', lastName: 'García' });
    const twin = await me.contacts.create({ firstName: 'Ana', lastName: 'Gracía' });
    const before = await snapshot(store);
    const error: unknown = await me.contacts.merge(keep.id, [twin.id]).catch((caught: unknown) => caught);
    expect(isCrmError(error, 'VALIDATION_FAILED') ? error.issues.map((found) => found.path) : error).toEqual([['choices', 'lastName']]);
    expect(await snapshot(store)).toEqual(before);
    const chosen = await me.contacts.merge(keep.id, [twin.id], { choices: { lastName: twin.id } });
    expect(chosen.survivor.lastName).toBe('Gracía');
  });

  it('needs read and update on the survivor and read and delete on the merged records', async () => {
    const { crm, store } = setup();
    const mine = await crm.as(ana).contacts.create({ firstName: 'Ana', lastName: 'García' });
    const his = await crm.as(leo).contacts.create({ firstName: 'Ana', lastName: 'García' });
    // Ana may update Leo's contact but not delete it.
    expect(await codeOf(() => crm.as(ana).contacts.merge(mine.id, [his.id], { policy: 'survivorWins' }))).toBe('FORBIDDEN');
    const another = await crm.as(ana).contacts.create({ firstName: 'Ana', lastName: 'García' });
    expect(await codeOf(() => crm.as(ana).contacts.merge(mine.id, [another.id], { policy: 'survivorWins', expectedVersions: { [another.id]: 7 } }))).toBe('VERSION_CONFLICT');
    const before = await snapshot(store);
    expect(await codeOf(() => crm.as(ana).contacts.merge(mine.id, [his.id], { policy: 'survivorWins' }))).toBe('FORBIDDEN');
    expect(await snapshot(store)).toEqual(before);
    expect(await codeOf(() => crm.as(ana).contacts.merge(mine.id, [mine.id]))).toBe('VALIDATION_FAILED');
    expect(await codeOf(() => crm.as(ana).contacts.merge(mine.id, []))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => crm.as(ana).contacts.merge(mine.id, ['missing']))).toBe('NOT_FOUND');
    expect(await codeOf(() => crm.as(ana).contacts.merge(mine.id, [his.id], { policy: 'loudest' as 'mostRecent' }))).toBe('INVALID_ARGUMENT');
  });

  it('keeps a hidden value, and refuses a person who cannot see a field whose values differ', async () => {
    const { crm } = setup();
    const boss = crm.as(admin);
    const keep = await boss.contacts.create({ firstName: 'Ana', lastName: 'García', assignedById: 'u-eva' });
    const twin = await boss.contacts.create({ firstName: 'Ana', lastName: 'García', assignedById: 'u-eva', custom: { tax_id: 'B123' } });
    const other = await boss.contacts.create({ firstName: 'Ana', lastName: 'García', assignedById: 'u-eva', custom: { tax_id: 'B999' } });
    const evaSees = crm.as(eva);
    const preview = await evaSees.contacts.previewMerge(keep.id, [twin.id, other.id], { policy: 'survivorWins' });
    expect([preview.complete, preview.hiddenConflicts, JSON.stringify(preview).includes('B123')]).toEqual([false, 1, false]);
    expect(await codeOf(() => evaSees.contacts.merge(keep.id, [twin.id, other.id], { policy: 'survivorWins' }))).toBe('FORBIDDEN');
    // One value only: carried to the survivor, never dropped, though Eva cannot see it.
    const { survivor } = await evaSees.contacts.merge(keep.id, [twin.id], { policy: 'survivorWins' });
    expect(survivor.custom).toEqual({});
    expect((await boss.contacts.get(keep.id))?.custom).toEqual({ tax_id: 'B123' });
  });
});

describe('merging, edge cases', () => {
  it('merges records that link to each other through a custom link, the survivor linking to itself at most', async () => {
    const referrer = defineField({ type: 'link', code: 'referrer', labels: { en: 'Referrer' }, targets: ['contact'] });
    const crm = createCrm({
      store: createMemoryStore(),
      clock: manualClock('2026-03-02T10:00:00Z'),
      ids: sequentialIds(),
      access: policy,
      fields: { contact: createFieldRegistry('contact', { customFields: [referrer] }) },
      duplicates: duplicateControl(),
    });
    const me = crm.as(admin);
    const absorbed = await me.contacts.create({ firstName: 'Ana', lastName: 'García' });
    const survivor = await me.contacts.create({ firstName: 'Ana', lastName: 'García', custom: { referrer: { entityType: 'contact', id: absorbed.id } } });
    const merged = await me.contacts.merge(survivor.id, [absorbed.id], { policy: 'survivorWins' });
    expect(merged.survivor.custom).toEqual({ referrer: { entityType: 'contact', id: survivor.id } });
    await me.merges.undo(merged.mergeId);
    expect((await me.contacts.get(survivor.id))?.custom).toEqual({ referrer: { entityType: 'contact', id: absorbed.id } });
  });

  it('keeps the survivor deal in its stage: a stage changes only by a move', async () => {
    const { crm } = setup();
    const me = crm.as(admin);
    const open = await me.deals.create({ title: 'Renewal' });
    const won = await me.deals.create({ title: 'Renewal' });
    await me.deals.moveToStage(won.id, 'WON', { expectedVersion: won.version });
    expect(await codeOf(() => me.deals.merge(open.id, [won.id], { choices: { stageId: won.id } }))).toBe('VALIDATION_FAILED');
    const { survivor } = await me.deals.merge(open.id, [won.id], { policy: 'mostRecent' });
    expect([survivor.stageId, survivor.closed]).toEqual(['NEW', false]);
  });

  it('lets only someone who could have made a merge undo it', async () => {
    const { crm } = setup();
    const boss = crm.as(admin);
    const mine = await boss.contacts.create({ firstName: 'Ana', lastName: 'García', assignedById: 'u-eva' });
    const his = await boss.contacts.create({ firstName: 'Ana', lastName: 'García', assignedById: 'u-leo' });
    const { mergeId } = await boss.contacts.merge(mine.id, [his.id], { policy: 'survivorWins' });
    // Eva reads all contacts and deletes her own only: she could not have merged Leo's away.
    expect(await codeOf(() => crm.as(eva).merges.undo(mergeId))).toBe('FORBIDDEN');
    const nobody: Principal = { userId: 'u-x', roleIds: [], departmentIds: [], isAdmin: false };
    await boss.merges.undo(mergeId);
    // Someone with no permission learns nothing, not even that the merge was undone.
    expect(await codeOf(() => crm.as(nobody).merges.undo(mergeId))).toBe('NOT_FOUND');
  });
});

describe('merging each type', () => {
  it('merges companies, moving deals by companyId and contacts by companyIds, and undoes it', async () => {
    const crm = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy, duplicates: duplicateControl() });
    const me = crm.as(admin);
    const keep = await me.companies.create({ title: 'Acme Iberia, S.L.' });
    const twin = await me.companies.create({ title: 'ACME IBERIA SL', phones: [{ value: '+34 910 000 000', kind: 'work' }] });
    const deal = await me.deals.create({ title: 'Renewal', companyId: twin.id });
    const person = await me.contacts.create({ firstName: 'Ana', companyIds: [twin.id, keep.id] });
    const { mergeId, survivor } = await me.companies.merge(keep.id, [twin.id], { choices: { title: keep.id } });
    expect(survivor.phones?.map((phone) => phone.value)).toEqual(['+34 910 000 000']);
    expect((await me.deals.get(deal.id))?.companyId).toBe(keep.id);
    expect((await me.contacts.get(person.id))?.companyIds).toEqual([keep.id]);
    await me.merges.undo(mergeId);
    expect((await me.deals.get(deal.id))?.companyId).toBe(twin.id);
    expect((await me.contacts.get(person.id))?.companyIds).toEqual([twin.id, keep.id]);
  });

  it('merges leads, keeping the survivor status', async () => {
    const crm = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy, duplicates: duplicateControl() });
    const me = crm.as(admin);
    const keep = await me.leads.create({ title: 'Website form', firstName: 'Ana', lastName: 'García' });
    const twin = await me.leads.create({ title: 'Website form', firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@acme.es', kind: 'work' }] });
    const { survivor } = await me.leads.merge(keep.id, [twin.id], { policy: 'mostRecent' });
    expect([survivor.status, survivor.emails?.map((email) => email.value)]).toEqual([keep.status, ['ana@acme.es']]);
    expect(await me.leads.get(twin.id)).toBeNull();
  });
});

describe('undoing a merge', () => {
  it('restores the merged records, the survivor and every relinked record exactly', async () => {
    const { crm, store, clock } = setup();
    const me = crm.as(ana);
    const keep = await me.contacts.create({ firstName: 'Ana', lastName: 'García', phones: [{ value: '+34 612 345 678', kind: 'work' }] });
    const twin = await me.contacts.create({ firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@acme.es', kind: 'work' }] });
    await me.deals.create({ title: 'Renewal', contactIds: [twin.id] });
    await me.activities.create({ type: 'call', subject: 'Intro', bindings: [{ entityType: 'contact', id: twin.id }, { entityType: 'contact', id: keep.id }] });
    await me.activities.create({ type: 'call', subject: 'Callback', communications: [{ channel: 'phone', value: '+34 612 345 678', entity: { entityType: 'contact', id: twin.id } }] });
    const before = await snapshot(store);
    clock.advance({ minutes: 5 });
    const { mergeId } = await me.contacts.merge(keep.id, [twin.id], { policy: 'survivorWins' });
    const undone = await me.merges.undo(mergeId);
    expect([undone.restoredIds, undone.kept]).toEqual([[twin.id], []]);
    const after = (await snapshot(store)) as Record<string, Record<string, unknown>[]>;
    // Every value is back; written records carry a new version and stamp.
    const unstamped = (state: unknown): unknown => JSON.parse(JSON.stringify(state, (key, value: unknown) => (['version', 'updatedAt', 'updatedById'].includes(key) ? undefined : value))) as unknown;
    expect(unstamped(after)).toEqual(unstamped(before));
    // The merged record is back as it was, version and stamps included.
    expect(after.contact?.find((record) => record.id === twin.id)).toEqual((before as Record<string, Record<string, unknown>[]>).contact?.find((record) => record.id === twin.id));
    expect((await me.duplicates.check('contact', { firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@acme.es', kind: 'work' }] })).map((found) => found.id)).toContain(twin.id);
    expect(await codeOf(() => me.merges.undo(mergeId))).toBe('ALREADY_UNDONE');
    // The restored record's history does not end on its removal.
    expect((await me.contacts.history(twin.id)).map((event) => event.type)).toEqual(['created', 'deleted', 'restored']);
  });

  it('refuses to overwrite a later edit, naming it, and undoes the rest when partial', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const keep = await me.contacts.create({ firstName: 'Ana', lastName: 'García' });
    const twin = await me.contacts.create({ firstName: 'Ana', lastName: 'García', position: 'CEO', phones: [{ value: '+34 612 345 678', kind: 'work' }] });
    const { mergeId, survivor } = await me.contacts.merge(keep.id, [twin.id], { policy: 'survivorWins' });
    const edited = await me.contacts.update(keep.id, { position: 'CFO' }, { expectedVersion: survivor.version });
    const error: unknown = await me.merges.undo(mergeId).catch((caught: unknown) => caught);
    expect(isCrmError(error, 'CHANGED_SINCE') ? error.issues.map((found) => found.path) : error).toEqual([['contact', keep.id, 'position']]);
    expect((await me.contacts.get(keep.id))?.version).toBe(edited.version);
    const partial = await me.merges.undo(mergeId, { partial: true });
    expect(partial.kept).toEqual([{ entityType: 'contact', id: keep.id, field: 'position' }]);
    const restored = partial.survivor as Contact | null;
    expect(restored?.position).toBe('CFO');
    expect(restored?.phones).toBeUndefined();
    expect((await me.contacts.get(twin.id))?.position).toBe('CEO');
  });

  it('brings the merged records back when the survivor was deleted since, only when partial', async () => {
    const { crm } = setup();
    const me = crm.as(admin);
    const keep = await me.contacts.create({ firstName: 'Ana', lastName: 'García' });
    const twin = await me.contacts.create({ firstName: 'Ana', lastName: 'García', position: 'CEO' });
    const deal = await me.deals.create({ title: 'Renewal', contactIds: [twin.id] });
    const { mergeId, survivor } = await me.contacts.merge(keep.id, [twin.id], { policy: 'survivorWins' });
    await me.contacts.delete(keep.id, { expectedVersion: survivor.version });
    const error: unknown = await me.merges.undo(mergeId).catch((caught: unknown) => caught);
    expect(isCrmError(error, 'CHANGED_SINCE') ? error.issues.map((found) => found.path) : error).toEqual([['contact', keep.id, 'id']]);
    const partial = await me.merges.undo(mergeId, { partial: true });
    expect([partial.survivor, partial.restoredIds, partial.kept]).toEqual([null, [twin.id], [{ entityType: 'contact', id: keep.id, field: 'id' }]]);
    expect((await me.contacts.get(twin.id))?.position).toBe('CEO');
    expect((await me.deals.get(deal.id))?.contactIds).toEqual([twin.id]);
  });

  it('refuses merge ids that are not a merge', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    await me.contacts.create({ firstName: 'Ana' });
    expect(await codeOf(() => me.merges.undo('1'))).toBe('NOT_FOUND');
    expect(await codeOf(() => me.merges.undo('x'))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => me.merges.undo('1', { force: true } as never))).toBe('INVALID_ARGUMENT');
  });

  it('merge then undo gives back every record of random duplicates and their deals', async () => {
    const phone = fc.constantFrom('+34 612 345 678', '+34 699 000 111', '612 345 678', '');
    const email = fc.constantFrom('ana@acme.es', 'ANA@acme.es', 'ana@example.com', '');
    const person = fc.record({ firstName: fc.constantFrom('Ana', 'ana', 'Anna'), lastName: fc.constantFrom('García', 'Garcia', ''), position: fc.constantFrom('CEO', 'CTO', ''), phone, email });
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 2, maxLength: 4 }), fc.constantFrom('survivorWins' as const, 'mostRecent' as const), fc.array(fc.nat(), { maxLength: 4 }), async (people, mergePolicy, links) => {
        const { crm, store, clock } = setup();
        const me = crm.as(ana);
        const ids: string[] = [];
        for (const entry of people) {
          clock.advance({ minutes: 1 });
          const created = await me.contacts.create({
            firstName: entry.firstName,
            ...(entry.lastName === '' ? {} : { lastName: entry.lastName }),
            ...(entry.position === '' ? {} : { position: entry.position }),
            ...(entry.phone === '' ? {} : { phones: [{ value: entry.phone, kind: 'work' }] }),
            ...(entry.email === '' ? {} : { emails: [{ value: entry.email, kind: 'work' }] }),
          });
          ids.push(created.id);
        }
        for (const pick of links) await me.deals.create({ title: 'Deal', contactIds: [ids[pick % ids.length] ?? ''] });
        const before = (await snapshot(store)) as Record<string, unknown>;
        const [survivorId = '', ...absorbedIds] = ids;
        clock.advance({ minutes: 1 });
        const { mergeId } = await me.contacts.merge(survivorId, absorbedIds, { policy: mergePolicy });
        const merged = (await snapshot(store)) as Record<string, Record<string, unknown>[]>;
        // Nothing is lost: every phone and e-mail of every record is on the survivor.
        const survivor = merged.contact?.find((record) => record.id === survivorId) as { phones: { value: string }[]; emails: { value: string }[] };
        expect(merged.contact).toHaveLength(1);
        for (const entry of people) {
          if (entry.phone !== '') expect(survivor.phones.length).toBeGreaterThan(0);
          if (entry.email !== '') expect(survivor.emails.map((item) => item.value.toLowerCase())).toContain(entry.email.toLowerCase());
        }
        for (const deal of merged.deal ?? []) expect(deal.contactIds).toEqual([survivorId]);
        await me.merges.undo(mergeId);
        const unstamped = (state: unknown): unknown => JSON.parse(JSON.stringify(state, (key, value: unknown) => (['version', 'updatedAt', 'updatedById'].includes(key) ? undefined : value))) as unknown;
        expect(unstamped(await snapshot(store))).toEqual(unstamped(before));
      }),
      { numRuns: 40 },
    );
  });
});
