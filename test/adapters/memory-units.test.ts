import type { EventQuery, LoggedEvent, MatchKeyIndex, NewEvent } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import type { MemoryStore, MemoryStoreScope } from '../../src/adapters/memory/index.js';
import { codeOf, idsOf, row } from './memory-fixtures.js';

const event = (entityId: string): NewEvent => ({ type: 'created', entityType: 'deal', entityId, at: new Date('2026-03-01T10:00:00Z'), byId: 'u-ana', data: {} });

async function sequences(scope: Pick<MemoryStore, 'events'>, query: EventQuery = {}): Promise<number[]> {
  const read: LoggedEvent[] = [];
  for await (const logged of scope.events.read(query)) read.push(logged);
  return read.map((logged) => logged.sequence);
}

/** A promise and the function that settles it, to hold a unit open. */
function gate(): { readonly opened: Promise<void>; readonly open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const tick = async (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const keysOf = (scope: { readonly matchKeys?: MatchKeyIndex | undefined }): MatchKeyIndex => {
  if (scope.matchKeys === undefined) throw new Error('the memory store keeps match keys');
  return scope.matchKeys;
};

describe('memory store: options', () => {
  it.each<[string, unknown]>([
    ['options that are not an object', null],
    ['a maxPageSize of 0', { maxPageSize: 0 }],
    ['a negative maxPageSize', { maxPageSize: -5 }],
    ['a fractional maxPageSize', { maxPageSize: 1.5 }],
    ['a maxPageSize that is text', { maxPageSize: '10' }],
  ])('refuses %s with INVALID_ARGUMENT', async (_what, options) => {
    expect(await codeOf(() => createMemoryStore(options as never))).toBe('INVALID_ARGUMENT');
  });

  it('takes a maxPageSize of 1', async () => {
    const contacts = createMemoryStore({ maxPageSize: 1 }).repository('contact');
    await contacts.insertMany([row('a'), row('b')]);
    expect(idsOf((await contacts.find({})).items)).toEqual(['a']);
  });
});

describe('memory store: batch writes', () => {
  it('inserts and updates a batch at once, and refuses a batch with one bad write whole', async () => {
    const store = createMemoryStore();
    const contacts = store.repository('contact');
    await contacts.insertMany([row('a', { firstName: 'Ana' }), row('b', { firstName: 'Leo' })]);
    expect(store.inspect('contact', 'b')).toMatchObject({ firstName: 'Leo' });
    expect(await codeOf(() => contacts.insertMany([row('c'), row('a')]))).toBe('DUPLICATE_ID');
    expect(await codeOf(() => contacts.insertMany([row('c'), row('c')]))).toBe('DUPLICATE_ID');
    expect(store.inspect('contact', 'c')).toBeNull();
    await contacts.updateMany([
      { record: row('a', { firstName: 'Anna', version: 2 }), expectedVersion: 1 },
      { record: row('b', { firstName: 'Leon', version: 2 }), expectedVersion: 1 },
    ]);
    expect(store.inspect('contact', 'a')).toMatchObject({ firstName: 'Anna', version: 2 });
    expect(store.inspect('contact', 'b')).toMatchObject({ firstName: 'Leon', version: 2 });
    expect(await codeOf(() => contacts.updateMany([{ record: row('a', { version: 3 }), expectedVersion: 2 }, { record: row('b', { version: 2 }), expectedVersion: 1 }]))).toBe('VERSION_CONFLICT');
    expect(await codeOf(() => contacts.updateMany([{ record: row('a', { version: 3 }), expectedVersion: 2 }, { record: row('x', { version: 2 }), expectedVersion: 1 }]))).toBe('NOT_FOUND');
    expect(store.inspect('contact', 'a')).toMatchObject({ firstName: 'Anna', version: 2 });
  });
});

describe('memory store: raw readers', () => {
  it('gives a copy of the committed events, which later appends do not change', async () => {
    const store = createMemoryStore();
    await store.events.append([event('d1')]);
    const seen = store.inspectEvents();
    await store.events.append([event('d2')]);
    expect(seen.map((logged) => logged.sequence)).toEqual([1]);
    expect(store.inspectEvents().map((logged) => logged.sequence)).toEqual([1, 2]);
  });
});

describe('memory store: match keys', () => {
  it('finds the records holding any key asked, each once by ascending id, with the keys they hold in the order asked', async () => {
    const store = createMemoryStore();
    const keys = keysOf(store);
    await keys.set('contact', 'c2', ['e:ana', 'p:1']);
    await keys.set('contact', 'c10', ['p:1', 'n:ana', 'p:1']);
    await keys.set('contact', 'c1', ['n:leo']);
    await keys.set('deal', 'c3', ['p:1']);
    expect(await keys.lookup('contact', ['p:1', 'e:ana', 'n:ana'])).toEqual([
      { id: 'c10', keys: ['p:1', 'n:ana'] },
      { id: 'c2', keys: ['p:1', 'e:ana'] },
    ]);
    expect(await keys.lookup('contact', ['n:leo', 'x'])).toEqual([{ id: 'c1', keys: ['n:leo'] }]);
    expect(await keys.lookup('contact', ['x'])).toEqual([]);
    expect(await keys.lookup('deal', ['p:1'])).toEqual([{ id: 'c3', keys: ['p:1'] }]);
  });

  it('names a key asked twice once', async () => {
    const store = createMemoryStore();
    await keysOf(store).set('contact', 'c1', ['a', 'b']);
    expect(await keysOf(store).lookup('contact', ['b', 'a', 'b'])).toEqual([{ id: 'c1', keys: ['b', 'a'] }]);
  });

  it('replaces every key of a record when set again, and removes them all with an empty list', async () => {
    const store = createMemoryStore();
    const keys = keysOf(store);
    await keys.set('contact', 'c1', ['a', 'b']);
    await keys.set('contact', 'c2', ['a']);
    await keys.set('contact', 'c1', ['b', 'c']);
    expect(await keys.lookup('contact', ['a', 'b', 'c'])).toEqual([{ id: 'c1', keys: ['b', 'c'] }, { id: 'c2', keys: ['a'] }]);
    await keys.set('contact', 'c1', []);
    expect(await keys.lookup('contact', ['a', 'b', 'c'])).toEqual([{ id: 'c2', keys: ['a'] }]);
    await keys.set('contact', 'c2', []);
    expect(await keys.lookup('contact', ['a'])).toEqual([]);
    await keys.set('contact', 'c2', ['a']);
    expect(await keys.lookup('contact', ['a'])).toEqual([{ id: 'c2', keys: ['a'] }]);
  });

  it('shows a unit its own keys over the committed ones, and others only once it commits', async () => {
    const store = createMemoryStore();
    const keys = keysOf(store);
    await keys.set('contact', 'c1', ['a']);
    await keys.set('contact', 'c2', ['a', 'b']);
    await store.transaction(async (tx) => {
      const inside = keysOf(tx);
      expect(await inside.lookup('contact', ['a', 'b'])).toEqual([{ id: 'c1', keys: ['a'] }, { id: 'c2', keys: ['a', 'b'] }]);
      await inside.set('contact', 'c2', ['b', 'c']);
      await inside.set('contact', 'c3', ['a']);
      await inside.set('contact', 'c1', []);
      expect(await inside.lookup('contact', ['a', 'b', 'c'])).toEqual([{ id: 'c2', keys: ['b', 'c'] }, { id: 'c3', keys: ['a'] }]);
      expect(await inside.lookup('contact', ['a'])).toEqual([{ id: 'c3', keys: ['a'] }]);
      expect(await keys.lookup('contact', ['a', 'b', 'c'])).toEqual([{ id: 'c1', keys: ['a'] }, { id: 'c2', keys: ['a', 'b'] }]);
    });
    expect(await keys.lookup('contact', ['a', 'b', 'c'])).toEqual([{ id: 'c2', keys: ['b', 'c'] }, { id: 'c3', keys: ['a'] }]);
  });

  it('drops the keys of a unit that rolls back, and of a nested unit that rolls back', async () => {
    const store = createMemoryStore();
    const keys = keysOf(store);
    await keys.set('contact', 'c1', ['a']);
    const failure = new Error('roll back');
    await expect(
      store.transaction(async (tx) => {
        await keysOf(tx).set('contact', 'c1', ['z']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    await store.transaction(async (tx) => {
      await keysOf(tx).set('contact', 'c2', ['a']);
      await expect(
        tx.transaction(async (inner) => {
          await keysOf(inner).set('contact', 'c1', ['z']);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await keysOf(tx).lookup('contact', ['a', 'z'])).toEqual([{ id: 'c1', keys: ['a'] }, { id: 'c2', keys: ['a'] }]);
    });
    expect(await keys.lookup('contact', ['a', 'z'])).toEqual([{ id: 'c1', keys: ['a'] }, { id: 'c2', keys: ['a'] }]);
  });
});

describe('memory store: events of units', () => {
  it('shows a unit its own events among the committed ones, by sequence', async () => {
    const store = createMemoryStore();
    await store.events.append([event('d1')]);
    await store.transaction(async (tx) => {
      await tx.events.append([event('d2'), event('d3')]);
      expect(await sequences(tx)).toEqual([1, 2, 3]);
      expect(await sequences(store)).toEqual([1]);
    });
    expect(await sequences(store)).toEqual([1, 2, 3]);
  });

  it('merges, at commit, the events of a unit with those appended outside it meanwhile, by sequence', async () => {
    const store = createMemoryStore();
    const hold = gate();
    const unit = store.transaction(async (tx) => {
      await tx.events.append([event('d1')]);
      await hold.opened;
      await tx.events.append([event('d3')]);
      expect(await sequences(tx)).toEqual([1, 2, 3]);
    });
    await tick();
    await store.events.append([event('d2')]);
    hold.open();
    await unit;
    expect(store.inspectEvents().map((logged) => [logged.sequence, logged.entityId])).toEqual([[1, 'd1'], [2, 'd2'], [3, 'd3']]);
    await store.events.append([event('d4')]);
    expect(await sequences(store)).toEqual([1, 2, 3, 4]);
  });

  it('appends at commit the events of a unit when only earlier ones were appended meanwhile', async () => {
    const store = createMemoryStore();
    await store.events.append([event('d0')]);
    await store.transaction(async (tx) => {
      await tx.events.append([event('d1')]);
    });
    await store.transaction(async () => Promise.resolve());
    expect(store.inspectEvents().map((logged) => logged.sequence)).toEqual([1, 2]);
  });

  it('hands back the numbers of a unit that rolls back when no one took a later one', async () => {
    const store = createMemoryStore();
    await store.events.append([event('d1')]);
    await store
      .transaction(async (tx) => {
        await tx.events.append([event('x'), event('y')]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const [next] = await store.events.append([event('d2')]);
    expect(next?.sequence).toBe(2);
    expect(await sequences(store)).toEqual([1, 2]);
  });

  it('leaves a gap for a unit that rolls back after someone took a later number', async () => {
    const store = createMemoryStore();
    const hold = gate();
    const unit = store.transaction(async (tx) => {
      await tx.events.append([event('x')]);
      await hold.opened;
      throw new Error('roll back');
    });
    await tick();
    await store.events.append([event('d1')]);
    hold.open();
    await unit.catch(() => undefined);
    const [next] = await store.events.append([event('d2')]);
    expect(next?.sequence).toBe(3);
    expect(await sequences(store)).toEqual([2, 3]);
  });

  it('leaves a gap for a unit whose numbers are not all its own when it rolls back', async () => {
    const store = createMemoryStore();
    const first = gate();
    const second = gate();
    const unit = store.transaction(async (tx) => {
      await tx.events.append([event('x')]);
      await first.opened;
      await tx.events.append([event('y')]);
      await second.opened;
      throw new Error('roll back');
    });
    await tick();
    const other = store.transaction(async (tx) => {
      await tx.events.append([event('o')]);
    });
    await other;
    first.open();
    await tick();
    second.open();
    await unit.catch(() => undefined);
    const [next] = await store.events.append([event('d2')]);
    expect(next?.sequence).toBe(4);
    expect(await sequences(store)).toEqual([2, 4]);
  });

  it('drops the events of a nested unit that rolls back, and keeps the outer ones', async () => {
    const store = createMemoryStore();
    await store.transaction(async (tx) => {
      await tx.events.append([event('d1')]);
      await tx
        .transaction(async (inner) => {
          await inner.events.append([event('x')]);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await tx.events.append([event('d2')]);
    });
    expect(store.inspectEvents().map((logged) => logged.entityId)).toEqual(['d1', 'd2']);
  });

  it('refuses a nested unit of a unit that has ended', async () => {
    const store = createMemoryStore();
    let kept: MemoryStoreScope | undefined;
    await store.transaction(async (tx) => {
      kept = tx;
      return Promise.resolve();
    });
    let ran = false;
    const nested = kept?.transaction(async () => {
      ran = true;
      return Promise.resolve();
    });
    expect(await codeOf(() => nested)).toBe('INVALID_ARGUMENT');
    expect(ran).toBe(false);
  });
});

describe('memory store: commits that conflict', () => {
  it('refuses at commit with VERSION_CONFLICT a unit that deleted a record changed outside it meanwhile', async () => {
    const store = createMemoryStore();
    await store.repository('deal').insert(row('d1'));
    const hold = gate();
    const unit = store.transaction(async (tx) => {
      await tx.repository('deal').delete('d1', 1);
      await hold.opened;
    });
    await tick();
    await store.repository('deal').update(row('d1', { version: 2 }), 1);
    hold.open();
    expect(await codeOf(() => unit)).toBe('VERSION_CONFLICT');
    expect(store.inspect('deal', 'd1')).toMatchObject({ version: 2 });
  });

  it('checks a record a unit wrote twice against the version it first found', async () => {
    const store = createMemoryStore();
    await store.repository('deal').insert(row('d1'));
    const hold = gate();
    const unit = store.transaction(async (tx) => {
      await tx.repository('deal').update(row('d1', { version: 2 }), 1);
      await tx.repository('deal').update(row('d1', { version: 3 }), 2);
      await hold.opened;
    });
    await tick();
    await store.repository('deal').update(row('d1', { version: 2, title: 'outside' }), 1);
    hold.open();
    expect(await codeOf(() => unit)).toBe('VERSION_CONFLICT');
    await store.transaction(async (tx) => {
      await tx.repository('deal').update(row('d1', { version: 3 }), 2);
      await tx.repository('deal').update(row('d1', { version: 4 }), 3);
    });
    expect(store.inspect('deal', 'd1')).toMatchObject({ version: 4 });
  });
});
