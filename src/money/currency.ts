import { UnknownCurrencyError } from '../kernel/index.js';
import type { Iso4217Entry } from './_internal/iso-4217.js';
import { ISO_4217_AMENDMENT, ISO_4217_LIST_ONE, ISO_4217_RECENTLY_WITHDRAWN } from './_internal/iso-4217.js';

/**
 * An ISO 4217 currency as plain, frozen data.
 *
 * Codes whose minor units ISO gives as "N.A." (XAU, XAG, XPD, XPT, XDR, XBA-XBD, XSU, XUA, XTS,
 * XXX) have `minorUnits: 0` and `minorUnitsApplicable: false`: their amounts keep every decimal
 * they are given, and rounding them "to the minor unit" means to whole units, so pick a scale
 * explicitly for them. A few recently withdrawn codes (ANG, BGN, CUC, HRK, SLL, ZWL) are kept so
 * that old records still resolve; they carry the date they were `withdrawn`.
 *
 * @example
 * ```ts
 * getCurrency('BHD');
 * //=> { code: 'BHD', numericCode: '048', minorUnits: 3, name: 'Bahraini Dinar', minorUnitsApplicable: true, withdrawn: undefined }
 * getCurrency('XAU').minorUnitsApplicable; //=> false
 * getCurrency('BGN').withdrawn; //=> '2026-01-01'
 * ```
 */
export interface Currency {
  /** The ISO 4217 alphabetic code: three upper-case letters (`'EUR'`). */
  readonly code: string;
  /** The ISO 4217 numeric code: three digits, leading zeros kept (`'008'`). */
  readonly numericCode: string;
  /** Digits after the decimal separator: 0 (JPY), 2 (EUR), 3 (KWD) or 4 (CLF); 0 where ISO says "N.A.". */
  readonly minorUnits: number;
  /** ISO's English name (`'Pound Sterling'`, `'Yen'`). */
  readonly name: string;
  /** `false` where ISO gives the minor units as "N.A." (precious metals, SDR, bond units, XTS, XXX). */
  readonly minorUnitsApplicable: boolean;
  /** For a withdrawn code only: the first day (`YYYY-MM-DD`) it was no longer current. */
  readonly withdrawn?: string | undefined;
}

const toCurrency = (row: Iso4217Entry): Currency =>
  // Every record gets the same keys in the same order, so reads on the hot path stay monomorphic.
  Object.freeze({
    code: row.code,
    numericCode: row.numericCode,
    minorUnits: row.minorUnits ?? 0,
    name: row.name,
    minorUnitsApplicable: row.minorUnits !== null,
    withdrawn: row.withdrawn,
  });

// Codes are unique, so only a.code < b.code decides, and V8's sort gives the same order for the mutants of the rest (pinned by currency.test.ts).
// Stryker disable EqualityOperator,ConditionalExpression: see the line above
const CURRENCIES: readonly Currency[] = Object.freeze(
  [...ISO_4217_LIST_ONE, ...ISO_4217_RECENTLY_WITHDRAWN]
    .map(toCurrency)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
);
// Stryker restore EqualityOperator,ConditionalExpression

const BY_CODE: ReadonlyMap<string, Currency> = new Map(CURRENCIES.map((currency) => [currency.code, currency]));

// The currency getCurrency found last.
let last: Currency | undefined;

/**
 * Looks up an ISO 4217 currency by its alphabetic code. The code must be exact: three upper-case
 * letters. Withdrawn codes kept in the table (BGN, HRK, ...) resolve too, with `withdrawn` set.
 *
 * @param code - An ISO 4217 alphabetic code such as `'EUR'`.
 * @returns The frozen {@link Currency}; the same object on every call.
 * @throws {@link UnknownCurrencyError} `UNKNOWN_CURRENCY` when the code is malformed or not in the
 * table. The message repeats the code only when it is at most three letters long.
 *
 * @example
 * ```ts
 * getCurrency('JPY').minorUnits; //=> 0
 * getCurrency('XCG').name; //=> 'Caribbean Guilder'
 * getCurrency('eur'); // throws UNKNOWN_CURRENCY ("codes are written in upper case")
 * ```
 */
export function getCurrency(code: string): Currency {
  // Amounts come in runs of one currency: the last answer is checked before the map.
  // Stryker disable next-line ConditionalExpression: without the memo the map answers the same record
  // eslint-disable-next-line @typescript-eslint/prefer-optional-chain -- `last?.code` would match an undefined code before the first lookup
  if (last !== undefined && code === last.code) return last;
  const currency = BY_CODE.get(code);
  if (currency === undefined) throw new UnknownCurrencyError('UNKNOWN_CURRENCY', describeUnknownCode(code));
  last = currency;
  return currency;
}

/**
 * Lists every currency in the table, sorted by code: ISO 4217 List One plus the recently withdrawn
 * codes. Filter on `withdrawn` and `minorUnitsApplicable` to offer only currencies a user can pay in.
 *
 * @returns A frozen array of frozen {@link Currency} records, sorted by `code`.
 *
 * @example
 * ```ts
 * listCurrencies()[0].code; //=> 'AED'
 * listCurrencies().filter((c) => c.withdrawn === undefined).length; //=> 178
 * ```
 */
export function listCurrencies(): readonly Currency[] {
  return CURRENCIES;
}

/**
 * Tells whether a value is an alphabetic code {@link getCurrency} resolves: an exact, upper-case
 * code of the table, withdrawn codes included.
 *
 * @param code - Any value.
 * @returns `true` when `getCurrency(code)` would not throw.
 *
 * @example
 * ```ts
 * isCurrencyCode('EUR'); //=> true
 * isCurrencyCode('eur'); //=> false
 * isCurrencyCode('XYZ'); //=> false
 * isCurrencyCode(978); //=> false
 * ```
 */
export function isCurrencyCode(code: unknown): code is string {
  // Stryker disable next-line ConditionalExpression: the map has only string keys, so it answers false for any other value as well
  return typeof code === 'string' && BY_CODE.has(code);
}

// Off the hot path: only runs on the way to a throw. Like every crm-kit message, it never echoes
// the input: a "currency" may be any text a caller had at hand.
function describeUnknownCode(code: unknown): string {
  if (typeof code !== 'string') return `A currency code must be a string, not ${typeof code}.`;
  // Only a code of exactly three letters can have its upper case in the table, and a code that is its own upper case is known.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,Regex: the table lookup alone decides which codes get the upper-case hint
  if (/^[A-Za-z]{3}$/.test(code) && code !== code.toUpperCase() && BY_CODE.has(code.toUpperCase())) {
    return 'Unknown currency code: codes are written in upper case.';
  }
  if (/^[A-Z]{3}$/.test(code)) return `Unknown currency code: it is not in the ISO 4217 table (Amendment ${ISO_4217_AMENDMENT}).`;
  return 'Malformed currency code: expected three upper-case letters.';
}
