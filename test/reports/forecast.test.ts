import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRateTable, DEFAULT_DEAL_PIPELINE, forecast, money, sumMoney } from 'crm-kit';
import type { ForecastDeal } from 'crm-kit';
import { codeOf } from '../support/errors.js';

const RATES = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.90', from: '2026-01-01' }] });
const OPTIONS = { pipelines: [DEFAULT_DEAL_PIPELINE], currency: 'EUR', rates: RATES, reportDate: '2026-03-31', unit: 'month' } as const;
const STAGES = DEFAULT_DEAL_PIPELINE.stages.map((stage) => stage.id);
const OPEN = DEFAULT_DEAL_PIPELINE.stages.filter((stage) => stage.semantic === 'process').map((stage) => stage.id);

const arbDeal = fc.record({
  id: fc.uuid(),
  pipelineId: fc.constant('default'),
  stageId: fc.constantFrom(...STAGES),
  probability: fc.integer({ min: 0, max: 100 }),
  createdAt: fc.constant(new Date('2026-01-01T00:00:00Z')),
  amount: fc.option(fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('EUR', 'USD', 'GBP')).map(([cents, currency]) => money((cents / 100).toFixed(2), currency)), { nil: undefined }),
  expectedCloseDate: fc.option(fc.integer({ min: 0, max: 365 }).map((day) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10) as `${number}-${number}-${number}`), { nil: undefined }),
}) as fc.Arbitrary<ForecastDeal>;

describe('forecast', () => {
  it('counts the open deals only, and its periods and categories add up to the total exactly', () => {
    fc.assert(
      fc.property(fc.array(arbDeal, { maxLength: 40 }), fc.constantFrom<'week' | 'month' | 'quarter'>('week', 'month', 'quarter'), (deals, unit) => {
        const result = forecast(deals, { ...OPTIONS, unit });
        const open = deals.filter((deal) => OPEN.includes(deal.stageId));
        expect(result.total.deals + result.undated.deals).toBe(open.length);
        expect(result.periods.reduce((sum, { figures }) => sum + figures.deals, 0)).toBe(result.total.deals);
        expect(sumMoney(result.periods.map(({ figures }) => figures.weighted), 'EUR')).toEqual(result.total.weighted);
        expect(sumMoney(result.total.byCategory.map((row) => row.amount), 'EUR')).toEqual(result.total.amount);
        expect(result.periods.map(({ key }) => key)).toEqual([...result.periods.map(({ key }) => key)].sort());
      }),
    );
  });

  it('keeps to the days of a period when given one, and lists undated deals apart', () => {
    const deal = (id: string, expectedCloseDate?: `${number}-${number}-${number}`): ForecastDeal => ({ id, pipelineId: 'default', stageId: 'PROPOSAL', probability: 50, createdAt: new Date('2026-01-01T00:00:00Z'), amount: money('100.00', 'EUR'), ...(expectedCloseDate === undefined ? {} : { expectedCloseDate }) });
    const result = forecast([deal('1', '2026-04-30'), deal('2', '2026-05-01'), deal('3')], { ...OPTIONS, period: { from: '2026-04-01', to: '2026-04-30', timeZone: 'UTC' } });
    expect(result.periods.map(({ key, figures }) => [key, figures.deals])).toEqual([['2026-04', 1]]);
    expect([result.undated.deals, result.undated.weighted.amount]).toEqual([1, '50.00']);
  });

  it('refuses malformed options and deals with INVALID_ARGUMENT', () => {
    expect(codeOf(() => forecast([], { ...OPTIONS, unit: 'decade' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => forecast([{ id: '1', pipelineId: 'default', stageId: 'NEW', createdAt: new Date(), expectedCloseDate: '30/04/2026' as never }], OPTIONS))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => forecast([], { ...OPTIONS, reportDate: 'today' as never }))).toBe('INVALID_ARGUMENT');
  });
});
