import { describe, expect, it } from 'vitest';
import { buildCreatedEvent, DEFAULT_DEAL_PIPELINE, EVENT_TYPES, planTransition, RECORD_EVENT_TYPES, STAGE_EVENT_TYPES, toRecordEvent } from 'crm-kit';
import { at, later, thrown } from './fixtures.js';

describe('toRecordEvent', () => {
  it('moves the details of a stage event into data, keeping the envelope', () => {
    const created = buildCreatedEvent({ id: '7', pipelineId: 'default', stageId: 'NEW' }, { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-ana' });
    expect(toRecordEvent(created)).toEqual({ type: 'created', entityType: 'deal', entityId: '7', at, byId: 'u-ana', data: { pipelineId: 'default', stageId: 'NEW', semantic: 'process' } });
    const moved = planTransition({ id: '7', pipelineId: 'default', stageId: 'NEW' }, 'WON', { pipeline: DEFAULT_DEAL_PIPELINE, at: later, byId: 'u-ana' });
    if (!moved.success) throw new Error('the move is allowed');
    expect(toRecordEvent(moved.data.event)).toEqual({
      type: 'movedToFinal',
      entityType: 'deal',
      entityId: '7',
      at: later,
      byId: 'u-ana',
      data: { pipelineId: 'default', stageId: 'WON', semantic: 'success', fromStageId: 'NEW' },
    });
  });

  it('refuses anything that is not a stage event with INVALID_ARGUMENT', () => {
    for (const bad of [null, 'created', {}, { type: 'updated' }, { type: 'deleted' }]) expect(thrown(() => toRecordEvent(bad as never)).code).toBe('INVALID_ARGUMENT');
  });
});

describe('RECORD_EVENT_TYPES', () => {
  it('lists created, updated, deleted and every stage event type, and the event log knows them all', () => {
    expect(RECORD_EVENT_TYPES).toEqual(['created', 'updated', 'deleted', 'movedToIntermediate', 'movedToFinal', 'pipelineChanged']);
    for (const type of STAGE_EVENT_TYPES) expect(RECORD_EVENT_TYPES).toContain(type);
    for (const type of RECORD_EVENT_TYPES) expect(EVENT_TYPES).toContain(type);
  });
});
