import { sharedMinorUnits, sumOrDifference } from './_internal/operands.js';
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
export function subtractMoney<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Money<C>;
export function subtractMoney<A extends string, B extends string>(
  a: Money<A>,
  b: Money<B> & CurrencyCheck<A, B>,
): Money<ResultCurrency<A, B>>;
export function subtractMoney(a: Money, b: Money): Money {
  const minorUnits = sharedMinorUnits(a, b, 'subtract');
  return { amount: sumOrDifference(a.amount, b.amount, minorUnits, true), currency: a.currency };
}
