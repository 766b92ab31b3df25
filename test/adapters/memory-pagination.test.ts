import type { Query, SortKey, StoredRecord } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import type { MemoryStore } from '../../src/adapters/memory/index.js';
import { codeOf, idsOf, row } from './memory-fixtures.js';

async function all(iterable: AsyncIterable<StoredRecord>): Promise<StoredRecord[]> {
  const items: StoredRecord[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** A small deterministic generator, so that the walks below are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

// Custom values, so that any field a test needs can be filtered and sorted on (the store does not
// know which custom fields exist; createCrm checks them against the registry).
const item = (id: string, custom: Readonly<Record<string, unknown>>): ReturnType<typeof row> => row(id, {}, custom);

describe('memory store: sorting', () => {
  const records = [
    item('b', { score: 2, name: 'beta' }),
    item('a', { score: 2, name: 'Alpha' }),
    item('d', { name: 'delta' }),
    item('c', { score: 1, name: null }),
    item('e', { score: 3, name: 'echo', codes: ['+9', '+1'] }),
    item('f', { score: 3, codes: ['+5'] }),
  ];
  const sorted = async (sort: readonly SortKey[]): Promise<string[]> => {
    const contacts = createMemoryStore().repository('contact');
    for (const record of records) await contacts.insert(record);
    return idsOf((await contacts.find({ sort })).items);
  };

  it('orders by id ascending when no key is given', async () => {
    expect(await sorted([])).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('breaks ties of every key by id ascending, whatever the direction', async () => {
    expect(await sorted([{ field: 'custom.score', direction: 'asc' }])).toEqual(['c', 'a', 'b', 'e', 'f', 'd']);
    expect(await sorted([{ field: 'custom.score', direction: 'desc' }])).toEqual(['e', 'f', 'a', 'b', 'c', 'd']);
  });

  it('sorts on several keys in turn', async () => {
    expect(await sorted([{ field: 'custom.score', direction: 'desc' }, { field: 'custom.name', direction: 'desc' }])).toEqual(['e', 'f', 'b', 'a', 'c', 'd']);
  });

  it('puts missing values (absent, null, empty list) last in both directions', async () => {
    expect(await sorted([{ field: 'custom.name', direction: 'asc' }])).toEqual(['a', 'b', 'd', 'e', 'c', 'f']);
    expect(await sorted([{ field: 'custom.name', direction: 'desc' }])).toEqual(['e', 'd', 'b', 'a', 'c', 'f']);
  });

  it('sorts a list by its first (primary) value', async () => {
    expect(await sorted([{ field: 'custom.codes', direction: 'asc' }])).toEqual(['f', 'e', 'a', 'b', 'c', 'd']);
  });

  it('orders money by currency, then by amount whatever its written decimals', async () => {
    const deals = createMemoryStore().repository('deal');
    const amounts = [['1', '10.5', 'EUR'], ['2', '9.99', 'EUR'], ['3', '100', 'EUR'], ['4', '-3', 'EUR'], ['5', '1', 'USD'], ['6', '10.50', 'EUR']] as const;
    for (const [id, amount, currency] of amounts) await deals.insert(row(id, { amount: { amount, currency } }));
    const page = await deals.find({ sort: [{ field: 'amount', direction: 'asc' }] });
    expect(idsOf(page.items)).toEqual(['4', '2', '1', '6', '3', '5']);
  });
});

describe('memory store: pagination', () => {
  it('gives a cursor exactly when more records follow', async () => {
    const contacts = createMemoryStore().repository('contact');
    for (const id of ['1', '2', '3', '4']) await contacts.insert(row(id));
    const first = await contacts.find({ limit: 2 });
    expect(idsOf(first.items)).toEqual(['1', '2']);
    expect(first.nextCursor).toBeTypeOf('string');
    const second = await contacts.find({ limit: 2, cursor: first.nextCursor });
    expect(idsOf(second.items)).toEqual(['3', '4']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('refuses a page over maxPageSize, and uses it when no limit is given', async () => {
    const contacts = createMemoryStore({ maxPageSize: 3 }).repository('contact');
    for (const id of ['1', '2', '3', '4', '5']) await contacts.insert(row(id));
    expect(await codeOf(() => contacts.find({ limit: 50 }))).toBe('INVALID_ARGUMENT');
    expect((await contacts.find({ limit: 3 })).items).toHaveLength(3);
    expect((await contacts.find({})).items).toHaveLength(3);
  });

  it('refuses a cursor given for another order', async () => {
    const contacts = createMemoryStore().repository('contact');
    for (const id of ['1', '2', '3']) await contacts.insert(item(id, { score: Number(id) }));
    const { nextCursor } = await contacts.find({ limit: 1, sort: [{ field: 'custom.score', direction: 'asc' }] });
    expect(await codeOf(() => contacts.find({ limit: 1, cursor: nextCursor }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => contacts.find({ limit: 1, cursor: nextCursor, sort: [{ field: 'custom.score', direction: 'desc' }] }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => contacts.find({ limit: 1, cursor: `${nextCursor ?? ''}x`, sort: [{ field: 'custom.score', direction: 'asc' }] }))).toBe('INVALID_ARGUMENT');
  });

  it('carries text outside ASCII, Dates and money through a cursor', async () => {
    const contacts = createMemoryStore().repository('contact');
    const names = ['Ñandú', 'Éva', '日本', 'Zoë'];
    for (const [index, name] of names.entries()) {
      await contacts.insert(item(String(index), { name, at: new Date(Date.UTC(2026, 0, index + 1)), revenue: { amount: `${index}.5`, currency: 'EUR' } }));
    }
    for (const field of ['custom.name', 'custom.at', 'custom.revenue']) {
      const query: Query = { sort: [{ field, direction: 'desc' }], limit: 1 };
      const walked: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await contacts.find({ ...query, cursor });
        walked.push(...idsOf(page.items));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(walked).toEqual(idsOf((await contacts.find({ sort: query.sort })).items));
    }
  });

  it('neither repeats nor skips a record that stays unchanged while others are inserted and deleted between pages', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const store = createMemoryStore();
      const contacts = store.repository('contact');
      const value = (): number | undefined => (next() < 0.2 ? undefined : Math.floor(next() * 5));
      let counter = 0;
      const fresh = async (): Promise<void> => {
        counter += 1;
        await contacts.insert(item(`n${String(counter).padStart(3, '0')}`, { score: value(), group: Math.floor(next() * 3) }));
      };
      for (let i = 0; i < 40; i += 1) await fresh();
      const sort: readonly SortKey[] = [{ field: 'custom.group', direction: 'desc' }, { field: 'custom.score', direction: 'asc' }];
      const before = new Set(idsOf((await contacts.find({ sort })).items));
      const deleted = new Set<string>();
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await contacts.find({ sort, limit: 3, cursor });
        seen.push(...idsOf(page.items));
        cursor = page.nextCursor;
        for (let change = 0; change < 3; change += 1) {
          if (next() < 0.5) await fresh();
          else {
            const victims = [...before].filter((id) => !deleted.has(id));
            const victim = victims[Math.floor(next() * victims.length)];
            if (victim !== undefined) {
              deleted.add(victim);
              await contacts.delete(victim);
            }
          }
        }
      } while (cursor !== undefined);
      expect(new Set(seen).size).toBe(seen.length);
      const survivors = [...before].filter((id) => !deleted.has(id));
      expect(survivors.filter((id) => !seen.includes(id))).toEqual([]);
    }
  });

  it('walks the same order page by page as in one page', async () => {
    const contacts = createMemoryStore().repository('contact');
    const next = random(42);
    for (let i = 0; i < 60; i += 1) await contacts.insert(item(`r${i}`, { score: Math.floor(next() * 7), name: next() < 0.3 ? null : `n${Math.floor(next() * 9)}` }));
    const sort: readonly SortKey[] = [{ field: 'custom.name', direction: 'asc' }, { field: 'custom.score', direction: 'desc' }];
    const whole = idsOf((await contacts.find({ sort, limit: 100 })).items);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await contacts.find({ sort, limit: 7, cursor });
      paged.push(...idsOf(page.items));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(paged).toEqual(whole);
  });

  it('streams every record of a query in order, across pages, and counts without paging', async () => {
    const contacts = createMemoryStore({ maxPageSize: 2 }).repository('contact');
    for (let i = 0; i < 7; i += 1) await contacts.insert(item(`s${i}`, { even: i % 2 === 0 }));
    const query: Query = { where: [{ field: 'custom.even', op: 'eq', value: true }], sort: [{ field: 'id', direction: 'desc' }], limit: 1 };
    expect(idsOf(await all(contacts.stream(query)))).toEqual(['s6', 's4', 's2', 's0']);
    expect(await contacts.count(query)).toBe(4);
  });
});

describe('memory store: pages and their cursors', () => {
  it('gives no cursor with a first page holding every match, even a full one', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    for (const id of ['1', '2', '3']) await contacts.insert(item(id, { score: 4 - Number(id) }));
    const sort: readonly SortKey[] = [{ field: 'custom.score', direction: 'asc' }];
    for (const scope of [store, undefined]) {
      const read = async (query: Query): Promise<{ ids: string[]; more: boolean }> => {
        const page = scope === undefined
          ? await store.transaction(async (tx) => tx.repository('contact').find(query))
          : await scope.repository('contact').find(query);
        return { ids: idsOf(page.items), more: page.nextCursor !== undefined };
      };
      expect(await read({ sort, limit: 3 })).toEqual({ ids: ['3', '2', '1'], more: false });
      expect(await read({ sort, limit: 4 })).toEqual({ ids: ['3', '2', '1'], more: false });
      expect(await read({ sort, limit: 2 })).toEqual({ ids: ['3', '2'], more: true });
    }
  });

  it('walks pages inside a unit as outside, its own writes included', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 9; i += 1) await store.repository('contact').insert(item(`r${i}`, { score: (i * 5) % 7 }));
    const sort: readonly SortKey[] = [{ field: 'custom.score', direction: 'desc' }];
    const walk = async (contacts: ReturnType<MemoryStore['repository']>): Promise<string[]> => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await contacts.find({ sort, limit: 2, cursor });
        ids.push(...idsOf(page.items));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return ids;
    };
    const whole = idsOf((await store.repository('contact').find({ sort })).items);
    expect(await walk(store.repository('contact'))).toEqual(whole);
    await store.transaction(async (tx) => {
      expect(await walk(tx.repository('contact'))).toEqual(whole);
      await tx.repository('contact').insert(item('new', { score: 9 }));
      expect(await walk(tx.repository('contact'))).toEqual(['new', ...whole]);
    });
  });

  it('walks two scopes of one query apart, at the same moment', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    for (let i = 0; i < 6; i += 1) await contacts.insert(row(`r${i}`, { assignedById: i % 2 === 0 ? 'u-ana' : 'u-leo' }));
    const mine = { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: false } as const;
    const theirs = { kind: 'restricted', assignedToAnyOf: ['u-leo'], includeOpened: false } as const;
    const first = await contacts.find({ scope: mine, limit: 1 });
    const other = await contacts.find({ scope: theirs, limit: 1 });
    expect(idsOf((await contacts.find({ scope: mine, limit: 5, cursor: first.nextCursor })).items)).toEqual(['r2', 'r4']);
    expect(idsOf((await contacts.find({ scope: theirs, limit: 5, cursor: other.nextCursor })).items)).toEqual(['r3', 'r5']);
    expect(idsOf((await contacts.find({ limit: 5, cursor: first.nextCursor })).items)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('sees a write made between two pages of a walk', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    for (const id of ['a', 'c', 'e']) await contacts.insert(row(id));
    const first = await contacts.find({ limit: 1 });
    expect(idsOf((await contacts.find({ limit: 5, cursor: first.nextCursor })).items)).toEqual(['c', 'e']);
    await contacts.insert(row('d'));
    expect(idsOf((await contacts.find({ limit: 5, cursor: first.nextCursor })).items)).toEqual(['c', 'd', 'e']);
    await store.repository('deal').insert(row('x'));
    await contacts.delete('c');
    expect(idsOf((await contacts.find({ limit: 5, cursor: first.nextCursor })).items)).toEqual(['d', 'e']);
  });
});
