import type { CalendarDate, Issue } from '../kernel/index.js';
import { dayNumberOf, isCalendarDate, isCrmError, issue, toCalendarDate, ValidationError } from '../kernel/index.js';
import { getCurrency, isCurrencyCode } from './currency.js';
import { toDecimal } from './_internal/decimal.js';
import { parseUnits, scaleOf } from './_internal/small.js';

/**
 * One dated exchange rate as given to {@link createRateTable}: `amount` units of the base
 * currency buy `nominal` units of `currency`, from the day `from` until the next rate of that
 * currency.
 */
export interface ExchangeRateInput {
  readonly currency: string;
  /** Base-currency units per `nominal` units of `currency`: a positive decimal string. */
  readonly amount: string;
  /** How many units of `currency` the amount buys; a positive whole number, default 1. */
  readonly nominal?: number | undefined;
  /** The first day the rate applies, `'YYYY-MM-DD'`. */
  readonly from: string;
}

/**
 * One dated exchange rate of a {@link RateTable}, as stored there.
 */
export interface ExchangeRate {
  readonly currency: string;
  readonly amount: string;
  readonly nominal: number;
  readonly from: CalendarDate;
}

/**
 * Dated exchange rates against one base currency, as plain serialisable data: for each currency,
 * its rates sorted by start date. Build one with {@link createRateTable}.
 *
 * @example
 * ```ts
 * const table: RateTable = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.92', from: '2026-01-01' }] });
 * table.rates.USD?.[0]?.amount; //=> '0.92'
 * ```
 */
export interface RateTable {
  readonly base: string;
  readonly rates: Readonly<Record<string, readonly ExchangeRate[]>>;
}

/**
 * What {@link createRateTable} takes.
 */
export interface RateTableInput {
  /** The base currency every rate is stated in. */
  readonly base: string;
  readonly rates: readonly ExchangeRateInput[];
}

/** Where {@link createRateTable} keeps a rate's parsed amount for the fast path. */
export const PARSED_RATE: unique symbol = Symbol('crm-kit.parsedRate');

// Marks a table built by createRateTable (checked, sorted and frozen) and holds its lists in a Map,
// which conversion reads faster than the record of lists. A table read back from JSON lacks it and
// is checked rate by rate as it is used.
const CHECKED_TABLE: unique symbol = Symbol('crm-kit.checkedRateTable');

type CheckedTable = RateTable & { readonly [CHECKED_TABLE]?: ReadonlyMap<string, RateList> };

// One currency's rates in date order, with each first day as the number yyyymmdd: the search
// compares numbers, not strings.
interface RateList {
  readonly rates: readonly ExchangeRate[];
  readonly days: readonly number[];
}

/** A rate's amount as a whole number of units of 10^-scale, when it fits the fast path. */
export interface ParsedRate {
  readonly units: number;
  readonly scale: number;
}

/** The parsed amount of a rate: the one stored by {@link createRateTable}, or parsed now. */
export function parsedRate(rate: ExchangeRate): ParsedRate {
  const stored = (rate as { [PARSED_RATE]?: ParsedRate })[PARSED_RATE];
  // A rate was checked before it is parsed here, so 'rate' is never in a message; an empty parse sends conversion to the exact path.
  // Stryker disable next-line ObjectLiteral,StringLiteral: the exact path gives the same answer, and the rate is valid
  return stored ?? { units: parseUnits(rate.amount, 'rate'), scale: scaleOf(rate.amount) };
}

/**
 * Checks dated exchange rates and builds a {@link RateTable}. Every problem is reported at once,
 * with its position in `rates`.
 *
 * @param input - The base currency and the rates.
 * @returns The table, with each currency's rates sorted by date.
 * @throws {@link UnknownCurrencyError} for an unknown base; {@link ValidationError}
 * `INVALID_RATE` listing every bad rate (unknown currency, a rate for the base itself, an amount
 * that is not a positive decimal, a nominal that is not a positive whole number, a date that is
 * not `'YYYY-MM-DD'`, two rates for one currency on one day).
 *
 * @example
 * ```ts
 * const table = createRateTable({
 *   base: 'EUR',
 *   rates: [
 *     { currency: 'USD', amount: '0.92', from: '2026-01-01' },
 *     { currency: 'USD', amount: '0.95', from: '2026-02-01' },
 *     { currency: 'JPY', amount: '0.60', nominal: 100, from: '2026-01-01' },
 *   ],
 * });
 * table.rates.USD?.map((r) => r.from); //=> ['2026-01-01', '2026-02-01']
 * ```
 */
export function createRateTable(input: RateTableInput): RateTable {
  const given: unknown = (input as Partial<RateTableInput> | null | undefined)?.rates;
  if (!Array.isArray(given)) throw new ValidationError('INVALID_ARGUMENT', 'createRateTable takes { base, rates: [...] }.');
  const inputs = given as readonly ExchangeRateInput[];
  const base = getCurrency(input.base).code;
  const issues: Issue[] = [];
  const byCurrency = new Map<string, ExchangeRate[]>();
  inputs.forEach((rate: unknown, index) => {
    const at = (field: string): (string | number)[] => ['rates', index, field];
    if (typeof rate !== 'object' || rate === null) {
      issues.push(issue('INVALID_RATE', 'A rate is { currency, amount, nominal?, from }.', ['rates', index]));
      return;
    }
    const given = rate as ExchangeRateInput;
    const problems = checkRate(given, base, at, false);
    const list = byCurrency.get(given.currency) ?? [];
    if (problems.length === 0 && list.some((other) => other.from === given.from)) {
      problems.push(issue('INVALID_RATE', 'Two rates for one currency start on the same day.', at('from')));
    }
    if (problems.length > 0) {
      issues.push(...problems);
      return;
    }
    const amount = toDecimal(given.amount).toString();
    const stored: ExchangeRate = { currency: given.currency, amount, nominal: given.nominal ?? 1, from: given.from as CalendarDate };
    // The parsed rate rides along under a symbol: JSON and structuredClone leave it out, and
    // conversion parses the text again when it is missing.
    // Without the parsed rate, or with an empty one, conversion parses the text or takes the exact path: the same answers.
    // Stryker disable next-line StringLiteral: the amount was checked just above, so this name is never in a message
    const units = parseUnits(amount, 'rate');
    // Stryker disable next-line BooleanLiteral,ConditionalExpression,ObjectLiteral: the parsed rate only speeds conversion up
    if (!Number.isNaN(units)) Object.defineProperty(stored, PARSED_RATE, { value: Object.freeze({ units, scale: scaleOf(amount) }) });
    list.push(Object.freeze(stored));
    byCurrency.set(given.currency, list);
  });
  if (issues.length > 0) {
    throw new ValidationError('INVALID_RATE', `${issues.length} exchange rate problem(s); see issues.`, { issues });
  }
  const rates: Record<string, readonly ExchangeRate[]> = {};
  const index = new Map<string, RateList>();
  for (const code of [...byCurrency.keys()].sort()) {
    // Stryker disable next-line ArrayDeclaration,EqualityOperator: every key has a list, and no two rates of a currency share a day
    const list = Object.freeze((byCurrency.get(code) ?? []).sort((a, b) => (a.from < b.from ? -1 : 1)));
    Object.defineProperty(rates, code, { value: list, enumerable: true });
    index.set(code, { rates: list, days: list.map((rate) => dayNumberOf(rate.from)) });
  }
  // Frozen, so the parsed rates can never disagree with the text; branded as checked and sorted.
  const table: RateTable = { base, rates: Object.freeze(rates) };
  // Stryker disable next-line ObjectLiteral: without the index the table is searched like one from JSON, to the same answers
  Object.defineProperty(table, CHECKED_TABLE, { value: index });
  return Object.freeze(table);
}

function checkRate(
  rate: ExchangeRateInput,
  base: string,
  at: (field: string) => (string | number)[],
  stored: boolean,
): Issue[] {
  const issues: Issue[] = [];
  if (!isCurrencyCode(rate.currency)) issues.push(issue('INVALID_RATE', 'Unknown currency code.', at('currency')));
  else if (rate.currency === base) {
    issues.push(issue('INVALID_RATE', 'The base currency has no rate: it is worth 1 by definition.', at('currency')));
  }
  if (!isPositiveDecimal(rate.amount)) issues.push(issue('INVALID_RATE', 'A rate is a decimal string above zero, such as "0.9215".', at('amount')));
  const nominal: unknown = stored ? rate.nominal : (rate.nominal ?? 1);
  // Stryker disable next-line ConditionalExpression: Number.isSafeInteger refuses a non-number as well
  if (typeof nominal !== 'number' || !Number.isSafeInteger(nominal) || nominal < 1) {
    issues.push(issue('INVALID_RATE', 'A nominal is a whole number of at least 1.', at('nominal')));
  }
  if (!isCalendarDate(rate.from)) issues.push(issue('INVALID_RATE', 'A rate date is written YYYY-MM-DD.', at('from')));
  return issues;
}

function isPositiveDecimal(text: unknown): boolean {
  try {
    // Stryker disable next-line StringLiteral: the error is caught just below, its message never read
    const amount = toDecimal(text, 'rate');
    return amount.isPositive() && !amount.isZero();
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: toDecimal throws only crm-kit errors
    if (isCrmError(error)) return false;
    throw error;
  }
}

const FOREVER = '0000-01-01' as CalendarDate;
// What the base currency is worth against itself, for conversions (its code does not matter there).
const BASE_RATE: ExchangeRate = Object.freeze(
  // Conversion reads neither the code nor needs the parsed amount (without it, it parses '1' or takes the exact path).
  // Stryker disable next-line StringLiteral,ObjectLiteral: conversion never reads the code, and the parsed amount only speeds it up
  Object.defineProperty({ currency: '', amount: '1', nominal: 1, from: FOREVER }, PARSED_RATE, {
    // Stryker disable next-line ObjectLiteral: an empty parsed rate sends conversion to the exact path, to the same answer
    value: Object.freeze({ units: 1, scale: 0 }),
  }),
);

/**
 * The rate in force for a currency on a day: the latest rate that starts on or before it. The
 * base currency is worth 1 on every day.
 *
 * @param table - The rate table.
 * @param currency - The currency whose rate is wanted.
 * @param on - The day, as `'YYYY-MM-DD'` or an instant (its UTC day is used).
 * @returns The rate, or `undefined` when none covers the day.
 * @throws {@link ValidationError} `INVALID_DATE` for a malformed day.
 *
 * @example
 * ```ts
 * const table = createRateTable({ base: 'EUR', rates: [
 *   { currency: 'USD', amount: '0.92', from: '2026-01-01' },
 *   { currency: 'USD', amount: '0.95', from: '2026-02-01' },
 * ] });
 * findRate(table, 'USD', '2026-01-31')?.amount; //=> '0.92'
 * findRate(table, 'USD', '2026-02-01')?.amount; //=> '0.95'
 * findRate(table, 'USD', '2025-12-31'); //=> undefined
 * findRate(table, 'EUR', '2020-01-01'); //=> { currency: 'EUR', amount: '1', nominal: 1, from: '0000-01-01' }
 * ```
 */
export function findRate(table: RateTable, currency: string, on: CalendarDate | Date): ExchangeRate | undefined {
  const rate = rateOn(table, currency, dayOf(on));
  return rate === BASE_RATE ? { currency, amount: '1', nominal: 1, from: FOREVER } : rate;
}

/** {@link findRate} for a day already checked by {@link dayOf}; the base currency gets a shared unit rate. */
export function rateOn(table: RateTable, currency: string, day: number): ExchangeRate | undefined {
  // A table from createRateTable is frozen, checked and sorted: straight to the search.
  const index = (table as CheckedTable | null | undefined)?.[CHECKED_TABLE];
  // Stryker disable next-line ConditionalExpression,BlockStatement: the checks for tables from elsewhere pass a checked table and find the same rate
  if (index !== undefined) {
    if (currency === table.base) return BASE_RATE;
    const list = index.get(currency);
    return list === undefined ? undefined : latestSorted(list, day);
  }
  const given: unknown = table;
  // Stryker disable next-line ConditionalExpression: a non-object has no rates object either, and is refused by the third test
  if (typeof given !== 'object' || given === null || typeof (given as Partial<RateTable>).rates !== 'object' || (given as { rates: unknown }).rates === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'Expected a rate table made by createRateTable.');
  }
  if (currency === table.base) return BASE_RATE;
  const list = Object.hasOwn(table.rates, currency) ? table.rates[currency] : undefined;
  if (list === undefined) return undefined;
  return checkedRate(latestAnyOrder(list, currency, day), currency);
}

function latestSorted({ rates, days }: RateList, day: number): ExchangeRate | undefined {
  let low = 0;
  // Stryker disable next-line ArithmeticOperator: a middle past the end reads Infinity and moves left
  let high = days.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((days[middle] ?? Infinity) <= day) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return rates[found];
}

// A table from elsewhere (JSON, a database) may be in any order and hold anything.
function latestAnyOrder(list: unknown, currency: string, day: number): ExchangeRate | undefined {
  if (!Array.isArray(list)) throw malformed(currency);
  let found: ExchangeRate | undefined;
  // Stryker disable next-line UnaryOperator: every valid day number is above 1
  let foundDay = -1;
  for (const rate of list as unknown[]) {
    // Stryker disable next-line ConditionalExpression: a string or number has no from, and dayNumberOf answers -1 for it
    const from = typeof rate === 'object' && rate !== null ? dayNumberOf((rate as ExchangeRate).from) : -1;
    // Stryker disable next-line EqualityOperator: dayNumberOf answers -1 or a number above 100
    if (from < 0) throw malformed(currency);
    // Stryker disable next-line EqualityOperator: rates of one currency on one day are refused by createRateTable; which of two such hand-made rates wins is not a rule
    if (from <= day && from > foundDay) {
      found = rate as ExchangeRate;
      foundDay = from;
    }
  }
  return found;
}

function checkedRate(rate: ExchangeRate | undefined, currency: string): ExchangeRate | undefined {
  // Only the number of problems counts here: no base to compare with, no paths.
  // Stryker disable next-line StringLiteral,ArrowFunction,ArrayDeclaration: only the count of issues is read
  if (rate !== undefined && checkRate(rate, '', () => [], true).length > 0) throw malformed(currency);
  return rate;
}

function malformed(currency: string): ValidationError {
  return new ValidationError('INVALID_RATE', `The rate table holds a malformed ${currency} rate; rebuild it with createRateTable.`);
}

/**
 * The calendar day of a day-or-instant argument, as the number yyyymmdd (which orders days as
 * their text does): rate searches compare numbers.
 */
export function dayOf(on: CalendarDate | Date): number {
  const day = dayNumberOf(typeof on === 'string' || !(on instanceof Date) ? on : toCalendarDate(on));
  // Stryker disable next-line EqualityOperator: dayNumberOf answers -1 or a number above 100
  if (day < 0) throw new ValidationError('INVALID_DATE', 'A rate day is written YYYY-MM-DD or given as a Date.');
  return day;
}
