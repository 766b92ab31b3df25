import { ValidationError } from '../kernel/index.js';
import { getCurrency } from './currency.js';
import { canonicalFromDecimal, Dec, toDecimal } from './_internal/decimal.js';
import { minorUnitsOf } from './_internal/operands.js';
import { assertAmountLength, canonicalFromSmall } from './_internal/small.js';
import { canonicalAmount } from './_internal/canonical.js';
import type { Money } from './types.js';

/**
 * Makes a {@link Money} from a decimal string and an ISO 4217 currency code. The amount is kept
 * exactly and written canonically (see {@link Money}); it is never rounded.
 *
 * @param amount - Digits with one optional `.` and an optional leading sign: `'1234.5'`, `'-0.25'`.
 * No exponent, grouping, spaces or currency symbol (use {@link parseMoney} for people's text).
 * @param currency - An ISO 4217 code, such as `'EUR'`.
 * @returns The amount in canonical form.
 * @throws {@link ValidationError} `INVALID_AMOUNT` for text that is not a plain decimal,
 * `AMOUNT_OUT_OF_RANGE` for an amount spanning more than 100 digits from its first non-zero integer
 * digit to its last non-zero decimal (zeros before or after do not count, so every amount `money`
 * returns, padded to the minor units, reads back); {@link LimitError} `LIMIT_EXCEEDED` for text
 * longer than `LIMITS.amountText`; {@link UnknownCurrencyError} `UNKNOWN_CURRENCY`.
 *
 * @example
 * ```ts
 * money('1234.5', 'EUR'); //=> { amount: '1234.50', currency: 'EUR' }
 * money('1500', 'JPY'); //=> { amount: '1500', currency: 'JPY' }
 * money('0.125', 'USD'); //=> { amount: '0.125', currency: 'USD' }
 * money('-0', 'BHD'); //=> { amount: '0.000', currency: 'BHD' }
 * money(money('9'.repeat(100), 'EUR').amount, 'EUR').amount.length; //=> 103
 * money('9'.repeat(101), 'EUR'); // throws ValidationError AMOUNT_OUT_OF_RANGE
 * money('1,5', 'EUR'); // throws ValidationError INVALID_AMOUNT
 * ```
 */
export function money<C extends string>(amount: string, currency: C): Money<C> {
  if (typeof amount === 'string') assertAmountLength(amount);
  return { amount: canonicalAmount(amount, getCurrency(currency).minorUnits), currency };
}

/**
 * Makes a {@link Money} from a whole number of the currency's minor units (cents for EUR, yen
 * for JPY, fils for BHD), as payment providers exchange them.
 *
 * @param units - A safe integer or a bigint.
 * @param currency - An ISO 4217 code.
 * @returns The amount in canonical form.
 * @throws {@link ValidationError} `INVALID_AMOUNT` when `units` is not a whole number or not safe.
 *
 * @example
 * ```ts
 * moneyFromMinor(1999, 'EUR'); //=> { amount: '19.99', currency: 'EUR' }
 * moneyFromMinor(1999, 'JPY'); //=> { amount: '1999', currency: 'JPY' }
 * moneyFromMinor(-5n, 'BHD'); //=> { amount: '-0.005', currency: 'BHD' }
 * ```
 */
export function moneyFromMinor<C extends string>(units: number | bigint, currency: C): Money<C> {
  const minorUnits = getCurrency(currency).minorUnits;
  if (typeof units === 'number' ? !Number.isSafeInteger(units) : typeof units !== 'bigint') {
    throw new ValidationError('INVALID_AMOUNT', 'Minor units must be a safe integer or a bigint.');
  }
  return {
    amount:
      // The fast path: canonicalFromSmall answers undefined for a bigint, and the exact path writes the same text for a number.
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: either path writes the same text
      (typeof units === 'number' ? canonicalFromSmall(units, minorUnits, minorUnits) : undefined) ??
      canonicalFromDecimal(toDecimal(units.toString()).div(new Dec(10).pow(minorUnits)), minorUnits),
    currency,
  };
}

/**
 * The amount as a whole number of the currency's minor units.
 *
 * @param m - An amount with no more decimals than its currency's minor units (round it first
 * with {@link roundMoney} otherwise).
 * @returns The minor units as a bigint, exact at any size.
 * @throws {@link ValidationError} `INVALID_AMOUNT` when the amount has finer decimals.
 *
 * @example
 * ```ts
 * toMinorUnits(money('19.99', 'EUR')); //=> 1999n
 * toMinorUnits(money('7', 'JPY')); //=> 7n
 * toMinorUnits(money('0.125', 'EUR')); // throws ValidationError INVALID_AMOUNT
 * ```
 */
export function toMinorUnits(m: Money): bigint {
  const minorUnits = minorUnitsOf(m);
  const units = toDecimal(m.amount).times(new Dec(10).pow(minorUnits));
  if (!units.isInteger()) {
    throw new ValidationError(
      'INVALID_AMOUNT',
      `The amount has more decimals than ${m.currency}'s ${minorUnits} minor units: round it first.`,
    );
  }
  return BigInt(units.toFixed(0));
}
