import { sharedMinorUnits, sumOrDifference } from './_internal/operands.js';
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
export function addMoney<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Money<C>;
export function addMoney<A extends string, B extends string>(
  a: Money<A>,
  b: Money<B> & CurrencyCheck<A, B>,
): Money<ResultCurrency<A, B>>;
export function addMoney(a: Money, b: Money): Money {
  const minorUnits = sharedMinorUnits(a, b, 'add');
  return { amount: sumOrDifference(a.amount, b.amount, minorUnits, false), currency: a.currency };
}
