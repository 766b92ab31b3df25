import { describe, expect, it } from 'vitest';
import { countDaysIdle, DEFAULT_DEAL_PIPELINE, DEFAULT_LEAD_STATUSES, isIdle } from 'crm-kit';
import type { IdleOptions, Pipeline, TransitionItem } from 'crm-kit';
import { codeOf } from './errors.js';

const movedAt = new Date('2026-03-01T10:00:00Z');
const day = 86_400_000;
const after = (days: number, ms = 0): Date => new Date(movedAt.getTime() + days * day + ms);
const deal: TransitionItem = { id: 'd-1', pipelineId: 'default', stageId: 'PROPOSAL', movedAt };

describe('countDaysIdle', () => {
  it('counts whole 24-hour periods since the last stage change', () => {
    expect(countDaysIdle(deal, { now: movedAt })).toBe(0);
    expect(countDaysIdle(deal, { now: after(1, -1) })).toBe(0);
    expect(countDaysIdle(deal, { now: after(1) })).toBe(1);
    expect(countDaysIdle(deal, { now: after(30, 5) })).toBe(30);
  });

  it('counts from the later of the stage change and the last completed activity', () => {
    expect(countDaysIdle(deal, { now: after(10), lastCompletedActivityAt: after(7) })).toBe(3);
    expect(countDaysIdle(deal, { now: after(10), lastCompletedActivityAt: after(-5) })).toBe(10);
  });

  it("counts from the item's own lastActivityAt too: the latest of movedAt, lastActivityAt and lastCompletedActivityAt", () => {
    expect(countDaysIdle({ ...deal, lastActivityAt: after(6) }, { now: after(10) })).toBe(4);
    expect(countDaysIdle({ ...deal, lastActivityAt: after(6) }, { now: after(10), lastCompletedActivityAt: after(8) })).toBe(2);
    expect(countDaysIdle({ ...deal, lastActivityAt: after(8) }, { now: after(10), lastCompletedActivityAt: after(6) })).toBe(2);
    expect(countDaysIdle({ ...deal, lastActivityAt: after(-4) }, { now: after(10) })).toBe(10);
    expect(isIdle({ ...deal, lastActivityAt: after(10) }, DEFAULT_DEAL_PIPELINE, { now: after(20) })).toBe(false);
    expect(codeOf(() => countDaysIdle({ ...deal, lastActivityAt: new Date(Number.NaN) }, { now: after(1) }))).toBe('INVALID_DATE');
  });

  it('falls back to createdAt when the item has no movedAt', () => {
    const { movedAt: _moved, ...unmoved } = deal;
    expect(countDaysIdle({ ...unmoved, createdAt: after(2) }, { now: after(10) })).toBe(8);
    expect(countDaysIdle({ ...deal, createdAt: after(-20) }, { now: after(10) })).toBe(10);
    expect(isIdle({ ...unmoved, createdAt: movedAt }, DEFAULT_DEAL_PIPELINE, { now: after(14) })).toBe(true);
  });

  it('is never negative, even when the clock is behind the record', () => {
    expect(countDaysIdle(deal, { now: after(-3) })).toBe(0);
  });

  it('refuses an item with neither movedAt nor createdAt, and invalid instants', () => {
    expect(codeOf(() => countDaysIdle({ id: 'd-1' }, { now: movedAt }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => countDaysIdle({ id: 'd-1', createdAt: 'yesterday' as unknown as Date }, { now: movedAt }))).toBe('INVALID_DATE');
    expect(codeOf(() => countDaysIdle(deal, { now: new Date(Number.NaN) }))).toBe('INVALID_DATE');
    expect(codeOf(() => countDaysIdle(deal, { now: movedAt, lastCompletedActivityAt: 'soon' as unknown as Date }))).toBe('INVALID_DATE');
    expect(codeOf(() => countDaysIdle(deal, null as unknown as IdleOptions))).toBe('INVALID_ARGUMENT');
  });
});

describe('isIdle', () => {
  it('an in-progress item is idle from its stage threshold on', () => {
    // PROPOSAL goes idle after 14 days.
    expect(isIdle(deal, DEFAULT_DEAL_PIPELINE, { now: after(14, -1) })).toBe(false);
    expect(isIdle(deal, DEFAULT_DEAL_PIPELINE, { now: after(14) })).toBe(true);
    expect(isIdle(deal, DEFAULT_DEAL_PIPELINE, { now: after(20), lastCompletedActivityAt: after(10) })).toBe(false);
  });

  it('final stages, stages without a threshold and unknown stages are never idle', () => {
    expect(isIdle({ ...deal, stageId: 'WON' }, DEFAULT_DEAL_PIPELINE, { now: after(400) })).toBe(false);
    expect(isIdle({ ...deal, stageId: 'LOST' }, DEFAULT_DEAL_PIPELINE, { now: after(400) })).toBe(false);
    expect(isIdle({ ...deal, stageId: 'GONE' }, DEFAULT_DEAL_PIPELINE, { now: after(400) })).toBe(false);
    const noThreshold: Pipeline = { ...DEFAULT_DEAL_PIPELINE, stages: DEFAULT_DEAL_PIPELINE.stages.map(({ idleDays: _idle, ...stage }) => stage) };
    expect(isIdle(deal, noThreshold, { now: after(400) })).toBe(false);
  });

  it('an item of another pipeline (its pipelineId is not the pipeline id) is never idle in it', () => {
    // Same stage ids, different pipeline: the stage's threshold does not apply to it.
    expect(isIdle({ ...deal, pipelineId: 'renewals' }, DEFAULT_DEAL_PIPELINE, { now: after(400) })).toBe(false);
    const renewals: Pipeline = { ...DEFAULT_DEAL_PIPELINE, id: 'renewals' };
    expect(isIdle({ ...deal, pipelineId: 'renewals' }, renewals, { now: after(400) })).toBe(true);
    expect(isIdle(deal, renewals, { now: after(400) })).toBe(false);
    // Its instants are still checked.
    expect(codeOf(() => isIdle({ ...deal, pipelineId: 'renewals' }, DEFAULT_DEAL_PIPELINE, { now: new Date(Number.NaN) }))).toBe('INVALID_DATE');
  });

  it('reads a lead by its status', () => {
    const lead: TransitionItem = { id: 'l-1', status: 'NEW', movedAt };
    expect(isIdle(lead, DEFAULT_LEAD_STATUSES, { now: after(3) })).toBe(true);
    expect(isIdle(lead, DEFAULT_LEAD_STATUSES, { now: after(2) })).toBe(false);
  });

  it('refuses an invalid pipeline', () => {
    expect(codeOf(() => isIdle(deal, { id: 'x' } as Pipeline, { now: after(1) }))).toBe('INVALID_ARGUMENT');
  });
});
