import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, createFieldRegistry, defineField, manualClock, sequentialIds, ValidationError } from 'crm-kit';
import type { Crm, FieldDefinition, Principal } from 'crm-kit';
import { exportCsv, importCsv, rejectedRowsCsv, suggestMapping } from 'crm-kit/csv';
import type { CsvMapping } from 'crm-kit/csv';
import { createMemoryStore } from 'crm-kit/memory';
import { codeOfAsync } from '../support/errors.js';

const policy = createAccessPolicy({
  roles: [{ id: 'ops', name: 'Ops', permissions: { contact: { read: 'all', add: 'all', update: 'all', import: 'all' }, deal: { read: 'all', add: 'all', import: 'all' } } }],
  orgChart: { departments: [{ id: 'hq', name: 'HQ', memberIds: ['u-ana'] }] },
});
const admin: Principal = { userId: 'u-root', roleIds: [], departmentIds: [], isAdmin: true };
const ana: Principal = { userId: 'u-ana', roleIds: ['ops'], departmentIds: ['hq'], isAdmin: false };
const salary = defineField({ type: 'string', code: 'salary_band', labels: { en: 'Salary band' }, visibility: { restrictedTo: { userIds: ['u-root'] } } });
const region = defineField({ type: 'string', code: 'sales_region', labels: { en: 'Sales region', es: 'Zona de ventas' }, required: true });

function setup(custom: FieldDefinition[] = [salary]): Crm {
  return createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy, fields: { contact: createFieldRegistry('contact', { customFields: custom }) } });
}

async function issuesOf(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError) || error.code !== 'VALIDATION_FAILED') throw error;
    return error.issues.map((found) => `${found.code} ${found.path.join('.')}`);
  }
}

describe('importCsv: the mapping is checked before anything is written', () => {
  it('a column mapped to a field the person cannot see is FIELD_NOT_VISIBLE, and nothing is written', async () => {
    const crm = setup();
    const mapping: CsvMapping = {
      entityType: 'contact',
      columns: [
        { column: 0, header: 'First name', target: { kind: 'field', field: 'firstName' }, confidence: 1, matchedBy: 'label' },
        { column: 1, header: 'Band', target: { kind: 'field', field: 'custom.salary_band' }, confidence: 1, matchedBy: 'code' },
      ],
      unmapped: [],
    };
    expect(await issuesOf(() => importCsv(crm.as(ana), 'contact', 'First name,Band\nAna,A\n', { mapping }))).toEqual(['FIELD_NOT_VISIBLE mapping.1']);
    expect(await crm.as(admin).contacts.count()).toBe(0);
    // The administrator sees the field: the same mapping imports.
    expect((await importCsv(crm.as(admin), 'contact', 'First name,Band\nAna,A\n', { mapping })).imported).toBe(1);
  });

  it('required fields left unmapped are reported: a deal needs its title, unless a default gives it', async () => {
    const crm = setup([region]);
    expect(await issuesOf(() => importCsv(crm.as(ana), 'deal', 'Amount,Currency\n10,EUR\n'))).toEqual(['REQUIRED mapping.title']);
    expect(await issuesOf(() => importCsv(crm.as(ana), 'contact', 'First name\nAna\n'))).toEqual(['REQUIRED mapping.custom.sales_region']);
    const account = await importCsv(crm.as(ana), 'deal', 'Amount,Currency\n10,EUR\n', { defaults: { title: 'Imported deal' } });
    expect(account.imported).toBe(1);
  });

  it('a mapping that maps nothing is refused', async () => {
    const crm = setup();
    expect(await issuesOf(() => importCsv(crm.as(ana), 'contact', 'Favourite colour\nblue\n'))).toEqual(['REQUIRED mapping']);
  });

  it('needs the import permission', async () => {
    const crm = setup();
    const viewer = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [{ id: 'r', name: 'R', permissions: { contact: { read: 'all', add: 'all' } } }], orgChart: { departments: [] } }) });
    expect(await codeOfAsync(() => importCsv(viewer.as({ userId: 'u-x', roleIds: ['r'], departmentIds: [], isAdmin: false }), 'contact', 'First name\nAna\n'))).toBe('FORBIDDEN');
    expect(await crm.as(admin).contacts.count()).toBe(0);
  });
});

describe('importCsv: limits', () => {
  it('a file over its row limit stops there: the rows read are accounted for and written, and the account says why', async () => {
    const crm = setup();
    const file = `First name\n${Array.from({ length: 10 }, (_, n) => `P${String(n)}`).join('\n')}\n`;
    const account = await importCsv(crm.as(ana), 'contact', file, { limits: { maxRows: 4 }, batchSize: 2 });
    expect([account.rows, account.imported, account.stopped?.code]).toEqual([4, 4, 'LIMIT_EXCEEDED']);
    expect(await crm.as(ana).contacts.count()).toBe(4);
  });
});

describe('activities with their bindings', () => {
  it('export as "type: name" items and import back linked to the records of those names', async () => {
    const source = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy });
    const me = source.as(admin);
    const acme = await me.companies.create({ title: 'Acme' });
    const eva = await me.contacts.create({ firstName: 'Eva', lastName: 'Ruiz' });
    await me.activities.create({ type: 'call', subject: 'Kick-off', direction: 'outgoing', bindings: [{ entityType: 'contact', id: eva.id }, { entityType: 'company', id: acme.id }] });
    let text = '';
    for await (const chunk of exportCsv(me, 'activity', { columns: ['type', 'subject', 'direction', 'bindings'] })) text += chunk;
    expect(text).toBe('Activity type,Subject,Direction,Linked to\r\ncall,Kick-off,outgoing,contact: Eva Ruiz ::: company: Acme\r\n');

    const target = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: policy });
    const them = target.as(admin);
    const acme2 = await them.companies.create({ title: 'Acme' });
    const eva2 = await them.contacts.create({ firstName: 'Eva', lastName: 'Ruiz' });
    const account = await importCsv(them, 'activity', `${text}call,Orphan,outgoing,deal: Nothing\r\n`);
    expect([account.imported, account.rejected]).toEqual([1, 1]);
    expect(account.notImportedRows[0]?.issues[0]?.code).toBe('REFERENCE_NOT_FOUND');
    const [activity] = (await them.activities.find()).items;
    expect(activity?.bindings).toEqual([
      { entityType: 'contact', id: eva2.id },
      { entityType: 'company', id: acme2.id },
    ]);
    expect(suggestMapping(['Linked to', 'Vinculada a'], { entityType: 'activity' }).columns.map((column) => column.target)).toContainEqual({ kind: 'field', field: 'bindings' });
  });
});

describe('rejectedRowsCsv', () => {
  it("gives the file's own header and delimiter, the original cells neutralised, and the reason with the line in Spanish", async () => {
    const crm = setup();
    const account = await importCsv(crm.as(ana), 'contact', 'Nombre;Correo electrónico\n=1+1;no es correo\n');
    expect(rejectedRowsCsv(account, { locale: 'es' })).toBe("Nombre;Correo electrónico;Motivo\r\n'=1+1;no es correo;Línea 2: Not an e-mail address.\r\n");
  });
});
