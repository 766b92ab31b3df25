import { FILTER_OPERATORS } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { codeOf, idsOf, row } from './memory-fixtures.js';

describe('memory store: reading and writing records', () => {
  it('gives back what was inserted, and null for an id it does not hold', async () => {
    const contacts = createMemoryStore().repository('contact');
    const ana = row('1', { firstName: 'Ana', emails: [{ value: 'ana@example.com', kind: 'work' }] }, { tier: 'gold' });
    expect(await contacts.insert(ana)).toStrictEqual(ana);
    expect(await contacts.get('1')).toStrictEqual(ana);
    expect(await contacts.get('2')).toBeNull();
    expect(await codeOf(() => contacts.get(''))).toBe('INVALID_ARGUMENT');
  });

  it('refuses a second record with the same id and keeps the first', async () => {
    const store = createMemoryStore();
    await store.repository('contact').insert(row('1', { firstName: 'Ana' }));
    expect(await codeOf(() => store.repository('contact').insert(row('1', { firstName: 'Leo' })))).toBe('DUPLICATE_ID');
    expect(store.inspect('contact', '1')).toMatchObject({ firstName: 'Ana' });
  });

  it('keeps each entity type in its own repository', async () => {
    const store = createMemoryStore();
    await store.repository('contact').insert(row('1'));
    expect(await store.repository('deal').get('1')).toBeNull();
    await store.repository('deal').insert(row('1'));
    expect(await store.repository('contact').count({})).toBe(1);
    expect(store.repository('deal')).toBe(store.repository('deal'));
  });

  it('returns getMany in the order of the ids asked for, leaving out the missing ones', async () => {
    const contacts = createMemoryStore().repository('contact');
    for (const id of ['a', 'b', 'c']) await contacts.insert(row(id));
    expect(idsOf(await contacts.getMany(['c', 'x', 'a']))).toEqual(['c', 'a']);
    expect(await contacts.getMany([])).toEqual([]);
  });

  it('replaces a record whose stored version is the expected one', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    await contacts.insert(row('1', { firstName: 'Ana' }));
    const updated = await contacts.update(row('1', { firstName: 'Anna', version: 2 }), 1);
    expect(updated).toMatchObject({ firstName: 'Anna', version: 2 });
    expect(store.inspect('contact', '1')).toMatchObject({ firstName: 'Anna', version: 2 });
  });

  it('refuses a stale update with VERSION_CONFLICT and stores nothing', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    await contacts.insert(row('1', { firstName: 'Ana' }));
    await contacts.update(row('1', { firstName: 'Anna', version: 2 }), 1);
    expect(await codeOf(() => contacts.update(row('1', { firstName: 'Leo', version: 2 }), 1))).toBe('VERSION_CONFLICT');
    expect(store.inspect('contact', '1')).toMatchObject({ firstName: 'Anna', version: 2 });
  });

  it('refuses to update a record it does not hold with NOT_FOUND', async () => {
    const store = createMemoryStore();
    expect(await codeOf(() => store.repository('contact').update(row('1', { version: 2 }), 1))).toBe('NOT_FOUND');
    expect(store.inspect('contact', '1')).toBeNull();
  });

  it('refuses an update whose new version is not expectedVersion + 1', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    await contacts.insert(row('1'));
    expect(await codeOf(() => contacts.update(row('1', { version: 3 }), 1))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => contacts.update(row('1', { version: 1 }), 1))).toBe('INVALID_ARGUMENT');
    expect(store.inspect('contact', '1')?.version).toBe(1);
  });

  it('deletes with or without an expected version, and refuses a stale or missing one', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    await contacts.insert(row('1'));
    await contacts.insert(row('2'));
    expect(await codeOf(() => contacts.delete('1', 7))).toBe('VERSION_CONFLICT');
    expect(store.inspect('contact', '1')).not.toBeNull();
    await contacts.delete('1', 1);
    await contacts.delete('2');
    expect(await contacts.count({})).toBe(0);
    expect(await codeOf(() => contacts.delete('1'))).toBe('NOT_FOUND');
  });

  it('keeps its own frozen snapshot: mutating an input changes nothing stored, and what it returns cannot be changed', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    const input = row('1', { emails: [{ value: 'ana@example.com', kind: 'work' }], movedAt: new Date('2026-02-01T00:00:00Z') }, { tier: 'gold' });
    const inserted = await contacts.insert(input);
    const mutable = (value: unknown): Record<string, unknown> => value as Record<string, unknown>;
    (mutable(input).emails as { value: string }[]).forEach((email) => {
      email.value = 'x';
    });
    (input as unknown as { movedAt: Date }).movedAt.setTime(0);
    expect(() => {
      mutable(inserted.custom).tier = 'x';
    }).toThrow(TypeError);
    const fetched = await contacts.get('1');
    expect(Object.isFrozen(fetched) && Object.isFrozen(fetched?.custom)).toBe(true);
    expect(await contacts.get('1')).toStrictEqual(row('1', { emails: [{ value: 'ana@example.com', kind: 'work' }], movedAt: new Date('2026-02-01T00:00:00Z') }, { tier: 'gold' }));
  });

  it('keeps Dates as Dates, and a __proto__ custom code as data', async () => {
    const contacts = createMemoryStore().repository('contact');
    const custom = Object.create(null) as Record<string, unknown>;
    Object.defineProperty(custom, '__proto__', { value: 'data', enumerable: true });
    await contacts.insert(row('1', {}, custom));
    const back = await contacts.get('1');
    expect(back?.createdAt).toBeInstanceOf(Date);
    expect(Object.getPrototypeOf(back?.custom)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back?.custom, '__proto__')?.value).toBe('data');
  });

  it('declares every capability', () => {
    expect(createMemoryStore().capabilities).toEqual({
      transactions: true,
      operators: [...FILTER_OPERATORS],
      customFieldFilters: true,
      multiFieldFilters: true,
      maxPageSize: 1000,
      matchKeys: true,
      aggregate: true,
    });
    expect(createMemoryStore({ maxPageSize: 5 }).capabilities.maxPageSize).toBe(5);
  });

  it('rejects malformed input with INVALID_ARGUMENT', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    const loose = contacts as unknown as Readonly<Record<'get' | 'getMany' | 'insert' | 'delete', (...args: unknown[]) => Promise<unknown>>>;
    class Box {
      readonly value = 1;
    }
    expect(await codeOf(() => store.repository('nope' as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => createMemoryStore({ maxPageSize: 0 }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => loose.get(42))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => loose.getMany('1'))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => loose.insert(null))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => contacts.insert(row('')))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => contacts.insert(row('1', { version: 0 })))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => contacts.insert(row('1', { version: 1.5 })))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => contacts.insert(row('1', { box: new Box() })))).toBe('NOT_PLAIN_DATA');
    expect(await codeOf(() => contacts.insert(row('1', { run: () => 1 })))).toBe('NOT_PLAIN_DATA');
    expect(await codeOf(() => contacts.insert(row('1', { big: 1n })))).toBe('NOT_PLAIN_DATA');
    expect(await codeOf(() => contacts.insert(row('1', { note: 'a\u0000b' })))).toBe('INVALID_TEXT');
    expect(await codeOf(() => contacts.update(row('1', { version: 2 }), -1))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => loose.delete('1', 'one'))).toBe('INVALID_ARGUMENT');
    expect(await contacts.count({})).toBe(0);
  });
});
