import { canonicalFromDecimal, toDecimal } from './_internal/decimal.js';
import { minorUnitsOf } from './_internal/operands.js';
import { canonicalFromSmall, multiplySafe, parseUnits, scaleOf } from './_internal/small.js';
import type { Money } from './types.js';

/**
 * Multiplies an amount by a decimal factor, exactly: the result keeps every decimal of the product
 * (round it with {@link roundMoney} when it must fit the currency). To split an amount into
 * shares, use {@link allocateMoney}, never a division.
 *
 * @param m - The amount.
 * @param factor - A decimal string such as `'1.21'` or `'-0.5'` (strings, so no float error creeps in).
 * @returns `m × factor` in canonical form.
 * @throws {@link ValidationError} `INVALID_AMOUNT` when the factor is not a plain decimal string.
 *
 * @example
 * ```ts
 * multiplyMoney(money('100.00', 'EUR'), '1.21'); //=> { amount: '121.00', currency: 'EUR' }
 * multiplyMoney(money('10.01', 'EUR'), '0.333'); //=> { amount: '3.33333', currency: 'EUR' }
 * ```
 */
export function multiplyMoney<C extends string>(m: Money<C>, factor: string): Money<C> {
  const minorUnits = minorUnitsOf(m);
  const units = multiplySafe(parseUnits(m.amount), parseUnits(factor, 'factor'));
  return {
    amount:
      canonicalFromSmall(units, scaleOf(m.amount) + scaleOf(factor), minorUnits) ??
      // Stryker disable next-line StringLiteral: parseUnits checked the factor just before, so this name is never in a message
      canonicalFromDecimal(toDecimal(m.amount).times(toDecimal(factor, 'factor')), minorUnits),
    currency: m.currency,
  };
}
