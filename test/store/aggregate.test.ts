import { describe, expect, it } from 'vitest';
import { createStore, FILTER_OPERATORS, isCrmError } from 'crm-kit';
import type { AdapterScope, AggregateSpec, EventLogAdapter, RepositoryAdapter, StoreAdapter, StoreCapabilities, StoredRecord } from 'crm-kit';

const capabilities: StoreCapabilities = { transactions: true, operators: FILTER_OPERATORS, customFieldFilters: true, multiFieldFilters: true, maxPageSize: 100 };
const events: EventLogAdapter = { append: () => Promise.reject(new Error('unused')), read: async function* () { await Promise.resolve(); yield* []; } };
const unused = (): Promise<never> => Promise.reject(new Error('unused'));

const RECORDS = [
  { id: 'd-1', version: 1, stageId: 'NEW', amount: { amount: '1.5', currency: 'EUR' }, createdAt: new Date('2026-01-01T00:00:00Z') },
  { id: 'd-2', version: 1, stageId: 'NEW', amount: { amount: '2.25', currency: 'EUR' }, createdAt: new Date('2026-02-01T00:00:00Z') },
  { id: 'd-3', version: 1, stageId: 'WON', amount: { amount: '7', currency: 'ZZZ' } },
  { id: 'd-4', version: 1, stageId: 42, amount: { amount: '1', currency: 'EUR', note: 'x' }, createdAt: 'yesterday' },
] as unknown as readonly StoredRecord[];

/** A store over an adapter whose stream yields `records`, and, when given, whose aggregate answers `answer`. */
function storeOver(records: readonly StoredRecord[], answer?: () => unknown): { store: ReturnType<typeof createStore>; streamed: () => number } {
  let streams = 0;
  const repository: RepositoryAdapter = {
    get: unused,
    getMany: unused,
    find: unused,
    stream: async function* () {
      streams += 1;
      await Promise.resolve();
      yield* records;
    },
    count: unused,
    insert: unused,
    update: unused,
    delete: unused,
    ...(answer === undefined ? {} : { aggregate: () => Promise.resolve(answer() as never) }),
  };
  const adapter: StoreAdapter = {
    capabilities: { ...capabilities, aggregate: answer !== undefined },
    repository: () => repository,
    events,
    transaction: <R>(work: (scope: AdapterScope) => Promise<R>) => work({ repository: () => repository, events }),
  };
  return { store: createStore(adapter), streamed: () => streams };
}

async function codeOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return isCrmError(error) ? error.code : 'not a crm-kit error';
  }
  return undefined;
}

describe('Repository.aggregate on a store without the capability', () => {
  it('folds the stream once: a group per key, exact sums per currency, ranges, and no value as the null key', async () => {
    const { store, streamed } = storeOver(RECORDS);
    const groups = await store.repository('deal').aggregate({}, { groupBy: ['stageId'], sum: ['amount'], range: ['createdAt'] });
    expect(streamed()).toBe(1);
    expect(groups).toEqual([
      { key: ['NEW'], count: 2, sums: { amount: [{ amount: '3.75', currency: 'EUR' }] }, ranges: { createdAt: { min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-02-01T00:00:00Z') } } },
      // A currency crm-kit does not know is summed too, with no decimals added.
      { key: ['WON'], count: 1, sums: { amount: [{ amount: '7', currency: 'ZZZ' }] }, ranges: { createdAt: null } },
      // A number in a text field is no key; money with a third key is not money; text is no instant.
      { key: [null], count: 1, sums: { amount: [] }, ranges: { createdAt: null } },
    ]);
  });

  it('gives frozen groups', async () => {
    const [group] = await storeOver(RECORDS).store.repository('deal').aggregate({}, { sum: ['amount'] });
    expect(Object.isFrozen(group)).toBe(true);
    expect(Object.isFrozen(group?.sums.amount)).toBe(true);
    expect(Object.isFrozen(group?.key)).toBe(true);
  });
});

describe('Repository.aggregate on a store declaring the capability', () => {
  const one = (group: object): (() => unknown) => () => [group];

  it('asks the adapter, not the stream, and writes its answer as the fold does: groups by key, sums canonical by currency', async () => {
    const answer = () => [
      { key: [true], count: 1, sums: { amount: [] }, ranges: { createdAt: null } },
      { key: [null], count: 1, sums: { amount: [] }, ranges: { createdAt: null } },
      { key: ['b'], count: 2, sums: { amount: [{ amount: '1.5', currency: 'USD' }, { amount: '-0.000', currency: 'EUR' }] }, ranges: { createdAt: { min: new Date(5), max: new Date(9) } } },
      { key: [2], count: 3, sums: { amount: [{ amount: '0012.500', currency: 'JPY' }] }, ranges: {} },
      { key: ['a'], count: 1, sums: {}, ranges: {} },
    ];
    const { store, streamed } = storeOver(RECORDS, answer);
    const groups = await store.repository('deal').aggregate({}, { groupBy: ['custom.tier'], sum: ['amount'], range: ['createdAt'] });
    expect(streamed()).toBe(0);
    expect(groups.map((group) => group.key[0])).toEqual([2, 'a', 'b', true, null]);
    expect(groups[0]?.sums.amount).toEqual([{ amount: '12.5', currency: 'JPY' }]);
    expect(groups[2]?.sums.amount).toEqual([
      { amount: '0.00', currency: 'EUR' },
      { amount: '1.50', currency: 'USD' },
    ]);
    expect(groups[1]).toEqual({ key: ['a'], count: 1, sums: { amount: [] }, ranges: { createdAt: null } });
  });

  const MALFORMED: readonly (readonly [string, () => unknown, AggregateSpec])[] = [
    ['not a list', () => ({}), { groupBy: ['stageId'] }],
    ['a key of another length', one({ key: ['a', 'b'], count: 1, sums: {}, ranges: {} }), { groupBy: ['stageId'] }],
    ['a key of another kind', one({ key: [3], count: 1, sums: {}, ranges: {} }), { groupBy: ['stageId'] }],
    ['an integer key that is not whole', one({ key: [2.5], count: 1, sums: {}, ranges: {} }), { groupBy: ['probability'] }],
    ['two groups with one key', () => [{ key: ['a'], count: 1, sums: {}, ranges: {} }, { key: ['a'], count: 2, sums: {}, ranges: {} }], { groupBy: ['stageId'] }],
    ['an empty group', one({ key: ['a'], count: 0, sums: {}, ranges: {} }), { groupBy: ['stageId'] }],
    ['a count that is not whole', one({ key: ['a'], count: 1.5, sums: {}, ranges: {} }), { groupBy: ['stageId'] }],
    ['a currency twice', one({ key: [], count: 2, sums: { amount: [{ amount: '1', currency: 'EUR' }, { amount: '2', currency: 'EUR' }] }, ranges: {} }), { sum: ['amount'] }],
    ['an amount that is not a decimal', one({ key: [], count: 1, sums: { amount: [{ amount: '1e3', currency: 'EUR' }] }, ranges: {} }), { sum: ['amount'] }],
    ['a range out of order', one({ key: [], count: 1, sums: {}, ranges: { createdAt: { min: new Date(9), max: new Date(5) } } }), { range: ['createdAt'] }],
    ['an invalid instant', one({ key: [], count: 1, sums: {}, ranges: { createdAt: { min: new Date(Number.NaN), max: new Date(5) } } }), { range: ['createdAt'] }],
    ['no group without groupings', () => [], {}],
  ];
  it.each(MALFORMED)('refuses an answer with %s as ADAPTER_FAILURE', async (_name, answer, spec) => {
    expect(await codeOf(() => storeOver([], answer).store.repository('deal').aggregate({}, spec))).toBe('ADAPTER_FAILURE');
  });

  it('refuses an answer with gaps in its lists, or that throws when read, as ADAPTER_FAILURE', async () => {
    // eslint-disable-next-line no-sparse-arrays -- the gap is what is tested
    expect(await codeOf(() => storeOver([], () => [,]).store.repository('deal').aggregate({}, {}))).toBe('ADAPTER_FAILURE');
    // eslint-disable-next-line no-sparse-arrays -- the gap is what is tested
    expect(await codeOf(() => storeOver([], () => [{ key: [, 'a'], count: 1, sums: {}, ranges: {} }]).store.repository('deal').aggregate({}, { groupBy: ['stageId', 'pipelineId'] }))).toBe('ADAPTER_FAILURE');
    const hostile = {
      get key(): never {
        throw new TypeError('boom');
      },
    };
    expect(await codeOf(() => storeOver([], () => [hostile]).store.repository('deal').aggregate({}, {}))).toBe('ADAPTER_FAILURE');
  });

  it('refuses an adapter that declares the capability without aggregate, at the call, as ADAPTER_FAILURE', async () => {
    const repository = { get: unused, getMany: unused, find: unused, stream: async function* () { await Promise.resolve(); yield* []; }, count: unused, insert: unused, update: unused, delete: unused };
    const store = createStore({ capabilities: { ...capabilities, aggregate: true }, repository: () => repository, events, transaction: unused });
    expect(await codeOf(() => store.repository('deal').aggregate({}, {}))).toBe('ADAPTER_FAILURE');
  });

  it('refuses a capability that is not true or false', () => {
    const repository = { get: unused, getMany: unused, find: unused, stream: async function* () { await Promise.resolve(); yield* []; }, count: unused, insert: unused, update: unused, delete: unused };
    expect(() => createStore({ capabilities: { ...capabilities, aggregate: 'yes' as never }, repository: () => repository, events, transaction: unused })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('the aggregate spec', () => {
  const deals = storeOver(RECORDS).store.repository('deal');
  const BAD: readonly (readonly [string, unknown, string, readonly (string | number)[]])[] = [
    ['not an object', ['stageId'], 'INVALID_ARGUMENT', []],
    ['an unknown key', { having: [] }, 'INVALID_ARGUMENT', ['having']],
    ['a grouping that is not a list', { groupBy: 'stageId' }, 'INVALID_ARGUMENT', ['groupBy']],
    ['five groupings', { groupBy: ['stageId', 'pipelineId', 'assignedById', 'opened', 'probability'] }, 'INVALID_ARGUMENT', ['groupBy']],
    ['nine sums', { sum: Array.from({ length: 9 }, (_, index) => `custom.m${String(index)}`) }, 'INVALID_ARGUMENT', ['sum']],
    ['an empty field name', { sum: [''] }, 'INVALID_ARGUMENT', ['sum', 0]],
    ['a field named twice', { range: ['createdAt', 'createdAt'] }, 'INVALID_ARGUMENT', ['range', 1]],
    ['a field the entity does not have', { groupBy: ['nickname'] }, 'UNKNOWN_FIELD', ['groupBy', 0]],
    ['a custom code that is not one', { groupBy: ['custom.Bad-Code'] }, 'UNKNOWN_FIELD', ['groupBy', 0]],
    ['a field nobody filters on', { groupBy: ['version'] }, 'UNKNOWN_FIELD', ['groupBy', 0]],
    ['grouping by a list', { groupBy: ['contactIds'] }, 'UNKNOWN_FIELD', ['groupBy', 0]],
    ['grouping by an instant', { groupBy: ['createdAt'] }, 'UNKNOWN_FIELD', ['groupBy', 0]],
    ['summing text', { sum: ['title'] }, 'UNKNOWN_FIELD', ['sum', 0]],
    ['ranging a calendar day', { range: ['expectedCloseDate'] }, 'UNKNOWN_FIELD', ['range', 0]],
  ];
  it.each(BAD)('refuses %s, naming the place and never the text given', async (_name, spec, code, path) => {
    let caught: unknown;
    try {
      await deals.aggregate({}, spec as AggregateSpec);
    } catch (error) {
      caught = error;
    }
    expect(isCrmError(caught)).toBe(true);
    expect(caught).toMatchObject(path.length > 0 ? { code, issues: [{ path }] } : { code });
    expect((caught as Error).message).not.toMatch(/nickname|Bad-Code|having|contactIds/);
  });

  it('refuses a gap in a list of fields', async () => {
    // eslint-disable-next-line no-sparse-arrays -- the gap is what is tested
    expect(await codeOf(() => deals.aggregate({}, { groupBy: [, 'stageId'] as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => deals.aggregate({}, { sum: new Array<string>(2) }))).toBe('INVALID_ARGUMENT');
  });

  it('ignores the order and the page of the query: a cursor cuts no record away', async () => {
    const { store } = storeOver(RECORDS);
    const groups = await store.repository('deal').aggregate({ sort: [{ field: 'title', direction: 'asc' }], limit: 1, cursor: 'anything' }, {});
    expect(groups[0]?.count).toBe(RECORDS.length);
  });

  it('checks the query as find does', async () => {
    expect(await codeOf(() => deals.aggregate({ where: [{ field: 'nickname', op: 'eq', value: 'x' }] }, {}))).toBe('UNKNOWN_FIELD');
  });
});
