// What a locale writes around an amount, read from Intl at run time (never from a table of ours),
// and the one normalisation applied both to that and to what people type, so the two compare.

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
 * locale's names of the currency in every plural form (`'euros'`, `'円'`).
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
  for (const part of numbers.formatToParts(`-${DIGIT_SAMPLE}.5`)) {
    if (part.type === 'decimal') decimal = foldSymbol(part.value);
    else if (part.type === 'group') group = foldSymbol(part.value);
    else if (part.type === 'minusSign') minus.add(foldSymbol(part.value));
    else if (part.type === 'integer') chunks.push(part.value);
    else if (part.type === 'currency') designations.push(part.value);
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

  const unique = new Map<string, readonly string[]>();
  for (const designation of designations) {
    const chars = lowerChars(normalizeTyped(designation).chars);
    if (chars.length > 0) unique.set(chars.join(''), chars);
  }
  return {
    locale,
    currency,
    decimal,
    group: group === decimal ? undefined : group,
    groupings: [...groupings.values()],
    minus,
    plus,
    digits,
    designations: [...unique.values()].sort((a, b) => b.length - a.length),
  };
}
