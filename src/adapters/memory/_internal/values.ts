import { invalidArgument, isPlainRecord } from '../../../kernel/index.js';

/** The multi-fields: lists of `{ value, kind }` whose elements compare by `value`. */
const MULTI_FIELDS: ReadonlySet<string> = new Set(['phones', 'emails', 'websites', 'messengers']);
const STANDARD = /^[A-Za-z][A-Za-z0-9_]*$/;
const CUSTOM = /^custom\.([a-z][a-z0-9_]{0,62})$/;

/** Where a clause or a sort key reads: a standard field or a custom field, and whether it is a multi-field. */
export interface FieldAccess {
  readonly field: string;
  readonly custom: boolean;
  readonly key: string;
  readonly multi: boolean;
}

/** A money value as stored. */
export interface MoneyValue {
  readonly amount: string;
  readonly currency: string;
}

/** Parses a field name of a clause or sort key. */
export function parseField(field: unknown): FieldAccess {
  if (typeof field !== 'string') throw invalidArgument('A field is a standard field code, custom.<code> or a multi-field code.');
  const custom = CUSTOM.exec(field);
  // Stryker disable next-line StringLiteral: the pattern always captures the code
  if (custom) return { field, custom: true, key: custom[1] ?? '', multi: false };
  if (!STANDARD.test(field) || field === 'custom') {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument('A field is a standard field code, custom.<code> or a multi-field code.');
  }
  return { field, custom: false, key: field, multi: MULTI_FIELDS.has(field) };
}

/** The raw value a record holds at a field (own properties only), or `undefined`. */
export function readField(record: Readonly<Record<string, unknown>>, access: FieldAccess): unknown {
  let bag: unknown = record;
  if (access.custom) bag = Object.hasOwn(record, 'custom') ? record.custom : undefined;
  if (typeof bag !== 'object' || bag === null || !Object.hasOwn(bag, access.key)) return undefined;
  return (bag as Readonly<Record<string, unknown>>)[access.key];
}

/** The values a field holds, one per element for a list (a multi-field's element `value`s). */
export function elementsOf(raw: unknown, access: FieldAccess): readonly unknown[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return [raw];
  if (!access.multi) return raw as readonly unknown[];
  return (raw as readonly unknown[]).map((element) => (isPlainRecord(element) ? element.value : element));
}

/** Whether a value is money: `{ amount, currency }` with a decimal amount. */
function isMoney(value: unknown): value is MoneyValue {
  return (
    isPlainRecord(value) &&
    typeof value.amount === 'string' &&
    typeof value.currency === 'string' &&
    /^-?\d+(\.\d+)?$/.test(value.amount)
  );
}

/** Equality of two scalars: same kind and same value (Dates by instant, money by currency and amount). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (isMoney(a)) return isMoney(b) && a.currency === b.currency && compareDecimal(a.amount, b.amount) === 0;
  return a === b;
}

/**
 * The order of two values of one kind: numbers, instants, text by code units (calendar days
 * included), money of one currency. `undefined` when they cannot be compared.
 */
export function orderOf(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (isMoney(a) && isMoney(b) && a.currency === b.currency) return compareDecimal(a.amount, b.amount);
  return undefined;
}

/** Code-unit order of two texts. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of two decimal strings (`-?\d+(\.\d+)?`), whatever their written decimals. */
function compareDecimal(a: string, b: string): number {
  const negativeA = a.startsWith('-') && !/^-0*(\.0*)?$/.test(a);
  const negativeB = b.startsWith('-') && !/^-0*(\.0*)?$/.test(b);
  if (negativeA !== negativeB) return negativeA ? -1 : 1;
  const magnitude = compareMagnitude(a.replace('-', ''), b.replace('-', ''));
  return negativeA ? -magnitude : magnitude;
}

function compareMagnitude(a: string, b: string): number {
  const [intA = '', fracA = ''] = a.split('.');
  const [intB = '', fracB = ''] = b.split('.');
  const wholeA = intA.replace(/^0+/, '');
  const wholeB = intB.replace(/^0+/, '');
  if (wholeA.length !== wholeB.length) return wholeA.length - wholeB.length;
  const whole = compareText(wholeA, wholeB);
  if (whole !== 0) return whole;
  const width = Math.max(fracA.length, fracB.length);
  return compareText(fracA.padEnd(width, '0'), fracB.padEnd(width, '0'));
}

/**
 * A sort value in a JSON-safe, totally ordered form: `['n', number]`, `['d', epoch ms]`,
 * `['s', text]`, `['b', 0 | 1]`, `['m', currency, amount]`, `['o', json]`; `null` when missing.
 * Kinds order as listed.
 */
export type SortValue = readonly [string, number | string, string?] | null;

const RANK: Readonly<Record<string, number>> = { n: 0, d: 1, s: 2, b: 3, m: 4, o: 5 };

/** The sort value of a field: a list sorts by its first (primary) element; missing, null or an empty list is `null`. */
export function sortValueOf(raw: unknown, access: FieldAccess): SortValue {
  const first = elementsOf(raw, access)[0];
  if (first === undefined || first === null) return null;
  if (typeof first === 'number') return Number.isFinite(first) ? ['n', first] : ['o', String(first)];
  if (typeof first === 'string') return ['s', first];
  if (typeof first === 'boolean') return ['b', first ? 1 : 0];
  if (first instanceof Date) return Number.isNaN(first.getTime()) ? ['o', 'Invalid Date'] : ['d', first.getTime()];
  if (isMoney(first)) return ['m', first.currency, first.amount];
  return ['o', JSON.stringify(first)];
}

/** Whether a decoded value is a well-formed {@link SortValue}. */
export function isSortValue(value: unknown): value is SortValue {
  if (value === null) return true;
  if (!Array.isArray(value)) return false;
  const [kind, first, second] = value as readonly unknown[];
  switch (kind) {
    case 'n':
    case 'd':
    case 'b':
      return value.length === 2 && typeof first === 'number' && Number.isFinite(first);
    case 's':
    case 'o':
      return value.length === 2 && typeof first === 'string';
    case 'm':
      return value.length === 3 && typeof first === 'string' && typeof second === 'string' && /^-?\d+(\.\d+)?$/.test(second);
    default:
      return false;
  }
}

/** The order of two present sort values. */
export function compareSortValues(a: NonNullable<SortValue>, b: NonNullable<SortValue>): number {
  const rank = (RANK[a[0]] ?? 9) - (RANK[b[0]] ?? 9);
  if (rank !== 0) return rank;
  // Stryker disable next-line StringLiteral: only money has a third part, and money always has it
  const [, x, extraA = ''] = a;
  // Stryker disable next-line StringLiteral: only money has a third part, and money always has it
  const [, y, extraB = ''] = b;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const first = compareText(String(x), String(y));
  if (first !== 0 || a[0] !== 'm') return first;
  return compareDecimal(extraA, extraB);
}
