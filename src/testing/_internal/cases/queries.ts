import * as assert from '../assert.js';
import type { RecordScope } from '../../../access/index.js';
import { isInScope } from '../../../access/index.js';
import type { Contact, Deal } from '../../../entities/index.js';
import type { Query, SortKey } from '../../../store/index.js';
import { at, contact, deal } from '../fixtures.js';
import type { CaseContext, CaseDefinition } from '../harness.js';
import { assertSameData, drain, idsOf, insertAll, walkPages } from '../harness.js';

// Deals over two pipelines, three owners and both `opened` values.
const SCOPE_DEALS: readonly Deal[] = ['u-ana', 'u-leo', 'u-max'].flatMap((owner, o) =>
  [false, true].flatMap((opened, p) =>
    ['sales', 'vip'].map((pipelineId, q) =>
      deal(`s${o}${p}${q}`, { assignedById: owner, opened, pipelineId, createdAt: at(o * 4 + p * 2 + q) }),
    ),
  ),
);

const SCOPES: readonly (readonly [string, RecordScope])[] = [
  ['all', { kind: 'all' }],
  ['none', { kind: 'none' }],
  ['restricted', { kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-max'], includeOpened: false }],
  ['restricted with opened records', { kind: 'restricted', assignedToAnyOf: ['u-leo'], includeOpened: true }],
  [
    'byPipeline',
    {
      kind: 'byPipeline',
      pipelines: [
        { pipelineId: 'sales', scope: { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: true } },
        { pipelineId: 'vip', scope: { kind: 'none' } },
      ],
      otherPipelines: { kind: 'all' },
    },
  ],
];

// Ties on every key but the last, so that each key and the id tiebreak all decide somewhere.
const SORT_CONTACTS: readonly Contact[] = [
  contact('k6', { type: 'B', firstName: 'Eva', createdAt: at(2), custom: { seats: 9 } }),
  contact('k1', { type: 'A', firstName: 'Eva', createdAt: at(1), custom: { seats: 10 } }),
  contact('k4', { type: 'B', firstName: 'Ana', createdAt: at(2), custom: { seats: 100 } }),
  contact('k3', { type: 'A', firstName: 'Ana', createdAt: at(3), custom: { seats: 9 } }),
  contact('k5', { type: 'A', firstName: 'Ana', createdAt: at(3), custom: { seats: 10 } }),
  contact('k2', { type: 'B', firstName: 'Ana', createdAt: at(1), custom: { seats: 2 } }),
  contact('k7', { type: 'A', firstName: 'eva', createdAt: at(1), custom: { seats: 2 } }),
];

function valueAt(record: Contact, field: string): string | number {
  const value: unknown = field.startsWith('custom.') ? record.custom[field.slice('custom.'.length)] : record[field as keyof Contact];
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new Error(`no sortable value at ${field}`);
}

/** The order a query's sort asks for, with `id` ascending last. */
function sortedIds(records: readonly Contact[], sort: readonly SortKey[]): string[] {
  const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...records]
    .sort((x, y) => {
      for (const { field, direction } of sort) {
        const order = compare(valueAt(x, field), valueAt(y, field));
        if (order !== 0) return direction === 'asc' ? order : -order;
      }
      return compare(x.id, y.id);
    })
    .map((record) => record.id);
}

function sortCase(name: string, sort: readonly SortKey[], needsCustom = false): CaseDefinition {
  return {
    name,
    ...(needsCustom ? { unsupported: (capabilities) => (capabilities.customFieldFilters ? undefined : 'capabilities.customFieldFilters is false') } : {}),
    run: async (context) => {
      const repository = context.repository('contact');
      await insertAll(repository, SORT_CONTACTS);
      const expected = sortedIds(SORT_CONTACTS, sort);
      const limit = Math.min(SORT_CONTACTS.length, context.store.capabilities.maxPageSize);
      assert.deepStrictEqual(idsOf((await repository.find({ sort, limit })).items), expected.slice(0, limit), 'the first page');
      assert.deepStrictEqual(idsOf(await walkPages(repository, { sort, limit: 2 })), expected, 'pages of 2');
      assert.deepStrictEqual(idsOf(await drain(repository.stream({ sort }))), expected, 'stream');
    },
  };
}

// Walks the pages of `query`, changing other records between pages; every record present for
// the whole walk must come exactly once, in order, and no record may come twice.
async function walkWhileChanging(
  context: CaseContext,
  query: Query,
  sort: readonly SortKey[],
): Promise<void> {
  const repository = context.repository('contact');
  const stable = Array.from({ length: 12 }, (_, i) =>
    contact(`m${String(i * 2 + 10)}`, { type: i % 2 === 0 ? 'A' : 'B', createdAt: at(10 * (i % 5)), firstName: `P${i % 3}` }),
  );
  const doomed = Array.from({ length: 8 }, (_, i) =>
    contact(`m${String(i * 2 + 11)}`, { type: i % 2 === 0 ? 'B' : 'A', createdAt: at(10 * (i % 5) + 5), firstName: `P${i % 3}` }),
  );
  await insertAll(repository, [...stable, ...doomed]);
  const seen: string[] = [];
  const doomedLeft = doomed.map((record) => record.id);
  let cursor: string | undefined;
  let round = 0;
  for (; round < 100; round += 1) {
    const page = await repository.find({ ...query, sort, cursor });
    assert.ok(page.items.length <= (query.limit ?? Number.POSITIVE_INFINITY), 'a page holds at most limit records');
    seen.push(...idsOf(page.items));
    if (page.nextCursor === undefined) break;
    cursor = page.nextCursor;
    // New records sorting before every other (in all three orders used here), among and after
    // the ones still to come; only for a few pages, so that the walk ends whatever the order.
    if (round < 6) {
      const tag = String(round).padStart(3, '0');
      await insertAll(repository, [
        contact(`a${tag}`, { type: 'C', createdAt: at(-5), firstName: 'P0' }),
        contact(`b${tag}`, { type: 'C', createdAt: at(-4), firstName: 'P0' }),
        contact(`n${tag}`, { type: 'B', createdAt: at(25), firstName: 'P1' }),
        contact(`z${tag}`, { type: 'A', createdAt: at(99), firstName: 'P2' }),
      ]);
    }
    // Deletes a record still to come, then one already seen, in turn.
    const victim = round % 2 === 0 ? doomedLeft.find((id) => !seen.includes(id)) : doomedLeft.find((id) => seen.includes(id));
    if (victim !== undefined) {
      doomedLeft.splice(doomedLeft.indexOf(victim), 1);
      await repository.delete(victim);
    }
  }
  assert.ok(round < 100, 'the walk ends');
  assert.equal(new Set(seen).size, seen.length, `no record comes twice: ${seen.join(', ')}`);
  const stableIds = new Set(idsOf(stable));
  const stableSeen = seen.filter((id) => stableIds.has(id));
  assert.deepStrictEqual(stableSeen, sortedIds(stable, sort), 'every record present throughout comes once, in order');
}

/** Scope, sorting, pagination, counting and streaming. */
export const QUERY_CASES: readonly CaseDefinition[] = [
  ...SCOPES.map(
    ([label, scope]): CaseDefinition => ({
      name: `scope: find, count and stream keep to a scope of kind ${label}`,
      run: async (context) => {
        const repository = context.repository('deal');
        await insertAll(repository, SCOPE_DEALS);
        const expected = SCOPE_DEALS.filter((record) => isInScope(scope, record)).map((record) => record.id).sort();
        assert.deepStrictEqual(idsOf(await walkPages(repository, { scope, limit: 3 })).sort(), expected, 'find');
        assert.equal(await repository.count({ scope }), expected.length, 'count');
        assert.deepStrictEqual(idsOf(await drain(repository.stream({ scope }))).sort(), expected, 'stream');
      },
    }),
  ),
  {
    name: 'scope: a scope and clauses both hold',
    unsupported: (capabilities) => (capabilities.operators.includes('eq') ? undefined : 'needs the operator eq'),
    run: async (context) => {
      const repository = context.repository('deal');
      await insertAll(repository, SCOPE_DEALS);
      const scope: RecordScope = { kind: 'restricted', assignedToAnyOf: ['u-leo'], includeOpened: true };
      const query: Query = { scope, where: [{ field: 'pipelineId', op: 'eq', value: 'vip' }] };
      const expected = SCOPE_DEALS.filter((record) => isInScope(scope, record) && record.pipelineId === 'vip').map((record) => record.id);
      assert.deepStrictEqual(idsOf(await walkPages(repository, query)).sort(), expected.sort());
      assert.equal(await repository.count(query), expected.length);
    },
  },
  sortCase('sorting: without a sort, records come in id order', []),
  sortCase('sorting: one key descending, then id ascending', [{ field: 'firstName', direction: 'desc' }]),
  sortCase('sorting: several keys in both directions, then id', [
    { field: 'type', direction: 'asc' },
    { field: 'createdAt', direction: 'desc' },
    { field: 'firstName', direction: 'asc' },
  ]),
  sortCase('sorting: a custom number field sorts as numbers', [{ field: 'custom.seats', direction: 'asc' }], true),
  {
    name: 'pagination: pages hold at most limit records and the walk finds every record once',
    run: async (context) => {
      const repository = context.repository('contact');
      await insertAll(repository, SORT_CONTACTS);
      for (const limit of [1, 2, 3, 7, 8].filter((size) => size <= context.store.capabilities.maxPageSize)) {
        const first = await repository.find({ limit });
        assert.ok(first.items.length <= limit, `a page of limit ${limit} holds ${first.items.length}`);
        assert.deepStrictEqual(idsOf(await walkPages(repository, { limit })), sortedIds(SORT_CONTACTS, []), `walking pages of ${limit}`);
      }
      const empty = await context.repository('company').find({ limit: 5 });
      assert.deepStrictEqual(empty.items, [], 'an empty repository gives an empty page');
      assert.equal(empty.nextCursor, undefined, 'and no cursor');
    },
  },
  {
    name: 'pagination: walking by creation time neither repeats nor skips while others are inserted and deleted',
    run: (context) => walkWhileChanging(context, { limit: 3 }, [{ field: 'createdAt', direction: 'asc' }]),
  },
  {
    name: 'pagination: walking a descending multi-key sort with ties neither repeats nor skips while others change',
    run: (context) =>
      walkWhileChanging(context, { limit: 2 }, [
        { field: 'type', direction: 'desc' },
        { field: 'firstName', direction: 'asc' },
        { field: 'createdAt', direction: 'desc' },
      ]),
  },
  {
    name: 'pagination: walking in id order neither repeats nor skips while others are inserted and deleted',
    run: (context) => walkWhileChanging(context, { limit: 4 }, []),
  },
  {
    name: 'capabilities: a page never holds more than maxPageSize records',
    run: async (context) => {
      const max = context.store.capabilities.maxPageSize;
      const total = Math.min(max + 1, 1001);
      const repository = context.repository('contact');
      await insertAll(repository, Array.from({ length: total }, (_, i) => contact(`p${String(i).padStart(5, '0')}`)));
      const page = await repository.find({ limit: max });
      assert.ok(page.items.length <= max, `a page of ${page.items.length} records is above maxPageSize ${max}`);
      assert.equal((await walkPages(repository, { limit: max })).length, total, 'the walk finds every record');
    },
  },
  {
    name: 'count: counts the records of the query, whatever its sort, limit and cursor',
    run: async (context) => {
      const repository = context.repository('contact');
      assert.equal(await repository.count({}), 0, 'an empty repository');
      await insertAll(repository, SORT_CONTACTS);
      await context.repository('deal').insert(deal('d1'));
      assert.equal(await repository.count({}), SORT_CONTACTS.length);
      const first = await repository.find({ limit: 2 });
      assert.equal(
        await repository.count({ limit: 1, sort: [{ field: 'firstName', direction: 'desc' }], cursor: first.nextCursor }),
        SORT_CONTACTS.length,
      );
      await repository.delete('k1');
      assert.equal(await repository.count({}), SORT_CONTACTS.length - 1, 'after a delete');
    },
  },
  {
    name: 'stream: yields every record of the query in its order, beyond one page',
    run: async (context) => {
      const repository = context.repository('contact');
      const total = Math.min(context.store.capabilities.maxPageSize + 5, 2005);
      const records = Array.from({ length: total }, (_, i) => contact(`q${String(total - i).padStart(5, '0')}`, { createdAt: at(i % 7) }));
      await insertAll(repository, records);
      const sort: readonly SortKey[] = [{ field: 'createdAt', direction: 'desc' }];
      const streamed = await drain(repository.stream({ sort }));
      assert.deepStrictEqual(idsOf(streamed), sortedIds(records, sort));
      assertSameData(
        streamed.find((record) => record.id === 'q00001'),
        records.find((record) => record.id === 'q00001'),
        'streamed records are whole',
      );
      assert.deepStrictEqual(await drain(context.repository('lead').stream({})), [], 'an empty repository streams nothing');
    },
  },
];
