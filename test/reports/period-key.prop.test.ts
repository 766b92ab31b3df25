import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERIOD_UNITS, periodBounds, periodKey } from 'crm-kit';
import { periodKeyer } from '../../src/reports/period-key.js';
import { codeOf } from '../support/errors.js';

const ZONES = ['UTC', 'Europe/Madrid', 'America/Lima', 'Pacific/Auckland', 'Asia/Kolkata'] as const;
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

describe('periodKey', () => {
  it('gives keys that sort in time order, for every unit and zone', () => {
    fc.assert(
      fc.property(instant, instant, fc.constantFrom(...PERIOD_UNITS), fc.constantFrom(...ZONES), (a, b, unit, timeZone) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(periodKey(early, unit, { timeZone }) <= periodKey(late, unit, { timeZone })).toBe(true);
      }),
    );
  });

  it('puts an instant in the day whose bounds, in the same zone, hold it', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, timeZone) => {
        const day = periodKey(at, 'day', { timeZone });
        const { start, end } = periodBounds({ from: day as `${number}-${number}-${number}`, to: day as `${number}-${number}-${number}`, timeZone });
        expect(at >= start && at < end).toBe(true);
      }),
    );
  });

  it('starts weeks on the day asked, no more than six days before the instant\'s own day', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 6 }), (at, timeZone, start) => {
        const weekStartsOn = start as 0 | 1 | 2 | 3 | 4 | 5 | 6;
        const week = new Date(`${periodKey(at, 'week', { timeZone, weekStartsOn })}T00:00:00Z`);
        const day = new Date(`${periodKey(at, 'day', { timeZone })}T00:00:00Z`);
        expect(week.getUTCDay()).toBe(weekStartsOn);
        expect((day.getTime() - week.getTime()) / 86_400_000).toBeGreaterThanOrEqual(0);
        expect((day.getTime() - week.getTime()) / 86_400_000).toBeLessThanOrEqual(6);
      }),
    );
  });

  it('refuses an invalid instant, unit, zone or week start with INVALID_ARGUMENT', () => {
    expect(codeOf(() => periodKey(new Date(Number.NaN), 'day', { timeZone: 'UTC' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodKey(new Date(), 'fortnight' as never, { timeZone: 'UTC' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodKey(new Date(), 'day', { timeZone: 'Nowhere/Land' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodKey(new Date(), 'week', { timeZone: 'UTC', weekStartsOn: 7 as never }))).toBe('INVALID_ARGUMENT');
  });

  it('gives the same key through the memo of periods met as alone, across daylight-saving changes and in any order', () => {
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 60 }), fc.constantFrom(...PERIOD_UNITS), fc.constantFrom(...ZONES, 'America/St_Johns', 'Australia/Lord_Howe'), fc.constantFrom(0, 1, 6), (instants, unit, timeZone, weekStartsOn) => {
        const keyOf = periodKeyer(unit, { timeZone, weekStartsOn: weekStartsOn });
        for (const at of [...instants, ...instants.map((time) => new Date(time.getTime() + 1))]) expect(keyOf(at)).toBe(periodKey(at, unit, { timeZone, weekStartsOn: weekStartsOn }));
      }),
    );
  });
});
