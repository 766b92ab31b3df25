import { describe, expect, it } from 'vitest';
import {
  applyTransition,
  buildCreatedEvent,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_INVOICE_STAGES,
  DEFAULT_LEAD_STATUSES,
  planTransition,
  STAGE_EVENT_TYPES,
  unwrap,
} from 'crm-kit';
import type { Pipeline, StageEvent, StageEventContext, TransitionItem } from 'crm-kit';
import { codeOf } from './errors.js';

const at = new Date('2026-02-01T09:00:00Z');

describe('stage history', () => {
  it('buildCreatedEvent records the stage an item was created in, with its semantic, time and person', () => {
    const item = { id: 'd-1', pipelineId: 'default', stageId: 'WON' };
    expect(buildCreatedEvent(item, { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-1' })).toEqual({
      type: 'created',
      entityType: 'deal',
      entityId: 'd-1',
      pipelineId: 'default',
      stageId: 'WON',
      semantic: 'success',
      at,
      byId: 'u-1',
    });
    expect(buildCreatedEvent({ id: 'i-1', stageId: 'DRAFT' }, { pipeline: DEFAULT_INVOICE_STAGES, at, byId: 'u-1' })).toMatchObject({
      entityType: 'invoice',
      pipelineId: 'invoice',
      semantic: 'process',
    });
  });

  it('buildCreatedEvent refuses an item outside the pipeline and malformed input', () => {
    const context: StageEventContext = { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-1' };
    expect(codeOf(() => buildCreatedEvent({ id: 'd-1', stageId: 'JUNK' }, context))).toBe('INVALID_STAGE_TRANSITION');
    expect(codeOf(() => buildCreatedEvent({ id: 'd-1', pipelineId: 'other', stageId: 'NEW' }, context))).toBe('INVALID_STAGE_TRANSITION');
    expect(codeOf(() => buildCreatedEvent({ id: 'l-1', stageId: 'NEW' }, { ...context, pipeline: DEFAULT_LEAD_STATUSES }))).toBe('INVALID_STAGE_TRANSITION');
    expect(codeOf(() => buildCreatedEvent(null as unknown as TransitionItem, context))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildCreatedEvent({ id: 'd-1', stageId: 'NEW' }, { ...context, at: 'yesterday' as unknown as Date }))).toBe('INVALID_DATE');
    expect(codeOf(() => buildCreatedEvent({ id: 'd-1', stageId: 'NEW' }, { ...context, pipeline: {} as Pipeline }))).toBe('INVALID_ARGUMENT');
  });

  it('a lead walked from NEW to CONVERTED and back leaves a complete, ordered history', () => {
    let lead: TransitionItem = { id: 'l-1', status: 'NEW', movedAt: at, movedById: 'u-1', custom: {} };
    const history: StageEvent[] = [buildCreatedEvent(lead, { pipeline: DEFAULT_LEAD_STATUSES, at, byId: 'u-1' })];
    const walk = ['IN_PROCESS', 'CONVERTED', 'PROCESSED'];
    walk.forEach((status, index) => {
      const plan = unwrap(planTransition(lead, status, { pipeline: DEFAULT_LEAD_STATUSES, at: new Date(at.getTime() + (index + 1) * 60_000), byId: 'u-2' }));
      lead = applyTransition(lead, plan);
      history.push(plan.event);
    });
    expect(history.map((e) => [e.type, e.stageId, e.semantic])).toEqual([
      ['created', 'NEW', 'process'],
      ['movedToIntermediate', 'IN_PROCESS', 'process'],
      ['movedToFinal', 'CONVERTED', 'success'],
      ['movedToIntermediate', 'PROCESSED', 'process'],
    ]);
    expect(history.at(-1)).toMatchObject({ reopened: true, fromStageId: 'CONVERTED' });
    expect(lead).toEqual({ id: 'l-1', status: 'PROCESSED', movedAt: new Date(at.getTime() + 180_000), movedById: 'u-2', custom: {} });
  });

  it('every event type is listed, and events survive a structured clone', () => {
    expect(STAGE_EVENT_TYPES).toEqual(['created', 'movedToIntermediate', 'movedToFinal', 'pipelineChanged']);
    const event = buildCreatedEvent({ id: 'd-1', stageId: 'NEW' }, { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-1' });
    expect(structuredClone(event)).toEqual(event);
  });
});
