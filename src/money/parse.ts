import { fail, isCrmError, issue, LIMITS, ok, ValidationError } from '../kernel/index.js';
import type { Issue, Result } from '../kernel/index.js';
import { getCurrency, isCurrencyCode } from './currency.js';
import { money } from './money.js';
import { assertSupportedLocale } from './_internal/locale.js';
import { lowerChars, normalizeTyped, readMoneyConventions } from './_internal/locale-symbols.js';
import type { Grouping, MoneyConventions } from './_internal/locale-symbols.js';
import type { Money } from './types.js';

/**
 * Options of {@link parseMoney} and {@link createMoneyParser}.
 */
export interface ParseMoneyOptions {
  /** The BCP 47 locale the text was typed in, such as `'de-DE'`; it decides the separators and digits. */
  readonly locale: string;
}

/**
 * Reads amounts typed in one locale for one currency; made by {@link createMoneyParser}.
 */
export type MoneyParser<C extends string = string> = (text: string) => Result<Money<C>>;

/**
 * Prepares {@link parseMoney} for one currency and locale, reading the locale's separators, digits
 * and currency symbols from `Intl` once. Use it to read many amounts, such as a CSV column; each
 * call of the parser gives exactly what `parseMoney` would.
 *
 * @param currency - The ISO 4217 code the amounts are in.
 * @param options - The `locale` the amounts were typed in.
 * @returns A function from typed text to a {@link Result} of canonical {@link Money}; it throws
 * {@link ValidationError} `INVALID_ARGUMENT` for text that is not a string.
 * @throws {@link UnknownCurrencyError} `UNKNOWN_CURRENCY` for a code not in the ISO 4217 table (or
 * not a string); {@link ValidationError} `INVALID_ARGUMENT` for options that are not an object, a
 * locale that is not a string, a malformed locale (its `RangeError` as `cause`) or one this
 * runtime's `Intl` does not support.
 *
 * @example
 * ```ts
 * const parse = createMoneyParser('EUR', { locale: 'de-DE' });
 * parse('1.234,50 €'); //=> { success: true, data: { amount: '1234.50', currency: 'EUR' } }
 * parse('-7 EUR'); //=> { success: true, data: { amount: '-7.00', currency: 'EUR' } }
 * ```
 */
export function createMoneyParser<C extends string>(currency: C, options: ParseMoneyOptions): MoneyParser<C> {
  getCurrency(currency);
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'Reading an amount needs options with a locale, such as { locale: "en-US" }.',
    );
  }
  const conventions = readMoneyConventions(assertSupportedLocale(options.locale), currency);
  return (text) => parseWith(conventions, text, currency);
}

/**
 * Reads an amount as people type it in a locale: the locale's digit grouping and decimal
 * separator, the currency's symbol, narrow symbol, international symbol (`'US$'`), ISO code or name before or
 * after the number, any spaces (including U+00A0 and U+202F), a leading minus (`'-'` or U+2212,
 * before or after the symbol), a leading `'+'`, or accounting parentheses. Every decimal typed is
 * kept: nothing is rounded.
 *
 * Digits are read the same in every locale: ASCII digits and every other Unicode decimal digit
 * (general category Nd) stand for their value, so Arabic-Indic (U+0660–0669), Extended
 * Arabic-Indic (U+06F0–06F9), full-width (U+FF10–FF19), Devanagari, Thai and the other scripts'
 * digits are read in `en-US` as in the locales that write them. A locale's own digits that are
 * not decimal digits (Han numerals with `-u-nu-hanidec`) are read in that locale only. One number
 * must not mix two numbering systems; full-width digits count as ASCII ones, since full-width
 * forms are folded like every full-width sign and separator. Characters that only look like
 * digits (superscripts such as `'²'`, circled `'①'`) are not digits.
 *
 * It never guesses. Digit groups, where present, must follow the locale (in `en-IN`
 * `'1,23,45,678'`); ungrouped numbers are always valid. Failures are returned as issues:
 * - `LIMIT_EXCEEDED`: text longer than `LIMITS.amountText` (200 characters), refused before it is
 *   read at all.
 * - `INVALID_AMOUNT`: empty text, no digits, letters or other stray characters, two decimal
 *   separators, misplaced groups, a sign after the number, a sign together with parentheses,
 *   digits of two numbering systems.
 * - `AMBIGUOUS_AMOUNT`, when the number may have been typed the other way round, 1000× off:
 *   - the only separator is the locale's group separator (`'.'` or `','`) where it cannot group
 *     digits, so it may be another locale's decimal separator: `'1,5'` in `en-US`, `'1.5'` in `de-DE`;
 *   - the only separator is the locale's decimal separator (`'.'` or `','`) with exactly three
 *     digits after it and one to three before it (not starting with 0), in a currency with fewer
 *     than three minor units (USD, EUR, JPY), so it may be a thousands group: `'1.500'` in `en-US`,
 *     `'1,500 €'` in `de-DE`. With three or more minor units (BHD, KWD, CLF) it is a decimal, as are
 *     `'1.50'`, `'1.5000'`, `'0.125'`, `'1234.125'` and `'1,500.00'`. To type a sub-cent amount
 *     such as 1.125 USD, add a fourth decimal, `'1.1250'`, as {@link formatMoney} does.
 *
 *   A lone group separator before three digits is grouping, as the locale writes whole amounts:
 *   `'1,500'` in `en-US` and `'1.500'` in `de-DE` are 1500.
 * - `CURRENCY_MISMATCH`: the text names another ISO code or another currency's symbol. A symbol
 *   several currencies share (`'$'`, `'¥'`) is read as the requested currency when the locale
 *   writes that currency with it by default (`'$'` is MXN in `es-MX`, USD in `en-US`), or when it
 *   is the currency's narrow symbol and the locale writes no other currency with it by default
 *   (`'$'` for MXN, CAD or USD in `fr-FR` or `es-ES`). Otherwise it names that other currency,
 *   whatever currency the caller asked for: `'$100'` as MXN in `en-US` or as USD in `es-MX`,
 *   `'¥100'` as CNY in `ja-JP`. Write the ISO code (`'MXN 100'`) or the locale's own symbol
 *   (`'MX$100'`) instead.
 * - `AMOUNT_OUT_OF_RANGE`: the number spans more than 100 digits (see {@link money}).
 *
 * Messages say what is wrong and at which character position, never the text itself. To read many
 * amounts with the same currency and locale, {@link createMoneyParser} is faster.
 *
 * @param text - What the person typed.
 * @param currency - The ISO 4217 code the amount is in.
 * @param options - The `locale` the text was typed in.
 * @returns The canonical {@link Money} (as {@link money} writes it), or the issues found.
 * @throws {@link UnknownCurrencyError} `UNKNOWN_CURRENCY` for a code not in the ISO 4217 table
 * (or not a string); {@link ValidationError} `INVALID_ARGUMENT` for options that are not an object,
 * a locale that is not a string, a malformed locale (its `RangeError` as `cause`), one this
 * runtime's `Intl` does not support, or `text` that is not a string.
 *
 * @example
 * ```ts
 * parseMoney('1.234,5 €', 'EUR', { locale: 'de-DE' });
 * //=> { success: true, data: { amount: '1234.50', currency: 'EUR' } }
 * parseMoney('(US$1,234.567)', 'USD', { locale: 'en-US' });
 * //=> { success: true, data: { amount: '-1234.567', currency: 'USD' } }
 * parseMoney('1\u202f234,50 €', 'EUR', { locale: 'fr-FR' });
 * //=> { success: true, data: { amount: '1234.50', currency: 'EUR' } }
 * parseMoney('￥1,500', 'JPY', { locale: 'ja-JP' });
 * //=> { success: true, data: { amount: '1500', currency: 'JPY' } }
 * parseMoney('١٢٣٤.٥٠', 'USD', { locale: 'en-US' });
 * //=> { success: true, data: { amount: '1234.50', currency: 'USD' } }
 * parseMoney('１２３４.５０', 'USD', { locale: 'en-US' });
 * //=> { success: true, data: { amount: '1234.50', currency: 'USD' } }
 * parseMoney('$12', 'EUR', { locale: 'de-DE' }).success; //=> false
 * parseMoney('12 abc', 'EUR', { locale: 'de-DE' });
 * //=> { success: false, issues: [issue('INVALID_AMOUNT', 'Unexpected characters after the number, at character 4.')] }
 * parseMoney('1,5', 'EUR', { locale: 'en-US' }).success; //=> false
 * // AMBIGUOUS_AMOUNT: "The only separator, at character 2, cannot group digits in en-US, so it may be
 * // a decimal separator written for another locale; en-US writes decimals with "."."
 * parseMoney('1.500', 'USD', { locale: 'en-US' }).success; //=> false
 * // AMBIGUOUS_AMOUNT: 1.50, or 1500 typed the de-DE way?
 * parseMoney('1.500', 'BHD', { locale: 'en-US' }).success; //=> true
 * parseMoney('$100', 'MXN', { locale: 'es-MX' }).success; //=> true
 * parseMoney('$100', 'MXN', { locale: 'en-US' }).success; //=> false
 * // CURRENCY_MISMATCH: en-US writes USD as "$"; "MX$100" or "MXN 100" is read as MXN.
 * parseMoney('12', 'EUR', { locale: 'en_US' }); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function parseMoney<C extends string>(text: string, currency: C, options: ParseMoneyOptions): Result<Money<C>> {
  return createMoneyParser(currency, options)(text);
}

type TokenKind = 'minus' | 'plus' | 'open' | 'close' | 'currency';

interface Token {
  readonly kind: TokenKind;
  readonly position: number;
}

interface Affix {
  readonly tokens: readonly Token[];
  readonly issues: readonly Issue[];
}

interface NumberPart {
  readonly integer: string;
  readonly fraction: string;
  readonly issues: readonly Issue[];
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;
const CURRENCY_SIGN = /\p{Sc}/u;
const LEADING_GROUP = /^[1-9][0-9]{0,2}$/;

/** A digit read: its ASCII digit, and the code point of its numbering system's zero. */
interface Digit {
  readonly ascii: string;
  readonly system: number;
}

const ASCII_DIGITS: readonly Digit[] = /* @__PURE__ */ Array.from({ length: 10 }, (_, value) => ({ ascii: String(value), system: 48 }));
// The locale's own digits that are not Unicode decimal digits (Han numerals with -u-nu-hanidec).
const LOCALE_SYSTEM = -1;

/**
 * The digit a character stands for: any Unicode decimal digit (general category Nd), in any
 * locale, or one of the locale's own digits. Unicode encodes every set of Nd digits as ten
 * consecutive code points from 0 to 9, so the digits below it within its run give its value.
 */
function digitOf(conventions: MoneyConventions, char: string): Digit | undefined {
  const code = char.charCodeAt(0);
  if (char.length === 1 && code >= 48 && code <= 57) return ASCII_DIGITS[code - 48];
  if (DECIMAL_DIGIT.test(char)) {
    const point = char.codePointAt(0) ?? 0;
    let below = 0;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(point - below - 1))) below++;
    const value = below % 10;
    return { ascii: String(value), system: point - value };
  }
  const own = conventions.digits.get(char);
  return own === undefined ? undefined : { ascii: own, system: LOCALE_SYSTEM };
}

function parseWith<C extends string>(conventions: MoneyConventions, text: string, currency: C): Result<Money<C>> {
  if (typeof (text as unknown) !== 'string') {
    throw new ValidationError('INVALID_ARGUMENT', 'The amount to read must be a string.');
  }
  // Before anything that grows with the text: a 10 MB paste would otherwise be normalised whole.
  if (text.length > LIMITS.amountText) {
    const message = `The amount is longer than the ${LIMITS.amountText} characters crm-kit reads (LIMITS.amountText).`;
    return fail(issue('LIMIT_EXCEEDED', message));
  }
  const { chars, positions } = normalizeTyped(text);
  if (chars.length === 0) return fail(issue('INVALID_AMOUNT', 'The amount is empty.'));
  let first = -1;
  let last = -1;
  chars.forEach((char, i) => {
    if (digitOf(conventions, char) === undefined) return;
    if (first < 0) first = i;
    last = i;
  });
  if (first < 0) return fail(issue('INVALID_AMOUNT', 'The amount has no digits.'));

  const lowered = lowerChars(chars);
  const before = readAffix(conventions, lowered, positions, 0, first, 'before');
  const number = readNumber(conventions, chars, positions, first, last + 1);
  const after = readAffix(conventions, lowered, positions, last + 1, chars.length, 'after');
  const issues = [...before.issues, ...number.issues, ...after.issues, ...checkMarks(before.tokens, after.tokens)];
  if (issues.length > 0) return fail(issues);

  const negative = before.tokens.some((token) => token.kind === 'minus' || token.kind === 'open');
  const amount = `${negative ? '-' : ''}${number.integer}${number.fraction === '' ? '' : `.${number.fraction}`}`;
  try {
    return ok(money(amount, currency));
  } catch (error) {
    if (isCrmError(error, 'AMOUNT_OUT_OF_RANGE')) {
      return fail(issue('AMOUNT_OUT_OF_RANGE', 'The amount spans more digits than crm-kit keeps.'));
    }
    throw error;
  }
}

function isBreak(conventions: MoneyConventions, char: string | undefined): boolean {
  return (
    char === undefined ||
    char === ' ' ||
    char === '(' ||
    char === ')' ||
    conventions.minus.has(char) ||
    conventions.plus.has(char)
  );
}

/** The length of the currency designation starting at `start`, or 0 when none ends on a word boundary. */
function designationAt(conventions: MoneyConventions, lowered: readonly string[], start: number, end: number): number {
  for (const designation of conventions.designations) {
    const stop = start + designation.length;
    if (stop > end) continue;
    if (stop < end && !isBreak(conventions, lowered[stop])) continue;
    if (designation.every((char, i) => lowered[start + i] === char)) return designation.length;
  }
  return 0;
}

/** Signs, parentheses and currency designations on one side of the number. */
function readAffix(
  conventions: MoneyConventions,
  lowered: readonly string[],
  positions: readonly number[],
  start: number,
  end: number,
  side: 'before' | 'after',
): Affix {
  const tokens: Token[] = [];
  const issues: Issue[] = [];
  let i = start;
  while (i < end) {
    const char = lowered[i] ?? ' ';
    const position = positions[i] ?? 0;
    let kind: TokenKind | undefined;
    if (conventions.minus.has(char)) kind = 'minus';
    else if (conventions.plus.has(char)) kind = 'plus';
    else if (char === '(') kind = 'open';
    else if (char === ')') kind = 'close';
    if (char === ' ' || kind !== undefined) {
      if (kind !== undefined) tokens.push({ kind, position });
      i += 1;
      continue;
    }
    const length = designationAt(conventions, lowered, i, end);
    if (length > 0) {
      tokens.push({ kind: 'currency', position });
      i += length;
      continue;
    }
    let stop = i + 1;
    while (stop < end && !isBreak(conventions, lowered[stop])) stop += 1;
    const word = lowered.slice(i, stop).join('');
    if (conventions.claimed.has(word)) {
      const message =
        `The currency symbol at character ${position} stands for another currency in ${conventions.locale}, ` +
        `not for ${conventions.currency}; name ${conventions.currency} by its ISO code instead.`;
      issues.push(issue('CURRENCY_MISMATCH', message));
    } else if (CURRENCY_SIGN.test(word) || isCurrencyCode(word.toUpperCase())) {
      const message = `The text names a currency other than ${conventions.currency}, at character ${position}.`;
      issues.push(issue('CURRENCY_MISMATCH', message));
    } else {
      issues.push(issue('INVALID_AMOUNT', `Unexpected characters ${side} the number, at character ${position}.`));
    }
    i = stop;
  }
  return { tokens, issues };
}

/** Checks signs, parentheses and currency names once both sides are read. */
function checkMarks(before: readonly Token[], after: readonly Token[]): Issue[] {
  const issues: Issue[] = [];
  const count = (tokens: readonly Token[], ...kinds: TokenKind[]): number =>
    tokens.filter((token) => kinds.includes(token.kind)).length;
  const lateSign = after.find((token) => token.kind === 'minus' || token.kind === 'plus');
  if (lateSign !== undefined) {
    issues.push(issue('INVALID_AMOUNT', `A sign must come before the number, not at character ${lateSign.position}.`));
  }
  const signs = count(before, 'minus', 'plus');
  if (signs > 1) issues.push(issue('INVALID_AMOUNT', 'The amount has more than one sign.'));
  const open = count(before, 'open');
  const close = count(after, 'close');
  if (open > 1 || close > 1 || open !== close || count(before, 'close') > 0 || count(after, 'open') > 0) {
    const message = 'Accounting parentheses must enclose the number once: one before it, one after it.';
    issues.push(issue('INVALID_AMOUNT', message));
  } else if (open === 1 && signs > 0) {
    issues.push(issue('INVALID_AMOUNT', 'A negative amount takes either parentheses or a sign, not both.'));
  }
  if (count(before, 'currency') + count(after, 'currency') > 1) {
    issues.push(issue('INVALID_AMOUNT', 'The currency is named more than once.'));
  }
  return issues;
}

/** The index of the first digit group that breaks `grouping`, or `groups.length` when none does. */
function firstBadGroup(groups: readonly string[], { primary, secondary }: Grouping): number {
  if (groups.length === 1) return groups.length;
  const bad = groups.findIndex((run, i) => {
    if (i === 0) return run.length < 1 || run.length > secondary;
    return run.length !== (i === groups.length - 1 ? primary : secondary);
  });
  return bad < 0 ? groups.length : bad;
}

/** Reads the digits and separators from the first digit to the last one. */
function readNumber(
  conventions: MoneyConventions,
  chars: readonly string[],
  positions: readonly number[],
  start: number,
  end: number,
): NumberPart {
  const { locale, decimal, group, groupings } = conventions;
  const issues: Issue[] = [];
  const runs: string[] = [];
  let run = '';
  const separators: { readonly kind: 'group' | 'decimal'; readonly position: number }[] = [];
  let system: number | undefined;
  let mixed = false;
  for (let i = start; i < end; i++) {
    const char = chars[i] ?? '';
    const position = positions[i] ?? 0;
    const digit = digitOf(conventions, char);
    if (digit !== undefined) {
      if (system !== undefined && digit.system !== system) mixed = true;
      system = digit.system;
      run += digit.ascii;
    } else if (char === decimal || char === group) {
      separators.push({ kind: char === decimal ? 'decimal' : 'group', position });
      runs.push(run);
      run = '';
    } else if (char === ' ') {
      const message = `A space splits the number at character ${position}; ${locale} does not group digits with spaces.`;
      issues.push(issue('INVALID_AMOUNT', message));
    } else {
      issues.push(issue('INVALID_AMOUNT', `Unexpected character inside the number, at character ${position}.`));
    }
  }
  runs.push(run);
  if (mixed) issues.push(issue('INVALID_AMOUNT', 'The number mixes digits of two numbering systems.'));
  const decimals = separators.filter((separator) => separator.kind === 'decimal');
  const [firstDecimal, secondDecimal] = decimals;
  if (secondDecimal !== undefined) {
    const message = `The number has a second decimal separator, at character ${secondDecimal.position}.`;
    issues.push(issue('INVALID_AMOUNT', message));
  }
  if (issues.length > 0) return { integer: '', fraction: '', issues };

  const split = firstDecimal === undefined ? separators.length : separators.indexOf(firstDecimal);
  const groups = runs.slice(0, split + 1);
  const groupSeparators = separators.slice(0, split);
  const lateGroup = separators.slice(split + 1)[0];
  if (lateGroup !== undefined) {
    const message = `A digit group separator follows the decimal separator, at character ${lateGroup.position}.`;
    return { integer: '', fraction: '', issues: [issue('INVALID_AMOUNT', message)] };
  }
  const badGroup = Math.max(...groupings.map((grouping) => firstBadGroup(groups, grouping)));
  if (badGroup < groups.length) {
    // Only '.' and ',' serve as decimal separators elsewhere; a misplaced space or apostrophe is just wrong.
    const lone = groupSeparators.length === 1 && firstDecimal === undefined ? groupSeparators[0] : undefined;
    if (lone !== undefined && (group === '.' || group === ',')) {
      const message =
        `The only separator, at character ${lone.position}, cannot group digits in ${locale}, so it may be a ` +
        `decimal separator written for another locale; ${locale} writes decimals with "${decimal}".`;
      return { integer: '', fraction: '', issues: [issue('AMBIGUOUS_AMOUNT', message)] };
    }
    const at = groupSeparators[Math.max(0, badGroup - 1)]?.position ?? 0;
    const message = `The digit groups do not follow ${locale} grouping, at character ${at}.`;
    return { integer: '', fraction: '', issues: [issue('INVALID_AMOUNT', message)] };
  }
  const integer = groups.join('');
  const fraction = runs.slice(split + 1).join('');
  if (separators.length === 1 && firstDecimal !== undefined && mayBeThousands(conventions, integer, fraction)) {
    const message =
      `The only separator, at character ${firstDecimal.position}, is followed by exactly three digits, so it may be ` +
      `a thousands separator written for another locale (${conventions.currency} has ` +
      `${conventions.minorUnits} minor units).${writeInstead(conventions)}`;
    return { integer: '', fraction: '', issues: [issue('AMBIGUOUS_AMOUNT', message)] };
  }
  return { integer, fraction, issues: [] };
}

/**
 * Whether `integer` + decimal separator + `fraction`, the number's only separator being the
 * decimal one, may be a thousands group typed the other locale's way ('1.500' from de-DE read in
 * en-US): the separator is '.' or ',' (the only two that serve both ways), exactly three digits
 * follow it, the digits before it could lead a group (1 to 3 digits, not starting with 0), and the
 * currency has fewer than three minor units, so three decimals are unusual for it. formatMoney
 * writes such amounts with a fourth decimal, so its own text is never ambiguous.
 */
function mayBeThousands(conventions: MoneyConventions, integer: string, fraction: string): boolean {
  return (
    (conventions.decimal === '.' || conventions.decimal === ',') &&
    conventions.minorUnits < 3 &&
    fraction.length === 3 &&
    LEADING_GROUP.test(integer)
  );
}

function writeInstead({ locale, group }: MoneyConventions): string {
  const name = group === ' ' ? 'a space' : `"${group ?? ''}"`;
  const thousands = group === undefined ? '' : `; for thousands, group the digits with ${name} as ${locale} does`;
  return ` For a fraction, write a fourth decimal (a trailing 0)${thousands}.`;
}
