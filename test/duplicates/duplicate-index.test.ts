import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDuplicateIndex, findDuplicates } from 'crm-kit';
import { codeOf } from '../support/errors.js';
import { contacts } from './_arbitraries.js';

const ana = { id: 'c1', firstName: 'Ana', lastName: 'García', phones: [{ value: '612 345 678', kind: 'mobile' }], emails: [{ value: 'ana@acme.es', kind: 'work' }] };
const luis = { id: 'c2', firstName: 'Luis', lastName: 'Pérez', phones: [{ value: '699 000 111', kind: 'work' }] };
const anaAgain = { firstName: 'ana', lastName: 'Garcia', phones: [{ value: '+34 612 34 56 78', kind: 'work' }] };

describe('createDuplicateIndex', () => {
  it('finds a held record that a new one duplicates, explained, best first', () => {
    const index = createDuplicateIndex({ entityType: 'contact', defaultRegion: 'ES' });
    index.add(ana);
    index.add(luis);
    expect(index.size).toBe(2);
    const found = index.check(anaAgain);
    expect(found.map((candidate) => candidate.id)).toEqual(['c1']);
    expect(found[0]?.score).toBeGreaterThan(0.99);
    expect(found[0]?.explanation.map((item) => item.text.split(' (')[0])).toEqual(['name: same name', 'phones: same number']);
  });

  it('never offers the checked record itself, by id', () => {
    const index = createDuplicateIndex({ entityType: 'contact', defaultRegion: 'ES' });
    index.add(ana);
    expect(index.check(ana)).toEqual([]);
    expect(index.check({ ...ana, id: 'new' }).map((candidate) => candidate.id)).toEqual(['c1']);
  });

  it('forgets a removed record and the keys of a replaced one', () => {
    const index = createDuplicateIndex({ entityType: 'contact', defaultRegion: 'ES' });
    index.add(ana);
    expect(index.remove('c1')).toBe(true);
    expect(index.remove('c1')).toBe(false);
    expect(index.check(anaAgain)).toEqual([]);
    index.add(ana);
    index.add({ ...luis, id: 'c1' });
    expect(index.size).toBe(1);
    expect(index.check(anaAgain)).toEqual([]);
    expect(index.check({ firstName: 'Luis', lastName: 'Pérez', phones: [{ value: '699000111', kind: 'work' }] }).map((candidate) => candidate.id)).toEqual(['c1']);
  });

  it('honours a not-duplicate mark in both directions until it is withdrawn', () => {
    const index = createDuplicateIndex({ entityType: 'contact', defaultRegion: 'ES', notDuplicates: [['c1', 'new']] });
    index.add(ana);
    const again = { ...anaAgain, id: 'new' };
    expect(index.check(again)).toEqual([]);
    expect(index.unmarkNotDuplicate('new', 'c1')).toBe(true);
    expect(index.check(again).map((candidate) => candidate.id)).toEqual(['c1']);
    index.markNotDuplicate('new', 'c1');
    expect(index.check(again)).toEqual([]);
  });

  it('finds fuller names from a record with only a last name', () => {
    const index = createDuplicateIndex({ entityType: 'contact', threshold: 0.000001 });
    index.add({ id: 'full', firstName: 'Ana', lastName: 'García' });
    index.add({ id: 'other', firstName: 'Luis', lastName: 'Pérez' });
    expect(index.check({ lastName: 'García' }).map((candidate) => [candidate.id, candidate.explanation[0]?.level])).toEqual([['full', 'one name missing, the rest the same']]);
  });

  it('takes no evidence from a phone held by more records than the stop limit', () => {
    const index = createDuplicateIndex({ entityType: 'contact', defaultRegion: 'ES', stopLimit: 3, threshold: 0.000001 });
    for (const id of ['a', 'b', 'c']) index.add({ id, firstName: `N${id}`, lastName: `S${id}`, phones: [{ value: '910 000 000', kind: 'work' }] });
    expect(index.check({ firstName: 'Zoe', lastName: 'Zapata', phones: [{ value: '910000000', kind: 'work' }] })).toEqual([]);
  });

  it('refuses bad options and records of the wrong shape with typed errors, and keeps what it holds', () => {
    expect(codeOf(() => createDuplicateIndex({ entityType: 'invoice' as 'contact' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createDuplicateIndex({ entityType: 'contact', threshold: 2 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createDuplicateIndex({ entityType: 'contact', defaultRegion: 'XX' }))).toBe('INVALID_ARGUMENT');
    const index = createDuplicateIndex({ entityType: 'contact' });
    index.add(ana);
    expect(codeOf(() => { index.add({ firstName: 'No id' }); })).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => { index.add({ id: 'x', phones: 'not a list' }); })).toBe('VALIDATION_FAILED');
    expect(codeOf(() => index.check(null))).toBe('INVALID_ARGUMENT');
    expect(index.size).toBe(1);
  });

  it('scores every pair as a scan with the same model does', async () => {
    await fc.assert(
      fc.asyncProperty(contacts, async (list) => {
        const report = await findDuplicates(list, { entityType: 'contact', threshold: 0.5 });
        const index = createDuplicateIndex({ entityType: 'contact', threshold: 0.5, model: report.model });
        for (const record of list) index.add(record);
        const fromIndex = list.flatMap((record) => index.check(record).filter((candidate) => record.id < candidate.id).map((candidate) => `${record.id}|${candidate.id}|${candidate.score.toFixed(12)}`));
        expect(fromIndex.sort()).toEqual(report.pairs.map((pair) => `${pair.a}|${pair.b}|${pair.score.toFixed(12)}`).sort());
      }),
    );
  });
});
