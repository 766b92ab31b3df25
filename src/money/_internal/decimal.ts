import Decimal from 'decimal.js';
import { ValidationError } from '../../kernel/index.js';

/**
 * The most digits an amount may span, from its first non-zero integer digit to its last non-zero
 * decimal; beyond it an operation throws, never rounds. Zeros before or after that span do not
 * count, so padding an amount to its currency's minor units never takes it out of range: one rule
 * for what `money` reads and what it writes.
 */
export const MAX_DIGITS = 100;

// Sums and differences of amounts spanning at most MAX_DIGITS digits, and products of two of them
// with a rate, fit in 250 digits, so decimal.js never rounds. Exponent notation is never produced.
export const Dec: typeof Decimal = Decimal.clone({
  precision: 250,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Dec = Decimal;

const DECIMAL_TEXT = /^[+-]?\d+(?:\.\d+)?$/;

/** Reads a plain decimal string exactly; `what` names it in the message, which never echoes it. */
export function toDecimal(text: unknown, what = 'amount'): Dec {
  if (typeof text !== 'string' || !DECIMAL_TEXT.test(text)) {
    throw new ValidationError(
      'INVALID_AMOUNT',
      `The ${what} must be a decimal string such as "1234.50" (digits, one optional "." and a leading sign; no exponent or grouping).`,
    );
  }
  const value = new Dec(text);
  assertDigits(value, what);
  return value;
}

function assertDigits(value: Dec, what: string): void {
  // decimalPlaces() leaves out trailing zeros, and e is the power of ten of the first non-zero digit.
  if (Math.max(value.e + 1, 0) + value.decimalPlaces() > MAX_DIGITS) throw outOfRange(what);
}

/** The error for an amount spanning more than {@link MAX_DIGITS} digits. */
export function outOfRange(what: string): ValidationError {
  return new ValidationError(
    'AMOUNT_OUT_OF_RANGE',
    `The ${what} spans more than ${MAX_DIGITS} digits from its first non-zero integer digit to its last non-zero decimal.`,
  );
}

/** The canonical text of an exact value for a currency with `minorUnits` decimals. */
export function canonicalFromDecimal(value: Dec, minorUnits: number): string {
  assertDigits(value, 'result');
  const places = Math.max(minorUnits, value.decimalPlaces());
  return (value.isZero() ? value.abs() : value).toFixed(places);
}
