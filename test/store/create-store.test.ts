import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdapterError, ConflictError, createStore, FILTER_OPERATORS, isCrmError, LIMITS } from 'crm-kit';
import type { AdapterScope, EventLogAdapter, MatchKeyHit, MatchKeyIndex, RepositoryAdapter, Store, StoreAdapter } from 'crm-kit';

const boom = (): Promise<never> => Promise.reject(new Error('socket closed'));
async function* failing(): AsyncIterable<never> {
  await Promise.resolve();
  yield* [];
  throw new Error('socket closed');
}
const repository: RepositoryAdapter = {
  get: boom,
  getMany: boom,
  find: boom,
  stream: failing,
  count: boom,
  insert: () => Promise.reject(new ConflictError('DUPLICATE_ID', 'An id exists.')),
  update: boom,
  delete: boom,
};
const events: EventLogAdapter = { append: boom, read: failing };
const broken: StoreAdapter = {
  capabilities: { transactions: true, operators: FILTER_OPERATORS, customFieldFilters: true, multiFieldFilters: true, maxPageSize: 100 },
  repository: () => repository,
  events,
  transaction: <R>(work: (scope: AdapterScope) => Promise<R>) => work({ repository: () => repository, events }),
};

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createStore', () => {
  const store = createStore(broken);

  it('turns any failure of the adapter into ADAPTER_FAILURE, keeping the cause', async () => {
    const error = await caught(() => store.repository('deal').get('1'));
    expect(error).toBeInstanceOf(AdapterError);
    expect(isCrmError(error, 'ADAPTER_FAILURE')).toBe(true);
    expect((error as AdapterError).cause).toEqual(new Error('socket closed'));
  });

  it('lets crm-kit errors of the adapter through unchanged', async () => {
    expect(isCrmError(await caught(() => store.repository('deal').insert({ id: '1', version: 1 } as never)), 'DUPLICATE_ID')).toBe(true);
  });

  it('guards streams, the event log and work inside a transaction', async () => {
    expect(
      isCrmError(
        await caught(async () => {
          for await (const record of store.repository('deal').stream({})) expect(record).toBeUndefined();
        }),
        'ADAPTER_FAILURE',
      ),
    ).toBe(true);
    expect(isCrmError(await caught(() => store.events.append([])), 'ADAPTER_FAILURE')).toBe(true);
    expect(isCrmError(await caught(() => store.transaction((scope) => scope.repository('deal').count({}))), 'ADAPTER_FAILURE')).toBe(true);
    expect(store.capabilities).toEqual({ ...broken.capabilities, matchKeys: false, aggregate: false });
  });
});

describe('createStore refuses text a database would refuse', () => {
  it('in an id, with INVALID_TEXT, before the adapter is asked', async () => {
    const store = createStore(broken);
    expect(isCrmError(await caught(() => store.repository('deal').get('a\u0000b')), 'INVALID_TEXT')).toBe(true);
    expect(isCrmError(await caught(() => store.repository('deal').delete('\uD800')), 'INVALID_TEXT')).toBe(true);
  });
});

describe('createStore: match keys', () => {
  /** An adapter whose index records what it is asked and answers with `answer`. */
  function indexed(answer: (keys: readonly string[]) => unknown = () => []): { readonly store: Store; readonly calls: unknown[][] } {
    const calls: unknown[][] = [];
    const matchKeys: MatchKeyIndex = {
      set: (...args) => {
        calls.push(['set', ...args]);
        return Promise.resolve();
      },
      lookup: (entityType, keys) => {
        calls.push(['lookup', entityType, keys]);
        return Promise.resolve(answer(keys) as readonly MatchKeyHit[]);
      },
    };
    const scope: AdapterScope = { repository: () => repository, events, matchKeys };
    const store = createStore({
      ...scope,
      capabilities: { ...broken.capabilities, matchKeys: true },
      transaction: <R>(work: (inner: AdapterScope) => Promise<R>) => work(scope),
    });
    return { store, calls };
  }
  const keysOf = (store: Store): MatchKeyIndex => {
    if (store.matchKeys === undefined) throw new Error('declared');
    return store.matchKeys;
  };
  const codeOf = async (run: () => Promise<unknown>): Promise<unknown> => {
    const error = await caught(run);
    return isCrmError(error) ? error.code : error;
  };

  it.each<[string, unknown, unknown, unknown, string]>([
    ['an unknown entity type', 'nope', 'c-1', ['a'], 'INVALID_ARGUMENT'],
    ['an empty id', 'contact', '', ['a'], 'INVALID_ARGUMENT'],
    ['an id that is not text', 'contact', 7, ['a'], 'INVALID_ARGUMENT'],
    ['an id with a NUL', 'contact', 'c\u00001', ['a'], 'INVALID_TEXT'],
    ['keys that are not a list', 'contact', 'c-1', 'a', 'INVALID_ARGUMENT'],
    ['a key that is not text', 'contact', 'c-1', ['a', 1], 'INVALID_ARGUMENT'],
    ['an empty key', 'contact', 'c-1', ['a', ''], 'INVALID_ARGUMENT'],
    ['a key with a NUL', 'contact', 'c-1', ['a\u0000b'], 'INVALID_TEXT'],
    ['a key with a lone surrogate', 'contact', 'c-1', ['a\uD83D'], 'INVALID_TEXT'],
    ['more keys than LIMITS.listItems', 'contact', 'c-1', Array.from({ length: LIMITS.listItems + 1 }, (_unused, index) => `k${index}`), 'LIMIT_EXCEEDED'],
  ])('set refuses %s with a typed error before the adapter sees it', async (_what, entityType, id, keys, code) => {
    const { store, calls } = indexed();
    const loose = keysOf(store) as unknown as { readonly set: (...args: unknown[]) => Promise<void> };
    expect(await codeOf(() => loose.set(entityType, id, keys))).toBe(code);
    expect(calls).toEqual([]);
  });

  it.each<[string, unknown, unknown, string]>([
    ['an unknown entity type', 'nope', ['a'], 'INVALID_ARGUMENT'],
    ['keys that are not a list', 'contact', new Set(['a']), 'INVALID_ARGUMENT'],
    ['a key that is not text', 'contact', [null], 'INVALID_ARGUMENT'],
    ['a key with a lone surrogate', 'contact', ['\uDE00x'], 'INVALID_TEXT'],
    ['more keys than LIMITS.queryValues', 'contact', Array.from({ length: LIMITS.queryValues + 1 }, (_unused, index) => `k${index}`), 'LIMIT_EXCEEDED'],
  ])('lookup refuses %s with a typed error before the adapter sees it', async (_what, entityType, keys, code) => {
    const { store, calls } = indexed();
    const loose = keysOf(store) as unknown as { readonly lookup: (...args: unknown[]) => Promise<unknown> };
    expect(await codeOf(() => loose.lookup(entityType, keys))).toBe(code);
    expect(calls).toEqual([]);
  });

  it('hands the adapter each key once, frozen, and answers an empty lookup without asking it', async () => {
    const { store, calls } = indexed();
    await keysOf(store).set('contact', 'c-1', ['b', 'a', 'b']);
    await keysOf(store).lookup('contact', ['a', 'a', 'c']);
    expect(await keysOf(store).lookup('contact', [])).toEqual([]);
    expect(calls).toEqual([
      ['set', 'contact', 'c-1', ['b', 'a']],
      ['lookup', 'contact', ['a', 'c']],
    ]);
    expect(Object.isFrozen(calls[0]?.[3])).toBe(true);
    expect(await keysOf(store).lookup('contact', Array.from({ length: LIMITS.queryValues }, (_unused, index) => `k${index}`))).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['hits that are not a list', { id: 'a', keys: ['k1'] }],
    ['a hit for one id twice', [{ id: 'a', keys: ['k1'] }, { id: 'a', keys: ['k2'] }]],
    ['hits not by ascending id', [{ id: 'b', keys: ['k1'] }, { id: 'a', keys: ['k1'] }]],
    ['hits by numeric, not code-unit, order', [{ id: '9', keys: ['k1'] }, { id: '10', keys: ['k1'] }]],
    ['a key that was not asked for', [{ id: 'a', keys: ['k3'] }]],
    ['keys in another order than asked', [{ id: 'a', keys: ['k2', 'k1'] }]],
    ['a key twice in one hit', [{ id: 'a', keys: ['k1', 'k1'] }]],
    ['a hit with no keys', [{ id: 'a', keys: [] }]],
    ['a hit with an empty id', [{ id: '', keys: ['k1'] }]],
    ['a hit that is not { id, keys }', ['a']],
  ])('refuses %s from the adapter with ADAPTER_FAILURE', async (_what, answer) => {
    const { store } = indexed(() => answer);
    expect(await codeOf(() => keysOf(store).lookup('contact', ['k1', 'k2']))).toBe('ADAPTER_FAILURE');
  });

  it('accepts the hits of any correct index and hands back frozen copies of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.uniqueArray(fc.constantFrom<string>('k1', 'k2', 'k3', 'k4'), { maxLength: 4 })),
        fc.uniqueArray(fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5'), { minLength: 1 }),
        async (held, asked) => {
          const answer = (keys: readonly string[]): MatchKeyHit[] =>
            Object.keys(held)
              .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
              .map((id) => ({ id, keys: keys.filter((key) => held[id]?.includes(key)) }))
              .filter((hit) => hit.keys.length > 0);
          const { store } = indexed(answer);
          const hits = await keysOf(store).lookup('contact', asked);
          expect(hits).toEqual(answer(asked));
          expect(Object.isFrozen(hits) && hits.every((hit) => Object.isFrozen(hit) && Object.isFrozen(hit.keys))).toBe(true);
        },
      ),
    );
  });

  it('refuses an adapter declaring matchKeys without them, and a unit of work without them', async () => {
    expect(await codeOf(() => Promise.resolve().then(() => createStore({ ...broken, capabilities: { ...broken.capabilities, matchKeys: true } })))).toBe('INVALID_ARGUMENT');
    const matchKeys: MatchKeyIndex = { set: () => Promise.resolve(), lookup: () => Promise.resolve([]) };
    const store = createStore({ ...broken, matchKeys, capabilities: { ...broken.capabilities, matchKeys: true } });
    expect(await codeOf(() => store.transaction(() => Promise.resolve()))).toBe('ADAPTER_FAILURE');
  });

  it('leaves match keys out of a store that does not declare them', () => {
    const matchKeys: MatchKeyIndex = { set: () => Promise.resolve(), lookup: () => Promise.resolve([]) };
    expect(createStore({ ...broken, matchKeys }).matchKeys).toBeUndefined();
  });
});
