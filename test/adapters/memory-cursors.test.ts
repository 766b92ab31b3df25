import type { Query, SortKey, StoredRecord } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import type { MemoryStore } from '../../src/adapters/memory/index.js';
import { codeOf, idsOf, row } from './memory-fixtures.js';

// A cursor is the base64url text of a small JSON payload: a version, the order it was given for
// (`s`), the sort values of the last row (`k`) and its id. The store reads back only cursors that
// fit the query's order; the tests below take real cursors apart and change one thing at a time.

interface Payload {
  readonly v: unknown;
  readonly s: unknown;
  readonly k: unknown;
  readonly id: unknown;
}

function decode(cursor: string): Payload {
  return JSON.parse(decodeURIComponent(Buffer.from(cursor, 'base64url').toString('latin1'))) as Payload;
}

function encode(payload: unknown): string {
  return Buffer.from(encodeURIComponent(JSON.stringify(payload)), 'latin1').toString('base64url');
}

const ASC: readonly SortKey[] = [{ field: 'custom.score', direction: 'asc' }];
const DESC: readonly SortKey[] = [{ field: 'custom.score', direction: 'desc' }];

async function seeded(): Promise<MemoryStore> {
  const store = createMemoryStore();
  const contacts = store.repository('contact');
  for (const [id, score] of [['a', 1], ['b', 2], ['c', 2], ['d', 3], ['e', undefined]] as const) {
    await contacts.insert(row(id, {}, score === undefined ? {} : { score }));
  }
  return store;
}

async function all(iterable: AsyncIterable<StoredRecord>): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of iterable) ids.push(item.id);
  return ids;
}

/**
 * The code each way of reading a page with this cursor gives: find outside a unit (its walk memo),
 * find inside a unit, and stream.
 */
async function codesOf(store: MemoryStore, query: Query): Promise<string[]> {
  const contacts = store.repository('contact');
  const codes = [await codeOf(() => contacts.find(query))];
  await store.transaction(async (tx) => {
    codes.push(await codeOf(() => tx.repository('contact').find(query)));
  });
  codes.push(await codeOf(() => all(contacts.stream(query))));
  return codes;
}

/** The ids each way of reading the page after this cursor gives, which must agree. */
async function pageAfter(store: MemoryStore, query: Query): Promise<string[]> {
  const contacts = store.repository('contact');
  const outside = idsOf((await contacts.find(query)).items);
  const inside = await store.transaction(async (tx) => idsOf((await tx.repository('contact').find(query)).items));
  const streamed = await all(contacts.stream(query));
  expect(inside).toEqual(outside);
  expect(streamed.slice(0, query.limit)).toEqual(outside);
  return outside;
}

const INVALID = ['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT'];

describe('memory store: a cursor fits only the order it was given for', () => {
  it('refuses a cursor of an ascending order for the descending order of the same field, and the reverse', async () => {
    const store = await seeded();
    const contacts = store.repository('contact');
    const ascending = (await contacts.find({ sort: ASC, limit: 2 })).nextCursor;
    const descending = (await contacts.find({ sort: DESC, limit: 2 })).nextCursor;
    expect(ascending).toBeTypeOf('string');
    expect(descending).toBeTypeOf('string');
    expect(await codesOf(store, { sort: DESC, limit: 2, cursor: ascending })).toEqual(INVALID);
    expect(await codesOf(store, { sort: ASC, limit: 2, cursor: descending })).toEqual(INVALID);
    expect(await pageAfter(store, { sort: ASC, limit: 2, cursor: ascending })).toEqual(['c', 'd']);
    expect(await pageAfter(store, { sort: DESC, limit: 2, cursor: descending })).toEqual(['c', 'a']);
  });

  it('refuses a cursor of one key\'s direction for a query that turns the second key round', async () => {
    const store = await seeded();
    const sort: readonly SortKey[] = [{ field: 'custom.score', direction: 'asc' }, { field: 'id', direction: 'asc' }];
    const { nextCursor } = await store.repository('contact').find({ sort, limit: 1 });
    const turned: readonly SortKey[] = [{ field: 'custom.score', direction: 'asc' }, { field: 'id', direction: 'desc' }];
    expect(await codesOf(store, { sort: turned, limit: 1, cursor: nextCursor })).toEqual(INVALID);
    expect(await pageAfter(store, { sort, limit: 1, cursor: nextCursor })).toEqual(['b']);
  });

  it('refuses a cursor of another field, of fewer keys or of more keys', async () => {
    const store = await seeded();
    const { nextCursor } = await store.repository('contact').find({ sort: ASC, limit: 1 });
    expect(await codesOf(store, { sort: [{ field: 'custom.rank', direction: 'asc' }], limit: 1, cursor: nextCursor })).toEqual(INVALID);
    expect(await codesOf(store, { limit: 1, cursor: nextCursor })).toEqual(INVALID);
    expect(await codesOf(store, { sort: [...ASC, { field: 'id', direction: 'asc' }], limit: 1, cursor: nextCursor })).toEqual(INVALID);
  });

  it('accepts a cursor for the same order whatever the filter, and starts strictly after its row', async () => {
    const store = await seeded();
    const { nextCursor } = await store.repository('contact').find({ sort: ASC, limit: 2 });
    expect(await pageAfter(store, { sort: ASC, limit: 5, cursor: nextCursor, where: [{ field: 'custom.score', op: 'gte', value: 2 }] })).toEqual(['c', 'd']);
  });
});

describe('memory store: a cursor is read only as the store wrote it', () => {
  const tampered = async (change: (payload: Payload) => unknown): Promise<string[]> => {
    const store = await seeded();
    const { nextCursor } = await store.repository('contact').find({ sort: ASC, limit: 2 });
    return codesOf(store, { sort: ASC, limit: 2, cursor: encode(change(decode(nextCursor ?? ''))) });
  };

  it('reads back its own cursor as it was written', async () => {
    const store = await seeded();
    const { nextCursor } = await store.repository('contact').find({ sort: ASC, limit: 2 });
    expect(decode(nextCursor ?? '')).toEqual({ v: 1, s: ['custom.score:asc'], k: [['n', 2]], id: 'b' });
    const descending = (await store.repository('contact').find({ sort: DESC, limit: 1 })).nextCursor;
    expect(decode(descending ?? '')).toEqual({ v: 1, s: ['custom.score:desc'], k: [['n', 3]], id: 'd' });
    expect(await pageAfter(store, { sort: ASC, limit: 2, cursor: encode(decode(nextCursor ?? '')) })).toEqual(['c', 'd']);
  });

  it.each<[string, (payload: Payload) => unknown]>([
    ['a payload that is not an object', () => ['custom.score:asc']],
    ['a payload that is null', () => null],
    ['another version', (p) => ({ ...p, v: 2 })],
    ['no version', (p) => ({ s: p.s, k: p.k, id: p.id })],
    ['an id that is not text', (p) => ({ ...p, id: 2 })],
    ['an order that is not a list', (p) => ({ ...p, s: 'custom.score:asc' })],
    ['sort values that are not a list', (p) => ({ ...p, k: { 0: ['n', 2] } })],
    ['an empty order', (p) => ({ ...p, s: [] })],
    ['an order with a key more', (p) => ({ ...p, s: ['custom.score:asc', 'id:asc'] })],
    ['the opposite direction in the order', (p) => ({ ...p, s: ['custom.score:desc'] })],
    ['no sort value', (p) => ({ ...p, k: [] })],
    ['a sort value more', (p) => ({ ...p, k: [['n', 2], ['n', 2]] })],
    ['a sort value that is not a list', (p) => ({ ...p, k: ['n'] })],
    ['a sort value of an unknown kind', (p) => ({ ...p, k: [['x', 2]] })],
    ['a number sort value holding text', (p) => ({ ...p, k: [['n', '2']] })],
    ['a number sort value holding a third part', (p) => ({ ...p, k: [['n', 2, '1']] })],
    ['a number sort value holding nothing', (p) => ({ ...p, k: [['n']] })],
    ['an instant sort value holding text', (p) => ({ ...p, k: [['d', '2026']] })],
    ['a boolean sort value holding a boolean', (p) => ({ ...p, k: [['b', true]] })],
    ['a text sort value holding a number', (p) => ({ ...p, k: [['s', 2]] })],
    ['a text sort value holding a third part', (p) => ({ ...p, k: [['s', 'a', 'b']] })],
    ['an other sort value holding a number', (p) => ({ ...p, k: [['o', 2]] })],
    ['a money sort value without an amount', (p) => ({ ...p, k: [['m', 'EUR']] })],
    ['a money sort value holding a number amount', (p) => ({ ...p, k: [['m', 'EUR', 2]] })],
    ['a money sort value holding a number currency', (p) => ({ ...p, k: [['m', 978, '2']] })],
    ['a money sort value with a part more', (p) => ({ ...p, k: [['m', 'EUR', '2', '3']] })],
    ['a money amount with text before it', (p) => ({ ...p, k: [['m', 'EUR', 'x2']] })],
    ['a money amount with text after it', (p) => ({ ...p, k: [['m', 'EUR', '2x']] })],
    ['a money amount with a decimal point and no decimals', (p) => ({ ...p, k: [['m', 'EUR', '2.']] })],
    ['a money amount with decimals and no whole part', (p) => ({ ...p, k: [['m', 'EUR', '.5']] })],
    ['a money amount with two signs', (p) => ({ ...p, k: [['m', 'EUR', '--2']] })],
  ])('refuses %s with INVALID_ARGUMENT', async (_what, change) => {
    expect(await tampered(change)).toEqual(INVALID);
  });

  it.each<[string, string]>([
    ['base64url of a length no base64 has', 'AAAAA'],
    ['text outside base64url', 'ab+c'],
    ['padding', 'YQ=='],
    ['escapes that are not UTF-8', Buffer.from('%E0%A4%A', 'latin1').toString('base64url')],
    ['a payload that is not JSON', Buffer.from('{v:1', 'latin1').toString('base64url')],
  ])('refuses a cursor of %s with INVALID_ARGUMENT', async (_what, cursor) => {
    expect(await codesOf(await seeded(), { sort: ASC, limit: 2, cursor })).toEqual(INVALID);
  });

  it.each<[string, unknown, string[]]>([
    ['a missing value, which sorts last (then by id)', null, ['e']],
    ['a number', ['n', 1.5], ['b', 'c', 'd', 'e']],
    ['a negative money amount, which sorts after every number', ['m', 'EUR', '-1.25'], ['e']],
    ['an instant, which sorts after numbers', ['d', 0], ['e']],
    ['text, which sorts after numbers', ['s', ''], ['e']],
    ['a boolean, which sorts after numbers', ['b', 1], ['e']],
    ['another kind, which sorts after numbers', ['o', '{}'], ['e']],
  ])('accepts a sort value of %s and starts after it', async (_what, key, expected) => {
    const store = await seeded();
    const cursor = encode({ v: 1, s: ['custom.score:asc'], k: [key], id: 'a' });
    expect(await pageAfter(store, { sort: ASC, limit: 5, cursor })).toEqual(expected);
  });
});
