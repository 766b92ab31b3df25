// The fast path: an amount with at most 15 significant digits is an exact safe integer of units of
// 10^-scale. Every operation tries it first and falls back to decimal.js when a value or a result
// leaves the safe integer range, so both paths give the same answers (pinned by property tests).
import { LimitError, LIMITS, ValidationError } from '../../kernel/index.js';
import { MAX_DIGITS, outOfRange } from './decimal.js';

/** Powers of ten that are exact doubles. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

const FAST_DIGITS = 15;
/** The first magnitude with more than FAST_DIGITS digits. */
const FAST_LIMIT = 10 ** FAST_DIGITS;

// '.0' … '.9', '.00' … '.99', '.000' … '.999': the decimal tails of scales 1 to 3.
// Without the tails (or with a junk tail at scale 0, which never uses one) textOf writes the same text the slow way.
// Stryker disable next-line ArrayDeclaration: the tails only speed up textOf
const TAILS: readonly (readonly string[])[] = [1, 2, 3].reduce<string[][]>(
  (all, scale) => {
    all[scale] = Array.from({ length: 10 ** scale }, (_, n) => `.${String(n).padStart(scale, '0')}`);
    return all;
  },
  // Stryker disable next-line ArrayDeclaration: scale 0 never reads its tail
  [[]],
);

/** The error for text that is not a plain decimal string; it never echoes the text. */
function invalidAmount(what: string): ValidationError {
  return new ValidationError(
    'INVALID_AMOUNT',
    `The ${what} must be a decimal string such as "1234.50" (digits, one optional "." and a leading sign; no exponent or grouping).`,
  );
}

// The last text parseUnits accepted, with its units and scale. An amount usually passes through
// several functions in a row (money, then convertMoney, then sumMoney), and each would read it
// again; strings are immutable, so the answer for the same text is the same. Starts on '0'.
let lastText = '0';
let lastUnits = 0;
let lastScale = 0;

/**
 * Validates a decimal string in one pass and returns it as a whole number of units of
 * 10^-{@link scaleOf}; NaN when it has more than 15 significant digits (the exact path takes over).
 */
export function parseUnits(text: unknown, what = 'amount'): number {
  // Stryker disable next-line ConditionalExpression: without the memo the text is read again, to the same answer
  if (text === lastText) return lastUnits;
  if (typeof text !== 'string') throw invalidAmount(what);
  const length = text.length;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45) {
    negative = true;
    i = 1;
  } else if (first === 43) i = 1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the long parser reads short texts to the same answer, only slower
  if (length <= FAST_DIGITS) return remember(text, parseShort(text, i, what), negative);
  let units = 0;
  let significant = 0; // digits from the first non-zero one
  let integerDigits = 0; // integer digits written, leading zeros included
  let span = 0; // integer digits from the first non-zero one, plus decimals
  let trailingZeros = 0; // decimals after the last non-zero one, which MAX_DIGITS does not count
  let fraction = -1; // decimals written, or -1 before the point
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      units = units * 10 + (c - 48);
      if (units !== 0) significant++;
      if (fraction >= 0) {
        fraction++;
        span++;
        trailingZeros = c === 48 ? trailingZeros + 1 : 0;
      } else {
        integerDigits++;
        if (units !== 0) span++;
      }
    // integerDigits > 0 and the integerDigits === 0 check after the loop each refuse a text that starts with '.': either alone suffices.
    } else if (c === 46 && fraction < 0 && integerDigits > 0) {
      fraction = 0;
    } else {
      throw invalidAmount(what);
    }
  }
  // Stryker disable next-line ConditionalExpression: integerDigits is never 0 here, since a leading '.' was refused in the loop
  if (integerDigits === 0 || fraction === 0) throw invalidAmount(what);
  if (span - trailingZeros > MAX_DIGITS) throw outOfRange(what);
  // Stryker disable next-line EqualityOperator: fraction is never 0 here (refused just above)
  lastScale = fraction < 0 ? 0 : fraction;
  return remember(text, significant > FAST_DIGITS ? Number.NaN : units, negative);
}

// Text of at most 15 characters has at most 15 digits: always exact, never over MAX_DIGITS, so
// only the characters are checked. Sets lastScale; returns the magnitude.
function parseShort(text: string, start: number, what: string): number {
  const length = text.length;
  let units = 0;
  let dot = -1;
  for (let i = start; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >= 0 && digit <= 9) units = units * 10 + digit;
    else if (digit === -2 && dot < 0 && i > start) dot = i;
    else throw invalidAmount(what);
  }
  if (length === start || dot === length - 1) throw invalidAmount(what);
  // Stryker disable next-line EqualityOperator: dot is -1 or an index above start, never 0
  lastScale = dot < 0 ? 0 : length - dot - 1;
  return units;
}

function remember(text: string, magnitude: number, negative: boolean): number {
  lastText = text;
  lastUnits = negative && magnitude !== 0 ? -magnitude : magnitude;
  return lastUnits;
}

/** Throws {@link LimitError} `LIMIT_EXCEEDED` for amount text longer than `LIMITS.amountText`. */
export function assertAmountLength(text: string): void {
  if (text.length > LIMITS.amountText) throw new LimitError('amountText', 'An amount');
}

/** The number of decimals written in a decimal string already validated by {@link parseUnits}. */
export function scaleOf(text: string): number {
  // Stryker disable next-line ConditionalExpression: without the memo the scale is counted again, to the same answer
  if (text === lastText) return lastScale;
  const dot = text.indexOf('.');
  // Stryker disable next-line EqualityOperator: a validated text never starts with '.'
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** `units × 10^by`, or NaN when that leaves the safe integer range. */
export function scaleUp(units: number, by: number): number {
  // Stryker disable next-line ConditionalExpression: POW10[0] is 1, so the product is units
  if (by === 0) return units;
  const factor = POW10[by];
  // Stryker disable next-line ConditionalExpression: units × undefined is NaN, which is not a safe integer either
  if (factor === undefined) return Number.NaN;
  const result = units * factor;
  return Number.isSafeInteger(result) ? result : Number.NaN;
}

/** `a × b`, or NaN when that leaves the safe integer range. */
// An undefined product is no safe integer for canonicalFromSmall and no NaN for divideSmall, which answers NaN: every caller falls back to the exact path.
// Stryker disable next-line BlockStatement: every caller then takes the exact path, to the same answer
export function multiplySafe(a: number, b: number): number {
  const result = a * b;
  return Number.isSafeInteger(result) ? result : Number.NaN;
}

/**
 * The canonical text of `units × 10^-scale` for a currency with `minorUnits` decimals, or
 * `undefined` when `units` is not a safe integer or padding would leave the safe range.
 */
export function canonicalFromSmall(units: number, scale: number, minorUnits: number): string | undefined {
  if (!Number.isSafeInteger(units)) return undefined;
  // Most results already have the currency's decimals: straight to the text.
  // Stryker disable next-line ConditionalExpression: at the currency's scale the general path below writes the same text
  if (scale === minorUnits) return textOf(units, scale);
  let normalized = units;
  let decimals = scale;
  // Stryker disable next-line EqualityOperator: zeros stripped below the minor units are padded back just after, to the same text
  while (decimals > minorUnits && normalized % 10 === 0) {
    normalized /= 10;
    decimals--;
  }
  // A product of two fine amounts can have more decimals than MAX_DIGITS allows (its units stay small).
  // The first two tests only skip the count for amounts that cannot reach it: at most 16 digits over at most 85 decimals, or zero.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the digit count alone decides, the first tests only skip it
  if (decimals > MAX_DIGITS - FAST_DIGITS && normalized !== 0 && Math.max(String(Math.abs(normalized)).length - decimals, 0) + decimals > MAX_DIGITS) {
    throw outOfRange('result');
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: scaling by 0 changes nothing, and by a negative power gives NaN, so the exact path answers
  if (decimals < minorUnits) {
    normalized = scaleUp(normalized, minorUnits - decimals);
    if (Number.isNaN(normalized)) return undefined;
    decimals = minorUnits;
  }
  return textOf(normalized, decimals);
}

/** The text of a safe integer `units` × 10^-scale, with exactly `scale` decimals. */
function textOf(units: number, scale: number): string {
  const negative = units < 0;
  const magnitude = negative ? -units : units;
  let digits: string;
  const tails = TAILS[scale];
  // The three ways below write the same text; they differ only in speed.
  // Stryker disable ConditionalExpression: the three ways write the same text (the guard inside is unreachable)
  if (scale === 0) digits = String(magnitude);
  else if (tails !== undefined) {
    // One number-to-string conversion and a ready-made decimal tail: the hot path of most currencies.
    // Division and floor, not %, which V8 runs as a slow floating-point remainder on large values.
    const divisor = POW10[scale] ?? 1;
    let whole = Math.floor(magnitude / divisor);
    let fraction = magnitude - whole * divisor;
    // Unreachable for divisors 10 to 1000 and safe magnitudes (the quotient's error stays below 1/divisor): kept as a guard.
    // Stryker disable ConditionalExpression,BlockStatement,UpdateOperator,AssignmentOperator: unreachable guard, see above
    if (fraction < 0) {
      whole--;
      fraction += divisor;
    }
    // Stryker restore ConditionalExpression,BlockStatement,UpdateOperator,AssignmentOperator
    // Stryker disable next-line StringLiteral: fraction is always an index of the tails
    digits = String(whole) + (tails[fraction] ?? '');
  } else {
    digits = String(magnitude);
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  // Stryker restore ConditionalExpression
  const text = negative ? `-${digits}` : digits;
  // A result is usually read next (summed, compared): what parseUnits would answer is known here.
  // Stryker disable next-line ConditionalExpression,BlockStatement: without remembering, the next read parses the text to the same answer
  if (magnitude < FAST_LIMIT) {
    lastScale = scale;
    remember(text, magnitude, negative);
  }
  return text;
}
