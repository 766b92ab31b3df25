import { CurrencyMismatchError, ValidationError } from '../kernel/index.js';
import { getCurrency } from './currency.js';
import { canonicalFromDecimal, Dec, toDecimal } from './_internal/decimal.js';
import { alignedUnits, isMoneyShaped, minorUnitsOf } from './_internal/operands.js';
import { canonicalFromSmall, parseUnits, scaleOf } from './_internal/small.js';
import type { Money, WithinCurrency } from './types.js';

/**
 * Adds up amounts of one currency, exactly. The currency is given so that an empty list has a
 * defined total and a stray currency is caught: mixing currencies is an error, never a raw sum
 * (convert first with {@link convertMoney}).
 *
 * @param amounts - Any iterable of amounts, all in `currency`.
 * @param currency - The currency of every amount and of the total.
 * @returns The total in canonical form; zero for an empty list.
 * @throws {@link CurrencyMismatchError} `CURRENCY_MISMATCH` when an amount has another currency.
 *
 * @example
 * ```ts
 * sumMoney([money('1.10', 'EUR'), money('2.20', 'EUR')], 'EUR'); //=> { amount: '3.30', currency: 'EUR' }
 * sumMoney([], 'JPY'); //=> { amount: '0', currency: 'JPY' }
 * sumMoney([money('1', 'EUR'), money('1', 'USD')], 'EUR'); // throws CurrencyMismatchError CURRENCY_MISMATCH
 * ```
 */
export function sumMoney<C extends string, M extends string = C>(
  amounts: Iterable<Money<M>>,
  currency: C & WithinCurrency<M, C>,
): Money<C> {
  const minorUnits = getCurrency(currency).minorUnits;
  const iterable: unknown = amounts;
  if (typeof iterable !== 'object' || iterable === null || !(Symbol.iterator in iterable)) {
    throw new ValidationError('INVALID_ARGUMENT', 'sumMoney takes an iterable of amounts.');
  }
  // Exact safe-integer accumulation while it lasts; decimal.js from the first value that leaves it.
  let units = 0;
  let scale = minorUnits;
  let exact: Dec | undefined;
  let index = 0;
  for (const m of amounts) {
    if (!isMoneyShaped(m) || m.currency !== currency) {
      minorUnitsOf(m, `amount at index ${index}`);
      throw new CurrencyMismatchError(
        'CURRENCY_MISMATCH',
        `Cannot sum ${m.currency} (at index ${index}) into a ${currency} total: convert it first.`,
      );
    }
    index++;
    if (exact === undefined) {
      const mUnits = parseUnits(m.amount);
      const mScale = scaleOf(m.amount);
      // Amounts of one currency mostly share its scale: nothing to align.
      const total = mScale === scale ? units + mUnits : alignedUnits(units, scale, mUnits, mScale, false);
      if (Number.isSafeInteger(total)) {
        units = total;
        scale = Math.max(scale, mScale);
        continue;
      }
      exact = new Dec(units).div(new Dec(10).pow(scale));
    }
    exact = exact.plus(toDecimal(m.amount));
  }
  const text = exact === undefined ? canonicalFromSmall(units, scale, minorUnits) : undefined;
  return { amount: text ?? canonicalFromDecimal(exact ?? new Dec(units).div(new Dec(10).pow(scale)), minorUnits), currency };
}
