import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCrmError, ROUNDING_MODES } from 'crm-kit';
import type { RoundingMode } from 'crm-kit';
import { toDecimal } from '../../src/money/_internal/decimal.js';
import { divideSmall } from '../../src/money/_internal/rounding.js';
import { canonicalFromSmall, parseUnits, scaleOf } from '../../src/money/_internal/small.js';

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

  it('writes amounts below one unit with a leading zero, at every scale', () => {
    expect(canonicalFromSmall(1234, 4, 4)).toBe('0.1234');
    expect(canonicalFromSmall(-5, 6, 6)).toBe('-0.000005');
    expect(canonicalFromSmall(12345, 4, 4)).toBe('1.2345');
    expect(canonicalFromSmall(-12, 2, 2)).toBe('-0.12');
    expect(canonicalFromSmall(0, 5, 5)).toBe('0.00000');
  });

  it('remembers a written result as read only when it has at most 15 digits, as parseUnits reads it', () => {
    expect(canonicalFromSmall(1e15, 0, 0)).toBe('1000000000000000');
    expect(parseUnits('1000000000000000')).toBeNaN();
    expect(canonicalFromSmall(-999_999_999_999_999, 0, 0)).toBe('-999999999999999');
    expect(parseUnits('-999999999999999')).toBe(-999_999_999_999_999);
  });

  it('leaves to the exact path an amount that padding to the minor units takes out of the safe range', () => {
    expect(canonicalFromSmall(999_999_999_999_999, 0, 4)).toBeUndefined();
    expect(canonicalFromSmall(999_999_999_999_999, 1, 3)).toBeUndefined();
    expect(canonicalFromSmall(99_999_999_999, 0, 4)).toBe('99999999999.0000');
    expect(canonicalFromSmall(1.5, 0, 2)).toBeUndefined();
    expect(canonicalFromSmall(Number.NaN, 0, 2)).toBeUndefined();
  });

  it('writes every safe integer of units at every scale exactly as bigint arithmetic does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 })), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        expect(canonicalFromSmall(units, scale, scale)).toBe(written(BigInt(units), scale));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('the memo of the last text read or written', () => {
  /** What parseUnits and scaleOf must answer, from decimal.js alone: the code thrown, or the units and scale. */
  function expected(text: unknown): { code: string } | { units: number; scale: number } {
    let value: Decimal;
    try {
      value = toDecimal(text);
    } catch (error) {
      return { code: isCrmError(error) ? error.code : 'not a crm-kit error' };
    }
    const written = String(text);
    const dot = written.indexOf('.');
    const scale = dot < 0 ? 0 : written.length - dot - 1;
    const significant = written.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '').length;
    const units = value.times(new Decimal(10).pow(scale)).toNumber();
    return { units: significant > 15 ? Number.NaN : units === 0 ? 0 : units, scale };
  }

  function actual(text: unknown): { code: string } | { units: number; scale: number } {
    try {
      const units = parseUnits(text);
      return { units, scale: scaleOf(text as string) };
    } catch (error) {
      return { code: isCrmError(error) ? error.code : 'not a crm-kit error' };
    }
  }

  const digits = (min: number, max: number): fc.Arbitrary<string> =>
    fc.array(fc.constantFrom('0', '1', '5', '9'), { minLength: min, maxLength: max }).map((list) => list.join(''));
  // Short and long texts (the two parsers), around 15 significant digits and the 100-digit limit.
  const valid: fc.Arbitrary<string> = fc
    .tuple(fc.constantFrom('', '-', '+'), fc.oneof(digits(1, 8), digits(12, 18), digits(95, 104)), fc.option(fc.oneof(digits(1, 4), digits(10, 20), digits(95, 104)), { nil: undefined }))
    .map(([sign, integer, fraction]) => `${sign}${integer}${fraction === undefined ? '' : `.${fraction}`}`);
  // Valid texts spoiled by one stray, doubled or missing character.
  const spoiled: fc.Arbitrary<string> = fc
    .tuple(valid, fc.nat(), fc.constantFrom('.', '-', '+', 'e', ' ', ',', ''), fc.boolean())
    .map(([text, at, char, replace]) => {
      const i = at % (text.length + 1);
      return `${text.slice(0, i)}${char}${text.slice(replace ? i + 1 : i)}`;
    });
  const fixed = fc.constantFrom<unknown>(
    ...['', '-', '+', '.', '.5', '5.', '-.5', '+5.', '1.2.3', '1..2', '0', '-0', '-0.00', '+0', '00.10', '1234567890.12345'],
    // Long texts: the same mistakes, and zeros that neither the 15 exact digits nor the 100-digit limit count.
    ...['.1234567890123456', '-.1234567890123456', '1234567890123456.', '12345678901234.56.7', '1234567890123456-', '--1234567890123456'],
    ...['0000000000000001.5', '-000000000000000000.25', '00000000000000000', '+999999999999999.000', '9999999999999999'],
    ...[`${'9'.repeat(99)}.5000`, `0.${'0'.repeat(99)}1000`, `00000${'9'.repeat(100)}`, `${'9'.repeat(100)}.0`, `${'9'.repeat(100)}.05`],
    ...[`1${'0'.repeat(99)}`, `1${'0'.repeat(100)}`, `0.${'0'.repeat(98)}10`, `0.${'0'.repeat(99)}10`, `-0.${'0'.repeat(100)}1`],
    12.5,
    null,
    undefined,
  );
  const step = fc.oneof(
    fc.record({ read: fc.oneof(valid, spoiled, fixed) }),
    // A result written by the fast path, which the memo takes as read.
    fc.record({ units: fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.maxSafeInteger()), scale: fc.integer({ min: 0, max: 6 }), minor: fc.integer({ min: 0, max: 4 }) }),
  );

  it('answers for each text what decimal.js reads, whatever was read or written before, the same text again included', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), (steps, repeats) => {
        const seen: unknown[] = [];
        const check = (text: unknown): void => {
          seen.push(text);
          expect(actual(text)).toEqual(expected(text));
        };
        for (const s of steps) {
          if ('read' in s) check(s.read);
          else {
            const text = canonicalFromSmall(s.units, s.scale, s.minor);
            if (text !== undefined) check(text);
          }
          // Read again something read before: the memo must never answer for another text.
          const again = seen[(repeats[seen.length % Math.max(repeats.length, 1)] ?? 0) % seen.length];
          // scaleOf alone, of a text validated before but maybe not the last one read.
          const reference = expected(again);
          if ('scale' in reference) expect(scaleOf(again as string)).toBe(reference.scale);
          check(again);
        }
      }),
      { numRuns: 300 },
    );
  });
});
