import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classicFunnel, conversionFunnel, DEFAULT_DEAL_PIPELINE, timeInStages } from 'crm-kit';
import type { FunnelDeal, StageEntry } from 'crm-kit';
import { codeOf } from '../support/errors.js';

const PIPELINE = DEFAULT_DEAL_PIPELINE;
const PROCESS = PIPELINE.stages.filter((stage) => stage.semantic === 'process').map((stage) => stage.id);
const WON = PIPELINE.stages.find((stage) => stage.semantic === 'success')?.id ?? '';
const LOST = PIPELINE.stages.find((stage) => stage.semantic === 'failure')?.id ?? '';
const HOUR = 3_600_000;

/** A deal's history from the process stages it entered (by position), and how it ended. */
function dealOf(path: readonly number[], end: 'open' | 'won' | 'lost', pipelineId = PIPELINE.id): FunnelDeal {
  const stages = [...path.map((at) => PROCESS[at] ?? ''), ...(end === 'won' ? [WON] : end === 'lost' ? [LOST] : [])];
  const history: StageEntry[] = stages.map((stageId, at) => ({ pipelineId, stageId, at: new Date(at * HOUR) }));
  return { pipelineId, stageId: stages.at(-1) ?? '', history };
}

// Histories that skip, go back and come again; every deal starts in a process stage.
const arbPath = fc.array(fc.nat({ max: PROCESS.length - 1 }), { minLength: 1, maxLength: 8 });
const arbDeal = fc.tuple(arbPath, fc.constantFrom<'open' | 'won' | 'lost'>('open', 'won', 'lost')).map(([path, end]) => dealOf(path, end));
const arbDeals = fc.array(arbDeal, { maxLength: 30 });
const countsOf = (deals: readonly FunnelDeal[], kind: 'classic' | 'conversion'): Map<string, number> =>
  new Map((kind === 'classic' ? classicFunnel(deals, PIPELINE) : conversionFunnel(deals, PIPELINE)).stages.map((stage) => [stage.stageId, stage.deals]));

describe('funnels', () => {
  it('conversion never grows along the process stages, nor from the last of them to the success stage', () => {
    fc.assert(
      fc.property(arbDeals, (deals) => {
        const rows = conversionFunnel(deals, PIPELINE).stages.filter((stage) => stage.semantic !== 'failure');
        for (let at = 1; at < rows.length; at++) expect(rows[at]?.deals ?? 0).toBeLessThanOrEqual(rows[at - 1]?.deals ?? 0);
        for (const row of rows) if (row.conversionToNext !== null) expect(row.conversionToNext).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('counts a won deal in every process stage and the success stage of the conversion funnel, and a lost one never in the success stage', () => {
    fc.assert(
      fc.property(arbPath, (path) => {
        const won = countsOf([dealOf(path, 'won')], 'conversion');
        for (const stageId of [...PROCESS, WON]) expect(won.get(stageId)).toBe(1);
        const lost = countsOf([dealOf(path, 'lost')], 'conversion');
        expect([lost.get(WON), lost.get(LOST)]).toEqual([0, 1]);
        // As far as it got, and no further.
        const furthest = Math.max(...path);
        PROCESS.forEach((stageId, at) => {
          expect(lost.get(stageId)).toBe(at <= furthest ? 1 : 0);
        });
      }),
    );
  });

  it('counts in the conversion funnel at least the deals the classic one counts, in every process stage', () => {
    fc.assert(
      fc.property(arbDeals, (deals) => {
        const classic = countsOf(deals, 'classic');
        const conversion = countsOf(deals, 'conversion');
        for (const stageId of PROCESS) expect(conversion.get(stageId) ?? 0).toBeGreaterThanOrEqual(classic.get(stageId) ?? 0);
      }),
    );
  });

  it('agree, stage by stage, for deals that move forward one stage at a time', () => {
    const forward = fc.tuple(fc.nat({ max: PROCESS.length - 1 }), fc.constantFrom<'open' | 'won' | 'lost'>('open', 'won', 'lost')).map(([last, end]) => {
      const path = Array.from({ length: end === 'won' ? PROCESS.length : last + 1 }, (_, at) => at);
      return dealOf(path, end);
    });
    fc.assert(
      fc.property(fc.array(forward, { maxLength: 20 }), (deals) => {
        expect(countsOf(deals, 'conversion')).toEqual(countsOf(deals, 'classic'));
      }),
    );
  });

  it('count a deal once per stage however often it came back, and only the deals of their own pipeline', () => {
    fc.assert(
      fc.property(arbDeals, arbDeals, (deals, others) => {
        const elsewhere = others.map((deal) => ({ ...deal, pipelineId: 'other', history: deal.history?.map((entry) => ({ ...entry, pipelineId: 'other' })) }));
        for (const kind of ['classic', 'conversion'] as const) {
          const counts = countsOf([...deals, ...elsewhere], kind);
          expect(counts).toEqual(countsOf(deals, kind));
          for (const count of counts.values()) expect(count).toBeLessThanOrEqual(deals.length);
        }
        expect(classicFunnel([...deals, ...elsewhere], PIPELINE).deals).toBe(deals.length);
      }),
    );
  });

  it('measure each stay from entering a stage to entering the next, and open stays only up to asOf', () => {
    const deal = dealOf([0, 1, 0], 'open');
    const rows = new Map(timeInStages([deal], PIPELINE).map((row) => [row.stageId, row]));
    expect([rows.get(PROCESS[0] ?? '')?.stays, rows.get(PROCESS[0] ?? '')?.medianMs, rows.get(PROCESS[1] ?? '')?.meanMs]).toEqual([1, HOUR, HOUR]);
    const measured = new Map(timeInStages([deal], PIPELINE, { asOf: new Date(5 * HOUR) }).map((row) => [row.stageId, row]));
    expect([measured.get(PROCESS[0] ?? '')?.stays, measured.get(PROCESS[0] ?? '')?.meanMs]).toEqual([2, 2 * HOUR]);
  });

  it('refuse malformed deals, histories out of time order and invalid pipelines with INVALID_ARGUMENT', () => {
    const deal = dealOf([0, 1], 'open');
    expect(codeOf(() => classicFunnel([{ ...deal, history: [...(deal.history ?? [])].reverse() }], PIPELINE))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => conversionFunnel([{ stageId: 'NEW' }] as never, PIPELINE))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => classicFunnel([deal], { ...PIPELINE, stages: [] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => timeInStages([deal], PIPELINE, { asOf: new Date(Number.NaN) }))).toBe('INVALID_ARGUMENT');
  });
});
