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
  // isCanonical is a shortcut: whenever it answers false, the writers below give the very same text.
  // Stryker disable next-line ConditionalExpression: without the shortcut the writers return the same text
  if (isCanonical(text, units, scale, minorUnits)) return text;
  return canonicalFromSmall(units, scale, minorUnits) ?? canonicalFromDecimal(toDecimal(text), minorUnits);
}

// Mutants that make it answer false more often are equivalent (only slower); the tests pin every text it must not take as canonical.
// Stryker disable next-line BlockStatement: an undefined answer is false: the writers give the same text
function isCanonical(text: string, units: number, scale: number, minorUnits: number): boolean {
  // Stryker disable next-line ConditionalExpression: answering false for every text only sends it to the writers, which give the same text
  if (Number.isNaN(units) || scale !== minorUnits) return false;
  const first = text.charCodeAt(0);
  // Stryker disable next-line ConditionalExpression: answering false for every text only sends it to the writers, which give the same text
  if (first === 43) return false; // '+'
  // Stryker disable next-line ConditionalExpression,LogicalOperator: answering false for more negative texts only sends them to the writers
  if (first === 45) return units !== 0 && (text.charCodeAt(1) !== 48 || text.charCodeAt(2) === 46); // '-', '0', '.'
  // Stryker disable next-line ConditionalExpression,LogicalOperator: answering false for more texts only sends them to the writers, which give the same text
  return first !== 48 || text.length === 1 || text.charCodeAt(1) === 46;
}
