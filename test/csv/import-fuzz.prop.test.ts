import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, duplicateControl, isCrmError, manualClock, sequentialIds } from 'crm-kit';
import type { ImportRowResult } from 'crm-kit';
import { importCsv, openCsv } from 'crm-kit/csv';
import type { CsvDelimiter, CsvEncoding } from 'crm-kit/csv';
import { createMemoryStore } from 'crm-kit/memory';

// Thousands of hostile files through the whole import: random encodings, delimiters, quoting,
// broken rows, hostile headers and cells. FUZZ_RUNS=5000 runs more than the default.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const headers = fc.constantFrom('First name', 'Last name', 'E-mail', 'Móvil', 'Birthday', 'Company', 'ID', 'Comment', 'Nombre completo', '__proto__', 'constructor', '', 'Notes', 'Amount', 'Favourite colour');
const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Ñ', 'é', ' ', ',', ';', '\t', '|', '"', '\r', '\n', '\0', '=', '+', '-', '@', "'", '€', '1', '.', '/'), maxLength: 20 }),
  fc.constantFrom('ana@acme.es', '600 11 22 33', '+34 612 345 678', '03/04/1990', '1990-04-03', '1.500', '=HYPERLINK("x")', 'Acme', '\uFFFD', '𝒜𝓃𝒶'),
);
const file = fc.record({
  header: fc.array(headers, { minLength: 1, maxLength: 8 }),
  rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 25 }),
  delimiter: fc.constantFrom<CsvDelimiter>(',', ';', '\t', '|'),
  lineEnd: fc.constantFrom('\r\n', '\n', '\r'),
  encoding: fc.constantFrom<CsvEncoding | 'utf-8-bom'>('utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252'),
  quoting: fc.constantFrom('proper', 'none', 'broken'),
});

/** The cells written as the generator asks: quoted properly, not at all, or with quotes left open. */
function textOf(spec: { header: string[]; rows: string[][]; delimiter: string; lineEnd: string; quoting: string }): string {
  const write = (cells: readonly string[]): string =>
    cells
      .map((value, at) => {
        if (spec.quoting === 'none') return value;
        if (spec.quoting === 'broken' && at === 0) return `"${value}`;
        return /[",;\t|\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
      })
      .join(spec.delimiter);
  return [spec.header, ...spec.rows].map(write).join(spec.lineEnd);
}

function bytesOf(text: string, encoding: CsvEncoding | 'utf-8-bom'): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-8-bom') return new TextEncoder().encode(`\uFEFF${text}`);
  if (encoding === 'utf-16le') {
    const out = new Uint8Array(2 + text.length * 2);
    out.set([0xff, 0xfe]);
    for (let at = 0; at < text.length; at++) {
      out[2 + at * 2] = text.charCodeAt(at) & 0xff;
      out[3 + at * 2] = text.charCodeAt(at) >> 8;
    }
    return out;
  }
  // Code unit by code unit: what Windows-1252 cannot hold becomes '?'.
  return Uint8Array.from({ length: text.length }, (_, at) => {
    const unit = text.charCodeAt(at);
    return unit === 0x20ac ? 0x80 : unit <= 0xff ? unit : 0x3f;
  });
}

describe('importCsv on hostile files', () => {
  it('never crashes and never loses a row: imported + updated + skipped + rejected = the data rows read, each told once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.constantFrom<'none' | 'skip' | 'merge'>('none', 'skip', 'merge'), fc.boolean(), async (spec, duplicates, dryRun) => {
        const bytes = bytesOf(textOf(spec), spec.encoding);
        const crm = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }), duplicates: duplicateControl({ defaultRegion: 'ES' }) });
        const me = crm.as({ userId: 'u-root', roleIds: [], departmentIds: [], isAdmin: true });
        await me.companies.create({ title: 'Acme' });
        const told: ImportRowResult[] = [];
        let dataRows = 0;
        const reread = await openCsv(bytes);
        for await (const _row of reread.rows()) dataRows++;
        try {
          const account = await importCsv(me, 'contact', bytes, { duplicates, dryRun, batchSize: 7, onRow: (result) => told.push(result) });
          expect(account.imported + account.updated + account.skipped + account.rejected).toBe(account.rows);
          expect(account.rows).toBe(dataRows);
          expect(told).toHaveLength(account.rows);
          expect(told.map((result) => result.line)).toEqual([...told.map((result) => result.line)].sort((a, b) => a - b));
          expect(new Set(told.map((result) => result.line)).size).toBe(told.length);
          for (const result of told) if (result.outcome === 'rejected' || result.outcome === 'skipped') expect(result.issues.length).toBeGreaterThan(0);
          expect(await me.contacts.count()).toBe(dryRun ? 0 : account.imported);
        } catch (error) {
          // A mapping that cannot be imported is refused before anything is written.
          if (!isCrmError(error) || error.code !== 'VALIDATION_FAILED') throw error;
          expect(await me.contacts.count()).toBe(0);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
