import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRateTable, DEFAULT_DEAL_PIPELINE, money, salesMetrics, sumMoney } from 'crm-kit';
import type { MetricsDeal, SalesFigures } from 'crm-kit';
import { codeOf } from '../support/errors.js';

const RATES = createRateTable({
  base: 'EUR',
  rates: [
    { currency: 'USD', amount: '0.90', from: '2026-01-01' },
    { currency: 'USD', amount: '0.95', from: '2026-03-01' },
    { currency: 'JPY', amount: '0.61', nominal: 100, from: '2026-01-01' },
  ],
});
const OPTIONS = { pipelines: [DEFAULT_DEAL_PIPELINE], currency: 'EUR', rates: RATES, reportDate: '2026-03-31' } as const;
const STAGES = DEFAULT_DEAL_PIPELINE.stages.map((stage) => stage.id);

const arbDeal = fc
  .record({
    id: fc.uuid(),
    stageId: fc.constantFrom(...STAGES),
    amount: fc.option(fc.record({ units: fc.integer({ min: 0, max: 10_000_000 }), currency: fc.constantFrom('EUR', 'USD', 'JPY', 'GBP') }), { nil: undefined }),
    probability: fc.integer({ min: 0, max: 100 }),
    created: fc.integer({ min: 0, max: 60 }),
    lasted: fc.integer({ min: 0, max: 60 }),
    owner: fc.constantFrom('u-ana', 'u-leo', 'u-max'),
  })
  .map(({ id, stageId, amount, probability, created, lasted, owner }): MetricsDeal & { readonly assignedById: string } => {
    const createdAt = new Date(Date.UTC(2026, 0, 1 + created));
    const final = stageId === 'WON' || stageId === 'LOST';
    const units = amount === undefined ? undefined : amount.currency === 'JPY' ? String(amount.units) : (amount.units / 100).toFixed(2);
    return {
      id,
      pipelineId: 'default',
      stageId,
      probability,
      createdAt,
      assignedById: owner,
      ...(final ? { closedAt: new Date(createdAt.getTime() + lasted * 86_400_000) } : {}),
      ...(amount === undefined || units === undefined ? {} : { amount: money(units, amount.currency) }),
    };
  });

const add = (figures: readonly SalesFigures[], pick: (figures: SalesFigures) => { amount: string; currency: string }) => sumMoney(figures.map(pick), 'EUR').amount;

describe('salesMetrics', () => {
  it('splits deals into groups whose counts and converted amounts add up to the total exactly', () => {
    fc.assert(
      fc.property(fc.array(arbDeal, { maxLength: 40 }), (deals) => {
        const report = salesMetrics(deals, { ...OPTIONS, groupBy: (deal) => deal.assignedById });
        const groups = report.groups.map((group) => group.figures);
        for (const outcome of ['won', 'lost', 'open'] as const) {
          expect(groups.reduce((sum, figures) => sum + figures[outcome].count, 0)).toBe(report.total[outcome].count);
          expect(add(groups, (figures) => figures[outcome].amount)).toBe(report.total[outcome].amount.amount);
        }
        expect(add(groups, (figures) => figures.open.weighted)).toBe(report.total.open.weighted.amount);
        expect(report.total.won.count + report.total.lost.count + report.total.open.count).toBe(deals.length);
      }),
    );
  });

  it('never sums an amount it could not convert: it is counted, and listed apart in its own currency', () => {
    const deals: MetricsDeal[] = [
      { id: '1', pipelineId: 'default', stageId: 'WON', createdAt: new Date('2026-01-02T00:00:00Z'), closedAt: new Date('2026-02-02T00:00:00Z'), amount: money('100.00', 'GBP') },
      { id: '2', pipelineId: 'default', stageId: 'WON', createdAt: new Date('2026-01-02T00:00:00Z'), closedAt: new Date('2026-02-02T00:00:00Z'), amount: money('100.00', 'EUR') },
    ];
    const report = salesMetrics(deals, OPTIONS);
    expect([report.total.won.count, report.total.won.amount.amount, report.total.averageDealSize?.amount]).toEqual([2, '100.00', '100.00']);
    expect(report.unconverted).toEqual([{ currency: 'GBP', deals: 1, amount: { amount: '100.00', currency: 'GBP' } }]);
    expect(report.byCurrency.map((row) => [row.currency, row.won.amount])).toEqual([['EUR', '100.00'], ['GBP', '100.00']]);
  });

  it('converts closed deals at their close date, open ones at the report date, or every one at the report date', () => {
    const won: MetricsDeal = { id: '1', pipelineId: 'default', stageId: 'WON', createdAt: new Date('2026-01-02T00:00:00Z'), closedAt: new Date('2026-02-02T00:00:00Z'), amount: money('100.00', 'USD') };
    expect(salesMetrics([won], OPTIONS).total.won.amount.amount).toBe('90.00');
    expect(salesMetrics([won], { ...OPTIONS, policy: { kind: 'rateOnReportDate' } }).total.won.amount.amount).toBe('95.00');
    const fixed = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.50', from: '2000-01-01' }] });
    expect(salesMetrics([won], { ...OPTIONS, policy: { kind: 'fixedRates', rates: fixed } }).total.won.amount.amount).toBe('50.00');
  });

  it('averages in whole cents, halves away from zero, with no float step (0.15 over 6 deals is 0.03)', () => {
    const deals = ['0.01', '0.02', '0.03', '0.04', '0.05', '0.00'].map((amount, at): MetricsDeal => ({ id: String(at), pipelineId: 'default', stageId: 'WON', createdAt: new Date('2026-01-02T00:00:00Z'), closedAt: new Date('2026-01-03T00:00:00Z'), amount: money(amount, 'EUR') }));
    expect(salesMetrics(deals, OPTIONS).total.averageDealSize).toEqual({ amount: '0.03', currency: 'EUR' });
  });

  it('leaves out the deals of other pipelines and of stages no pipeline has', () => {
    const deal: MetricsDeal = { id: '1', pipelineId: 'other', stageId: 'WON', createdAt: new Date('2026-01-02T00:00:00Z') };
    const report = salesMetrics([deal, { ...deal, id: '2', pipelineId: 'default', stageId: 'GONE' }], OPTIONS);
    expect(report.total.won.count + report.total.lost.count + report.total.open.count).toBe(0);
    expect([report.total.winRate, report.total.averageDealSize, report.total.cycle.medianMs]).toEqual([null, null, null]);
  });

  it('refuses malformed options and deals with typed errors', () => {
    expect(codeOf(() => salesMetrics([], { ...OPTIONS, currency: 'XXX1' }))).not.toBe('no error');
    expect(codeOf(() => salesMetrics([], { ...OPTIONS, reportDate: '31/03/2026' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => salesMetrics([], { ...OPTIONS, policy: { kind: 'magic' } as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => salesMetrics([{ id: '1', pipelineId: 'default', stageId: 'WON', createdAt: 'today' } as never], OPTIONS))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => salesMetrics([{ id: '1', pipelineId: 'default', stageId: 'WON', createdAt: new Date(), probability: 150 }], OPTIONS))).toBe('INVALID_ARGUMENT');
  });
});
