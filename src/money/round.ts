import { ValidationError } from '../kernel/index.js';
import { canonicalFromDecimal, Dec, toDecimal } from './_internal/decimal.js';
import { minorUnitsOf } from './_internal/operands.js';
import { divideDecimal, divideSmall } from './_internal/rounding.js';
import { canonicalFromSmall, parseUnits, POW10, scaleOf } from './_internal/small.js';
import type { Money, RoundingMode } from './types.js';
import { ROUNDING_MODES } from './types.js';

/**
 * Options of {@link roundMoney}.
 */
export interface RoundMoneyOptions {
  /** How to round; default `'halfUp'` (see {@link RoundingMode}). */
  readonly mode?: RoundingMode | undefined;
  /** How many decimals to keep; default the currency's ISO 4217 minor units. */
  readonly scale?: number | undefined;
}

/** The most decimals crm-kit rounds to. */
const MAX_SCALE = 64;

const MODES: ReadonlySet<string> = /* @__PURE__ */ new Set(ROUNDING_MODES);

/** Checks a rounding mode and scale; shared by every function that rounds. */
export function assertRounding(mode: RoundingMode, scale: number): void {
  if (!MODES.has(mode)) {
    throw new ValidationError('INVALID_ARGUMENT', `Unknown rounding mode; use one of ${ROUNDING_MODES.join(', ')}.`);
  }
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
    throw new ValidationError('INVALID_ARGUMENT', `A rounding scale is a whole number from 0 to ${MAX_SCALE}.`);
  }
}

/**
 * Rounds an amount to a number of decimals. Amounts that already fit are returned with the same
 * value. Rounding is explicit in crm-kit: arithmetic never rounds on its own.
 *
 * @param m - The amount.
 * @param options - `mode` (default `'halfUp'`) and `scale` (default the currency's minor units).
 * @returns The rounded amount in canonical form.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an unknown mode or a scale outside 0–64.
 *
 * @example
 * ```ts
 * roundMoney(money('2.345', 'EUR')); //=> { amount: '2.35', currency: 'EUR' }
 * roundMoney(money('2.345', 'EUR'), { mode: 'halfEven' }); //=> { amount: '2.34', currency: 'EUR' }
 * roundMoney(money('-2.345', 'EUR'), { mode: 'floor' }); //=> { amount: '-2.35', currency: 'EUR' }
 * roundMoney(money('1234.5', 'EUR'), { scale: 0 }); //=> { amount: '1235.00', currency: 'EUR' }
 * ```
 */
export function roundMoney<C extends string>(m: Money<C>, options: RoundMoneyOptions = {}): Money<C> {
  const minorUnits = minorUnitsOf(m);
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) throw new ValidationError('INVALID_ARGUMENT', 'roundMoney options are { mode?, scale? }.');
  const mode = options.mode ?? 'halfUp';
  const scale = options.scale ?? minorUnits;
  assertRounding(mode, scale);
  const units = parseUnits(m.amount);
  const written = scaleOf(m.amount);
  const divisor = POW10[written - scale];
  const rounded = written <= scale ? units : divisor === undefined ? Number.NaN : divideSmall(units, divisor, mode);
  return {
    amount:
      canonicalFromSmall(rounded, Math.min(written, scale), minorUnits) ??
      canonicalFromDecimal(divideDecimal(toDecimal(m.amount), new Dec(1), scale, mode), minorUnits),
    currency: m.currency,
  };
}
