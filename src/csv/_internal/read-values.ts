// Reading the text of a cell as a value of a field's type: numbers with a known decimal separator,
// dates in a known format, yes/no in English and Spanish. A value that could be read two ways
// (`03/04/2026` without a date format, `1.500` without a decimal separator) is AMBIGUOUS_VALUE,
// never a guess; anything else unreadable is INVALID_VALUE. Messages never repeat the cell.
import type { Issue, PathSegment } from '../../kernel/index.js';
import { isCalendarDate, issue } from '../../kernel/index.js';

/** A cell read: the value, or the issue that stops it. */
export type Read<T> = { readonly value: T } | { readonly issue: Issue };

const SPACES = /[\s\u00a0\u202f\u2009']/g;

/**
 * A decimal number as canonical text (`-1234.5`). `separator` is the decimal separator the file
 * uses; without it, a lone `.` or `,` followed by exactly three digits is ambiguous.
 */
export function readDecimal(text: string, separator: '.' | ',' | undefined, path: readonly PathSegment[]): Read<string> {
  let body = text.replace(SPACES, '');
  let sign = '';
  if (body.startsWith('-') || body.startsWith('+')) {
    sign = body.startsWith('-') ? '-' : '';
    body = body.slice(1);
  }
  const decimal = separator ?? guessSeparator(body);
  if (decimal === 'ambiguous') {
    // Stryker disable next-line StringLiteral: message text
    return { issue: issue('AMBIGUOUS_VALUE', 'The number could be read with either decimal separator: give the decimal separator.', path) };
  }
  const grouping = decimal === '.' ? ',' : '.';
  const [whole = '', fraction, extra] = body.split(decimal);
  if (extra !== undefined) return invalid('Not a number.', path);
  const groups = whole.split(grouping);
  // Thousands groups are three digits after the first.
  if (groups.length > 1 && groups.slice(1).some((group) => group.length !== 3)) return invalid('Not a number.', path);
  const digits = groups.join('');
  if (!/^\d+$/.test(digits) || (fraction !== undefined && !/^\d+$/.test(fraction))) return invalid('Not a number.', path);
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  const part = fraction === undefined ? '' : fraction.replace(/0+$/, '');
  const value = `${trimmed}${part === '' ? '' : `.${part}`}`;
  return { value: value === '0' ? value : `${sign}${value}` };
}

function guessSeparator(body: string): '.' | ',' | 'ambiguous' {
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  // Both: the last one is the decimal separator.
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  const at = Math.max(lastDot, lastComma);
  if (at < 0) return '.';
  const mark = lastDot >= 0 ? '.' : ',';
  // Used twice, it groups thousands.
  if (body.indexOf(mark) !== at) return mark === '.' ? ',' : '.';
  const after = body.length - at - 1;
  // One mark before exactly three digits: 1.500 is 1.5 or 1500. A leading 0 cannot group (0.500).
  if (after === 3 && !/^0+$/.test(body.slice(0, at))) return 'ambiguous';
  return mark;
}

function invalid(message: string, path: readonly PathSegment[]): { readonly issue: Issue } {
  return { issue: issue('INVALID_VALUE', message, path) };
}

/**
 * The date formats a file may use: the order of day, month and year with a separator. `D` and `M`
 * read one or two digits.
 */
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'YYYY/MM/DD', 'MM-DD-YYYY'] as const;

/** One of {@link DATE_FORMATS}. */
export type DateFormat = (typeof DATE_FORMATS)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const THREE_PARTS = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/;

/**
 * A calendar date (`YYYY-MM-DD`). With a format, the text must follow it. Without one, ISO dates
 * are read, and day-month-year or month-day-year dates only where one of the first two parts is
 * over 12; `03/04/2026` is ambiguous.
 */
export function readDate(text: string, format: DateFormat | undefined, path: readonly PathSegment[]): Read<string> {
  const trimmed = text.trim();
  const iso = ISO_DATE.exec(trimmed);
  if (iso !== null && (format === undefined || format === 'YYYY-MM-DD')) return checked(iso[1], iso[2], iso[3], path);
  const parts = THREE_PARTS.exec(trimmed.replace(/\s.*$/, ''));
  if (parts === null) return invalid('Not a date.', path);
  const [, first = '', second = '', third = ''] = parts;
  if (format !== undefined) {
    const separator = format.charAt(format.search(/[/.-]/));
    if (!trimmed.includes(separator)) return invalid('Not a date in the date format.', path);
    if (format.startsWith('YYYY')) return checked(first, second, third, path);
    return format.startsWith('DD') ? checked(third, second, first, path) : checked(third, first, second, path);
  }
  if (first.length === 4) return checked(first, second, third, path);
  const a = Number(first);
  const b = Number(second);
  // Stryker disable next-line StringLiteral: message text
  if (a <= 12 && b <= 12 && a !== b) return { issue: issue('AMBIGUOUS_VALUE', 'The date could be day-month or month-day: give the date format.', path) };
  return a > 12 ? checked(third, second, first, path) : checked(third, first, second, path);
}

function checked(year: string | undefined, month: string | undefined, day: string | undefined, path: readonly PathSegment[]): Read<string> {
  if (year?.length !== 4) return invalid('Not a date (the year has four digits).', path);
  const date = `${year}-${(month ?? '').padStart(2, '0')}-${(day ?? '').padStart(2, '0')}`;
  return isCalendarDate(date) ? { value: date } : invalid('Not a date of the calendar.', path);
}

/**
 * An instant: ISO 8601 with a time zone offset (`2026-03-02T10:00:00Z`), or a date alone (read as
 * the start of that day in UTC).
 */
export function readInstant(text: string, format: DateFormat | undefined, path: readonly PathSegment[]): Read<Date> {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    const instant = new Date(trimmed);
    return Number.isNaN(instant.getTime()) ? invalid('Not an instant.', path) : { value: instant };
  }
  const date = readDate(trimmed, format, path);
  return 'issue' in date ? date : { value: new Date(`${date.value}T00:00:00Z`) };
}

const TRUE: ReadonlySet<string> = new Set(['1', 'y', 'yes', 'true', 'x', 's', 'si', 'sí', 'verdadero']);
const FALSE: ReadonlySet<string> = new Set(['0', 'n', 'no', 'false', 'falso']);

/** Yes or no, in English or Spanish (`Y`, `yes`, `sí`, `1`, `x`; `N`, `no`, `0`). */
export function readBoolean(text: string, path: readonly PathSegment[]): Read<boolean> {
  const folded = text.trim().toLowerCase();
  if (TRUE.has(folded)) return { value: true };
  if (FALSE.has(folded)) return { value: false };
  return invalid('Not yes or no.', path);
}

const KINDS: ReadonlyMap<string, string> = new Map([
  ['work', 'work'],
  ['business', 'work'],
  ['office', 'work'],
  ['trabajo', 'work'],
  ['oficina', 'work'],
  ['main', 'work'],
  ['mobile', 'mobile'],
  ['cell', 'mobile'],
  ['móvil', 'mobile'],
  ['movil', 'mobile'],
  ['celular', 'mobile'],
  ['home', 'home'],
  ['personal', 'home'],
  ['casa', 'home'],
  ['particular', 'home'],
  ['private', 'home'],
  ['fax', 'fax'],
  ['pager', 'pager'],
  ['other', 'other'],
  ['otro', 'other'],
]);

/** The kind of a multi-field item named in a file ("Mobile", "* Work", "Trabajo"), else `other`. */
export function readKind(text: string): string {
  const folded = text.replace(/^[*\s]+/, '').trim().toLowerCase();
  return KINDS.get(folded) ?? 'other';
}
