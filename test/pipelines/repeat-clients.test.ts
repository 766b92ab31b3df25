// Repeat leads and repeat deals (DOMAIN.md, "Lead conversion and repeat clients").
import fc from 'fast-check';
import { classifyRepeatDeal, classifyRepeatLead, DEFAULT_DEAL_PIPELINE } from 'crm-kit';
import type { Pipeline } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { codeOf } from './errors.js';

const WHOLESALE: Pipeline = {
  id: 'wholesale',
  entityType: 'deal',
  name: 'Wholesale',
  stages: [
    { id: 'W_NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process' },
    { id: 'W_SIGNED', name: 'Signed', sort: 20, color: '#27ae60', semantic: 'success' },
    { id: 'W_DROPPED', name: 'Dropped', sort: 30, color: '#eb5757', semantic: 'failure' },
  ],
};
const PIPELINES = [DEFAULT_DEAL_PIPELINE, WHOLESALE];

const deal = (id: string, pipelineId: string, stageId: string): { id: string; pipelineId: string; stageId: string } => ({ id, pipelineId, stageId });

describe('repeat leads', () => {
  it('a lead for a known contact is a repeat lead', () => {
    expect(classifyRepeatLead({ contactId: 'c-9' })).toEqual({ isReturnCustomer: true });
  });

  it('a lead for a known company is a repeat lead', () => {
    expect(classifyRepeatLead({ companyId: 'co-3' })).toEqual({ isReturnCustomer: true });
  });

  it('a lead for nobody known is not a repeat lead, and empty ids do not count', () => {
    expect(classifyRepeatLead({})).toEqual({ isReturnCustomer: false });
    expect(classifyRepeatLead({ contactId: '' })).toEqual({ isReturnCustomer: false });
  });

  it('a lead that is not an object is a crm-kit error', () => {
    expect(codeOf(() => classifyRepeatLead(null as unknown as object))).toBe('INVALID_ARGUMENT');
  });
});

describe('repeat deals', () => {
  it("a client's first deal is neither a repeat deal nor a repeated approach", () => {
    expect(classifyRepeatDeal([], PIPELINES)).toEqual({ isReturnCustomer: false, isRepeatedApproach: false });
  });

  it('a deal is a repeat deal when the client already has a won deal', () => {
    expect(classifyRepeatDeal([deal('d-1', 'default', 'LOST'), deal('d-2', 'default', 'WON')], PIPELINES)).toEqual({
      isReturnCustomer: true,
      isRepeatedApproach: false,
    });
  });

  it("a win counts in any pipeline, by its stage's semantic rather than its id", () => {
    expect(classifyRepeatDeal([deal('d-1', 'wholesale', 'W_SIGNED')], PIPELINES).isReturnCustomer).toBe(true);
  });

  it("a deal is a repeated approach while none of the client's deals is won", () => {
    expect(classifyRepeatDeal([deal('d-1', 'default', 'LOST'), deal('d-2', 'wholesale', 'W_NEW')], PIPELINES)).toEqual({
      isReturnCustomer: false,
      isRepeatedApproach: true,
    });
  });

  it('a deal listed twice (as the contact\'s and the company\'s) counts once', () => {
    const twice = [deal('d-1', 'default', 'NEW'), deal('d-1', 'default', 'NEW')];
    expect(classifyRepeatDeal(twice, PIPELINES)).toEqual({ isReturnCustomer: false, isRepeatedApproach: true });
  });

  it('a deal in a pipeline or stage that was not given is an error: its outcome cannot be known', () => {
    expect(codeOf(() => classifyRepeatDeal([deal('d-1', 'gone', 'WON')], PIPELINES))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => classifyRepeatDeal([deal('d-1', 'default', 'W_SIGNED')], PIPELINES))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => classifyRepeatDeal(null as unknown as [], PIPELINES))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => classifyRepeatDeal([], [null] as unknown as Pipeline[]))).toBe('INVALID_ARGUMENT');
  });

  it('pipelines are checked like everywhere else: a stage with semantic "won" is refused, not read as not won', () => {
    const misspelt = { ...WHOLESALE, stages: WHOLESALE.stages.map((s) => (s.id === 'W_SIGNED' ? { ...s, semantic: 'won' } : s)) } as unknown as Pipeline;
    expect(codeOf(() => classifyRepeatDeal([deal('d-1', 'wholesale', 'W_SIGNED')], [DEFAULT_DEAL_PIPELINE, misspelt]))).toBe('INVALID_ARGUMENT');
    // Even when none of the client's deals is in it: a broken pipeline is a broken argument.
    expect(codeOf(() => classifyRepeatDeal([], [misspelt]))).toBe('INVALID_ARGUMENT');
    const unordered = { ...WHOLESALE, stages: WHOLESALE.stages.map((s) => (s.id === 'W_NEW' ? { ...s, sort: 99 } : s)) };
    expect(codeOf(() => classifyRepeatDeal([], [unordered]))).toBe('INVALID_ARGUMENT');
  });

  it('only deal pipelines classify deals', () => {
    const leadList = { ...WHOLESALE, entityType: 'lead' } as Pipeline;
    expect(codeOf(() => classifyRepeatDeal([deal('d-1', 'wholesale', 'W_SIGNED')], [leadList]))).toBe('INVALID_ARGUMENT');
  });

  it('the two flags are never both set, and exactly one is set whenever the client has deals', () => {
    const stage = fc.constantFrom(
      ...PIPELINES.flatMap((pipeline) => pipeline.stages.map((one) => [pipeline.id, one.id, one.semantic] as const)),
    );
    fc.assert(
      fc.property(fc.array(stage, { maxLength: 8 }), (stages) => {
        const deals = stages.map(([pipelineId, stageId], index) => deal(`d-${index}`, pipelineId, stageId));
        const flags = classifyRepeatDeal(deals, PIPELINES);
        expect(flags.isReturnCustomer && flags.isRepeatedApproach).toBe(false);
        expect(flags.isReturnCustomer || flags.isRepeatedApproach).toBe(deals.length > 0);
        expect(flags.isReturnCustomer).toBe(stages.some(([, , semantic]) => semantic === 'success'));
      }),
    );
  });
});
