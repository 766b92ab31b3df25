import { isExists } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertCalendarDate, isCalendarDate, toCalendarDate } from 'crm-kit';

describe('calendar dates', () => {
  it.each(['2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01'])('%s is a calendar date', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each(['2023-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '2026/01/01', '２０２６-01-01', ''])(
    '%j is not a calendar date',
    (text) => {
      expect(isCalendarDate(text)).toBe(false);
    },
  );

  it('agrees with date-fns on whether a YYYY-MM-DD day exists', () => {
    fc.assert(
      fc.property(// date-fns reads years below 100 as 19xx, so the comparison starts at year 100.
      fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(isCalendarDate(text)).toBe(isExists(y, m - 1, d) && m >= 1 && m <= 12 && d >= 1);
      }),
    );
  });

  it('assertCalendarDate returns a valid day and throws INVALID_DATE otherwise', () => {
    expect(assertCalendarDate('2026-01-31')).toBe('2026-01-31');
    expect(() => assertCalendarDate('31/01/2026', 'close date')).toThrow(/close date/);
    expect(() => assertCalendarDate(20260131)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });

  it('toCalendarDate takes the UTC day of an instant', () => {
    expect(toCalendarDate(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-01');
    expect(toCalendarDate(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
    expect(() => toCalendarDate(new Date(Number.NaN))).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });
});
