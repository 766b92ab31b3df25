import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from 'crm-kit/memory';
import { arbDeal } from 'crm-kit/testing';
import { addMoney, money } from 'crm-kit';
import type { AggregateGroup, AggregateSpec, Deal, Money } from 'crm-kit';

const deals = fc.uniqueArray(arbDeal, { selector: (deal) => deal.id, maxLength: 40 });
const groupings = fc.subarray(['stageId', 'assignedById', 'probability', 'opened', 'expectedCloseDate', 'source'], { maxLength: 3 });

/** The per-currency totals of a list of groups' sums of one field. */
function totals(groups: readonly AggregateGroup[], field: string): Map<string, Money> {
  const out = new Map<string, Money>();
  for (const group of groups) {
    for (const amount of group.sums[field] ?? []) {
      const known = out.get(amount.currency);
      out.set(amount.currency, known === undefined ? amount : addMoney(known, amount));
    }
  }
  return out;
}

async function aggregateOf(records: readonly Deal[], spec: AggregateSpec): Promise<readonly AggregateGroup[]> {
  const store = createMemoryStore();
  await store.repository('deal').insertMany(records);
  return store.repository('deal').aggregate({}, spec);
}

describe('Repository.aggregate (property)', () => {
  it('puts every record in exactly one group, and the groups add up to the whole: counts, sums per currency, ranges', async () => {
    await fc.assert(
      fc.asyncProperty(deals, groupings, async (records, groupBy) => {
        const spec = { groupBy, sum: ['amount', 'taxAmount'], range: ['closedAt', 'lastActivityAt'] };
        const [whole] = await aggregateOf(records, { sum: spec.sum, range: spec.range });
        const groups = await aggregateOf(records, spec);
        expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(records.length);
        expect(whole?.count).toBe(records.length);
        for (const field of spec.sum) expect([...totals(groups, field)].sort()).toEqual([...totals(whole === undefined ? [] : [whole], field)].sort());
        for (const field of spec.range) {
          const ranges = groups.flatMap((group) => group.ranges[field] ?? []);
          const wholeRange = whole?.ranges[field] ?? null;
          expect(ranges.length === 0 ? null : { min: Math.min(...ranges.map((r) => r.min.getTime())), max: Math.max(...ranges.map((r) => r.max.getTime())) }).toEqual(
            wholeRange === null ? null : { min: wholeRange.min.getTime(), max: wholeRange.max.getTime() },
          );
        }
      }),
    );
  });

  it('gives each group the records whose values are its key, and the exact sum of their amounts', async () => {
    await fc.assert(
      fc.asyncProperty(deals, groupings, async (records, groupBy) => {
        const groups = await aggregateOf(records, { groupBy, sum: ['amount'] });
        const keyOf = (record: Readonly<Record<string, unknown>>): string => JSON.stringify(groupBy.map((field) => record[field] ?? null));
        for (const group of groups) {
          const members = records.filter((record) => keyOf(record as unknown as Readonly<Record<string, unknown>>) === JSON.stringify(group.key));
          expect(group.count).toBe(members.length);
          const expected = new Map<string, Money>();
          for (const { amount } of members) {
            if (amount === undefined) continue;
            const known = expected.get(amount.currency);
            expected.set(amount.currency, known === undefined ? money(amount.amount, amount.currency) : addMoney(known, amount));
          }
          expect(group.sums.amount).toEqual([...expected.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)));
        }
      }),
    );
  });
});
