import type { FilterClause } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import type { MemoryStore } from '../../src/adapters/memory/index.js';
import { idsOf, row } from './memory-fixtures.js';
import type { Row } from './memory-fixtures.js';

// Dates and money are objects: the store compares them by what they hold, never by identity, and
// the values a query gives are always other objects than the stored ones.

const eur = (amount: string): { amount: string; currency: string } => ({ amount, currency: 'EUR' });
const usd = (amount: string): { amount: string; currency: string } => ({ amount, currency: 'USD' });
const day = (date: number): Date => new Date(Date.UTC(2026, 2, date, 9));

const RECORDS: readonly Row[] = [
  row('v1', { firstName: 'Ana' }, { seen: day(1), price: eur('10.50'), days: [day(1), day(2)], prices: [eur('1'), usd('2')] }),
  row('v2', { firstName: 'Mariana' }, { seen: day(2), price: eur('20'), days: [day(3)], prices: [eur('2.00')] }),
  row('v3', { firstName: 'Leana' }, { seen: day(3), price: usd('10.5'), days: [], prices: [usd('1')] }),
  row('v4', { firstName: 'anabel' }),
];

async function seeded(): Promise<MemoryStore> {
  const store = createMemoryStore();
  for (const record of RECORDS) await store.repository('contact').insert(record);
  return store;
}

/** The ids a clause matches through find, count and stream, which must agree. */
async function matching(clause: FilterClause): Promise<string[]> {
  const contacts = (await seeded()).repository('contact');
  const query = { where: [clause], sort: [{ field: 'id', direction: 'asc' as const }] };
  const found = idsOf((await contacts.find(query)).items);
  const streamed: string[] = [];
  for await (const record of contacts.stream(query)) streamed.push(record.id);
  expect(streamed).toEqual(found);
  expect(await contacts.count(query)).toBe(found.length);
  return found;
}

describe('memory store: Dates and money in lists of values compare by value', () => {
  it.each<[string, FilterClause, string[]]>([
    ['in over two Dates matches a record holding either instant', { field: 'custom.seen', op: 'in', value: [day(1), day(2)] }, ['v1', 'v2']],
    ['in over two Dates matches whatever their order', { field: 'custom.seen', op: 'in', value: [day(3), day(1)] }, ['v1', 'v3']],
    ['in over Dates none of which is held matches nothing', { field: 'custom.seen', op: 'in', value: [day(4), day(5)] }, []],
    ['notIn over two Dates matches the others, records without the field too', { field: 'custom.seen', op: 'notIn', value: [day(1), day(2)] }, ['v3', 'v4']],
    ['in over two money values matches by currency and amount, whatever the written decimals', { field: 'custom.price', op: 'in', value: [eur('10.5'), eur('20.00')] }, ['v1', 'v2']],
    ['in over money never matches another currency with the same amount', { field: 'custom.price', op: 'in', value: [eur('1'), usd('20')] }, []],
    ['notIn over two money values matches the others, records without the field too', { field: 'custom.price', op: 'notIn', value: [usd('10.50'), eur('20')] }, ['v1', 'v4']],
    ['overlaps over two Dates matches a list holding either', { field: 'custom.days', op: 'overlaps', value: [day(2), day(3)] }, ['v1', 'v2']],
    ['overlaps over Dates matches a list holding the second one only', { field: 'custom.days', op: 'overlaps', value: [day(9), day(3)] }, ['v2']],
    ['overlaps over two money values matches a list holding either', { field: 'custom.prices', op: 'overlaps', value: [eur('2'), usd('1.0')] }, ['v2', 'v3']],
    ['overlaps over money matches the second element of a list', { field: 'custom.prices', op: 'overlaps', value: [usd('2'), usd('7')] }, ['v1']],
    ['in mixing text and a Date matches either kind', { field: 'custom.seen', op: 'in', value: ['x', day(2)] }, ['v2']],
    ['in mixing a Date and text matches text elements too', { field: 'firstName', op: 'in', value: [day(1), 'Leana'] }, ['v3']],
  ])('%s', async (_rule, clause, expected) => {
    expect(await matching(clause)).toEqual(expected);
  });
});

describe('memory store: startsWith and contains', () => {
  it.each<[string, FilterClause, string[]]>([
    ['startsWith matches at the start only, never in the middle', { field: 'firstName', op: 'startsWith', value: 'ana' }, ['v1', 'v4']],
    ['contains matches anywhere, the middle included', { field: 'firstName', op: 'contains', value: 'ana' }, ['v1', 'v2', 'v3', 'v4']],
    ['startsWith with the end of a name matches nothing', { field: 'firstName', op: 'startsWith', value: 'NA' }, []],
    ['contains with the end of a name matches it', { field: 'firstName', op: 'contains', value: 'NA' }, ['v1', 'v2', 'v3', 'v4']],
    ['startsWith ignores case on both sides', { field: 'firstName', op: 'startsWith', value: 'aNa' }, ['v1', 'v4']],
  ])('%s', async (_rule, clause, expected) => {
    expect(await matching(clause)).toEqual(expected);
  });
});
