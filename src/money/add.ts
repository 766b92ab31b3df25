import { canonicalFromDecimal, toDecimal } from './_internal/decimal.js';
import { alignedUnits, sharedMinorUnits } from './_internal/operands.js';
import { canonicalFromSmall, parseUnits, scaleOf } from './_internal/small.js';
import type { CurrencyCheck, Money, ResultCurrency } from './types.js';

/**
 * Adds two amounts of the same currency, exactly.
 *
 * @param a - The first amount.
 * @param b - The second amount, in the same currency (with literal currency types, another
 * currency does not compile).
 * @returns `a + b` in canonical form.
 * @throws {@link CurrencyMismatchError} `CURRENCY_MISMATCH` for different currencies; never a raw sum.
 *
 * @example
 * ```ts
 * addMoney(money('10.50', 'EUR'), money('0.75', 'EUR')); //=> { amount: '11.25', currency: 'EUR' }
 * addMoney(money('1', 'EUR'), money('1', 'USD')); // throws CurrencyMismatchError CURRENCY_MISMATCH
 * ```
 */
export function addMoney<A extends string, B extends string>(
  a: Money<A>,
  b: Money<B> & CurrencyCheck<A, B>,
): Money<ResultCurrency<A, B>> {
  const minorUnits = sharedMinorUnits(a, b, 'add');
  const unitsA = parseUnits(a.amount);
  const unitsB = parseUnits(b.amount);
  const scale = Math.max(scaleOf(a.amount), scaleOf(b.amount));
  return {
    amount:
      canonicalFromSmall(alignedUnits(unitsA, scaleOf(a.amount), unitsB, scaleOf(b.amount), false), scale, minorUnits) ??
      canonicalFromDecimal(toDecimal(a.amount).plus(toDecimal(b.amount)), minorUnits),
    currency: a.currency as ResultCurrency<A, B>,
  };
}
