import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMoney, classicFunnel, conversionFunnel, createRateTable, DEFAULT_DEAL_PIPELINE, inReportingPeriod, isForgotten, money, salesMetrics, salesReport } from 'crm-kit';
import type { Money, ReportActivity, ReportDeal, SalesFigures } from 'crm-kit';
import { codeOfAsync } from '../support/errors.js';

const period = { from: '2026-03-01', to: '2026-03-31', timeZone: 'America/New_York' } as const;
// JPY has no rate: its amounts are counted apart.
const rates = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.9137', from: '2026-01-01' }, { currency: 'USD', amount: '0.8811', from: '2026-03-15' }] });
const options = { period, pipelines: [DEFAULT_DEAL_PIPELINE], currency: 'EUR', rates, reportDate: '2026-04-02' } as const;
const STAGES = DEFAULT_DEAL_PIPELINE.stages.map((stage) => stage.id);
const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

const dealArb = (id: number): fc.Arbitrary<ReportDeal> =>
  fc
    .record({
      stage: fc.constantFrom(...STAGES),
      created: fc.integer({ min: 0, max: 120 * DAY }),
      life: fc.integer({ min: 0, max: 60 * DAY }),
      cents: fc.integer({ min: -10_000, max: 10_000_000 }),
      currency: fc.constantFrom('EUR', 'USD', 'JPY'),
      probability: fc.integer({ min: 0, max: 100 }),
      owner: fc.constantFrom('ana', 'leo', undefined),
      passed: fc.subarray(STAGES.slice(0, 4)),
    })
    .map(({ stage, created, life, cents, currency, probability, owner, passed }) => {
      const closed = stage === 'WON' || stage === 'LOST';
      const end = new Date(START + created + life);
      const history = [...passed, stage].map((stageId, at) => ({ pipelineId: 'default', stageId, at: new Date(START + created + Math.floor((life * at) / (passed.length + 1))) }));
      return {
        id: `d${id}`,
        pipelineId: 'default',
        stageId: stage,
        createdAt: new Date(START + created),
        updatedAt: end,
        closed,
        ...(closed ? { closedAt: end } : {}),
        amount: money(currency === 'JPY' ? String(cents) : (cents / 100).toFixed(2), currency),
        probability,
        ...(owner === undefined ? {} : { assignedById: owner }),
        history,
      };
    });

const dealsArb = fc.integer({ min: 0, max: 25 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, id) => dealArb(id))));
const activitiesArb = (deals: number): fc.Arbitrary<ReportActivity[]> =>
  fc.array(
    fc.record({ deal: fc.integer({ min: 0, max: Math.max(0, deals - 1) }), at: fc.integer({ min: 0, max: 120 * DAY }), type: fc.constantFrom('call', 'task'), completed: fc.boolean() }).map(({ deal, at, type, completed }) => ({
      type,
      createdAt: new Date(START + at),
      completed,
      ...(completed ? { completedAt: new Date(START + at) } : {}),
      bindings: [{ entityType: 'deal', id: `d${deal}` }],
    })),
    { maxLength: 30 },
  );

// A list handed over as a store hands a stream over: one item at a time, asynchronously.
async function* streamOf<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

const plus = (amounts: readonly Money[]): Money => amounts.reduce((sum, amount) => addMoney(sum, amount), money('0', 'EUR'));
const sumOf = (list: readonly SalesFigures[], pick: (figures: SalesFigures) => Money): Money => plus(list.map(pick));

describe('salesReport', () => {
  it('every grouping adds up to the total exactly: counts, won, lost, open and weighted amounts', async () => {
    await fc.assert(
      fc.asyncProperty(dealsArb, async (deals) => {
        const report = await salesReport({ deals }, { ...options, groupBy: ['stage', 'responsible', { unit: 'week' }, { unit: 'month', of: 'createdAt' }, { field: 'probability' }] });
        for (const grouping of report.groupings) {
          const groups = grouping.groups.map((group) => group.figures);
          expect(sumOf(groups, (figures) => figures.won.amount)).toEqual(report.total.won.amount);
          expect(sumOf(groups, (figures) => figures.lost.amount)).toEqual(report.total.lost.amount);
          expect(sumOf(groups, (figures) => figures.open.amount)).toEqual(report.total.open.amount);
          expect(sumOf(groups, (figures) => figures.open.weighted)).toEqual(report.total.open.weighted);
          expect(groups.reduce((sum, figures) => sum + figures.won.count + figures.lost.count + figures.open.count, 0)).toBe(report.deals.inPeriod);
        }
      }),
    );
  });

  it('gives the figures of the per-deal rules: the period rule, forgotten deals, both funnels and the sales metrics', async () => {
    await fc.assert(
      fc.asyncProperty(
        dealsArb.chain((deals) => fc.tuple(fc.constant(deals), activitiesArb(deals.length))),
        async ([deals, activities]) => {
          const report = await salesReport({ deals, activities: streamOf(activities) }, options);
          const of = (deal: ReportDeal): ReportActivity[] => activities.filter((activity) => activity.bindings?.some((binding) => binding.id === deal.id));
          const inPeriod = deals.filter((deal) => inReportingPeriod(deal, period, of(deal)));
          const open = inPeriod.filter((deal) => deal.closed !== true);
          const forgotten = open.filter((deal) => isForgotten(deal, period, { activities: of(deal), stageChanges: (deal.history ?? []).slice(1).map((entry) => entry.at) }));
          expect(report.deals).toEqual({ read: deals.length, inPeriod: inPeriod.length, forgotten: forgotten.length });
          expect(report.funnels[0]?.classic).toEqual(classicFunnel(inPeriod, DEFAULT_DEAL_PIPELINE));
          expect(report.funnels[0]?.conversion).toEqual(conversionFunnel(inPeriod, DEFAULT_DEAL_PIPELINE));
          const metrics = salesMetrics(inPeriod, options);
          expect([report.total, report.byCurrency, report.ratesUsed, report.unconverted]).toEqual([metrics.total, metrics.byCurrency, metrics.ratesUsed, metrics.unconverted]);
        },
      ),
    );
  });

  it('refuses malformed input with INVALID_ARGUMENT, and stops with the signal’s reason', async () => {
    expect(await codeOfAsync(() => salesReport({ deals: 42 } as never, options))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => salesReport({ deals: [{ id: 'x' }] } as never, options))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => salesReport({ deals: [], activities: [{ type: 'call' }] } as never, options))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => salesReport({ deals: [] }, { ...options, groupBy: [{ field: '' }] }))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => salesReport({ deals: [] }, { ...options, groupBy: [{ unit: 'fortnight' }] } as never))).toBe('INVALID_ARGUMENT');
    const reason = new Error('stop');
    const many = Array.from({ length: 3000 }, () => ({ type: 'call', createdAt: new Date(START) }));
    await expect(salesReport({ deals: [], activities: many }, { ...options, signal: { aborted: true, reason } })).rejects.toBe(reason);
  });
});
