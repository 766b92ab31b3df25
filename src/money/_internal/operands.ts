import { CurrencyMismatchError, ValidationError } from '../../kernel/index.js';
import { getCurrency } from '../currency.js';
import type { Money } from '../types.js';
import { canonicalFromDecimal, toDecimal } from './decimal.js';
import { canonicalFromSmall, parseUnits, scaleOf, scaleUp } from './small.js';

/** Checks that a value is shaped like Money with a known currency; returns its minor units. */
export function minorUnitsOf(value: unknown, what = 'amount'): number {
  if (!isMoneyShaped(value)) {
    throw new ValidationError('INVALID_ARGUMENT', `The ${what} must be a Money object ({ amount, currency }).`);
  }
  return getCurrency(value.currency).minorUnits;
}

/** Whether a value from an untyped caller has the shape of Money; the amount is checked when read. */
export function isMoneyShaped(value: unknown): value is Money {
  return typeof value === 'object' && value !== null && typeof (value as { currency?: unknown }).currency === 'string';
}

/** Checks that two amounts share a currency; returns its minor units. */
export function sharedMinorUnits(a: Money, b: unknown, operation: string): number {
  const minor = minorUnitsOf(a, 'first amount');
  if (!isMoneyShaped(b) || b.currency !== a.currency) {
    minorUnitsOf(b, 'second amount');
    throw new CurrencyMismatchError(
      'CURRENCY_MISMATCH',
      `Cannot ${operation} ${a.currency} and ${(b as Money).currency}: convert one of them first.`,
    );
  }
  return minor;
}

/**
 * `a ∘ b` on the fast path: both unit counts brought to the larger scale and combined, or NaN when
 * anything leaves the safe range. Returns the units; the scale is `max(scaleA, scaleB)`.
 */
export function alignedUnits(a: number, scaleA: number, b: number, scaleB: number, subtract: boolean): number {
  const scale = Math.max(scaleA, scaleB);
  const ua = scaleUp(a, scale - scaleA);
  const ub = scaleUp(b, scale - scaleB);
  return subtract ? ua - ub : ua + ub;
}

/** The canonical text of `a + b` or `a − b`, for amounts already known to share a currency. */
export function sumOrDifference(a: string, b: string, minorUnits: number, subtract: boolean): string {
  const unitsA = parseUnits(a);
  const unitsB = parseUnits(b);
  const scaleA = scaleOf(a);
  const scaleB = scaleOf(b);
  return (
    canonicalFromSmall(alignedUnits(unitsA, scaleA, unitsB, scaleB, subtract), Math.max(scaleA, scaleB), minorUnits) ??
    canonicalFromDecimal(subtract ? toDecimal(a).minus(toDecimal(b)) : toDecimal(a).plus(toDecimal(b)), minorUnits)
  );
}
