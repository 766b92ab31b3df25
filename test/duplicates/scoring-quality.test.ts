import { describe, expect, it } from 'vitest';
import { findDuplicates } from 'crm-kit';
import { generateContacts, loadFakeSplink, pairQuality } from '../../bench/_dedupe-data.js';
import type { LabelledRecord } from '../../bench/_dedupe-data.js';

// Rules of the scoring that only show on many records: the model a scan estimates must not explain
// a crowd of namesakes, or a company's shared contact points, as one person.

const person = (id: string, firstName: string, lastName: string, phone?: string, email?: string): Record<string, unknown> => ({
  id,
  firstName,
  lastName,
  ...(phone === undefined ? {} : { phones: [{ value: phone, kind: 'work' }] }),
  ...(email === undefined ? {} : { emails: [{ value: email, kind: 'work' }] }),
});

describe('findDuplicates at its defaults, on data with namesakes and colleagues', () => {
  it('keeps precision and recall above 0.85 on 3,000 generated Spanish contacts (the model does not collapse)', async () => {
    const truth = new Map<string, string>();
    const records: LabelledRecord[] = [];
    for (const { record, cluster } of generateContacts({ count: 3000, seed: 7, region: 'ES' })) {
      truth.set(record.id, cluster);
      records.push(record);
    }
    const report = await findDuplicates(records, { entityType: 'contact', defaultRegion: 'ES' });
    const quality = pairQuality(report.clusters, truth);
    expect(quality.precision).toBeGreaterThan(0.85);
    expect(quality.recall).toBeGreaterThan(0.85);
    // Duplicates share a phone when both have one: the estimated m says so.
    const phones = report.model.criteria.find((criterion) => criterion.field === 'phones');
    expect(phones?.levels[0]?.m).toBeGreaterThan(0.8);
  });

  it('keeps F1 above 0.9 on Splink fake_1000 with precision above 0.99', async () => {
    const set = loadFakeSplink();
    const report = await findDuplicates(set.records, {
      entityType: 'contact',
      criteria: [{ field: 'firstName' }, { field: 'lastName' }, { field: 'birthdate' }, { field: 'address' }, { field: 'emails' }],
    });
    const quality = pairQuality(report.clusters, set.truth);
    expect(quality.precision).toBeGreaterThan(0.99);
    expect(quality.f1).toBeGreaterThan(0.9);
  });

  it('does not make one person of many namesakes with different phones and e-mails', async () => {
    const namesakes = Array.from({ length: 40 }, (_, index) =>
      person(`n${String(index)}`, 'Ana', 'García López', `+34 6${String(10_000_000 + index * 7919)}`, `ana.garcia${String(index)}@example${String(index)}.es`),
    );
    const twin = person('twin', 'Ana', 'García López', '+34 6' + String(10_000_000), 'ana.garcia0@example0.es');
    const report = await findDuplicates([...namesakes, twin], { entityType: 'contact' });
    expect(report.clusters).toEqual([['n0', 'twin']]);
  });

  it('does not take colleagues on one switchboard (other extensions) and one shared mailbox for one person', async () => {
    const staff = ['Marta Ruiz', 'Luis Gómez', 'Pablo Sanz', 'Elena Vidal', 'Jorge Moreno', 'Sara Iglesias'].map((name, index) => {
      const [firstName = '', lastName = ''] = name.split(' ');
      return person(`s${String(index)}`, firstName, lastName, `+34 910 000 000 ext. ${String(100 + index)}`, 'ventas@acme.es');
    });
    const report = await findDuplicates(staff, { entityType: 'contact' });
    expect(report.clusters).toEqual([]);
  });

  it('reads the same number with two extensions as two lines, and with one extension missing as one', async () => {
    const report = await findDuplicates(
      [person('a', 'Marta', 'Ruiz', '+34 910 000 000 ext. 101'), person('b', 'Marta', 'Ruiz', '+34 910 000 000 x102'), person('c', 'Marta', 'Ruiz', '+34 910 000 000')],
      { entityType: 'contact', threshold: 0.000001 },
    );
    const levelOf = (a: string, b: string): string | undefined =>
      report.pairs.find((pair) => pair.a === a && pair.b === b)?.explanation.find((item) => item.field === 'phones')?.level;
    expect(levelOf('a', 'b')).toBe('different');
    expect(levelOf('a', 'c')).toBe('same number');
    expect(levelOf('b', 'c')).toBe('same number');
  });

  it('takes the same mailbox at a misspelt domain as evidence, and at another domain as none', async () => {
    const report = await findDuplicates(
      [person('a', 'Gabriel', 'Nichols', undefined, 'gabriel.t54@nichols.info'), person('b', 'Gabriel', 'Nichols', undefined, 'gabriel.t54@nnichls.info'), person('c', 'Gabriel', 'Nichols', undefined, 'gabriel.t54@gmail.com')],
      { entityType: 'contact', threshold: 0.000001 },
    );
    const levelOf = (a: string, b: string): string | undefined =>
      report.pairs.find((pair) => pair.a === a && pair.b === b)?.explanation.find((item) => item.field === 'emails')?.level;
    expect(levelOf('a', 'b')).toBe('same mailbox name, domain misspelt');
    expect(levelOf('a', 'c')).toBe('different');
  });

  it('names a stopped phone by its whole number', async () => {
    const switchboard = Array.from({ length: 12 }, (_, index) => person(`s${String(index)}`, `Name${String(index)}`, `Surname${String(index)}`, '612 345 678'));
    const report = await findDuplicates(switchboard, { entityType: 'contact', defaultRegion: 'ES', stopLimit: 10 });
    expect(report.stats.stoppedValues).toContainEqual({ field: 'phones', value: '+34612345678', records: 12 });
  });
});

describe('findDuplicates within a large block of namesakes', () => {
  it('compares each record with its nearest neighbours by name, and still finds the twin far away in the input', async () => {
    // 60 people whose last name and first initial are one key; the twin of the first comes last.
    const names = ['Marta', 'Mario', 'Manuel', 'Marina', 'Miguel', 'Mercedes', 'Martín', 'Montserrat', 'Mateo', 'Mónica'];
    const records = Array.from({ length: 60 }, (_, index) =>
      person(`m${String(index).padStart(2, '0')}`, `${names[index % names.length] ?? ''} ${['José', 'Luis', 'Ángel', 'Carmen', 'Isabel', 'Pilar'][Math.floor(index / 10)] ?? ''}`, 'García López', `+34 6${String(10_000_000 + index * 7919)}`),
    );
    records.push(person('twin', 'Marta José', 'García López', '+34 6' + String(10_000_000)));
    const report = await findDuplicates(records, { entityType: 'contact' });
    expect(report.clusters).toEqual([['m00', 'twin']]);
    expect(report.stats.candidatePairs).toBeLessThan((61 * 60) / 2 / 2);
  });
});

describe('findDuplicates with a loose key held by a crowd', () => {
  const holders = (count: number, named = false): Record<string, unknown>[] =>
    Array.from({ length: count }, (_, index) => ({
      id: `r${String(index)}`,
      // Names no two holders share, so that only the e-mails can pair them.
      ...(named ? { firstName: 'Marta', lastName: `Apellido${String.fromCharCode(97 + index)}${String.fromCharCode(97 + ((index * 7) % 26))}` } : {}),
      emails: [{ value: `marta.garcia@domain${String(index)}.example`, kind: 'work' }],
    }));

  it('pairs the holders of one mailbox name at different domains while they are at most 16', async () => {
    const report = await findDuplicates(holders(16), { entityType: 'contact', criteria: [{ field: 'emails' }] });
    expect(report.stats.candidatePairs).toBe((16 * 15) / 2);
  });

  it('proposes no pairs by a mailbox name held by more than 16 records, which is not stopped while it is held by at most stopLimit', async () => {
    const report = await findDuplicates(holders(17), { entityType: 'contact', criteria: [{ field: 'emails' }] });
    expect(report.stats.candidatePairs).toBe(0);
    expect(report.stats.stoppedValues).toEqual([]);
  });

  it('lists such a mailbox name as stopped once more than stopLimit records hold it', async () => {
    const report = await findDuplicates(holders(24), { entityType: 'contact', criteria: [{ field: 'emails' }], stopLimit: 20 });
    expect(report.stats.candidatePairs).toBe(0);
    expect(report.stats.stoppedValues).toEqual([{ field: 'emails', value: 'marta.garcia@', records: 24 }]);
  });

  it('proposes no pairs by such a mailbox name when names are compared too', async () => {
    const report = await findDuplicates(holders(17, true), { entityType: 'contact' });
    expect(report.stats.candidatePairs).toBe(0);
  });

  it('still finds, among such a crowd, the two records that share a whole address', async () => {
    const records = [...holders(40), { id: 'twin', emails: [{ value: 'marta.garcia@domain7.example', kind: 'home' }] }];
    // At the lowest threshold, every pair the scan compared is reported.
    const report = await findDuplicates(records, { entityType: 'contact', criteria: [{ field: 'emails' }], threshold: Number.MIN_VALUE });
    expect(report.stats.candidatePairs).toBe(1);
    expect(report.pairs.map(({ a, b }) => [a, b])).toEqual([['r7', 'twin']]);
  });

  it('compares a crowd that holds only a last name by neighbours, 3 on either side, as a block of namesakes', async () => {
    const records = Array.from({ length: 17 }, (_, index) => ({ id: `z${String(index)}`, lastName: 'Zubiri' }));
    const report = await findDuplicates(records, { entityType: 'contact', criteria: [{ field: 'name' }] });
    // 17 records in a row, each with the next 3: 16 + 15 + 14.
    expect(report.stats.candidatePairs).toBe(16 + 15 + 14);
  });
});

describe('findDuplicates within a block of more than 16 namesakes', () => {
  it('compares each record with its 3 nearest neighbours on either side', async () => {
    const records = Array.from({ length: 17 }, (_, index) => person(`m${String(index)}`, 'Marta', 'García', `+34 6${String(10_000_000 + index * 7919)}`));
    const report = await findDuplicates(records, { entityType: 'contact' });
    expect(report.stats.candidatePairs).toBe(16 + 15 + 14);
  });

  // 40 records of one key (García, first initial M) whose names sort as 0 to 39, given in another
  // order; every compared pair is listed (threshold near 0), by the distance of its names' places.
  const nameDistances = async (named: (place: number) => Record<string, unknown>): Promise<{ compared: number; farthest: number }> => {
    const records = Array.from({ length: 40 }, (_, index) => ({ id: `r${String((index * 17) % 40)}`, lastName: 'García', ...named((index * 17) % 40) }));
    const report = await findDuplicates(records, { entityType: 'contact', criteria: [{ field: 'name' }], threshold: Number.MIN_VALUE });
    const distances = report.pairs.map(({ a, b }) => Math.abs(Number(a.slice(1)) - Number(b.slice(1))));
    return { compared: report.stats.comparedPairs, farthest: Math.max(...distances) };
  };
  const sortingWord = (place: number): string => String.fromCharCode(97 + Math.floor(place / 26), 97 + (place % 26));

  it('takes the neighbours in order of first name, whatever the order of the input', async () => {
    expect(await nameDistances((place) => ({ firstName: `Ma${sortingWord(place)}` }))).toEqual({ compared: 39 + 38 + 37, farthest: 3 });
  });

  it('puts the records of a large block that have no name first, in the order read, then the named ones in name order', async () => {
    // 40 colleagues on one switchboard number, 10 of them without a name, given in scrambled order;
    // the named ones' names share no key, so only the number proposes pairs.
    const places = Array.from({ length: 40 }, (_, index) => (index * 17) % 40);
    const records = places.map((place) => ({
      id: `r${String(place)}`,
      ...(place < 10 ? {} : { firstName: `Ma${sortingWord(place)}`, lastName: `Zu${sortingWord(place)}` }),
      phones: [{ value: '+34 910 000 000', kind: 'work' }],
    }));
    const sorted = [...places.filter((place) => place < 10), ...places.filter((place) => place >= 10).sort((x, y) => x - y)].map((place) => `r${String(place)}`);
    const expected = sorted.flatMap((a, x) => sorted.slice(x + 1, x + 4).map((b) => [a, b].sort().join('-'))).sort();
    const report = await findDuplicates(records, { entityType: 'contact', threshold: Number.MIN_VALUE });
    expect(report.pairs.map(({ a, b }) => `${a}-${b}`).sort()).toEqual(expected);
  });

  it('takes the neighbours of one first name in order of second name', async () => {
    expect(await nameDistances((place) => ({ firstName: 'Marta', secondName: `Ma${sortingWord(place)}` }))).toEqual({ compared: 39 + 38 + 37, farthest: 3 });
  });
});
