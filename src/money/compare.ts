import { toDecimal } from './_internal/decimal.js';
import { alignedUnits, minorUnitsOf, sharedMinorUnits } from './_internal/operands.js';
import { parseUnits, scaleOf } from './_internal/small.js';
import type { CurrencyCheck, Money } from './types.js';

/**
 * Compares two amounts of the same currency; usable as an `Array#sort` comparator.
 *
 * @param a - The first amount.
 * @param b - The second amount, in the same currency.
 * @returns `-1` when `a < b`, `0` when equal (whatever their written decimals), `1` when `a > b`.
 * @throws {@link CurrencyMismatchError} `CURRENCY_MISMATCH` for different currencies.
 *
 * @example
 * ```ts
 * compareMoney(money('9.99', 'EUR'), money('10', 'EUR')); //=> -1
 * compareMoney(money('1.5', 'EUR'), money('1.50', 'EUR')); //=> 0
 * [money('3', 'EUR'), money('1', 'EUR')].sort(compareMoney).map((m) => m.amount); //=> ['1.00', '3.00']
 * ```
 */
export function compareMoney<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): -1 | 0 | 1;
export function compareMoney<A extends string, B extends string>(a: Money<A>, b: Money<B> & CurrencyCheck<A, B>): -1 | 0 | 1;
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sharedMinorUnits(a, b, 'compare');
  const difference = alignedUnits(parseUnits(a.amount), scaleOf(a.amount), parseUnits(b.amount), scaleOf(b.amount), true);
  const order = Number.isSafeInteger(difference) ? difference : toDecimal(a.amount).cmp(toDecimal(b.amount));
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

/**
 * Tells whether an amount is zero.
 *
 * @param m - The amount.
 * @returns `true` for `0`, `0.00`, `-0.000` and so on.
 *
 * @example
 * ```ts
 * isZeroMoney(money('0.00', 'EUR')); //=> true
 * isZeroMoney(money('0.01', 'EUR')); //=> false
 * ```
 */
export function isZeroMoney(m: Money): boolean {
  minorUnitsOf(m);
  const units = parseUnits(m.amount);
  return Number.isNaN(units) ? toDecimal(m.amount).isZero() : units === 0;
}
