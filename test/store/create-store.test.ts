import { describe, expect, it } from 'vitest';
import { AdapterError, ConflictError, createStore, FILTER_OPERATORS, isCrmError } from 'crm-kit';
import type { AdapterScope, EventLogAdapter, RepositoryAdapter, StoreAdapter } from 'crm-kit';

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
    expect(store.capabilities).toEqual({ ...broken.capabilities, matchKeys: false });
  });
});

describe('createStore refuses text a database would refuse', () => {
  it('in an id, with INVALID_TEXT, before the adapter is asked', async () => {
    const store = createStore(broken);
    expect(isCrmError(await caught(() => store.repository('deal').get('a\u0000b')), 'INVALID_TEXT')).toBe(true);
    expect(isCrmError(await caught(() => store.repository('deal').delete('\uD800')), 'INVALID_TEXT')).toBe(true);
  });
});
