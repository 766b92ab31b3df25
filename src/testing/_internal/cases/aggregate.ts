import * as assert from '../assert.js';
import type { AggregateSpec, Query, StoreCapabilities } from '../../../store/index.js';
import { foldAggregate, normalizeAggregateSpec } from '../../../store/index.js';
import { AGGREGATE_DEALS, deal } from '../fixtures.js';
import type { CaseContext, CaseDefinition } from '../harness.js';
import { assertRejectsWith, assertSameData, insertAll } from '../harness.js';

// The aggregation capability: a store declaring it answers `aggregate` in its database, and the
// answer MUST equal what the library folds from the store's own stream. A store without it folds
// its stream, so there is nothing of the adapter's to check.

const needsAggregate = (capabilities: StoreCapabilities): string | undefined =>
  capabilities.aggregate === true ? undefined : 'capabilities.aggregate is not true (Repository.aggregate folds the stream)';

const SPECS: readonly (readonly [string, AggregateSpec])[] = [
  ['by stage, sums and ranges', { groupBy: ['stageId'], sum: ['amount'], range: ['createdAt', 'closedAt'] }],
  ['by person and probability', { groupBy: ['assignedById', 'probability'], sum: ['amount', 'custom.margin'] }],
  ['by boolean and day', { groupBy: ['opened', 'expectedCloseDate'], range: ['custom.signed_at'] }],
  ['by custom values of every kind', { groupBy: ['custom.tier', 'custom.seats'], sum: ['custom.margin'] }],
  ['by a field no deal holds', { groupBy: ['source', 'custom.absent'], sum: ['taxAmount', 'custom.absent'], range: ['custom.absent'] }],
  ['without groupings', { sum: ['amount', 'custom.margin'], range: ['closedAt'] }],
];

const QUERIES: readonly (readonly [string, Query])[] = [
  ['every deal', {}],
  ['a filter', { where: [{ field: 'stageId', op: 'in', value: ['NEW', 'WON', 'Ñandú 🦜'] }] }],
  ['a record scope', { scope: { kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-max'], includeOpened: false } }],
  ['a filter on a custom field', { where: [{ field: 'custom.tier', op: 'eq', value: 'gold' }] }],
];

async function assertSameAsFold(context: CaseContext, query: Query, spec: AggregateSpec, what: string): Promise<void> {
  const deals = context.repository('deal');
  const expected = await foldAggregate(deals.stream(query), normalizeAggregateSpec(spec, 'deal'));
  assertSameData(await deals.aggregate(query, spec), expected, `${what}: aggregate gives what the fold of the store's own stream gives`);
}

export const AGGREGATE_CASES: readonly CaseDefinition[] = [
  {
    name: "aggregate: every grouping, sum and range equals the fold of the store's own stream",
    unsupported: needsAggregate,
    run: async (context) => {
      await insertAll(context.repository('deal'), AGGREGATE_DEALS);
      for (const [specName, spec] of SPECS) {
        for (const [queryName, query] of QUERIES) await assertSameAsFold(context, query, spec, `${specName}, over ${queryName}`);
      }
    },
  },
  {
    name: 'aggregate: groups, counts, exact sums per currency and ranges are the ones the records give',
    unsupported: needsAggregate,
    run: async (context) => {
      await insertAll(context.repository('deal'), AGGREGATE_DEALS);
      const groups = await context.repository('deal').aggregate({ where: [{ field: 'stageId', op: 'in', value: ['NEW', 'PROPOSAL'] }] }, { groupBy: ['stageId'], sum: ['amount'], range: ['closedAt'] });
      assertSameData(
        groups,
        [
          { key: ['NEW'], count: 3, sums: { amount: [{ amount: '99.515', currency: 'EUR' }] }, ranges: { closedAt: { min: AGGREGATE_DEALS[0]?.closedAt, max: AGGREGATE_DEALS[0]?.closedAt } } },
          {
            key: ['PROPOSAL'],
            count: 2,
            sums: { amount: [{ amount: '12345678901234567890123456789012345678901234567890.50', currency: 'EUR' }, { amount: '1500', currency: 'JPY' }] },
            ranges: { closedAt: { min: AGGREGATE_DEALS[3]?.closedAt, max: AGGREGATE_DEALS[3]?.closedAt } },
          },
        ],
        'groups by key, counts, sums exact and canonical by currency code, ranges of the instants held',
      );
      const custom = await context.repository('deal').aggregate({}, { groupBy: ['custom.seats'] });
      assertSameData(
        custom.map((group) => [group.key[0], group.count]),
        [[0, 2], [5e-7, 1], [2.5, 1], [3, 2], [1e21, 1], [null, 2]],
        'custom numbers group by value (-0 with 0), numbers ascending, no value last',
      );
    },
  },
  {
    name: 'aggregate: without groupings there is exactly one group, with count 0 when nothing matches',
    unsupported: needsAggregate,
    run: async (context) => {
      const deals = context.repository('deal');
      assertSameData(await deals.aggregate({}, { sum: ['amount'], range: ['closedAt'] }), [{ key: [], count: 0, sums: { amount: [] }, ranges: { closedAt: null } }], 'an empty table');
      await insertAll(deals, AGGREGATE_DEALS);
      assertSameData(await deals.aggregate({ where: [{ field: 'stageId', op: 'eq', value: 'nowhere' }] }, {}), [{ key: [], count: 0, sums: {}, ranges: {} }], 'a query nothing matches');
      assertSameData(await deals.aggregate({}, { groupBy: ['stageId'], sum: ['amount'] }).then((groups) => groups.length), 5, 'one group per stage met, none for a stage no deal has');
      const page = await deals.find({ sort: [{ field: 'stageId', direction: 'asc' }], limit: 2 });
      assert.ok(page.nextCursor !== undefined, 'nine deals make more than one page of two');
      assert.equal((await deals.aggregate({ sort: [{ field: 'stageId', direction: 'asc' }], limit: 2, cursor: page.nextCursor }, {}))[0]?.count, AGGREGATE_DEALS.length, "a query's order and page are ignored: the cursor cuts no record away");
      assert.equal((await deals.aggregate({ where: [{ field: 'stageId', op: 'eq', value: 'nowhere' }] }, { groupBy: ['stageId'] })).length, 0, 'with groupings, no group when nothing matches');
    },
  },
  {
    name: "aggregate: inside a unit of work it sees the unit's writes, and outside only those of units that resolved",
    unsupported: (capabilities) => needsAggregate(capabilities) ?? (capabilities.transactions ? undefined : 'capabilities.transactions is false'),
    run: async (context) => {
      const deals = context.repository('deal');
      await insertAll(deals, AGGREGATE_DEALS.slice(0, 2));
      const countOf = async (groups: Promise<readonly { readonly count: number }[]>): Promise<number | undefined> => (await groups)[0]?.count;
      await context.store.transaction(async (unit) => {
        await unit.repository('deal').insert(deal('a-unit', { stageId: 'NEW' }));
        assert.equal(await countOf(unit.repository('deal').aggregate({}, {})), 3, 'the unit counts its own insert');
      });
      assert.equal(await countOf(deals.aggregate({}, {})), 3, 'once the unit resolves its insert is counted');
      class Undo extends Error {}
      await context.store
        .transaction(async (unit) => {
          await unit.repository('deal').insert(deal('a-undone', { stageId: 'NEW' }));
          throw new Undo();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Undo)) throw error;
        });
      assert.equal(await countOf(deals.aggregate({}, {})), 3, 'the insert of a unit that rejected is never counted');
    },
  },
  {
    name: 'aggregate: a field that cannot group, sum or range is refused before the adapter is asked',
    unsupported: needsAggregate,
    run: async (context) => {
      const deals = context.repository('deal');
      await assertRejectsWith(() => deals.aggregate({}, { groupBy: ['amount'] }), 'UNKNOWN_FIELD', 'money does not group');
      await assertRejectsWith(() => deals.aggregate({}, { sum: ['title'] }), 'UNKNOWN_FIELD', 'text is not summed');
      await assertRejectsWith(() => deals.aggregate({}, { range: ['expectedCloseDate'] }), 'UNKNOWN_FIELD', 'a calendar day is not an instant');
      await assertRejectsWith(() => deals.aggregate({}, { groupBy: ['stageId', 'stageId'] }), 'INVALID_ARGUMENT', 'a field named twice');
    },
  },
];
