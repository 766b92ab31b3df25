import type { RoundingMode } from '../types.js';
import { Dec } from './decimal.js';

/**
 * Whether a quotient truncated towards zero moves one step away from zero, given the sign of the
 * exact value, whether anything was cut off, how the cut-off part compares with one half, and
 * whether the truncated quotient is odd. Both the fast and the decimal.js path decide here.
 */
function roundsAway<T>(
  mode: RoundingMode,
  negative: boolean,
  inexact: boolean,
  halfComparison: number,
  quotient: T,
  odd: (quotient: T) => boolean,
): boolean {
  if (!inexact) return false;
  switch (mode) {
    case 'up':
      return true;
    case 'down':
      return false;
    case 'ceil':
      return !negative;
    case 'floor':
      return negative;
    case 'halfUp':
      return halfComparison >= 0;
    case 'halfDown':
      return halfComparison > 0;
    case 'halfEven':
      return halfComparison > 0 || (halfComparison === 0 && odd(quotient));
  }
}

// The parity tests of the two paths, as functions rather than closures: nothing is allocated per call.
const isOdd = (quotient: number): boolean => quotient % 2 !== 0;
const isOddDecimal = (quotient: Dec): boolean => !quotient.mod(2).isZero();

/** `numerator / denominator` rounded to an integer; both safe integers, the denominator positive. */
export function divideSmall(numerator: number, denominator: number, mode: RoundingMode): number {
  // Division and truncation, not %, which V8 runs as a slow floating-point remainder beyond 2^31.
  // The rounded quotient may be one off; the exact remainder (|quotient × denominator| ≤ 2^53) tells.
  let quotient = Math.trunc(numerator / denominator);
  let remainder = numerator - quotient * denominator;
  // For |numerator| < 2^53 the truncated double quotient is exact (an error of one would need a remainder
  // below numerator / 2^53 < 1), so this guard never fires; the bigint property test pins the result.
  // Stryker disable all: unreachable guard for safe integers, see above
  if (numerator >= 0 ? remainder < 0 : remainder > 0) {
    quotient += numerator >= 0 ? -1 : 1;
    remainder += numerator >= 0 ? denominator : -denominator;
  } else if (Math.abs(remainder) >= denominator) {
    quotient += numerator >= 0 ? 1 : -1;
    remainder -= numerator >= 0 ? denominator : -denominator;
  }
  // Stryker restore all
  const twice = 2 * Math.abs(remainder);
  const half = twice === denominator ? 0 : twice > denominator ? 1 : -1;
  if (!roundsAway(mode, numerator < 0, remainder !== 0, half, quotient, isOdd)) return quotient;
  return numerator < 0 ? quotient - 1 : quotient + 1;
}

/** `numerator / denominator` rounded to `scale` decimals, exactly; the denominator positive. */
export function divideDecimal(numerator: Dec, denominator: Dec, scale: number, mode: RoundingMode): Dec {
  // Scale both sides to integers so that the quotient and remainder are exact.
  const shift = Math.max(numerator.decimalPlaces(), denominator.decimalPlaces());
  const scaledTop = numerator.times(new Dec(10).pow(shift + scale));
  const bottom = denominator.times(new Dec(10).pow(shift));
  const quotient = scaledTop.divToInt(bottom);
  const remainder = scaledTop.minus(quotient.times(bottom));
  const half = remainder.abs().times(2).cmp(bottom);
  const away = roundsAway(mode, scaledTop.isNeg(), !remainder.isZero(), half, quotient, isOddDecimal);
  const rounded = away ? (scaledTop.isNeg() ? quotient.minus(1) : quotient.plus(1)) : quotient;
  return rounded.div(new Dec(10).pow(scale));
}
