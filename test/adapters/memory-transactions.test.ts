import type { EventQuery, LoggedEvent, NewEvent } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import type { MemoryStore } from '../../src/adapters/memory/index.js';
import { codeOf, idsOf, row } from './memory-fixtures.js';

const event = (type: NewEvent['type'], entityId: string, at = '2026-03-01T10:00:00Z', entityType: NewEvent['entityType'] = 'deal'): NewEvent =>
  ({ type, entityType, entityId, at: new Date(at), byId: 'u-ana', data: type === 'updated' ? { fields: ['title'] } : {} }) as NewEvent;

async function read(store: Pick<MemoryStore, 'events'>, query: EventQuery = {}): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  for await (const logged of store.events.read(query)) events.push(logged);
  return events;
}

/** A promise and the function that settles it, to hold a unit open. */
function gate(): { readonly opened: Promise<void>; readonly open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('memory store: transactions', () => {
  it('makes every write of a unit visible together when it resolves, and returns its result', async () => {
    const store = createMemoryStore();
    await store.repository('deal').insert(row('d1', { title: 'Old' }));
    const result = await store.transaction(async (tx) => {
      await tx.repository('deal').insert(row('d2'));
      await tx.repository('deal').update(row('d1', { title: 'New', version: 2 }), 1);
      await tx.repository('contact').insert(row('c1'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(store.inspect('deal', 'd1')).toMatchObject({ title: 'New', version: 2 });
    expect(store.inspect('deal', 'd2')).not.toBeNull();
    expect(store.inspect('contact', 'c1')).not.toBeNull();
  });

  it('shows a unit its own writes, and no one else until it resolves', async () => {
    const store = createMemoryStore();
    await store.repository('deal').insert(row('d1'));
    const hold = gate();
    const seenInside: string[][] = [];
    const unit = store.transaction(async (tx) => {
      await tx.repository('deal').insert(row('d2'));
      await tx.repository('deal').delete('d1');
      await tx.events.append([event('created', 'd2')]);
      seenInside.push(idsOf((await tx.repository('deal').find({})).items));
      expect(await tx.repository('deal').get('d1')).toBeNull();
      expect(await tx.repository('deal').count({})).toBe(1);
      await hold.opened;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(idsOf((await store.repository('deal').find({})).items)).toEqual(['d1']);
    expect(await store.repository('deal').get('d2')).toBeNull();
    expect(await read(store)).toEqual([]);
    hold.open();
    await unit;
    expect(seenInside).toEqual([['d2']]);
    expect(idsOf((await store.repository('deal').find({})).items)).toEqual(['d2']);
    expect((await read(store)).map((e) => e.type)).toEqual(['created']);
  });

  it('rolls back every write and event of a unit that rejects, and rethrows its error', async () => {
    const store = createMemoryStore();
    await store.repository('deal').insert(row('d1', { title: 'Kept' }));
    await store.events.append([event('created', 'd1')]);
    const failure = new Error('planner said no');
    const outcome = store.transaction(async (tx) => {
      await tx.repository('deal').update(row('d1', { title: 'Lost', version: 2 }), 1);
      await tx.repository('deal').insert(row('d2'));
      await tx.events.append([event('movedToFinal', 'd1')]);
      throw failure;
    });
    await expect(outcome).rejects.toBe(failure);
    expect(store.inspect('deal', 'd1')).toMatchObject({ title: 'Kept', version: 1 });
    expect(store.inspect('deal', 'd2')).toBeNull();
    expect(store.inspectEvents().map((e) => e.type)).toEqual(['created']);
    const [next] = await store.events.append([event('updated', 'd1')]);
    expect(next?.sequence).toBe(2);
  });

  it('rolls back a unit whose own write fails, with that write\'s error', async () => {
    const store = createMemoryStore();
    await store.repository('deal').insert(row('d1'));
    const outcome = store.transaction(async (tx) => {
      await tx.repository('deal').insert(row('d2'));
      await tx.repository('deal').update(row('d1', { version: 3 }), 2);
    });
    expect(await codeOf(() => outcome)).toBe('VERSION_CONFLICT');
    expect(store.inspect('deal', 'd2')).toBeNull();
  });

  it('refuses at commit, with VERSION_CONFLICT and nothing applied, a unit whose record was changed outside it meanwhile', async () => {
    const store = createMemoryStore();
    await store.repository('deal').insert(row('d1', { title: 'Start' }));
    const hold = gate();
    const written = gate();
    const unit = store.transaction(async (tx) => {
      await tx.repository('deal').insert(row('d2'));
      await tx.repository('deal').update(row('d1', { title: 'Unit', version: 2 }), 1);
      written.open();
      await hold.opened;
    });
    // The unit's own update has succeeded; only the commit can notice the outside one.
    await written.opened;
    await store.repository('deal').update(row('d1', { title: 'Outside', version: 2 }), 1);
    hold.open();
    expect(await codeOf(() => unit)).toBe('VERSION_CONFLICT');
    expect(store.inspect('deal', 'd1')).toMatchObject({ title: 'Outside' });
    expect(store.inspect('deal', 'd2')).toBeNull();
  });

  it('refuses at commit with DUPLICATE_ID a unit whose inserted id was inserted outside it meanwhile', async () => {
    const store = createMemoryStore();
    const hold = gate();
    const unit = store.transaction(async (tx) => {
      await tx.repository('deal').insert(row('d1', { title: 'Unit' }));
      await hold.opened;
    });
    await store.repository('deal').insert(row('d1', { title: 'Outside' }));
    hold.open();
    expect(await codeOf(() => unit)).toBe('DUPLICATE_ID');
    expect(store.inspect('deal', 'd1')).toMatchObject({ title: 'Outside' });
  });

  it('runs a nested unit of the scope as a savepoint: its rejection undoes only its writes', async () => {
    const store = createMemoryStore();
    await store.transaction(async (tx) => {
      await tx.repository('deal').insert(row('d1'));
      await tx.events.append([event('created', 'd1')]);
      const inner = tx.transaction(async (nested) => {
        await nested.repository('deal').insert(row('d2'));
        await nested.events.append([event('created', 'd2')]);
        throw new Error('inner fails');
      });
      await expect(inner).rejects.toThrow('inner fails');
      await tx.transaction(async (nested) => {
        await nested.repository('deal').insert(row('d3'));
      });
      expect(store.inspect('deal', 'd3')).toBeNull();
    });
    expect(idsOf((await store.repository('deal').find({})).items)).toEqual(['d1', 'd3']);
    expect(store.inspectEvents().map((e) => e.entityId)).toEqual(['d1']);
  });

  it('refuses the scope of a unit that has ended', async () => {
    const store = createMemoryStore();
    let kept: Parameters<Parameters<MemoryStore['transaction']>[0]>[0] | undefined;
    await store.transaction(async (tx) => {
      kept = tx;
      return Promise.resolve();
    });
    expect(await codeOf(() => kept?.repository('deal').insert(row('d1')))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => kept?.repository('deal').get('d1'))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => store.transaction('work' as never))).toBe('INVALID_ARGUMENT');
    expect(store.inspect('deal', 'd1')).toBeNull();
  });
});

describe('memory store: event log', () => {
  it('gives appended events increasing sequence numbers and reads them back in that order', async () => {
    const store = createMemoryStore();
    const first = await store.events.append([event('created', 'd1'), event('updated', 'd1')]);
    const second = await store.events.append([event('created', 'd2')]);
    expect([...first, ...second].map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect((await read(store)).map((e) => [e.sequence, e.type, e.entityId])).toEqual([
      [1, 'created', 'd1'],
      [2, 'updated', 'd1'],
      [3, 'created', 'd2'],
    ]);
  });

  it('reads by entity type, entity, types, time range (from inclusive, to exclusive), after a sequence and up to a limit', async () => {
    const store = createMemoryStore();
    await store.events.append([
      event('created', 'd1', '2026-01-01T00:00:00Z'),
      event('movedToFinal', 'd1', '2026-02-01T00:00:00Z'),
      event('created', 'c1', '2026-02-01T00:00:00Z', 'contact'),
      event('created', 'd2', '2026-03-01T00:00:00Z'),
    ]);
    const sequences = async (query: EventQuery): Promise<number[]> => (await read(store, query)).map((e) => e.sequence);
    expect(await sequences({ entityType: 'contact' })).toEqual([3]);
    expect(await sequences({ entityType: 'deal', entityId: 'd1' })).toEqual([1, 2]);
    expect(await sequences({ types: ['movedToFinal', 'leadConverted'] })).toEqual([2]);
    expect(await sequences({ from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') })).toEqual([2, 3]);
    expect(await sequences({ afterSequence: 2 })).toEqual([3, 4]);
    expect(await sequences({ entityType: 'deal', limit: 2 })).toEqual([1, 2]);
    expect(await sequences({ limit: 0 })).toEqual([]);
  });

  it('keeps its own frozen snapshot of events: mutating an input changes nothing logged, and logged events cannot be changed', async () => {
    const store = createMemoryStore();
    const input = event('updated', 'd1');
    const [logged] = await store.events.append([input]);
    (input.data as { fields: string[] }).fields.push('x');
    input.at.setTime(0);
    expect(Object.isFrozen(logged) && Object.isFrozen(logged?.data)).toBe(true);
    expect(await read(store)).toEqual([{ ...event('updated', 'd1'), sequence: 1 }]);
  });

  it('hides, outside a unit in flight, the events numbered after its first one, so a reader following afterSequence never skips one', async () => {
    const store = createMemoryStore();
    await store.events.append([event('created', 'd1')]);
    const hold = gate();
    const unit = store.transaction(async (tx) => {
      await tx.events.append([event('updated', 'd1')]);
      await hold.opened;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [outside] = await store.events.append([event('created', 'd2')]);
    expect(outside?.sequence).toBe(3);
    expect((await read(store)).map((e) => e.sequence)).toEqual([1]);
    hold.open();
    await unit;
    expect((await read(store, { afterSequence: 1 })).map((e) => e.sequence)).toEqual([2, 3]);
  });

  it('rejects malformed events and event queries with INVALID_ARGUMENT, appending nothing', async () => {
    const store = createMemoryStore();
    const bad: unknown[] = [
      'created',
      [{ ...event('created', 'd1'), type: '' }],
      [{ ...event('created', 'd1'), entityType: 'planet' }],
      [{ ...event('created', 'd1'), at: '2026-01-01' }],

      [{ ...event('created', 'd1'), data: null }],
      [event('created', 'd1'), { ...event('created', 'd2'), byId: 3 }],
    ];
    for (const events of bad) expect(await codeOf(() => store.events.append(events as NewEvent[]))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => store.events.append([{ ...event('created', 'd1'), at: new Date('nope') }]))).toBe('NOT_PLAIN_DATA');
    expect(store.inspectEvents()).toEqual([]);
    const queries: unknown[] = [null, { entityType: 'planet' }, { types: 'created' }, { types: ['exploded'] }, { from: 'yesterday' }, { afterSequence: 1.5 }, { limit: -1 }, { kind: 'all' }];
    for (const query of queries) expect(await codeOf(() => read(store, query as EventQuery))).toBe('INVALID_ARGUMENT');
  });
});
