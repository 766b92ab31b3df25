import type { CalendarDate } from '../kernel/index.js';
import { MissingRateError, ValidationError } from '../kernel/index.js';
import { getCurrency } from './currency.js';
import { canonicalFromDecimal, Dec, toDecimal } from './_internal/decimal.js';
import { minorUnitsOf } from './_internal/operands.js';
import { divideDecimal, divideSmall } from './_internal/rounding.js';
import { assertAmountLength, canonicalFromSmall, multiplySafe, parseUnits, scaleOf, scaleUp } from './_internal/small.js';
import type { ExchangeRate, RateTable } from './rate-table.js';
import { dayOf, parsedRate, rateOn } from './rate-table.js';
import { canonicalAmount } from './_internal/canonical.js';
import { assertRounding, roundMoney } from './round.js';
import type { Money, RoundingMode } from './types.js';

/**
 * Options of {@link convertMoney}.
 */
export interface ConvertMoneyOptions {
  /** The day whose rates apply: `'YYYY-MM-DD'`, or an instant (its UTC day). */
  readonly on: CalendarDate | Date;
  /** How the converted amount is rounded; default `'halfUp'`. */
  readonly round?: RoundingMode | undefined;
  /** Decimals of the converted amount; default the target currency's minor units. */
  readonly scale?: number | undefined;
}

/**
 * Converts an amount into another currency with the rates in force on a day. Between two
 * non-base currencies it goes through the base (a cross rate), computing
 * `amount × rate(from) / nominal(from) × nominal(to) / rate(to)` exactly and rounding once.
 * Converting into the same currency needs no rate: the amount only gets the same rounding.
 *
 * @param m - The amount to convert.
 * @param to - The target currency.
 * @param table - The dated rates (see {@link createRateTable}).
 * @param options - The day (`on`), and optionally the rounding mode and scale.
 * @returns The converted, rounded amount.
 * @throws {@link MissingRateError} `NO_RATE` when a currency has no rate on that day;
 * {@link UnknownCurrencyError} for an unknown target; {@link ValidationError} `INVALID_DATE` for a
 * malformed day.
 *
 * @example
 * ```ts
 * const rates = createRateTable({
 *   base: 'EUR',
 *   rates: [
 *     { currency: 'USD', amount: '0.92', from: '2026-01-01' },
 *     { currency: 'JPY', amount: '0.60', nominal: 100, from: '2026-01-01' },
 *   ],
 * });
 * convertMoney(money('100.00', 'USD'), 'EUR', rates, { on: '2026-02-01' }); //=> { amount: '92.00', currency: 'EUR' }
 * convertMoney(money('10000', 'JPY'), 'USD', rates, { on: '2026-02-01' }); //=> { amount: '65.22', currency: 'USD' }
 * convertMoney(money('5.00', 'EUR'), 'EUR', rates, { on: '1999-01-01' }); //=> { amount: '5.00', currency: 'EUR' }
 * convertMoney(money('5.005', 'EUR'), 'EUR', rates, { on: '1999-01-01' }); //=> { amount: '5.01', currency: 'EUR' }
 * ```
 */
export function convertMoney<T extends string>(
  m: Money,
  to: T,
  table: RateTable,
  options: ConvertMoneyOptions,
): Money<T> {
  const source = minorUnitsOf(m);
  const same = m.currency === to;
  const target = same ? source : getCurrency(to).minorUnits;
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'convertMoney needs options with the day of the rates: { on }.');
  }
  const mode = options.round ?? 'halfUp';
  const scale = options.scale ?? target;
  assertRounding(mode, scale);
  const day = dayOf(options.on);
  // The same currency needs no rate; the amount is rounded like any converted amount.
  if (same) {
    // Within the scale nothing rounds: the amount is only written canonically (the same string when it is).
    const amount = m.amount;
    // Stryker disable next-line EqualityOperator: an amount at exactly the scale rounds to itself, written canonically as below
    if (typeof amount !== 'string' || scaleOf(amount) > scale) return roundMoney(m as Money<T>, { mode, scale });
    assertAmountLength(amount);
    return { amount: canonicalAmount(amount, target), currency: to };
  }
  const from = rateOrThrow(table, m.currency, day);
  const into = rateOrThrow(table, to, day);
  // amount × rate(from) × nominal(to) / (nominal(from) × rate(to)), as integers scaled to `scale`.
  const units = parseUnits(m.amount);
  const rateFrom = parsedRate(from);
  const rateTo = parsedRate(into);
  const shift = rateTo.scale + scale - scaleOf(m.amount) - rateFrom.scale;
  let top = multiplySafe(multiplySafe(units, rateFrom.units), into.nominal);
  let bottom = multiplySafe(from.nominal, rateTo.units);
  // A wrong branch or sign below scales by a negative power: scaleUp answers NaN and the exact path decides.
  // Stryker disable UnaryOperator: scaleUp by a negative power is NaN, and the exact path gives the same answer
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a negative or zero shift either way gives NaN or the same operands
  if (shift >= 0) top = scaleUp(top, shift);
  else bottom = scaleUp(bottom, -shift);
  // Stryker restore UnaryOperator
  // Stryker disable next-line ConditionalExpression,LogicalOperator: divideSmall of NaN is NaN, so either way the exact path answers
  const fast = Number.isNaN(top) || Number.isNaN(bottom) ? Number.NaN : divideSmall(top, bottom, mode);
  return {
    amount:
      canonicalFromSmall(fast, scale, target) ??
      canonicalFromDecimal(
        divideDecimal(
          // Rates are checked before they get here: these names are never in a message.
          // Stryker disable next-line StringLiteral: the rate was checked, so toDecimal never throws here
          toDecimal(m.amount).times(toDecimal(from.amount, 'rate')).times(into.nominal),
          // Stryker disable next-line StringLiteral: the rate was checked, so toDecimal never throws here
          new Dec(from.nominal).times(toDecimal(into.amount, 'rate')),
          scale,
          mode,
        ),
        target,
      ),
    currency: to,
  };
}

function rateOrThrow(table: RateTable, currency: string, day: number): ExchangeRate {
  const rate = rateOn(table, currency, day);
  if (rate === undefined) {
    throw new MissingRateError('NO_RATE', `No ${currency} rate against ${table.base} covers the requested day.`);
  }
  return rate;
}
