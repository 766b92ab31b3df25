import type { CalendarDate } from '../kernel/index.js';
import { invalidArgument, isCalendarDate, toCalendarDate } from '../kernel/index.js';
import type { ReportPeriod } from './report-period.js';
import { checkPeriod } from './report-period.js';

// 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W09, 2026-03-02, and a range of two days.
const YEAR = /^(\d{4})$/;
const HALF = /^(\d{4})-H([12])$/i;
const QUARTER = /^(\d{4})-Q([1-4])$/i;
const MONTH = /^(\d{4})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/i;
const RANGE = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/;

/**
 * Reads a period as people write it: a year (`2026`), a half (`2026-H1`), a quarter (`2026-Q1`), a
 * month (`2026-03`), an ISO week (`2026-W09`, Monday to Sunday), a day (`2026-03-02`), or a range
 * of days (`2026-03-01..2026-03-15`, both included), as whole days in a time zone.
 *
 * @param text - The period.
 * @param timeZone - The zone its days are cut in (IANA, or `UTC`).
 * @returns The {@link ReportPeriod}.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for text in none of these forms, a month,
 * week or day that does not exist, a range that ends before it starts, or an unknown zone; the
 * message never repeats the text.
 *
 * @example
 * ```ts
 * parseReportPeriod('2026-Q1', 'Europe/Madrid'); //=> { from: '2026-01-01', to: '2026-03-31', timeZone: 'Europe/Madrid' }
 * // ISO weeks start on Monday; week 1 is the week with the year's first Thursday.
 * parseReportPeriod('2027-W01', 'UTC'); //=> { from: '2027-01-04', to: '2027-01-10', timeZone: 'UTC' }
 * parseReportPeriod('2024-02', 'UTC').to; //=> '2024-02-29'
 * parseReportPeriod('2026-13', 'UTC'); // throws INVALID_ARGUMENT
 * ```
 */
export function parseReportPeriod(text: string, timeZone: string): ReportPeriod {
  // Stryker disable next-line StringLiteral: message text
  if (typeof text !== 'string') throw invalidArgument('A period is text such as 2026, 2026-Q1, 2026-03, 2026-W09 or 2026-03-01..2026-03-15.');
  const trimmed = text.trim();
  const days = daysOf(trimmed);
  // Stryker disable next-line StringLiteral: message text
  if (days === undefined) throw invalidArgument('A period is a year (2026), a half (2026-H1), a quarter (2026-Q1), a month (2026-03), an ISO week (2026-W09), a day (2026-03-02) or two days joined by .. (2026-03-01..2026-03-15).');
  return checkPeriod({ from: days[0], to: days[1], timeZone });
}

function daysOf(text: string): readonly [CalendarDate, CalendarDate] | undefined {
  if (text.length > 30) return undefined;
  if (isCalendarDate(text)) return [text, text];
  const range = RANGE.exec(text);
  if (range !== null) {
    const [, from, to] = range;
    return isCalendarDate(from) && isCalendarDate(to) ? [from, to] : undefined;
  }
  const year = YEAR.exec(text);
  if (year !== null) return months(Number(year[1]), 1, 12);
  const half = HALF.exec(text);
  if (half !== null) return months(Number(half[1]), Number(half[2]) * 6 - 5, Number(half[2]) * 6);
  const quarter = QUARTER.exec(text);
  if (quarter !== null) return months(Number(quarter[1]), Number(quarter[2]) * 3 - 2, Number(quarter[2]) * 3);
  const month = MONTH.exec(text);
  if (month !== null) {
    const number = Number(month[2]);
    return number >= 1 && number <= 12 ? months(Number(month[1]), number, number) : undefined;
  }
  const week = WEEK.exec(text);
  if (week !== null) return isoWeek(Number(week[1]), Number(week[2]));
  return undefined;
}

// The first day of a month and the last day of another, of one year.
function months(year: number, first: number, last: number): readonly [CalendarDate, CalendarDate] {
  return [dayOf(year, first, 1), dayOf(year, last + 1, 0)];
}

// Monday to Sunday of an ISO week; undefined for week 53 of a year that has 52.
function isoWeek(year: number, week: number): readonly [CalendarDate, CalendarDate] | undefined {
  if (week < 1 || week > 53) return undefined;
  // 4 January is always in week 1; its Monday starts week 1.
  const fourth = utc(year, 1, 4);
  const mondayOfWeekOne = fourth.getTime() - ((fourth.getUTCDay() + 6) % 7) * DAY_MS;
  const monday = mondayOfWeekOne + (week - 1) * 7 * DAY_MS;
  const sunday = monday + 6 * DAY_MS;
  // A week 53 that does not exist is week 1 of the next year: its Thursday falls in that year.
  if (new Date(monday + 3 * DAY_MS).getUTCFullYear() !== year) return undefined;
  return [toCalendarDate(new Date(monday)), toCalendarDate(new Date(sunday))];
}

const DAY_MS = 86_400_000;

// Midnight UTC of a day; the month and day may run over (day 0 is the last of the month before).
// setUTCFullYear, unlike Date.UTC, reads the years 0 to 99 as they are.
function utc(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function dayOf(year: number, month: number, day: number): CalendarDate {
  return toCalendarDate(utc(year, month, day));
}
