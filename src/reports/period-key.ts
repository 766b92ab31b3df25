import { TZDate } from '@date-fns/tz';
import { invalidArgument, isInstant } from '../kernel/index.js';
import type { CalendarDate } from '../kernel/index.js';
import { checkPeriod, periodBounds } from './report-period.js';

/** The units a report groups instants by. */
export const PERIOD_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** One of {@link PERIOD_UNITS}. */
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** Options of {@link periodKey}. */
export interface PeriodKeyOptions {
  /** The zone the calendar is read in (IANA, such as `Europe/Madrid`, or `UTC`). */
  readonly timeZone: string;
  /** For weeks: the day they start on, 0 (Sunday) to 6; default 1 (Monday). */
  readonly weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | undefined;
}

/**
 * The period of a unit an instant falls in, read on the calendar of a time zone, as a key that
 * sorts in time order: `2026-03-31` (day), the first day of the week (week), `2026-03` (month),
 * `2026-Q1` (quarter), `2026` (year). Group a report by it (`groupBy: (deal) => periodKey(...)`).
 *
 * @param instant - A valid `Date`.
 * @param unit - One of {@link PERIOD_UNITS}.
 * @param options - The time zone, and the first day of weeks.
 * @returns The key.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an invalid instant, unit, zone or week start.
 *
 * @example
 * ```ts
 * const lateOnNewYearsEve = new Date('2026-12-31T23:30:00Z');
 * periodKey(lateOnNewYearsEve, 'year', { timeZone: 'UTC' }); //=> '2026'
 * // Already 2027 in Madrid:
 * periodKey(lateOnNewYearsEve, 'quarter', { timeZone: 'Europe/Madrid' }); //=> '2027-Q1'
 * // A Thursday; its week starts on Monday the 28th, or on Sunday the 27th:
 * periodKey(lateOnNewYearsEve, 'week', { timeZone: 'UTC' }); //=> '2026-12-28'
 * periodKey(lateOnNewYearsEve, 'week', { timeZone: 'UTC', weekStartsOn: 0 }); //=> '2026-12-27'
 * ```
 */
export function periodKey(instant: Date, unit: PeriodUnit, options: PeriodKeyOptions): string {
  // Stryker disable next-line StringLiteral: message text
  if (!isInstant(instant)) throw invalidArgument('periodKey takes a valid Date.');
  // Stryker disable next-line StringLiteral: message text
  if (!(PERIOD_UNITS as readonly unknown[]).includes(unit)) throw invalidArgument(`The unit is one of ${PERIOD_UNITS.join(', ')}.`);
  const { timeZone } = checkPeriod({ from: '2000-01-01', to: '2000-01-01', timeZone: (options as Partial<PeriodKeyOptions> | undefined)?.timeZone });
  const weekStartsOn = checkWeekStart(options.weekStartsOn);
  const local = new TZDate(instant.getTime(), timeZone);
  const [year, month, day] = [local.getFullYear(), local.getMonth() + 1, local.getDate()];
  switch (unit) {
    case 'year':
      return pad(year, 4);
    case 'quarter':
      return `${pad(year, 4)}-Q${String(Math.ceil(month / 3))}`;
    case 'month':
      return `${pad(year, 4)}-${pad(month, 2)}`;
    case 'day':
      return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    case 'week': {
      // Calendar arithmetic on the local day, in UTC where every day has 24 hours.
      const back = (local.getDay() - weekStartsOn + 7) % 7;
      const start = new Date(Date.UTC(year, month - 1, day - back));
      return `${pad(start.getUTCFullYear(), 4)}-${pad(start.getUTCMonth() + 1, 2)}-${pad(start.getUTCDate(), 2)}`;
    }
  }
}

/** The day weeks start on as given, checked: default 1, Monday (internal to the reports). */
export function checkWeekStart(value: unknown): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  const day = value ?? 1;
  // Stryker disable next-line StringLiteral: message text
  if (typeof day !== 'number' || !Number.isInteger(day) || day < 0 || day > 6) throw invalidArgument('weekStartsOn is a day of the week, 0 (Sunday) to 6.');
  return day as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * `periodKey` for many instants of one unit and zone (internal to the reports): each period met is
 * remembered with the instants it covers, from its first local midnight to the next period's, so
 * that the key of an instant is a search among the periods met so far.
 */
export function periodKeyer(unit: PeriodUnit, options: PeriodKeyOptions): (instant: Date) => string {
  const periods: { readonly start: number; readonly end: number; readonly key: string }[] = [];
  let last: (typeof periods)[number] | undefined;
  return (instant) => {
    const time = instant.getTime();
    if (last !== undefined && time >= last.start && time < last.end) return last.key;
    let low = 0;
    let high = periods.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const period = periods[middle];
      if (period === undefined) break;
      if (time < period.start) high = middle;
      else if (time >= period.end) low = middle + 1;
      else {
        last = period;
        return period.key;
      }
    }
    const key = periodKey(instant, unit, options);
    const [first, next] = daysOf(key, unit);
    const midnight = (day: CalendarDate): number => periodBounds({ from: day, to: day, timeZone: options.timeZone }).start.getTime();
    const period = { start: midnight(first), end: midnight(next), key };
    // Stryker disable next-line ConditionalExpression: an instant always lies in its own period; the check guards the memo
    if (time >= period.start && time < period.end && periods.length < 100_000) {
      periods.splice(low, 0, period);
      last = period;
    }
    return key;
  };
}

// The first day of a period by its key, and the first day of the next period.
function daysOf(key: string, unit: PeriodUnit): [CalendarDate, CalendarDate] {
  const year = Number(key.slice(0, 4));
  const day = (y: number, m: number, d: number): CalendarDate => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) as CalendarDate;
  switch (unit) {
    case 'year':
      return [day(year, 1, 1), day(year + 1, 1, 1)];
    case 'quarter': {
      const month = (Number(key.slice(6)) - 1) * 3 + 1;
      return [day(year, month, 1), day(year, month + 3, 1)];
    }
    case 'month': {
      const month = Number(key.slice(5, 7));
      return [day(year, month, 1), day(year, month + 1, 1)];
    }
    case 'day':
    case 'week': {
      const [month, date] = [Number(key.slice(5, 7)), Number(key.slice(8, 10))];
      return [day(year, month, date), day(year, month, date + (unit === 'day' ? 1 : 7))];
    }
  }
}
