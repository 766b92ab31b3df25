import { TZDate } from '@date-fns/tz';
import type { CalendarDate } from '../kernel/index.js';
import { dayNumberOf, invalidArgument, isCalendarDate, isPlainRecord } from '../kernel/index.js';

/**
 * The time a report covers: whole calendar days, from `from` to `to` (both included), cut at
 * midnight in `timeZone` (an IANA zone such as `Europe/Madrid`, or `UTC`). A manager in Madrid
 * asking for March sees the deals of Madrid's March, whatever zone the server runs in.
 */
export interface ReportPeriod {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly timeZone: string;
}

/** A period as the instants it covers: from `start` (included) to `end` (excluded). */
export interface PeriodBounds {
  readonly start: Date;
  readonly end: Date;
}

/**
 * The instants a report period covers: from midnight of its first day to midnight after its last,
 * in its time zone (a day of 23 or 25 hours where the clocks change).
 *
 * @param period - The days and the zone.
 * @returns The bounds, `start` included and `end` excluded.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a period whose days are not calendar days,
 * whose `to` comes before `from`, or whose zone the runtime does not know.
 *
 * @example
 * ```ts
 * // Madrid's March 2026: the clocks go forward on the 29th, so March is one hour short.
 * const { start, end } = periodBounds({ from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Madrid' });
 * [start.toISOString(), end.toISOString()]; //=> ['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']
 * periodBounds({ from: '2026-03-31', to: '2026-03-01', timeZone: 'UTC' }); // throws INVALID_ARGUMENT
 * ```
 */
export function periodBounds(period: ReportPeriod): PeriodBounds {
  const { from, to, timeZone } = checkPeriod(period);
  return { start: midnight(from, timeZone, 0), end: midnight(to, timeZone, 1) };
}

/**
 * Whether an instant lies in a report period.
 *
 * @param instant - A `Date`.
 * @param period - The period.
 * @returns `true` from the period's first midnight up to (not including) the midnight after its last day.
 *
 * @example
 * ```ts
 * const march = { from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Madrid' } as const;
 * isInPeriod(new Date('2026-02-28T23:30:00Z'), march); //=> true
 * isInPeriod(new Date('2026-03-31T22:00:00Z'), march); //=> false
 * ```
 */
export function isInPeriod(instant: Date, period: ReportPeriod | PeriodBounds): boolean {
  const given: unknown = period;
  const { start, end } = isPlainRecord(given) && given.start instanceof Date && given.end instanceof Date ? (given as unknown as PeriodBounds) : periodBounds(period as ReportPeriod);
  const time = instant instanceof Date ? instant.getTime() : Number.NaN;
  return time >= start.getTime() && time < end.getTime();
}

/**
 * Whether a calendar day (an invoice's issue date, a deal's expected close date) is one of a
 * period's days. Days have no zone: the period's days are compared as they are written.
 *
 * @param day - `'YYYY-MM-DD'`.
 * @param period - The period.
 * @returns `true` from `from` to `to`, both included.
 *
 * @example
 * ```ts
 * isDayInPeriod('2026-03-31', { from: '2026-03-01', to: '2026-03-31', timeZone: 'Pacific/Auckland' }); //=> true
 * isDayInPeriod('2026-04-01', { from: '2026-03-01', to: '2026-03-31', timeZone: 'Pacific/Auckland' }); //=> false
 * ```
 */
export function isDayInPeriod(day: string, period: ReportPeriod): boolean {
  const { from, to } = checkPeriod(period);
  return isCalendarDate(day) && day >= from && day <= to;
}

/**
 * Checks a report period a caller gave: two calendar days in order and a zone the runtime knows.
 *
 * @param period - Anything.
 * @returns The period, as plain `{ from, to, timeZone }`.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for anything else; the message never repeats
 * the value.
 *
 * @example
 * ```ts
 * checkPeriod({ from: '2026-01-01', to: '2026-12-31', timeZone: 'America/Lima' }).timeZone; //=> 'America/Lima'
 * checkPeriod({ from: '2026-02-30', to: '2026-03-31', timeZone: 'UTC' }); // throws INVALID_ARGUMENT
 * checkPeriod({ from: '2026-01-01', to: '2026-01-31', timeZone: 'Mars/Olympus' }); // throws INVALID_ARGUMENT
 * ```
 */
export function checkPeriod(period: unknown): ReportPeriod {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(period)) throw invalidArgument('A report period is { from, to, timeZone }.');
  const { from, to, timeZone } = period;
  // Stryker disable next-line StringLiteral: message text
  if (!isCalendarDate(from) || !isCalendarDate(to)) throw invalidArgument('A report period runs from one calendar day (YYYY-MM-DD) to another.');
  // Stryker disable next-line StringLiteral: message text
  if (dayNumberOf(to) < dayNumberOf(from)) throw invalidArgument('A report period ends on or after the day it starts.');
  // Stryker disable next-line StringLiteral: message text
  if (typeof timeZone !== 'string' || !isKnownZone(timeZone)) throw invalidArgument('A report period names its time zone (IANA, such as Europe/Madrid, or UTC).');
  return { from, to, timeZone };
}

// Zones found once stay known: asking Intl costs far more than a report's work on one deal.
const KNOWN_ZONES = new Set<string>();

function isKnownZone(timeZone: string): boolean {
  if (KNOWN_ZONES.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return false;
  }
  // Stryker disable next-line ConditionalExpression: a bounded memo; past the bound a zone is only asked again
  if (KNOWN_ZONES.size < 1000) KNOWN_ZONES.add(timeZone);
  return true;
}

// Midnight at the start of a day (plus `days`) in a zone, as an instant.
function midnight(day: CalendarDate, timeZone: string, days: number): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date + days, timeZone).getTime());
}
