import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORGOTTEN_TAXONOMY, inReportingPeriod, isForgotten, isInPeriod, periodBounds } from 'crm-kit';
import type { PeriodActivity, PeriodDeal, ReportPeriod } from 'crm-kit';
import { codeOf } from '../support/errors.js';

const MARCH: ReportPeriod = { from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Madrid' };
const at = (text: string): Date => new Date(text);
const BEFORE = at('2026-01-15T09:00:00Z');
const INSIDE = at('2026-03-15T09:00:00Z');
const AFTER = at('2026-04-15T09:00:00Z');

const deal = (fields: Partial<PeriodDeal> = {}): PeriodDeal => ({ createdAt: BEFORE, updatedAt: BEFORE, closed: false, movedAt: BEFORE, ...fields });
const activity = (fields: Partial<PeriodActivity> = {}): PeriodActivity => ({ type: 'call', createdAt: BEFORE, completed: false, ...fields });

describe('report periods', () => {
  it('cut whole days at midnight in the report time zone, 23-hour days included', () => {
    const { start, end } = periodBounds(MARCH);
    expect([start.toISOString(), end.toISOString()]).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    const lima = periodBounds({ from: '2026-03-01', to: '2026-03-01', timeZone: 'America/Lima' });
    expect([lima.start.toISOString(), lima.end.toISOString()]).toEqual(['2026-03-01T05:00:00.000Z', '2026-03-02T05:00:00.000Z']);
  });

  it('hold an instant from their first midnight up to, not including, the midnight after their last day', () => {
    fc.assert(
      fc.property(fc.date({ min: at('2025-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const { start, end } = periodBounds(MARCH);
        expect(isInPeriod(instant, MARCH)).toBe(instant >= start && instant < end);
      }),
    );
  });

  it('refuse periods that are not two calendar days in order in a known zone', () => {
    for (const period of [{ from: '2026-03-31', to: '2026-03-01', timeZone: 'UTC' }, { from: '2026-3-1', to: '2026-03-31', timeZone: 'UTC' }, { from: '2026-03-01', to: '2026-03-31', timeZone: 'Nowhere/Land' }, { from: '2026-03-01', to: '2026-03-31' }, null]) {
      expect(codeOf(() => periodBounds(period as never))).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('inReportingPeriod', () => {
  it('counts a deal created, modified or closed in the period (the FAQ\'s first case)', () => {
    expect(inReportingPeriod(deal({ createdAt: INSIDE, updatedAt: INSIDE }), MARCH, [])).toBe(true);
    expect(inReportingPeriod(deal({ updatedAt: INSIDE, closed: true, closedAt: BEFORE }), MARCH, [])).toBe(true);
    expect(inReportingPeriod(deal({ updatedAt: INSIDE, closed: true, closedAt: INSIDE }), MARCH, [])).toBe(true);
  });

  it('counts a deal closed before the period that had activity in it, and not one without (the FAQ\'s second case)', () => {
    const closedBefore = deal({ closed: true, closedAt: BEFORE });
    expect(inReportingPeriod(closedBefore, MARCH, [])).toBe(false);
    expect(inReportingPeriod(closedBefore, MARCH, [activity({ createdAt: INSIDE })])).toBe(true);
    expect(inReportingPeriod(closedBefore, MARCH, [activity({ startAt: INSIDE })])).toBe(true);
    expect(inReportingPeriod(closedBefore, MARCH, [activity({ completed: true, completedAt: INSIDE })])).toBe(true);
    expect(inReportingPeriod(closedBefore, MARCH, [activity({ createdAt: AFTER, completedAt: AFTER })])).toBe(false);
  });

  it('counts a deal nobody touched in the period while it is in progress (the FAQ\'s third case), and never one created after it', () => {
    expect(inReportingPeriod(deal(), MARCH, [])).toBe(true);
    expect(inReportingPeriod(deal({ closed: true, closedAt: AFTER, updatedAt: AFTER }), MARCH, [])).toBe(true);
    expect(inReportingPeriod(deal({ createdAt: AFTER, updatedAt: AFTER }), MARCH, [activity({ createdAt: INSIDE })])).toBe(false);
  });

  const instant = fc.date({ min: at('2025-06-01T00:00:00Z'), max: at('2026-09-01T00:00:00Z'), noInvalidDate: true });
  const arbDeal = fc.record({ createdAt: instant, later: fc.array(instant, { minLength: 2, maxLength: 2 }), closed: fc.boolean() }).map(({ createdAt, later, closed }): PeriodDeal => {
    const [updated = createdAt, closedAt = createdAt] = later.map((time) => (time < createdAt ? createdAt : time));
    return { createdAt, updatedAt: updated > closedAt || !closed ? updated : closedAt, closed, ...(closed ? { closedAt } : {}) };
  });
  const arbActivities = fc.array(fc.record({ type: fc.constantFrom('call', 'task'), createdAt: instant }), { maxLength: 3 });

  it('never drops a deal that was in progress at any time during the period', () => {
    fc.assert(
      fc.property(arbDeal, arbActivities, (given, activities) => {
        const { start, end } = periodBounds(MARCH);
        const openDuring = given.createdAt < end && (given.closed !== true || (given.closedAt ?? end) >= start);
        if (openDuring) expect(inReportingPeriod(given, MARCH, activities)).toBe(true);
      }),
    );
  });

  it('keeps every deal it counts when the period grows', () => {
    fc.assert(
      fc.property(arbDeal, arbActivities, (given, activities) => {
        if (inReportingPeriod(given, MARCH, activities)) expect(inReportingPeriod(given, { ...MARCH, from: '2026-02-01', to: '2026-04-30' }, activities)).toBe(true);
      }),
    );
  });
});

describe('isForgotten', () => {
  const quiet = deal();

  it('is true of an in-progress deal with no stage change, no call, e-mail or meeting completed and no invoice in the period', () => {
    expect(isForgotten(quiet, MARCH, { activities: [] })).toBe(true);
    expect(isForgotten(quiet, MARCH, { activities: [activity({ type: 'task', completed: true, completedAt: INSIDE })] })).toBe(true);
    expect(isForgotten(quiet, MARCH, { activities: [activity({ createdAt: INSIDE, completed: false })] })).toBe(true);
  });

  it('is false once the stage changed, a counted activity was completed or an invoice was issued in the period', () => {
    expect(isForgotten(deal({ movedAt: INSIDE }), MARCH, { activities: [] })).toBe(false);
    expect(isForgotten(quiet, MARCH, { activities: [], stageChanges: [BEFORE, INSIDE, AFTER] })).toBe(false);
    for (const type of FORGOTTEN_TAXONOMY) expect(isForgotten(quiet, MARCH, { activities: [activity({ type, completed: true, completedAt: INSIDE })] })).toBe(false);
    expect(isForgotten(quiet, MARCH, { activities: [], invoices: [{ issueDate: '2026-03-01' }] })).toBe(false);
    expect(isForgotten(quiet, MARCH, { activities: [], invoices: [{ issueDate: '2026-04-01' }] })).toBe(true);
  });

  it('follows the taxonomy a report gives', () => {
    const task = activity({ type: 'task', completed: true, completedAt: INSIDE });
    expect(isForgotten(quiet, MARCH, { activities: [task], taxonomy: ['task'] })).toBe(false);
    expect(isForgotten(quiet, MARCH, { activities: [activity({ completed: true, completedAt: INSIDE })], taxonomy: ['task'] })).toBe(true);
  });

  it('is never true of a deal closed before the period ends, nor of one created after it', () => {
    expect(isForgotten(deal({ closed: true, closedAt: BEFORE }), MARCH, { activities: [] })).toBe(false);
    expect(isForgotten(deal({ closed: true, closedAt: INSIDE }), MARCH, { activities: [] })).toBe(false);
    expect(isForgotten(deal({ closed: true, closedAt: AFTER }), MARCH, { activities: [] })).toBe(true);
    expect(isForgotten(deal({ createdAt: AFTER, updatedAt: AFTER, movedAt: AFTER }), MARCH, { activities: [] })).toBe(false);
  });

  it('does not change with what happened outside the period', () => {
    const outside = fc.constantFrom(BEFORE, AFTER);
    fc.assert(
      fc.property(fc.array(outside), fc.array(fc.record({ type: fc.constantFrom(...FORGOTTEN_TAXONOMY), when: outside })), (changes, done) => {
        const activities = done.map(({ type, when }) => activity({ type, completed: true, completedAt: when }));
        expect(isForgotten(quiet, MARCH, { activities, stageChanges: changes })).toBe(true);
      }),
    );
  });

  it('refuses malformed deals and options with INVALID_ARGUMENT', () => {
    expect(codeOf(() => isForgotten({ createdAt: 'yesterday' } as never, MARCH, { activities: [] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => isForgotten(quiet, MARCH, null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => inReportingPeriod(deal({ closed: true, closedAt: BEFORE }), MARCH, 'none' as never))).toBe('INVALID_ARGUMENT');
  });
});
