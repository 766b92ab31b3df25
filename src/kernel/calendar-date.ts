import { ValidationError } from './errors.js';

/**
 * A calendar date without time or zone, written `'YYYY-MM-DD'` (birthdates, expected close dates,
 * the day a rate starts). Two calendar dates compare correctly as strings.
 */
export type CalendarDate = `${number}-${number}-${number}`;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// The digit at `index` of a string, or a value above 9 for any other character.
function digitAt(text: string, index: number): number {
  return (text.charCodeAt(index) - 48) >>> 0;
}

/**
 * Tells whether a value is a `'YYYY-MM-DD'` string naming a day that exists.
 *
 * @param value - Anything.
 * @returns `true` for an existing calendar date.
 *
 * @example
 * ```ts
 * isCalendarDate('2024-02-29'); //=> true
 * isCalendarDate('2023-02-29'); //=> false
 * isCalendarDate('2024-2-9'); //=> false
 * ```
 */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return dayNumberOf(value) >= 0;
}

/**
 * A `'YYYY-MM-DD'` day as the number yyyymmdd, which orders days as their text does; -1 for
 * anything that is not an existing calendar date. Internal: searches by day compare numbers.
 */
export function dayNumberOf(value: unknown): number {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) {
    return -1;
  }
  // Hand-written, digit by digit: this check sits on hot paths (every conversion's day).
  const y0 = digitAt(value, 0);
  const y1 = digitAt(value, 1);
  const y2 = digitAt(value, 2);
  const y3 = digitAt(value, 3);
  const m0 = digitAt(value, 5);
  const m1 = digitAt(value, 6);
  const d0 = digitAt(value, 8);
  const d1 = digitAt(value, 9);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return -1;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return -1;
  if (day > 28) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0))) return -1;
  }
  return year * 10_000 + month * 100 + day;
}

/**
 * Returns a calendar date unchanged, or throws when it is not an existing `'YYYY-MM-DD'` day.
 *
 * @param value - The text to check.
 * @param what - How the message names the value (for example `'rate date'`).
 * @returns The same value, typed as a {@link CalendarDate}.
 * @throws {@link ValidationError} `INVALID_DATE`.
 *
 * @example
 * ```ts
 * assertCalendarDate('2026-01-31'); //=> '2026-01-31'
 * assertCalendarDate('31/01/2026'); // throws ValidationError INVALID_DATE
 * ```
 */
export function assertCalendarDate(value: unknown, what = 'date'): CalendarDate {
  if (!isCalendarDate(value)) {
    const name = typeof what === 'string' ? what : 'date';
    throw new ValidationError('INVALID_DATE', `The ${name} must be an existing calendar date written YYYY-MM-DD.`);
  }
  return value;
}

/**
 * The UTC calendar day of an instant.
 *
 * @param instant - A valid `Date`.
 * @returns Its day in UTC as `'YYYY-MM-DD'`.
 * @throws {@link ValidationError} `INVALID_DATE` for an invalid `Date`, or one outside the years
 * 0 to 9999 that `'YYYY-MM-DD'` can write.
 *
 * @example
 * ```ts
 * toCalendarDate(new Date('2026-03-01T23:30:00Z')); //=> '2026-03-01'
 * toCalendarDate(new Date(Date.UTC(10000, 0, 1))); // throws INVALID_DATE
 * ```
 */
export function toCalendarDate(instant: Date): CalendarDate {
  const year = instant instanceof Date ? instant.getUTCFullYear() : Number.NaN;
  if (!(year >= 0 && year <= 9999)) {
    throw new ValidationError('INVALID_DATE', 'Expected a valid Date between the years 0 and 9999.');
  }
  return instant.toISOString().slice(0, 10) as CalendarDate;
}
