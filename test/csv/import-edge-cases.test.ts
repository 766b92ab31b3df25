import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, createFieldRegistry, defineField, definePipeline, duplicateControl, manualClock, sequentialIds } from 'crm-kit';
import type { CreateCrmOptions, Crm, Principal } from 'crm-kit';
import { exportCsv, importCsv, openCsv } from 'crm-kit/csv';
import { createMemoryStore } from 'crm-kit/memory';

const admin: Principal = { userId: 'u-root', roleIds: [], departmentIds: [], isAdmin: true };

function setup(overrides: Partial<CreateCrmOptions> = {}): Crm {
  return createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }), ...overrides });
}

async function exported(crm: Crm, entityType: 'contact' | 'deal', columns: string[]): Promise<string> {
  let text = '';
  for await (const chunk of exportCsv(crm.as(admin), entityType, { columns })) text += chunk;
  return text;
}

describe('importCsv on the edges', () => {
  it("a row of delimiters only (Excel's trailing ';;') is rejected, not imported as an empty record, again on every import", async () => {
    const crm = setup();
    const file = 'First name;Last name;Email\r\nAna;García;ana@x.es\r\n;;\r\n;;\r\n';
    for (let run = 0; run < 2; run++) {
      const account = await importCsv(crm.as(admin), 'contact', file);
      expect([account.imported + account.skipped, account.rejected]).toEqual([1, 2]);
    }
    expect(await crm.as(admin).contacts.count()).toBe(1);
  });

  it('stage names are read in the pipeline the deals go to', async () => {
    const stages = (prefix: string) => [
      { id: `${prefix}NEW`, name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process' as const },
      { id: `${prefix}WON`, name: 'Won', sort: 90, color: '#27ae60', semantic: 'success' as const },
      { id: `${prefix}LOST`, name: 'Lost', sort: 95, color: '#e00000', semantic: 'failure' as const },
    ];
    const crm = setup({ pipelines: { deal: [definePipeline({ id: 'sales', entityType: 'deal', name: 'Sales', stages: stages('') }), definePipeline({ id: 'partners', entityType: 'deal', name: 'Partners', stages: stages('C1:') })] } });
    const account = await importCsv(crm.as(admin), 'deal', 'Deal name,Stage\r\nBig,Won\r\n', { pipelineId: 'partners' });
    expect(account.imported).toBe(1);
    const [deal] = (await crm.as(admin).deals.find()).items;
    expect([deal?.pipelineId, deal?.stageId]).toEqual(['partners', 'C1:WON']);
  });

  it('references by phone or e-mail find the record however the value is written, and read what exportCsv writes', async () => {
    const crm = setup({ duplicates: duplicateControl({ defaultRegion: 'ES' }) });
    const ana = await crm.as(admin).contacts.create({ firstName: 'Ana', phones: [{ value: '+34 600 11 22 33', kind: 'mobile' }], emails: [{ value: 'Ana@Acme.es', kind: 'work' }] });
    await crm.as(admin).deals.create({ title: 'Renewal', contactIds: [ana.id] });
    const text = await exported(crm, 'deal', ['title', 'contact.phones', 'contact.emails']);
    const account = await importCsv(crm.as(admin), 'deal', `${text}Other,600112233,ana@acme.es\r\n`, { rowKeys: false });
    expect([account.imported, account.rejected]).toEqual([2, 0]);
    const deals = (await crm.as(admin).deals.find()).items;
    expect(deals.filter((deal) => deal.contactIds?.includes(ana.id))).toHaveLength(3);
  });

  it('custom fields of several values and custom addresses export and import back', async () => {
    const fields = { contact: createFieldRegistry('contact', { customFields: [defineField({ type: 'string', code: 'tags', labels: { en: 'Tags' }, multiple: true }), defineField({ type: 'address', code: 'billing', labels: { en: 'Billing address' } })] }) };
    const source = setup({ fields });
    await source.as(admin).contacts.create({ firstName: 'Ana', custom: { tags: ['vip', 'madrid'], billing: { street: 'Calle Mayor 1' } } });
    const text = await exported(source, 'contact', ['firstName', 'custom.tags', 'custom.billing']);
    const target = setup({ fields });
    expect((await importCsv(target.as(admin), 'contact', text)).imported).toBe(1);
    const [contact] = (await target.as(admin).contacts.find()).items;
    expect([contact?.custom.tags, contact?.custom.billing, contact?.address]).toEqual([['vip', 'madrid'], { street: 'Calle Mayor 1' }, undefined]);
  });

  it('a file over its size limit within the first chunk still gives the rows before the limit, then stops', async () => {
    const crm = setup();
    const file = `First name\n${Array.from({ length: 20 }, (_, n) => `Person ${String(n)}`).join('\n')}\n`;
    const account = await importCsv(crm.as(admin), 'contact', new TextEncoder().encode(file), { limits: { maxFileBytes: 100 } });
    expect(account.stopped?.code).toBe('LIMIT_EXCEEDED');
    expect(account.imported).toBeGreaterThan(0);
    expect(account.rows).toBe(account.imported);
  });

  it('a reader that stops early lets its source go', async () => {
    const stream = new Blob([new TextEncoder().encode(`a\n${'1\n'.repeat(100_000)}`)]).stream();
    const file = await openCsv(stream, { limits: { maxRows: 10 } });
    await expect((async () => {
      for await (const _row of file.rows()) {
        // read until the limit stops it
      }
    })()).rejects.toThrow(/rows/);
    expect(stream.locked).toBe(false);
  });
});

describe('exportCsv on the edges', () => {
  it('neutralises headers, and names no contact left out of exports', async () => {
    const crm = setup({ fields: { deal: createFieldRegistry('deal', { customFields: [defineField({ type: 'string', code: 'note', labels: { en: '=HYPERLINK("http://evil.example")' } })] }) } });
    const hidden = await crm.as(admin).contacts.create({ firstName: 'Private', lastName: 'Person', exportable: false, phones: [{ value: '+34600112233', kind: 'mobile' }] });
    await crm.as(admin).deals.create({ title: 'A', contactIds: [hidden.id] });
    const text = await exported(crm, 'deal', ['title', 'custom.note', 'contactIds', 'contact.phones']);
    expect(text).toBe('Deal name,"\'=HYPERLINK(""http://evil.example"")",Contacts,Contact phone\r\nA,,,\r\n');
  });
});

describe('reading on the edges', () => {
  /** Windows-1252 bytes: 'é' is one byte, 0xE9. */
  const latin = (text: string): Uint8Array => Uint8Array.from({ length: text.length }, (_, at) => text.charCodeAt(at));

  it('detects the encoding the same however the source is cut, even when the first accent comes late', async () => {
    const bytes = latin(`name,city\n${'Ana,Madrid\n'.repeat(12_000)}José,Málaga\n`);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, at) => bytes.subarray(at * 65_536, (at + 1) * 65_536));
    for (const source of [bytes, chunks]) {
      const file = await openCsv(source);
      let last: readonly string[] = [];
      for await (const row of file.rows()) last = row.cells;
      expect([file.encoding, last]).toEqual(['windows-1252', ['José', 'Málaga']]);
    }
  });

  it('a row with characters the encoding could not decode is INVALID_TEXT, never imported as garbage', async () => {
    const crm = setup();
    const account = await importCsv(crm.as(admin), 'contact', latin('First name\nJosé\nAna\n'), { encoding: 'utf-8' });
    expect([account.imported, account.rejected, account.notImportedRows[0]?.issues[0]?.code]).toEqual([1, 1, 'INVALID_TEXT']);
  });

  it('a malformed mapping is refused before anything is read', async () => {
    const crm = setup();
    for (const target of [null, { kind: 'address', part: '__proto__' }, { kind: 'reference', field: 'companyIds', by: 'guess' }, { kind: 'nonsense' }]) {
      const mapping = { entityType: 'contact' as const, columns: [{ column: 0, header: 'x', target, confidence: 1, matchedBy: 'code' as const }], unmapped: [] };
      await expect(importCsv(crm.as(admin), 'contact', 'x\n1\n', { mapping: mapping as never })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const lengthColumn = { entityType: 'contact' as const, columns: [{ column: 'length', header: 'x', target: { kind: 'field', field: 'firstName' }, confidence: 1, matchedBy: 'code' }], unmapped: [] };
    await expect(importCsv(crm.as(admin), 'contact', 'x\n1\n', { mapping: lengthColumn as never })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await crm.as(admin).contacts.count()).toBe(0);
  });
});
