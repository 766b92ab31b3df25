import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROUNDING_MODES } from 'crm-kit';
import type { RoundingMode } from 'crm-kit';
import { divideSmall } from '../../src/money/_internal/rounding.js';
import { canonicalFromSmall } from '../../src/money/_internal/small.js';

/** The exact rounded quotient, with bigints. */
function reference(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const quotient = numerator / denominator; // truncates towards zero
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const negative = numerator < 0n;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  const half = twice === denominator ? 0 : twice > denominator ? 1 : -1;
  const odd = quotient % 2n !== 0n;
  const away =
    mode === 'up' ||
    (mode === 'ceil' && !negative) ||
    (mode === 'floor' && negative) ||
    (mode === 'halfUp' && half >= 0) ||
    (mode === 'halfDown' && half > 0) ||
    (mode === 'halfEven' && (half > 0 || (half === 0 && odd)));
  return away ? quotient + (negative ? -1n : 1n) : quotient;
}

describe('the fast path of rounded division', () => {
  it('rounds every safe-integer quotient exactly as bigint arithmetic does, in every mode', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.integer({ min: -1000, max: 1000 })),
        fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.maxSafeInteger().map((n) => Math.abs(n) || 1)),
        fc.constantFrom(...ROUNDING_MODES),
        (numerator, denominator, mode) => {
          expect(BigInt(divideSmall(numerator, denominator, mode))).toBe(reference(BigInt(numerator), BigInt(denominator), mode));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('finds exact halves of large numerators, where a floating-point quotient is off by one', () => {
    const big = 2 ** 53 - 1;
    for (const mode of ROUNDING_MODES) {
      for (const [n, d] of [[big, 2], [-big, 2], [big - 1, 3], [big, 10], [-(big - 5), 10], [2 ** 52 + 1, 2 ** 52]]) {
        expect(BigInt(divideSmall(n ?? 0, d ?? 1, mode))).toBe(reference(BigInt(n ?? 0), BigInt(d ?? 1), mode));
      }
    }
  });
});

describe('the fast path of writing amounts', () => {
  /** `units × 10^-scale` written with exactly `scale` decimals, with bigints. */
  function written(units: bigint, scale: number): string {
    const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
    const body = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
    return units < 0n ? `-${body}` : body;
  }

  it('writes every safe integer of units at every scale exactly as bigint arithmetic does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 })), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        expect(canonicalFromSmall(units, scale, scale)).toBe(written(BigInt(units), scale));
      }),
      { numRuns: 5_000 },
    );
  });
});
