import fc from 'fast-check';
import { isValidPhoneNumber } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { companyInputSchema, contactInputSchema } from 'crm-kit';
import {
  blockingRecall,
  clustersOf,
  collectGenerated,
  generateCompanies,
  generateContacts,
  GENERATOR_REGIONS,
  loadFakeSplink,
  loadFebrl,
  pairQuality,
} from '../../bench/_dedupe-data.js';
import type { LabelledRecord } from '../../bench/_dedupe-data.js';
import { findDuplicatesReference, jaroWinkler } from '../../bench/_dedupe-reference.js';

const take = <T>(iterable: Iterable<T>, n: number): T[] => {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const item of iterable) {
    out.push(item);
    if (out.length === n) break;
  }
  return out;
};

const truePairCount = (truth: ReadonlyMap<string, string>): number => pairQuality([], truth).truePairs;

describe('loaders of the labelled sets', () => {
  it.each([
    ['dataset1', 1000, 500],
    ['dataset2', 5000, 1934],
    ['dataset3', 5000, 6538],
  ] as const)('febrl %s has the README’s %i records and %i true pairs', (name, records, pairs) => {
    const set = loadFebrl(name);
    expect(set.records).toHaveLength(records);
    expect(set.truth.size).toBe(records);
    expect(truePairCount(set.truth)).toBe(pairs);
  });

  it('fake_1000 has 1,000 records in 251 clusters', () => {
    const set = loadFakeSplink();
    expect(set.records).toHaveLength(1000);
    expect(clustersOf(set.truth)).toHaveLength(251);
  });

  it('febrl maps its columns to contact fields and keeps codes as strings', () => {
    const record = loadFebrl('dataset1').records.find((r) => r.id === 'rec-122-org');
    expect(record).toEqual({
      id: 'rec-122-org',
      firstName: 'lachlan',
      lastName: 'berry',
      birthdate: '1999-02-19',
      address: { street: '69 giblin street', street2: 'killarney', city: 'bittern', postalCode: '4814', region: 'qld' },
      custom: { soc_sec_id: '7364009' },
    });
  });

  it('leaves out and counts febrl birth dates that are not calendar dates', () => {
    const set = loadFebrl('dataset3');
    expect(set.invalidBirthdates).toBeGreaterThan(0);
    for (const record of set.records) if (record.birthdate !== undefined) expect(record.birthdate).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('loaded records are valid contact inputs, but for the malformed e-mails fake_1000 holds as data', () => {
    for (const { id: _id, ...input } of loadFebrl('dataset3').records) expect(contactInputSchema.safeParse(input).success).toBe(true);
    const refused = loadFakeSplink().records.flatMap(({ id: _id, ...input }) => {
      const parsed = contactInputSchema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
    });
    expect(new Set(refused)).toEqual(new Set(['emails.0.value']));
    expect(refused).toHaveLength(37);
  });
});

describe('generateContacts', () => {
  it('yields the same records for the same seed and others for another seed', () => {
    const a = take(generateContacts({ count: 3000, seed: 11 }), 3000);
    const b = take(generateContacts({ count: 3000, seed: 11 }), 3000);
    const c = take(generateContacts({ count: 3000, seed: 12 }), 3000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('streams: the first 10 of 10,000,000 records come at once', () => {
    const start = performance.now();
    expect(take(generateContacts({ count: 10_000_000, seed: 1 }), 10)).toHaveLength(10);
    expect(performance.now() - start).toBeLessThan(200);
  });

  it('yields exactly `count` records with unique ids', () => {
    for (const count of [0, 1, 7, 1234]) {
      const { records } = collectGenerated(generateContacts({ count, seed: count }));
      expect(records).toHaveLength(count);
      expect(new Set(records.map((r) => r.id)).size).toBe(count);
    }
  });

  it('puts every duplicate after its original, fewer than `window` records later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 80 }), fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (window, seed, duplicateShare) => {
        const firstAt = new Map<string, number>();
        let position = 0;
        for (const { cluster } of generateContacts({ count: 400, seed, window, duplicateShare })) {
          const first = firstAt.get(cluster);
          if (first === undefined) firstAt.set(cluster, position);
          else expect(position - first).toBeLessThan(window);
          position++;
        }
      }),
      { numRuns: 50 },
    );
  });

  it('starts every cluster with its original, the one record of the cluster marked original', () => {
    const started = new Set<string>();
    for (const { cluster, original } of generateContacts({ count: 5000, seed: 3, window: 8 })) {
      expect(original).toBe(!started.has(cluster));
      started.add(cluster);
    }
  });

  it('gives duplicates to the share of people asked, 1 to 3 each', () => {
    for (const duplicateShare of [0, 0.2, 0.5]) {
      const { truth } = collectGenerated(generateContacts({ count: 40_000, seed: 5, duplicateShare }));
      const clusters = clustersOf(truth);
      const duplicated = clusters.filter((members) => members.length > 1).length;
      expect(duplicated / clusters.length).toBeCloseTo(duplicateShare, 1);
      expect(Math.max(...clusters.map((members) => members.length))).toBeLessThanOrEqual(4);
    }
  });

  it('yields valid contact inputs whose phones are valid numbers of their country', () => {
    let phones = 0;
    for (const { record } of generateContacts({ count: 5000, seed: 9 })) {
      const { id: _id, ...input } = record;
      expect(contactInputSchema.safeParse(input).success).toBe(true);
      const country = record.address?.countryCode as CountryCode | undefined;
      if (country === undefined) continue;
      for (const phone of record.phones ?? []) {
        phones++;
        expect(isValidPhoneNumber(phone.value.replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, ''), country), phone.value).toBe(true);
      }
    }
    expect(phones).toBeGreaterThan(2000);
  });

  it('holds the traps of real data: shared switchboards and generic mailboxes across people', () => {
    const { records, truth } = collectGenerated(generateContacts({ count: 20_000, seed: 2 }));
    const peopleBy = new Map<string, Set<string>>();
    for (const record of records) {
      const email = record.emails?.[0]?.value.toLowerCase();
      if (email !== undefined) {
        const people = peopleBy.get(email) ?? new Set<string>();
        people.add(truth.get(record.id) ?? '');
        peopleBy.set(email, people);
      }
    }
    const shared = [...peopleBy.entries()].filter(([, people]) => people.size > 1);
    expect(shared.length).toBeGreaterThan(50);
    expect(shared.some(([email]) => /^(?:info|contacto|kontakt|contact)@/.test(email))).toBe(true);
  });

  it('keeps one region when asked, and refuses an unknown one', () => {
    for (const { record } of generateContacts({ count: 500, seed: 4, region: 'DE' })) {
      if (record.address?.countryCode !== undefined) expect(record.address.countryCode).toBe('DE');
    }
    expect(GENERATOR_REGIONS).toContain('BR');
    expect(() => generateContacts({ count: 1, seed: 1, region: 'XX' })).toThrow(RangeError);
    expect(() => generateContacts({ count: 1, seed: 1, window: 3 })).toThrow(RangeError);
    expect(() => generateContacts({ count: -1, seed: 1 })).toThrow(RangeError);
  });
});

describe('generateCompanies', () => {
  it('yields valid company inputs, deterministically, with duplicates inside the window', () => {
    const a = collectGenerated(generateCompanies({ count: 3000, seed: 21 }));
    const b = collectGenerated(generateCompanies({ count: 3000, seed: 21 }));
    expect(b.records).toEqual(a.records);
    for (const { id: _id, ...input } of a.records) expect(companyInputSchema.safeParse(input).success).toBe(true);
    const firstAt = new Map<string, number>();
    a.records.forEach((record, position) => {
      const cluster = a.truth.get(record.id) ?? '';
      const first = firstAt.get(cluster);
      if (first === undefined) firstAt.set(cluster, position);
      else expect(position - first).toBeLessThan(50);
    });
    const duplicated = clustersOf(a.truth).filter((members) => members.length > 1);
    expect(duplicated.length / clustersOf(a.truth).length).toBeCloseTo(0.2, 1);
  });
});

// Brute force: every pair of ids, in or out of a cluster.
function bruteForce(ids: readonly string[], predicted: readonly (readonly string[])[], truth: ReadonlyMap<string, string>) {
  const predictedOf = new Map<string, number>();
  predicted.forEach((members, index) => {
    for (const id of members) predictedOf.set(id, index);
  });
  let truePairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] ?? '';
      const b = ids[j] ?? '';
      const same = truth.get(a) === truth.get(b);
      const together = predictedOf.has(a) && predictedOf.get(a) === predictedOf.get(b);
      if (same) truePairs++;
      if (together) predictedPairs++;
      if (same && together) correctPairs++;
    }
  }
  return { truePairs, predictedPairs, correctPairs };
}

const labelled = fc
  .record({ size: fc.integer({ min: 0, max: 30 }), clusters: fc.integer({ min: 1, max: 8 }), seed: fc.integer() })
  .chain(({ size, clusters }) =>
    fc.record({
      truthOf: fc.array(fc.integer({ min: 0, max: clusters - 1 }), { minLength: size, maxLength: size }),
      predictedOf: fc.array(fc.integer({ min: -1, max: clusters }), { minLength: size, maxLength: size }),
    }),
  )
  .map(({ truthOf, predictedOf }) => {
    const ids = truthOf.map((_, i) => `r${i}`);
    const truth = new Map(ids.map((id, i) => [id, `t${truthOf[i] ?? 0}`]));
    const groups = new Map<number, string[]>();
    ids.forEach((id, i) => {
      const group = predictedOf[i] ?? -1;
      if (group < 0) return; // left out: a singleton
      groups.set(group, [...(groups.get(group) ?? []), id]);
    });
    return { ids, truth, predicted: [...groups.values()] };
  });

describe('pairQuality and blockingRecall', () => {
  it('pairQuality counts the pairs a brute-force enumeration counts', () => {
    fc.assert(
      fc.property(labelled, ({ ids, truth, predicted }) => {
        const quality = pairQuality(predicted, truth);
        const expected = bruteForce(ids, predicted, truth);
        expect({ truePairs: quality.truePairs, predictedPairs: quality.predictedPairs, correctPairs: quality.correctPairs }).toEqual(expected);
        expect(quality.precision).toBeCloseTo(expected.predictedPairs === 0 ? 1 : expected.correctPairs / expected.predictedPairs, 12);
        expect(quality.recall).toBeCloseTo(expected.truePairs === 0 ? 1 : expected.correctPairs / expected.truePairs, 12);
      }),
    );
  });

  it('blockingRecall is the share of true pairs among the candidates, each pair once in either order', () => {
    fc.assert(
      fc.property(labelled, fc.array(fc.tuple(fc.nat(40), fc.nat(40), fc.boolean()), { maxLength: 60 }), ({ ids, truth }, picks) => {
        const candidates: [string, string][] = [];
        for (const [x, y, flip] of picks) {
          if (ids.length === 0) break;
          const a = ids[x % ids.length] ?? '';
          const b = ids[y % ids.length] ?? '';
          candidates.push(flip ? [b, a] : [a, b]);
        }
        const found = new Set<string>();
        for (const [a, b] of candidates) if (a !== b && truth.get(a) === truth.get(b)) found.add([a, b].sort().join('|'));
        const truePairs = bruteForce(ids, [], truth).truePairs;
        expect(blockingRecall(candidates, truth)).toBeCloseTo(truePairs === 0 ? 1 : found.size / truePairs, 12);
      }),
    );
  });

  it('a perfect clustering scores 1 and one id in two clusters is refused', () => {
    const { truth } = loadFebrl('dataset1');
    expect(pairQuality(clustersOf(truth), truth).f1).toBe(1);
    expect(() => pairQuality([['a', 'b'], ['b', 'c']], new Map())).toThrow(RangeError);
  });
});

describe('the reference implementation', () => {
  it('computes textbook Jaro-Winkler similarities', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('same', 'same')).toBe(1);
  });

  it('finds the obvious duplicates of a small hand-made set and nothing else', () => {
    const records: LabelledRecord[] = [
      { id: 'a1', firstName: 'María', lastName: 'García López', emails: [{ value: 'maria.garcia@acme.es', kind: 'work' }], phones: [{ value: '+34 600 123 456', kind: 'mobile' }] },
      { id: 'a2', firstName: 'Maria', lastName: 'Garcia Lopez', emails: [{ value: 'MARIA.GARCIA@acme.es', kind: 'work' }], phones: [{ value: '600-123-456', kind: 'mobile' }] },
      { id: 'b1', firstName: 'John', lastName: 'Smith', birthdate: '1980-04-02', phones: [{ value: '(212) 555-0134', kind: 'work' }] },
      { id: 'b2', firstName: 'Jonh', lastName: 'Smith', birthdate: '1980-04-02', phones: [{ value: '+1 212 555 0134', kind: 'work' }] },
      { id: 'c1', firstName: 'Jürgen', lastName: 'Müller', emails: [{ value: 'info@mueller-bau.de', kind: 'work' }] },
      { id: 'c2', firstName: 'Klaus', lastName: 'Weber', emails: [{ value: 'info@mueller-bau.de', kind: 'work' }] },
      { id: 'd1', firstName: 'Ana', lastName: 'Pérez', address: { city: 'Madrid' } },
    ];
    const result = findDuplicatesReference(records);
    const sorted = result.clusters.map((members) => [...members].sort()).sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));
    expect(sorted).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2'],
    ]);
    expect(result.candidatePairs.map((pair) => [...pair].sort().join('|'))).toContain('c1|c2');
  });
});
