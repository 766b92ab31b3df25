import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, createFieldRegistry, createStore, defineField, duplicateControl, manualClock, sequentialIds } from 'crm-kit';
import type { CreateCrmOptions, Crm, ImportOptions, ImportReference, ImportRow, ImportRowResult, Issue, Principal, StoreAdapter } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import type { MemoryStore } from 'crm-kit/memory';
import { codeOfAsync as codeOf } from '../support/errors.js';

// me.import: rows of any source into records, batch by batch, with an account of every row.

const policy = createAccessPolicy({
  roles: [
    { id: 'importer', name: 'Importer', permissions: { contact: { read: 'all', add: 'all', update: 'all', import: 'all' }, company: { read: 'all', add: 'all', update: 'all', import: 'all' }, deal: { read: 'all', add: 'all', update: 'all', import: 'all' } } },
    { id: 'own', name: 'Own', permissions: { contact: { read: 'own', add: 'own', update: 'own', import: 'own' }, company: { read: 'own', add: 'own', import: 'own' } } },
    { id: 'clerk', name: 'Clerk', permissions: { contact: { read: 'all', add: 'all', update: 'all' } } },
    { id: 'own-import', name: 'Own import', permissions: { contact: { read: 'all', add: 'all', update: 'all', import: 'own' } } },
  ],
  orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo', 'u-eva'] }] },
});
const ana: Principal = { userId: 'u-ana', roleIds: ['importer'], departmentIds: ['madrid'], isAdmin: false };
const leo: Principal = { userId: 'u-leo', roleIds: ['own'], departmentIds: ['madrid'], isAdmin: false };
const eva: Principal = { userId: 'u-eva', roleIds: ['clerk'], departmentIds: ['madrid'], isAdmin: false };

function setup(overrides: Partial<CreateCrmOptions> = {}): { store: MemoryStore; crm: Crm } {
  const store = createMemoryStore();
  const crm = createCrm({ store, clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy, duplicates: duplicateControl({ defaultRegion: 'ES' }), ...overrides });
  return { store, crm };
}

const rowsOf = (...inputs: Record<string, unknown>[]): ImportRow[] => inputs.map((input, at) => ({ line: at + 2, input }));
const outcomes = (results: readonly ImportRowResult[]): string[] => results.map((result) => `${String(result.line)}:${result.outcome}`);

async function importing(crm: Crm, who: Principal, rows: ImportRow[], options: ImportOptions = {}, entityType: 'contact' | 'company' | 'deal' = 'contact') {
  const seen: ImportRowResult[] = [];
  const account = await crm.as(who).import(entityType, rows, { ...options, onRow: (result) => seen.push(result) });
  return { account, seen };
}

describe('me.import', () => {
  it('accounts for every row: imported + updated + skipped + rejected = rows, each told in order', async () => {
    const { crm } = setup();
    const { account, seen } = await importing(crm, ana, [
      ...rowsOf({ firstName: 'Ana', lastName: 'García' }, { firstName: 'Luis', emails: [{ value: 'not an address', kind: 'work' }] }),
      { line: 4, issues: [{ code: 'UNCLOSED_QUOTE', path: [], message: 'A quoted cell is never closed.' }] },
      { line: 5 },
    ]);
    expect([account.rows, account.imported, account.updated, account.skipped, account.rejected]).toEqual([4, 1, 0, 0, 3]);
    expect(outcomes(seen)).toEqual(['2:imported', '3:rejected', '4:rejected', '5:rejected']);
    expect(account.notImported.map((result) => [result.line, result.issues[0]?.code])).toEqual([
      [3, 'INVALID_VALUE'],
      [4, 'UNCLOSED_QUOTE'],
      [5, 'REQUIRED'],
    ]);
    expect(account.reasons).toEqual([
      { code: 'INVALID_VALUE', count: 1 },
      { code: 'REQUIRED', count: 1 },
      { code: 'UNCLOSED_QUOTE', count: 1 },
    ]);
    expect(await crm.as(ana).contacts.count()).toBe(1);
  });

  it('importing the same rows again creates nothing new: rows with an external id are skipped', async () => {
    const { crm } = setup();
    const rows = rowsOf({ firstName: 'Ana', externalId: 'old-1' }, { firstName: 'Luis', externalId: 'old-2' });
    expect((await importing(crm, ana, rows)).account.imported).toBe(2);
    const again = (await importing(crm, ana, rows)).account;
    expect([again.imported, again.skipped, again.reasons[0]?.code]).toEqual([0, 2, 'ALREADY_IMPORTED']);
    expect(await crm.as(ana).contacts.count()).toBe(2);
  });

  it('a repeated external id within one import is skipped, naming the line that had it first', async () => {
    const { crm } = setup();
    const { account } = await importing(crm, ana, rowsOf({ firstName: 'Ana', externalId: 'x' }, { firstName: 'Ana B', externalId: 'x' }));
    expect([account.imported, account.skipped]).toEqual([1, 1]);
    expect(account.notImported[0]?.issues[0]?.message).toContain('Line 2');
  });

  it('with replace, a row with a known external id overwrites the values it gives; with merge, it fills only the empty ones', async () => {
    const { crm } = setup();
    await importing(crm, ana, rowsOf({ firstName: 'Ana', position: 'Sales', externalId: 'x' }));
    const merged = await importing(crm, ana, rowsOf({ firstName: 'Ana María', lastName: 'García', position: 'CEO', externalId: 'x' }), { duplicates: 'merge' });
    expect(merged.account.updated).toBe(1);
    const [afterMerge] = (await crm.as(ana).contacts.find()).items;
    expect([afterMerge?.firstName, afterMerge?.lastName, afterMerge?.position]).toEqual(['Ana', 'García', 'Sales']);
    await importing(crm, ana, rowsOf({ firstName: 'Ana María', position: 'CEO', externalId: 'x' }), { duplicates: 'replace' });
    const [afterReplace] = (await crm.as(ana).contacts.find()).items;
    expect([afterReplace?.firstName, afterReplace?.lastName, afterReplace?.position]).toEqual(['Ana María', 'García', 'CEO']);
  });

  it('skip, replace and merge act on probable duplicates of stored records; none creates them', async () => {
    const anaGarcia = { firstName: 'Ana', lastName: 'García', phones: [{ value: '612 345 678', kind: 'mobile' as const }], emails: [{ value: 'ana@acme.es', kind: 'work' as const }] };
    for (const [mode, outcome, count] of [
      ['none', 'imported', 2],
      ['skip', 'skipped', 1],
      ['merge', 'updated', 1],
      ['replace', 'updated', 1],
    ] as const) {
      const { crm } = setup();
      await crm.as(ana).contacts.create(anaGarcia);
      const { seen } = await importing(crm, ana, rowsOf({ ...anaGarcia, position: 'CEO' }), { duplicates: mode });
      expect([mode, seen[0]?.outcome]).toEqual([mode, outcome]);
      expect(await crm.as(ana).contacts.count()).toBe(count);
    }
  });

  it('a row duplicating an earlier row of the same batch meets it as a stored record', async () => {
    const { crm } = setup();
    const person = { firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@acme.es', kind: 'work' }] };
    const { account } = await importing(crm, ana, rowsOf(person, { ...person, position: 'CEO' }), { duplicates: 'merge' });
    expect([account.imported, account.updated]).toEqual([1, 1]);
    const [stored] = (await crm.as(ana).contacts.find()).items;
    expect(stored?.position).toBe('CEO');
  });

  it('a dry run decides and accounts for every row as the import would, and writes nothing', async () => {
    const { crm, store } = setup();
    const person = { firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@acme.es', kind: 'work' }] };
    const before = JSON.stringify(await store.repository('contact').find({ where: [], limit: 100 }));
    const rows = rowsOf(person, { ...person, position: 'CEO' }, { firstName: 'Luis', emails: [{ value: 'bad', kind: 'work' }] });
    const dry = (await importing(crm, ana, rows, { duplicates: 'merge', dryRun: true })).account;
    expect(JSON.stringify(await store.repository('contact').find({ where: [], limit: 100 }))).toBe(before);
    const real = (await importing(crm, ana, rows, { duplicates: 'merge' })).account;
    expect([dry.imported, dry.updated, dry.rejected, dry.writtenThroughLine]).toEqual([real.imported, real.updated, real.rejected, 0]);
    expect(real.writtenThroughLine).toBe(4);
  });

  it('fills links named by reference, and rejects a row whose reference finds nothing or more than one record', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const acme = await me.companies.create({ title: 'Acme' });
    await me.companies.create({ title: 'Twin' });
    await me.companies.create({ title: 'Twin' });
    const { account, seen } = await importing(crm, ana, [
      { line: 2, input: { firstName: 'Ana' }, references: [{ field: 'companyIds', entityType: 'company', by: 'name', value: 'Acme', path: [3] }] },
      { line: 3, input: { firstName: 'Luis' }, references: [{ field: 'companyIds', entityType: 'company', by: 'name', value: 'Nobody', path: [3] }] },
      { line: 4, input: { firstName: 'Eva' }, references: [{ field: 'companyIds', entityType: 'company', by: 'name', value: 'Twin', path: [3] }] },
    ]);
    expect(outcomes(seen)).toEqual(['2:imported', '3:rejected', '4:rejected']);
    expect(account.notImported.map((result) => [result.issues[0]?.code, result.issues[0]?.path])).toEqual([
      ['REFERENCE_NOT_FOUND', [3]],
      ['AMBIGUOUS_REFERENCE', [3]],
    ]);
    const contact = await me.contacts.get(seen[0]?.id ?? '');
    expect(contact?.companyIds).toEqual([acme.id]);
  });

  it('a reference never finds a record the person may not read', async () => {
    const { crm } = setup();
    await crm.as(ana).companies.create({ title: 'Hidden' });
    const { seen } = await importing(crm, leo, [{ line: 2, input: { firstName: 'Luis' }, references: [{ field: 'companyIds', entityType: 'company', by: 'name', value: 'Hidden' }] }]);
    expect(seen[0]?.issues[0]?.code).toBe('REFERENCE_NOT_FOUND');
  });

  it('needs the import permission, and keeps every check of a single create row by row', async () => {
    const { crm } = setup();
    expect(await codeOf(() => crm.as(eva).import('contact', rowsOf({ firstName: 'Ana' })))).toBe('FORBIDDEN');
    // Leo may only add contacts he is responsible for: a row giving someone else is his to fix.
    const { seen } = await importing(crm, leo, rowsOf({ firstName: 'Mine' }, { firstName: 'Theirs', assignedById: 'u-ana' }));
    expect(outcomes(seen)).toEqual(['2:imported', '3:rejected']);
    expect(seen[1]?.issues[0]?.code).toBe('FORBIDDEN');
  });

  it('writes whole batches: an abort stops at a batch boundary, and the account says through which line', async () => {
    const { crm } = setup();
    const controller = new AbortController();
    const rows = Array.from({ length: 10 }, (_, at) => ({ line: at + 2, input: { firstName: `P${String(at)}` } }));
    const account = await crm.as(ana).import('contact', rows, {
      batchSize: 3,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.rows >= 6) controller.abort();
      },
    });
    expect([account.rows, account.imported, account.writtenThroughLine, account.stopped?.code]).toEqual([6, 6, 7, 'ABORTED']);
    expect(await crm.as(ana).contacts.count()).toBe(6);
  });

  it('lets the host event loop turn between batches, so that a timer (a Ctrl-C, a request) can stop it', async () => {
    const { crm } = setup();
    const controller = new AbortController();
    // A stop asked from a timer: on a store without I/O it could only run if the import yields.
    setTimeout(() => {
      controller.abort();
    }, 0);
    const rows = Array.from({ length: 50 }, (_, at) => ({ line: at + 2, input: { firstName: `P${String(at)}` } }));
    const account = await crm.as(ana).import('contact', rows, { batchSize: 5, signal: controller.signal });
    expect(account.stopped?.code).toBe('ABORTED');
    expect(account.rows).toBeLessThan(50);
    expect(account.writtenThroughLine).toBe(account.rows + 1);
    expect(await crm.as(ana).contacts.count()).toBe(account.rows);
  });

  it('a batch the store cannot write is rejected whole, the import stops, and nothing of it is stored', async () => {
    let failing = false;
    const memory = createMemoryStore();
    const adapter: StoreAdapter = {
      ...memory,
      transaction: (work) => {
        if (failing) throw new Error('disk full');
        return memory.transaction(work);
      },
    };
    const crm = createCrm({ store: createStore(adapter), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy });
    const rows = Array.from({ length: 6 }, (_, at) => ({ line: at + 2, input: { firstName: `P${String(at)}` } }));
    const account = await crm.as(ana).import('contact', rows, {
      batchSize: 2,
      onProgress: (progress) => {
        failing = progress.rows >= 2;
      },
    });
    expect([account.rows, account.imported, account.rejected, account.writtenThroughLine, account.stopped?.code]).toEqual([4, 2, 2, 3, 'ADAPTER_FAILURE']);
    expect(await crm.as(ana).contacts.count()).toBe(2);
  });

  it('defaults fill what a row leaves empty; a row cannot set its id', async () => {
    const { crm } = setup();
    const { seen } = await importing(crm, ana, rowsOf({ firstName: 'Ana' }, { firstName: 'Luis', id: 'chosen' }), { defaults: { source: 'WEB', opened: true } });
    const stored = await crm.as(ana).contacts.get(seen[0]?.id ?? '');
    expect([stored?.source, stored?.opened]).toEqual(['WEB', true]);
    expect(seen[1]?.outcome).toBe('rejected');
  });

  it('refuses bad arguments with INVALID_ARGUMENT before reading any row', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    for (const call of [
      () => me.import('invoice', []),
      () => me.import('contact', 42 as unknown as ImportRow[]),
      () => me.import('contact', [], { duplicates: 'overwrite' as 'skip' }),
      () => me.import('contact', [], { batchSize: 0 }),
      () => me.import('contact', [], { pipelineId: 'sales' }),
      () => me.import('contact', [{ line: -1 }]),
      () => me.import('contact', [{ line: 2, input: { firstName: 'A' }, extra: true } as unknown as ImportRow]),
    ]) {
      expect(await codeOf(call)).toBe('INVALID_ARGUMENT');
    }
    expect(await me.contacts.count()).toBe(0);
  });

  it('two rows changing one stored record: the first is written before the second is decided, and no batch fails', async () => {
    const { crm } = setup();
    await crm.as(ana).contacts.create({ firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@acme.es', kind: 'work' }] });
    const ana1 = { firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@acme.es', kind: 'work' }], position: 'CEO' };
    const ana2 = { firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@acme.es', kind: 'work' }], phones: [{ value: '600112233', kind: 'mobile' }] };
    const { account, seen } = await importing(crm, ana, rowsOf({ firstName: 'Luis' }, ana1, ana2, { firstName: 'Eva' }), { duplicates: 'merge' });
    expect(outcomes(seen)).toEqual(['2:imported', '3:updated', '4:updated', '5:imported']);
    expect(account.stopped).toBeUndefined();
    const stored = (await crm.as(ana).contacts.find({ where: [{ field: 'firstName', op: 'eq', value: 'Ana' }] })).items;
    expect([stored.length, stored[0]?.position, stored[0]?.phones?.length]).toEqual([1, 'CEO', 1]);
  });

  it('a custom field the person cannot see is refused before any lookup: a guess of its value never matches', async () => {
    const ssn = defineField({ type: 'string', code: 'ssn', labels: { en: 'SSN' }, visibility: { restrictedTo: { userIds: ['u-boss'] } } });
    const { crm } = setup({
      fields: { contact: createFieldRegistry('contact', { customFields: [ssn] }) },
      duplicates: duplicateControl({ defaultRegion: 'ES', criteria: { contact: [{ field: 'emails' }, { field: 'custom.ssn', comparator: 'exact' }] } }),
    });
    const boss: Principal = { userId: 'u-boss', roleIds: ['importer'], departmentIds: ['madrid'], isAdmin: false };
    await crm.as(boss).contacts.create({ firstName: 'Zed', emails: [{ value: 'zed@acme.es', kind: 'work' }], custom: { ssn: '123' } });
    for (const guess of ['123', '999']) {
      const { seen } = await importing(crm, ana, rowsOf({ firstName: 'Zed', emails: [{ value: 'zed@acme.es', kind: 'work' }], custom: { ssn: guess } }), { duplicates: 'skip', dryRun: true });
      expect([seen[0]?.outcome, seen[0]?.issues[0]?.code, seen[0]?.id]).toEqual(['rejected', 'FIELD_NOT_VISIBLE', undefined]);
    }
  });

  it('defaults fill only new records: replace never changes the responsible person, and never the external id a record has', async () => {
    const { crm } = setup();
    await importing(crm, ana, rowsOf({ firstName: 'Ana', externalId: 'legacy-7', source: 'WEB', assignedById: 'u-ana' }));
    const rows = rowsOf({ firstName: 'Ana', position: 'CEO', externalId: 'legacy-7' });
    await importing(crm, ana, rows, { duplicates: 'replace', defaults: { assignedById: 'u-leo', source: 'OTHER' } });
    const [stored] = (await crm.as(ana).contacts.find()).items;
    expect([stored?.position, stored?.assignedById, stored?.source, stored?.externalId]).toEqual(['CEO', 'u-ana', 'WEB', 'legacy-7']);
  });

  it('the import permission has a level: an own importer cannot import a record of someone else', async () => {
    const { crm } = setup();
    const importer: Principal = { userId: 'u-leo', roleIds: ['own-import'], departmentIds: ['madrid'], isAdmin: false };
    const { seen } = await importing(crm, importer, rowsOf({ firstName: 'Mine' }, { firstName: 'Theirs', assignedById: 'u-ana' }));
    expect(outcomes(seen)).toEqual(['2:imported', '3:rejected']);
    expect(seen[1]?.issues[0]?.code).toBe('FORBIDDEN');
  });

  it('on a store without match keys, external ids are found in pieces and over every page', async () => {
    const memory = createMemoryStore({ maxPageSize: 100 });
    const { matchKeys: _keys, ...adapter } = { ...memory, capabilities: { ...memory.capabilities, matchKeys: false } };
    const crm = createCrm({ store: createStore(adapter as StoreAdapter), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy });
    const rows = Array.from({ length: 1_500 }, (_, at) => ({ line: at + 2, input: { firstName: `P${String(at)}`, externalId: `ext-${String(at)}` } }));
    expect((await crm.as(ana).import('contact', rows, { batchSize: 1_500 })).imported).toBe(1_500);
    const again = await crm.as(ana).import('contact', rows, { batchSize: 1_500 });
    expect([again.imported, again.skipped]).toEqual([0, 1_500]);
  });

  it('a source that fails midway: the rows read before are done, and the account says where it stopped', async () => {
    const { crm } = setup();
    async function* failing(): AsyncGenerator<ImportRow> {
      for (let at = 0; at < 5; at++) yield await Promise.resolve({ line: at + 2, input: { firstName: `P${String(at)}` } });
      throw new Error('ECONNRESET');
    }
    const account = await crm.as(ana).import('contact', failing(), { batchSize: 2 });
    expect([account.rows, account.imported, account.writtenThroughLine, account.stopped?.code]).toEqual([5, 5, 6, 'SOURCE_FAILURE']);
  });

  it('malformed references and issues from a source reject their row instead of failing the import', async () => {
    const { crm } = setup();
    const { seen } = await importing(crm, ana, [
      { line: 2, input: { firstName: 'A' }, references: [null as unknown as ImportReference] },
      { line: 3, input: { firstName: 'B' }, references: [{ field: '__proto__', entityType: 'company', by: 'name', value: 'x' }] },
      { line: 4, issues: [null as unknown as Issue] },
      { line: 5, input: { firstName: 'C' } },
    ]);
    expect(outcomes(seen)).toEqual(['2:rejected', '3:rejected', '4:rejected', '5:imported']);
  });

  it('within a batch, a dry run gives every row the outcome the import gives it', async () => {
    const person = { firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@acme.es', kind: 'work' }] };
    const rows = rowsOf(person, { ...person }, { ...person, position: 'CEO' }, { firstName: 'Luis' }, { ...person, position: 'CEO' });
    for (const mode of ['skip', 'merge', 'replace'] as const) {
      const dry = await importing(setup().crm, ana, rows, { duplicates: mode, dryRun: true });
      const real = await importing(setup().crm, ana, rows, { duplicates: mode });
      expect([mode, ...outcomes(dry.seen)]).toEqual([mode, ...outcomes(real.seen)]);
    }
  });

  it('a contact named by reference is found by its whole name, a compound first name included', async () => {
    const { crm } = setup();
    const me = crm.as(ana);
    const maria = await me.contacts.create({ firstName: 'María José', lastName: 'García López' });
    await me.contacts.create({ firstName: 'María', lastName: 'José García' });
    const { seen } = await importing(crm, ana, [{ line: 2, input: { title: 'Renewal' }, references: [{ field: 'contactIds', entityType: 'contact', by: 'name', value: 'María José García López' }] }], {}, 'deal');
    expect(seen[0]?.outcome).toBe('imported');
    expect((await me.deals.get(seen[0]?.id ?? ''))?.contactIds).toEqual([maria.id]);
  });
});
