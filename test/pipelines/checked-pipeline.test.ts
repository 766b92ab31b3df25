import { describe, expect, it } from 'vitest';
import { DEFAULT_DEAL_PIPELINE, checkPipeline, findStage, isIdle, planTransition, getStageGroup, unwrap } from 'crm-kit';
import type { Pipeline, Stage } from 'crm-kit';

// The pipeline functions check the pipelines they are given; a checked copy is remembered only for
// deeply frozen pipelines, which cannot change. These tests mutate unfrozen pipelines between calls.
const mutable = (): { -readonly [K in keyof Pipeline]: Pipeline[K] } & { stages: Stage[] } => structuredClone(DEFAULT_DEAL_PIPELINE) as never;
const at = new Date('2026-03-02T11:00:00Z');

describe('checked pipelines are never answered from a stale check', () => {
  it('a mutated unfrozen pipeline is checked again: the second call sees the change', () => {
    const pipeline = mutable();
    expect(getStageGroup(pipeline, 'PROPOSAL')).toBe('in-progress');
    expect(findStage(pipeline, 'PROPOSAL')?.probability).toBe(50);
    pipeline.stages = pipeline.stages.map((stage) => (stage.id === 'PROPOSAL' ? { ...stage, probability: 55 } : stage));
    expect(findStage(pipeline, 'PROPOSAL')?.probability).toBe(55);
    const deal = { id: 'd-1', pipelineId: 'default', stageId: 'NEW', amount: { amount: '1.00', currency: 'EUR' }, movedAt: at, movedById: 'u-1' };
    const plan = planTransition(deal, 'PROPOSAL', { pipeline, at, byId: 'u-1' });
    expect(plan.success && plan.data.patch.probability).toBe(55);
  });

  it('a pipeline mutated into an invalid one is refused on the next call', () => {
    const pipeline = mutable();
    const deal = { id: 'd-1', pipelineId: 'default', stageId: 'NEW', movedAt: at };
    expect(isIdle(deal, pipeline, { now: at })).toBe(false);
    pipeline.stages = [];
    expect(() => isIdle(deal, pipeline, { now: at })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });

  it('a mutated nested stage of an unfrozen pipeline is seen too', () => {
    const pipeline = mutable();
    expect(getStageGroup(pipeline, 'LOST')).toBe('lost');
    const lost = pipeline.stages.find((stage) => stage.id === 'LOST') as { id: string };
    lost.id = 'DROPPED';
    expect(getStageGroup(pipeline, 'LOST')).toBeUndefined();
    expect(getStageGroup(pipeline, 'DROPPED')).toBe('lost');
  });

  it('a pipeline frozen only on the surface is not remembered: its stages can still change', () => {
    const stages = structuredClone(DEFAULT_DEAL_PIPELINE.stages) as Stage[];
    const pipeline = Object.freeze({ ...DEFAULT_DEAL_PIPELINE, stages: Object.freeze(stages) });
    expect(findStage(pipeline, 'NEW')?.probability).toBe(10);
    (stages[0] as { probability: number }).probability = 15;
    expect(findStage(pipeline, 'NEW')?.probability).toBe(15);
  });

  it('a frozen pipeline whose stage reads a value through a getter is not remembered: the getter may answer otherwise', () => {
    let probability = 10;
    const deepFrozen = <T>(value: T): T => {
      if (typeof value === 'object' && value !== null) for (const inner of Object.values(value)) deepFrozen(inner);
      return Object.freeze(value);
    };
    const stages = structuredClone(DEFAULT_DEAL_PIPELINE.stages).map((stage) => {
      if (stage.id !== 'NEW') return deepFrozen(stage);
      const copy = deepFrozen({ ...stage });
      const open = { ...copy };
      Object.defineProperty(open, 'probability', { get: () => probability, enumerable: true });
      return Object.freeze(open);
    });
    const pipeline = Object.freeze({ ...DEFAULT_DEAL_PIPELINE, stages: Object.freeze(stages) });
    expect(findStage(pipeline, 'NEW')?.probability).toBe(10);
    probability = 15;
    expect(findStage(pipeline, 'NEW')?.probability).toBe(15);
  });

  it('frozen pipelines (checkPipeline results) give the same answers on every call', () => {
    const pipeline = unwrap(checkPipeline(structuredClone(DEFAULT_DEAL_PIPELINE)));
    expect(Object.isFrozen(pipeline) && Object.isFrozen(pipeline.stages[0])).toBe(true);
    expect(getStageGroup(pipeline, 'WON')).toBe('won');
    expect(getStageGroup(pipeline, 'WON')).toBe('won');
  });
});
