// What a locale writes around an amount, read from Intl at run time (never from a table of ours),
// and the one normalisation applied both to that and to what people type, so the two compare.

import { getCurrency, listCurrencies } from '../currency.js';

/** Text after {@link normalizeTyped}: one entry per character, with where it came from. */
export interface TypedText {
  /** The characters, each one code point (compatibility-folded, spaces squeezed). */
  readonly chars: readonly string[];
  /** For each character, its 1-based position in the input (counted in code points after NFC). */
  readonly positions: readonly number[];
}

/**
 * How a locale sizes digit groups: `{ primary: 3, secondary: 3 }` for 1,234,567 and
 * `{ primary: 3, secondary: 2 }` for en-IN's 12,34,567.
 */
export interface Grouping {
  /** Digits in the group nearest the decimal separator. */
  readonly primary: number;
  /** Digits in each group further left. */
  readonly secondary: number;
}

/** The separators, signs, digits and currency designations of one currency in one locale. */
export interface MoneyConventions {
  readonly locale: string;
  readonly currency: string;
  /** The currency's ISO 4217 minor units (0 where ISO says "N.A."). */
  readonly minorUnits: number;
  readonly decimal: string;
  /** `undefined` for a locale that never groups digits. */
  readonly group: string | undefined;
  /** Every way the locale sizes digit groups in its currency formats; see {@link Grouping}. */
  readonly groupings: readonly Grouping[];
  readonly minus: ReadonlySet<string>;
  readonly plus: ReadonlySet<string>;
  /** The locale's own digits (for example Arabic-Indic), each mapped to its ASCII digit. */
  readonly digits: ReadonlyMap<string, string>;
  /** Every way to name the currency, lower-cased character by character, longest first. */
  readonly designations: readonly (readonly string[])[];
  /**
   * Symbols of the currency (its narrow or international symbol, such as `'$'` for MXN in en-US)
   * that the locale writes as another currency's own symbol, joined and lower-cased: text naming
   * one of them names that other currency, so they are not among the designations.
   */
  readonly claimed: ReadonlySet<string>;
}

// Bidi marks (U+200E, U+200F, U+061C) that Intl puts around signs, zero-width spaces, soft hyphens.
const INVISIBLE = /\p{Cf}/u;
// Only full-width forms are compatibility-folded: NFKC on everything would also turn '²' and '①'
// into digits, and that would be a guess.
const WIDTH_FORMS = /[\uff00-\uffef]/u;
// JavaScript's \s covers U+00A0 and U+202F (fr-FR's group separator) and every other space.
const SPACE = /\s/u;
// Look-alikes people type for what a locale writes: U+2212 minus, typographic apostrophes (de-CH).
const LOOK_ALIKES: Readonly<Record<string, string>> = { '\u2212': '-', '\u2019': "'", '\u02bc': "'" };

function foldWidth(char: string): string {
  return WIDTH_FORMS.test(char) ? char.normalize('NFKC') : char;
}

function foldChar(char: string): string {
  return SPACE.test(char) ? ' ' : (LOOK_ALIKES[char] ?? char);
}

/**
 * Folds full-width forms (`'１'` → `'1'`, `'￥'` → `'¥'`, `'，'` → `','`), drops invisible format
 * characters (bidi marks), maps every space to `' '`, U+2212 to `'-'` and `'’'` to `"'"`, squeezes
 * runs of spaces and trims both ends, keeping the input position of every character left.
 */
export function normalizeTyped(text: string): TypedText {
  const chars: string[] = [];
  const positions: number[] = [];
  let position = 0;
  for (const original of text.normalize('NFC')) {
    position += 1;
    if (INVISIBLE.test(original)) continue;
    for (const folded of foldWidth(original)) {
      const char = foldChar(folded);
      if (char === ' ' && (chars.length === 0 || chars[chars.length - 1] === ' ')) continue;
      chars.push(char);
      positions.push(position);
    }
  }
  if (chars[chars.length - 1] === ' ') {
    chars.pop();
    positions.pop();
  }
  return { chars, positions };
}

/** A separator or sign as Intl writes it, folded like typed text but not trimmed (fr-FR groups with a space). */
function foldSymbol(symbol: string): string {
  let folded = '';
  for (const original of symbol.normalize('NFC')) {
    if (INVISIBLE.test(original)) continue;
    for (const char of foldWidth(original)) folded += foldChar(char);
  }
  return folded;
}

/** Lower-cases character by character, so that positions still line up with {@link TypedText}. */
export function lowerChars(chars: readonly string[]): readonly string[] {
  return chars.map((char) => char.toLowerCase());
}

function currencyPart(parts: readonly Intl.NumberFormatPart[]): string | undefined {
  return parts.find((part) => part.type === 'currency')?.value;
}

// Every digit 0-9 appears in it, and enough of them to show two group sizes (en-IN: 9,87,65,...).
const DIGIT_SAMPLE = '98765432101234';

// Enough numbers to meet every plural form a currency name takes (1 dollar, 2 dollars, 5 dolarów...).
const NAME_SAMPLES: readonly `${number}`[] = [
  '0', '1', '2', '3', '5', '7', '11', '21', '22', '25', '100', '101', '1000000', '0.5', '1.5', '2.5',
];

/** Folds a designation the way typed text is folded, then lower-cases it. */
function foldDesignation(designation: string): readonly string[] {
  return lowerChars(normalizeTyped(designation).chars);
}

const STANDARD_SYMBOLS = new Map<string, ReadonlyMap<string, string>>();

/**
 * The symbol the locale writes for every ISO 4217 currency by default (`currencyDisplay: 'symbol'`),
 * folded and lower-cased, mapped to its currency: in en-US `'$'` → USD, `'mx$'` → MXN; in ja-JP
 * `'¥'` → JPY. Symbols that are just the ISO code are left out. CLDR gives no two currencies the
 * same symbol in a locale; were it to, the first code in ISO order keeps it. Read once per locale,
 * keyed by the locale Intl resolved (so `'en-us'` and `'en-US'` share one entry).
 */
function standardSymbolsOf(locale: string): ReadonlyMap<string, string> {
  const known = STANDARD_SYMBOLS.get(locale);
  if (known !== undefined) return known;
  const symbols = new Map<string, string>();
  for (const { code } of listCurrencies()) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
    const symbol = foldDesignation(currencyPart(format.formatToParts(1)) ?? code).join('');
    if (symbol !== '' && symbol !== code.toLowerCase() && !symbols.has(symbol)) symbols.set(symbol, code);
  }
  STANDARD_SYMBOLS.set(locale, symbols);
  return symbols;
}

function groupingOf(chunks: readonly string[]): Grouping {
  const sizes = chunks.map((chunk) => Array.from(chunk).length);
  const primary = sizes[sizes.length - 1] ?? 3;
  const secondary = sizes.length >= 3 ? (sizes[sizes.length - 2] ?? primary) : primary;
  return { primary: Math.max(1, primary), secondary: Math.max(1, secondary) };
}

/**
 * Reads the conventions of a currency in a locale from Intl. The locale and currency must already
 * be checked. Designations are the locale's symbol and narrow symbol (`'€'`, `'US$'`, `'$'`), the
 * international symbol CLDR uses in `en-001` (`'US$'`, `'JP¥'`, `'MX$'`), the ISO code and the
 * locale's names of the currency in every plural form (`'euros'`, `'円'`). A designation other
 * than the locale's own symbol for the currency and its ISO code is left out (and listed in
 * `claimed`) when the locale writes it as another currency's symbol: `'$'` is MXN's narrow
 * symbol in en-US, but en-US writes USD as `'$'`, so there `'$'` names USD, not MXN.
 */
export function readMoneyConventions(locale: string, currency: string): MoneyConventions {
  const base: Intl.NumberFormatOptions = { style: 'currency', currency };
  const numbers = new Intl.NumberFormat(locale, {
    ...base,
    signDisplay: 'always',
    useGrouping: 'always',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  let decimal = '.';
  let group: string | undefined;
  const minus = new Set(['-']);
  const plus = new Set(['+']);
  const chunks: string[] = [];
  const designations = [currency];
  let ownSymbol = currency;
  for (const part of numbers.formatToParts(`-${DIGIT_SAMPLE}.5`)) {
    if (part.type === 'decimal') decimal = foldSymbol(part.value);
    else if (part.type === 'group') group = foldSymbol(part.value);
    else if (part.type === 'minusSign') minus.add(foldSymbol(part.value));
    else if (part.type === 'integer') chunks.push(part.value);
    else if (part.type === 'currency') ownSymbol = part.value;
  }
  for (const part of numbers.formatToParts('1')) if (part.type === 'plusSign') plus.add(foldSymbol(part.value));
  // en-IN groups 12,34,567.00 in its standard pattern but 1,234,567.00 in its accounting one.
  const accounting = new Intl.NumberFormat(locale, { ...base, currencySign: 'accounting', useGrouping: 'always' });
  const accountingChunks = accounting
    .formatToParts(DIGIT_SAMPLE)
    .filter((part) => part.type === 'integer')
    .map((part) => part.value);
  const groupings = new Map<string, Grouping>();
  for (const grouping of [groupingOf(chunks), groupingOf(accountingChunks)]) {
    groupings.set(`${grouping.primary}/${grouping.secondary}`, grouping);
  }

  const digits = new Map<string, string>();
  const nativeDigits = Array.from(foldSymbol(chunks.join('')));
  if (nativeDigits.length === DIGIT_SAMPLE.length) {
    nativeDigits.forEach((char, i) => digits.set(char, DIGIT_SAMPLE.charAt(i)));
  }

  const symbolIn = (where: string, display: 'symbol' | 'narrowSymbol'): string | undefined =>
    currencyPart(new Intl.NumberFormat(where, { ...base, currencyDisplay: display }).formatToParts('1'));
  designations.push(symbolIn(locale, 'narrowSymbol') ?? currency, symbolIn('en-001', 'symbol') ?? currency);
  const names = new Intl.NumberFormat(locale, {
    ...base,
    currencyDisplay: 'name',
    minimumFractionDigits: 0,
    maximumFractionDigits: 3,
  });
  for (const sample of NAME_SAMPLES) designations.push(currencyPart(names.formatToParts(sample)) ?? currency);

  const own = new Set([currency, ownSymbol].map((designation) => foldDesignation(designation).join('')));
  const others = standardSymbolsOf(numbers.resolvedOptions().locale);
  const unique = new Map<string, readonly string[]>();
  const claimed = new Set<string>();
  for (const designation of [ownSymbol, ...designations]) {
    const chars = foldDesignation(designation);
    const key = chars.join('');
    if (chars.length === 0) continue;
    const owner = own.has(key) ? currency : (others.get(key) ?? currency);
    if (owner === currency) unique.set(key, chars);
    else claimed.add(key);
  }
  return {
    locale,
    currency,
    minorUnits: getCurrency(currency).minorUnits,
    decimal,
    group: group === decimal ? undefined : group,
    groupings: [...groupings.values()],
    minus,
    plus,
    digits,
    designations: [...unique.values()].sort((a, b) => b.length - a.length),
    claimed,
  };
}
