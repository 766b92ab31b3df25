import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicates, isCrmError, matchKeysOf } from 'crm-kit';
import type { DuplicateReport } from 'crm-kit';
// Internal: clustering on its own, to pin the rule against chaining.
import { clusterPairs } from '../../src/duplicates/_internal/cluster.js';
import { contacts, FIRST, LAST } from './_arbitraries.js';

const ana = { id: '1', firstName: 'Ana', lastName: 'García', phones: [{ value: '+34 612 345 678', kind: 'work' }], emails: [{ value: 'ana@acme.es', kind: 'work' }] };
const anaAgain = { id: '2', firstName: 'ana', lastName: 'Garcia', phones: [{ value: '+34612345678', kind: 'mobile' }], emails: [{ value: ' ANA@acme.es', kind: 'home' }] };
const luis = { id: '3', firstName: 'Luis', lastName: 'Pérez', phones: [{ value: '+34 699 000 111', kind: 'work' }], emails: [{ value: 'luis@pez.es', kind: 'work' }] };

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return isCrmError(error) ? error.code : 'not a CrmError';
  }
}

function scores(report: DuplicateReport): string[] {
  return report.pairs.map((pair) => `${pair.a}|${pair.b}|${pair.score.toFixed(12)}`).sort();
}

describe('findDuplicates', () => {
  it('finds the same person written twice, and explains the score field by field without a value', async () => {
    const report = await findDuplicates([ana, anaAgain, luis], { entityType: 'contact' });
    expect(report.clusters).toEqual([['1', '2']]);
    expect(report.pairs.map((pair) => [pair.a, pair.b])).toEqual([['1', '2']]);
    const pair = report.pairs[0];
    expect(pair?.score).toBeGreaterThan(0.99);
    expect(pair?.explanation.map((item) => [item.field, item.level])).toEqual([
      ['name', 'same name'],
      ['phones', 'same number'],
      ['emails', 'same address'],
    ]);
    expect(pair?.explanation.every((item) => item.weight > 0 && item.text.startsWith(`${item.field}: ${item.level} (+`))).toBe(true);
    expect(report.stats).toMatchObject({ records: 3, skipped: 0, comparedPairs: 1 });
  });

  it('scores a pair the same whatever order the records come in', async () => {
    await fc.assert(
      fc.asyncProperty(contacts, async (list) => {
        const forward = await findDuplicates(list, { entityType: 'contact', threshold: 0.5 });
        const backward = await findDuplicates([...list].reverse(), { entityType: 'contact', threshold: 0.5, model: forward.model });
        expect(scores(backward)).toEqual(scores(forward));
      }),
    );
  });

  it('a number of any length is the same number however it is spaced, and another number when a digit before its last eight differs', async () => {
    const phoneLevel = async (x: string, y: string): Promise<string | undefined> => {
      const report = await findDuplicates(
        [
          { id: 'x', phones: [{ value: x, kind: 'work' }] },
          { id: 'y', phones: [{ value: y, kind: 'work' }] },
        ],
        { entityType: 'contact', criteria: [{ field: 'phones' }], threshold: Number.MIN_VALUE },
      );
      return report.pairs[0]?.explanation[0]?.level;
    };
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.stringMatching(/^[1-9]\d{8,21}$/), async (plus, digits) => {
        const written = `${plus ? '+' : ''}${digits}`;
        const spaced = `${plus ? '+' : ''}${digits.replace(/(\d{3})/g, '$1 ').trim()}`;
        expect(await phoneLevel(written, spaced)).toBe('same number');
        const other = `${plus ? '+' : ''}${digits.startsWith('9') ? '8' : '9'}${digits.slice(1)}`;
        expect(await phoneLevel(written, other)).toBe('different');
      }),
    );
  });

  it('never pairs nor clusters two records a person marked as not duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(contacts, fc.nat(), fc.nat(), async (list, x, y) => {
        const a = list[x % list.length]?.id ?? '';
        const b = list[y % list.length]?.id ?? '';
        fc.pre(a !== b);
        const report = await findDuplicates(list, { entityType: 'contact', threshold: 0.5, notDuplicates: [[b, a]] });
        expect(report.pairs.some((pair) => (pair.a === a && pair.b === b) || (pair.a === b && pair.b === a))).toBe(false);
        expect(report.clusters.some((cluster) => cluster.includes(a) && cluster.includes(b))).toBe(false);
      }),
    );
  });

  it('puts every record with a duplicate in exactly one cluster', async () => {
    await fc.assert(
      fc.asyncProperty(contacts, async (list) => {
        const report = await findDuplicates(list, { entityType: 'contact', threshold: 0.5 });
        const placed = report.clusters.flat();
        expect(new Set(placed).size).toBe(placed.length);
        for (const pair of report.pairs) expect(placed.includes(pair.a) || placed.includes(pair.b)).toBe(true);
      }),
    );
  });

  it('an explanation never holds a value of the records', async () => {
    await fc.assert(
      fc.asyncProperty(contacts, async (list) => {
        const report = await findDuplicates(list, { entityType: 'contact', threshold: 0.5 });
        const text = report.pairs.flatMap((pair) => pair.explanation.map((item) => `${item.field} ${item.level} ${item.text}`)).join('\n').toLowerCase();
        for (const value of [...FIRST, ...LAST, 'acme', 'example', '612', '699', '7946']) expect(text).not.toContain(value.toLowerCase());
      }),
    );
  });

  it('stops a value shared by more records than the limit: no key, no evidence, and the report names it', async () => {
    // Records that share nothing but the switchboard's number.
    const switchboard = Array.from({ length: 120 }, (_, index) => ({ id: `s${String(index)}`, phones: [{ value: '+34 910 000 000', kind: 'work' }] }));
    const report = await findDuplicates(switchboard, { entityType: 'contact' });
    expect(report.clusters).toEqual([]);
    expect(report.stats.stoppedValues).toContainEqual({ field: 'phones', value: '+34910000000', records: 120 });
    const small = await findDuplicates(switchboard.slice(0, 10), { entityType: 'contact', stopLimit: 5 });
    expect(small.clusters).toEqual([]);
  });

  it('leaves out a record that is not valid, lists it, and scans the rest', async () => {
    const report = await findDuplicates([ana, { id: 'x', phones: 'not a list' }, { firstName: 'No id' }, { ...ana }, anaAgain, null], { entityType: 'contact' });
    expect(report.stats.records).toBe(2);
    expect(report.stats.skipped).toBe(4);
    expect(report.stats.skippedRecords.map((skipped) => [skipped.position, skipped.id, skipped.issues[0]?.code])).toEqual([
      [1, 'x', 'INVALID_VALUE'],
      [2, undefined, 'REQUIRED'],
      [3, '1', 'DUPLICATE_ID'],
      [5, undefined, 'REQUIRED'],
    ]);
    expect(report.clusters).toEqual([['1', '2']]);
  });

  it('leaves out every record whose id an earlier record has: the scan is the scan without them', async () => {
    await fc.assert(
      fc.asyncProperty(contacts, fc.array(fc.nat(), { maxLength: 6 }), async (list, picks) => {
        // Records given again under an id seen before, anywhere later in the input.
        const repeats = picks.map((pick, n) => ({ ...(list[(pick + n) % list.length] ?? {}), id: list[pick % list.length]?.id ?? '', firstName: 'Other' }));
        const input = [...list, ...repeats];
        const repeated = await findDuplicates(input, { entityType: 'contact' });
        const plain = await findDuplicates(list, { entityType: 'contact' });
        expect(repeated.clusters).toEqual(plain.clusters);
        expect(scores(repeated)).toEqual(scores(plain));
        expect(repeated.stats.records).toBe(list.length);
        expect(repeated.stats.skippedRecords.map((skipped) => [skipped.position, skipped.issues[0]?.code])).toEqual(repeats.map((_, n) => [list.length + n, 'DUPLICATE_ID']));
      }),
    );
  });

  it('lists the records left out where they were in the input, the first hundred: ids read before, among records that are not valid', async () => {
    // Few ids, so that many repeat; a record with an invalid field is left out before its id counts.
    const item = fc.oneof(
      fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), lastName: fc.constantFrom('García', 'Pérez') }),
      fc.record({ id: fc.constantFrom('a', 'e'), phones: fc.constant('not a list') }),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 260 }), async (input) => {
        // The ids of the records kept so far: a record whose id one holds is listed for its id first.
        const seen = new Set<string>();
        const expected: [number, string | undefined, string | undefined][] = [];
        input.forEach((record, position) => {
          if (record === null) expected.push([position, undefined, 'REQUIRED']);
          else if (seen.has(record.id)) expected.push([position, record.id, 'DUPLICATE_ID']);
          else if ('phones' in record) expected.push([position, record.id, 'INVALID_VALUE']);
          else seen.add(record.id);
        });
        const report = await findDuplicates(input, { entityType: 'contact' });
        expect(report.stats.records).toBe(seen.size);
        expect(report.stats.skipped).toBe(expected.length);
        expect(report.stats.skippedRecords.map((skipped) => [skipped.position, skipped.id, skipped.issues[0]?.code])).toEqual(expected.slice(0, 100));
      }),
      { numRuns: 60 },
    );
  });

  it('reads a value that starts with a key mark as the value: two websites `>acme` pair, and a stopped one is named as written', async () => {
    const criteria = [{ field: 'name' }, { field: 'websites' }];
    const sites = [
      { id: 'a', firstName: 'Ana', lastName: 'García', websites: [{ value: '>acme', kind: 'work' }] },
      { id: 'b', firstName: 'Ana', lastName: 'Garcia', websites: [{ value: '>Acme ', kind: 'work' }] },
    ];
    expect(matchKeysOf(sites[0], { entityType: 'contact', criteria })).toContain('websites:\\>acme');
    const report = await findDuplicates(sites, { entityType: 'contact', criteria });
    expect(report.pairs[0]?.explanation.map((item) => item.text.split(' (')[0])).toContain('websites: same value');
    const many = Array.from({ length: 4 }, (_, index) => ({ id: String(index), websites: [{ value: '~shared', kind: 'work' }] }));
    const stopped = await findDuplicates(many, { entityType: 'contact', criteria, stopLimit: 3 });
    expect(stopped.stats.stoppedValues).toEqual([{ field: 'websites', value: '~shared', records: 4 }]);
  });

  it('pairs a record holding only a last name with each full name that has it, whether it comes before or after them, and never two full names by the last name alone', async () => {
    const compared = async (records: Record<string, unknown>[]): Promise<string[]> => {
      const report = await findDuplicates(records, { entityType: 'contact', criteria: [{ field: 'name' }], threshold: Number.MIN_VALUE });
      return report.pairs.map(({ a, b }) => `${a}-${b}`).sort();
    };
    const full = { id: 'full', firstName: 'Ana', lastName: 'Zubiri' };
    const only = { id: 'last', lastName: 'Zubiri' };
    const other = { id: 'full2', firstName: 'Luis', lastName: 'Zubiri' };
    expect(await compared([full, only, other])).toEqual(['full-last', 'full2-last']);
    expect(await compared([only, full, other])).toEqual(['full-last', 'full2-last']);
    expect(await compared([full, other, only])).toEqual(['full-last', 'full2-last']);
  });

  it('reads an async iterable as it reads an array', async () => {
    async function* stream(): AsyncGenerator {
      await Promise.resolve();
      yield ana;
      yield luis;
      yield anaAgain;
    }
    const fromStream = await findDuplicates(stream(), { entityType: 'contact' });
    expect(fromStream.clusters).toEqual([['1', '2']]);
  });

  it('rejects with the signal\'s reason when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(findDuplicates([ana, anaAgain], { entityType: 'contact', signal: controller.signal })).rejects.toThrow('stop');
  });

  it('refuses options that are not valid with INVALID_ARGUMENT', async () => {
    for (const options of [
      { entityType: 'activity' },
      { entityType: 'contact', criteria: [{ field: 'nope' }] },
      { entityType: 'contact', criteria: [] },
      { entityType: 'contact', criteria: [{ field: 'custom.ssn' }] },
      { entityType: 'company', criteria: [{ field: 'name' }] },
      { entityType: 'contact', criteria: [{ field: 'phones', comparator: 'soundex' }] },
      { entityType: 'contact', threshold: 0 },
      { entityType: 'contact', stopLimit: 1 },
      { entityType: 'contact', defaultRegion: 'spain' },
      { entityType: 'contact', notDuplicates: [['1']] },
      { entityType: 'contact', model: { prior: 2, criteria: [] } },
    ]) {
      expect(await codeOf(() => findDuplicates([ana], options as never))).toBe('INVALID_ARGUMENT');
    }
    expect(await codeOf(() => findDuplicates(42 as never, { entityType: 'contact' }))).toBe('INVALID_ARGUMENT');
  });
});

describe('clustering', () => {
  it('joins a chain of strong links, but not through a link that contradicts a clear difference', () => {
    // Strongest first: 0-1, then 1-2.
    const chain = { a: [0, 1], b: [1, 2] };
    expect(clusterPairs(4, chain, { a: [], b: [] })).toEqual([[0, 1, 2]]);
    expect(clusterPairs(4, chain, { a: [0], b: [2] })).toEqual([[0, 1]]);
  });
});

describe('matchKeysOf', () => {
  it('gives several keys per criterion, prefixed by the field, sorted', () => {
    expect(matchKeysOf({ firstName: 'Ana', lastName: 'García', emails: [{ value: ' Ana@Example.com ', kind: 'work' }] }, { entityType: 'contact' })).toEqual([
      'emails:ana@example.com',
      'emails:~ana@',
      'name:>~garcia',
      'name:garcia|a',
    ]);
    expect(matchKeysOf({ lastName: 'García' }, { entityType: 'contact' })).toEqual(['name:~garcia']);
    expect(matchKeysOf({ birthdate: '1980-03-07' }, { entityType: 'contact', criteria: [{ field: 'birthdate' }] })).toEqual(['birthdate:1980-03-07', 'birthdate:~1980-03-07']);
  });
});
