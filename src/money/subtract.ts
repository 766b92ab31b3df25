import { canonicalFromDecimal, toDecimal } from './_internal/decimal.js';
import { alignedUnits, sharedMinorUnits } from './_internal/operands.js';
import { canonicalFromSmall, parseUnits, scaleOf } from './_internal/small.js';
import type { CurrencyCheck, Money, ResultCurrency } from './types.js';

/**
 * Subtracts an amount from another of the same currency, exactly.
 *
 * @param a - The amount to subtract from.
 * @param b - The amount to subtract, in the same currency.
 * @returns `a − b` in canonical form.
 * @throws {@link CurrencyMismatchError} `CURRENCY_MISMATCH` for different currencies.
 *
 * @example
 * ```ts
 * subtractMoney(money('10.00', 'USD'), money('0.01', 'USD')); //=> { amount: '9.99', currency: 'USD' }
 * subtractMoney(money('1', 'JPY'), money('3', 'JPY')); //=> { amount: '-2', currency: 'JPY' }
 * ```
 */
export function subtractMoney<A extends string, B extends string>(
  a: Money<A>,
  b: Money<B> & CurrencyCheck<A, B>,
): Money<ResultCurrency<A, B>> {
  const minorUnits = sharedMinorUnits(a, b, 'subtract');
  const unitsA = parseUnits(a.amount);
  const unitsB = parseUnits(b.amount);
  const scale = Math.max(scaleOf(a.amount), scaleOf(b.amount));
  return {
    amount:
      canonicalFromSmall(alignedUnits(unitsA, scaleOf(a.amount), unitsB, scaleOf(b.amount), true), scale, minorUnits) ??
      canonicalFromDecimal(toDecimal(a.amount).minus(toDecimal(b.amount)), minorUnits),
    currency: a.currency as ResultCurrency<A, B>,
  };
}
