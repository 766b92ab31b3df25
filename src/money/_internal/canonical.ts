import { canonicalFromDecimal, toDecimal } from './decimal.js';
import { canonicalFromSmall, parseUnits, scaleOf } from './small.js';

/**
 * The canonical text of a plain decimal string for a currency with `minorUnits` decimals: the
 * very same string when it already is canonical, as most amounts from storage and from other
 * results are. Throws like {@link parseUnits} for text that is not a plain decimal.
 */
export function canonicalAmount(text: string, minorUnits: number): string {
  const units = parseUnits(text);
  const scale = scaleOf(text);
  if (isCanonical(text, units, scale, minorUnits)) return text;
  return canonicalFromSmall(units, scale, minorUnits) ?? canonicalFromDecimal(toDecimal(text), minorUnits);
}

function isCanonical(text: string, units: number, scale: number, minorUnits: number): boolean {
  if (Number.isNaN(units) || scale !== minorUnits) return false;
  const first = text.charCodeAt(0);
  if (first === 43) return false; // '+'
  if (first === 45) return units !== 0 && (text.charCodeAt(1) !== 48 || text.charCodeAt(2) === 46); // '-', '0', '.'
  return first !== 48 || text.length === 1 || text.charCodeAt(1) === 46;
}
