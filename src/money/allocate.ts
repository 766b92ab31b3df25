import { ValidationError } from '../kernel/index.js';
import { canonicalFromDecimal, Dec, toDecimal } from './_internal/decimal.js';
import { minorUnitsOf } from './_internal/operands.js';
import type { Money } from './types.js';

/**
 * Splits an amount into shares proportional to `ratios`, in whole minor units, so that the shares
 * always add up to exactly `m`. Each share first gets its proportion rounded towards zero; the
 * units left over go one each to the largest ratios first (ties to the earlier index). Zero
 * ratios get zero. Negative amounts split the same way, with negative shares. When `m` carries
 * more decimals than its currency's minor units, shares are counted in its own smallest decimal.
 *
 * @param m - The amount to split.
 * @param ratios - Non-negative weights, as numbers or decimal strings, not all zero.
 * @returns One share per ratio, in order.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an empty list, a negative or non-finite
 * ratio, or ratios that are all zero.
 *
 * @example
 * ```ts
 * allocateMoney(money('100.00', 'EUR'), [1, 1, 1]).map((s) => s.amount); //=> ['33.34', '33.33', '33.33']
 * allocateMoney(money('0.05', 'EUR'), [70, 30]).map((s) => s.amount); //=> ['0.04', '0.01']
 * allocateMoney(money('-10', 'JPY'), [1, 0, 2]).map((s) => s.amount); //=> ['-3', '0', '-7']
 * ```
 */
export function allocateMoney<C extends string>(m: Money<C>, ratios: readonly (number | string)[]): Money<C>[] {
  const minorUnits = minorUnitsOf(m);
  if (!Array.isArray(ratios) || ratios.length === 0) {
    throw new ValidationError('INVALID_ARGUMENT', 'allocateMoney needs at least one ratio.');
  }
  // Array.from visits holes too, so a sparse list fails on its missing ratio.
  const weights = Array.from(ratios, (ratio: unknown, index) => {
    if (typeof ratio === 'number' && !Number.isFinite(ratio)) {
      throw new ValidationError('INVALID_ARGUMENT', `The ratio at index ${index} is not a finite number.`);
    }
    const weight = typeof ratio === 'number' ? new Dec(ratio) : toDecimal(ratio, `ratio at index ${index}`);
    if (weight.isNeg() && !weight.isZero()) {
      throw new ValidationError('INVALID_ARGUMENT', `The ratio at index ${index} is negative.`);
    }
    return weight;
  });
  const total = weights.reduce((sum, w) => sum.plus(w), new Dec(0));
  if (total.isZero()) throw new ValidationError('INVALID_ARGUMENT', 'At least one ratio must be above zero.');

  const amount = toDecimal(m.amount);
  const scale = Math.max(minorUnits, amount.decimalPlaces());
  const unit = new Dec(10).pow(-scale);
  const units = amount.div(unit); // whole, by the choice of scale
  const shares = weights.map((w) => units.times(w).div(total).trunc());
  let left = units.minus(shares.reduce((sum, s) => sum.plus(s), new Dec(0)));
  const step = units.isNeg() ? -1 : 1;
  // The leftover is smaller than the number of non-zero ratios: one unit each, largest ratio first.
  // Equal ratios are already in index order, which V8's stable sort keeps: x.index + y.index has the same sign there.
  // Stryker disable ArithmeticOperator: see the line above
  // Stryker disable next-line MethodExpression: zero ratios sort last, and the leftover never reaches them (it is below the count of the others)
  const order = weights
    .map((w, index) => ({ w, index }))
    .filter(({ w }) => !w.isZero())
    .sort((x, y) => y.w.cmp(x.w) || x.index - y.index);
  // Stryker restore ArithmeticOperator
  for (const { index } of order) {
    if (left.isZero()) break;
    shares[index] = (shares[index] ?? new Dec(0)).plus(step);
    left = left.minus(step);
  }
  return shares.map((share) => ({ amount: canonicalFromDecimal(share.times(unit), minorUnits), currency: m.currency }));
}
