import { TZDate } from '@date-fns/tz';
import { invalidArgument } from '../kernel/index.js';
import { checkPeriod } from './report-period.js';

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
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw invalidArgument('periodKey takes a valid Date.');
  // Stryker disable next-line StringLiteral: message text
  if (!(PERIOD_UNITS as readonly unknown[]).includes(unit)) throw invalidArgument(`The unit is one of ${PERIOD_UNITS.join(', ')}.`);
  const { timeZone } = checkPeriod({ from: '2000-01-01', to: '2000-01-01', timeZone: (options as Partial<PeriodKeyOptions> | undefined)?.timeZone });
  const weekStartsOn = options.weekStartsOn ?? 1;
  // Stryker disable next-line StringLiteral: message text
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) throw invalidArgument('weekStartsOn is a day of the week, 0 (Sunday) to 6.');
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

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
