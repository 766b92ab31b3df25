// Non-negative decimal text (quantities, rates) and the one division product rows need: backing
// tax out of a price that includes it. Amounts meet this module only as whole minor units
// (bigint), exact at any size; everything else goes through the money face.

const DECIMAL = /^(\d{1,30})(?:\.(\d{1,30}))?$/;

/** A plain non-negative decimal such as `'2'`, `'1.5'` or `'0.125'`: no sign, exponent or grouping. */
export function isDecimalText(text: unknown): text is string {
  return typeof text === 'string' && DECIMAL.test(text);
}

/** The value of decimal text as a fraction `units / 10^scale`. */
function fractionOf(text: string): { readonly units: bigint; readonly scale: number } {
  const match = DECIMAL.exec(text);
  const whole = match?.[1] ?? '0';
  const decimals = match?.[2] ?? '';
  return { units: BigInt(whole + decimals), scale: decimals.length };
}

/** Compares two non-negative decimal texts: -1, 0 or 1. */
export function compareDecimalText(a: string, b: string): -1 | 0 | 1 {
  const x = fractionOf(a);
  const y = fractionOf(b);
  const scale = Math.max(x.scale, y.scale);
  const left = x.units * 10n ** BigInt(scale - x.scale);
  const right = y.units * 10n ** BigInt(scale - y.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

// numerator / denominator rounded half away from zero; denominator > 0.
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -quotient : quotient;
}

/**
 * The tax contained in a gross amount of `grossUnits` minor units at `rate` percent:
 * `gross × rate / (100 + rate)`, rounded half-up to a whole minor unit.
 */
export function includedTaxUnits(grossUnits: bigint, rate: string): bigint {
  const { units, scale } = fractionOf(rate);
  const hundred = 100n * 10n ** BigInt(scale);
  return divideHalfUp(grossUnits * units, hundred + units);
}
