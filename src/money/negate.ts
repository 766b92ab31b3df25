import { canonicalFromDecimal, toDecimal } from './_internal/decimal.js';
import { minorUnitsOf } from './_internal/operands.js';
import { canonicalFromSmall, parseUnits, scaleOf } from './_internal/small.js';
import type { Money } from './types.js';

/**
 * The opposite amount: a refund of a payment, a credit note of an invoice.
 *
 * @param m - The amount.
 * @returns `−m` in canonical form (zero stays `0`, never `-0`).
 *
 * @example
 * ```ts
 * negateMoney(money('5.00', 'EUR')); //=> { amount: '-5.00', currency: 'EUR' }
 * negateMoney(money('0', 'EUR')); //=> { amount: '0.00', currency: 'EUR' }
 * ```
 */
export function negateMoney<C extends string>(m: Money<C>): Money<C> {
  const minorUnits = minorUnitsOf(m);
  const units = parseUnits(m.amount);
  return {
    amount:
      canonicalFromSmall(units === 0 ? 0 : -units, scaleOf(m.amount), minorUnits) ??
      canonicalFromDecimal(toDecimal(m.amount).neg(), minorUnits),
    currency: m.currency,
  };
}
