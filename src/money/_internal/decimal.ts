import Decimal from 'decimal.js';
import { ValidationError } from '../../kernel/index.js';

/** The most significant digits an amount may have; beyond it an operation throws, never rounds. */
export const MAX_DIGITS = 100;

// Every operation on amounts of at most MAX_DIGITS digits stays exact within 250 digits
// (a product of two amounts and a rate has at most ~230). Exponent notation is never produced.
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
  if (!value.isZero() && value.precision(true) > MAX_DIGITS) {
    throw new ValidationError('AMOUNT_OUT_OF_RANGE', `The ${what} has more than ${MAX_DIGITS} significant digits.`);
  }
}

/** The canonical text of an exact value for a currency with `minorUnits` decimals. */
export function canonicalFromDecimal(value: Dec, minorUnits: number): string {
  assertDigits(value, 'result');
  const places = Math.max(minorUnits, value.decimalPlaces());
  return (value.isZero() ? value.abs() : value).toFixed(places);
}
