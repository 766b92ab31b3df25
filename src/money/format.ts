import { ValidationError } from '../kernel/index.js';
import { money } from './money.js';
import { assertSupportedLocale } from './_internal/locale.js';
import { minorUnitsOf } from './_internal/operands.js';
import type { Money } from './types.js';

/**
 * Options of {@link formatMoney}: the parts of `Intl.NumberFormat` that make sense for an exact
 * amount. Digits are not an option: they always come from the amount and ISO 4217.
 */
export interface FormatMoneyOptions {
  /**
   * How to name the currency: `'symbol'` (the default: `'€'`, `'US$'` where `'$'` would be
   * ambiguous), `'narrowSymbol'` (`'$'`), `'code'` (`'USD'`) or `'name'` (`'US dollars'`). A
   * narrow symbol the locale writes for another currency (`'$'` for MXN in en-US) is not read back
   * by {@link parseMoney}: it reports `CURRENCY_MISMATCH`.
   */
  readonly currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name' | undefined;
  /**
   * When to show a sign: `'auto'` (the default: negative amounts), `'always'`, `'exceptZero'`,
   * `'negative'` (negative amounts, never `-0`) or `'never'` (the absolute value).
   */
  readonly signDisplay?: 'auto' | 'always' | 'exceptZero' | 'negative' | 'never' | undefined;
  /** `'accounting'` writes negative amounts the locale's accounting way, `'($1.00)'` in en-US; default `'standard'`. */
  readonly currencySign?: 'standard' | 'accounting' | undefined;
  /**
   * Digit grouping: `'auto'` (the default: as the locale does, so es-ES writes `1234,50 €` but
   * `12.345,50 €`), `'always'` or `true`, `'min2'` (only from 5 integer digits), or `false`.
   */
  readonly useGrouping?: boolean | 'always' | 'auto' | 'min2' | undefined;
}

const LEADING_GROUP = /^[1-9][0-9]{0,2}$/;

type Choices<K extends keyof FormatMoneyOptions> = Readonly<Record<`${NonNullable<FormatMoneyOptions[K]>}`, true>>;

// Each record lists every value of its option type: a value added to the type but not here fails to compile.
const CHOICES: { readonly [K in keyof FormatMoneyOptions]-?: Choices<K> } = {
  currencyDisplay: { symbol: true, narrowSymbol: true, code: true, name: true },
  signDisplay: { auto: true, always: true, exceptZero: true, negative: true, never: true },
  currencySign: { standard: true, accounting: true },
  useGrouping: { true: true, false: true, always: true, auto: true, min2: true },
};

function checkOptions(options: FormatMoneyOptions): void {
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'The options of formatMoney must be an object.');
  }
  for (const key of Object.keys(CHOICES) as (keyof FormatMoneyOptions)[]) {
    const value: unknown = options[key];
    if (value === undefined) continue;
    // Intl also takes the strings 'true' and 'false' for useGrouping; crm-kit only the booleans.
    const text = typeof value === 'boolean' ? String(value) : value === 'true' || value === 'false' ? '' : value;
    if (typeof text !== 'string' || !Object.hasOwn(CHOICES[key], text)) {
      const list = Object.keys(CHOICES[key]).join(', ');
      throw new ValidationError('INVALID_ARGUMENT', `Unknown ${key} option of formatMoney; use one of ${list}.`);
    }
  }
}

/**
 * Writes an amount for people in a locale, through `Intl.NumberFormat` with the exact decimal
 * string (never a `number`, so no digit is lost at any size). It shows at least the currency's
 * ISO 4217 minor units (not Intl's own currency digits, which differ for IQD, HUF, XAU and ~26
 * more) and every further decimal the amount has: formatting never rounds.
 *
 * The text it writes is read back to the same amount by {@link parseMoney} with the same locale,
 * except where an option drops what told amounts apart: `signDisplay: 'never'` drops the sign, and
 * `currencyDisplay: 'narrowSymbol'` may write a symbol the locale uses for another currency (`'$'`
 * for MXN in en-US, where `'$'` is USD), which `parseMoney` reports as `CURRENCY_MISMATCH`. So that
 * the text is never ambiguous, an amount of 1 to 999 (either sign) with exactly three decimals in
 * a currency with fewer than three minor units is written with a fourth decimal zero: 1.125 USD is
 * `'$1.1250'`, since `'$1.125'` may be 1125 typed the de-DE way, and `parseMoney` calls it
 * `AMBIGUOUS_AMOUNT`. The value is the same; other amounts (0.125, 1234.125) are written as they are.
 *
 * Intl writes the spaces of many locales as U+00A0 (no-break space) or U+202F (narrow no-break
 * space, between digit groups in fr-FR), as the examples show.
 *
 * @param m - The amount.
 * @param locale - A BCP 47 locale supported by this runtime's `Intl`, such as `'de-DE'`.
 * @param options - Currency display, sign display, accounting sign, grouping; see {@link FormatMoneyOptions}.
 * @returns The formatted amount.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a value that is not Money, a locale that is
 * not a string, a malformed locale (its `RangeError` as `cause`), one this runtime's `Intl` does not
 * support, options that are not an object, or an unknown option value;
 * `INVALID_AMOUNT` for an amount that is not a decimal string; `AMOUNT_OUT_OF_RANGE` for more
 * decimals than this runtime's `Intl` can show (20 on Node 20, 100 on later versions).
 * {@link UnknownCurrencyError} `UNKNOWN_CURRENCY` for a currency not in the ISO 4217 table.
 *
 * @example
 * ```ts
 * formatMoney(money('1234.5', 'EUR'), 'de-DE'); //=> '1.234,50\u00a0€'
 * formatMoney(money('1234.5', 'EUR'), 'en-US'); //=> '€1,234.50'
 * formatMoney(money('3.14159', 'EUR'), 'en-US'); //=> '€3.14159'
 * formatMoney(money('1.125', 'USD'), 'en-US'); //=> '$1.1250'
 * formatMoney(money('0.125', 'USD'), 'en-US'); //=> '$0.125'
 * formatMoney(money('5', 'MXN'), 'en-US'); //=> 'MX$5.00'
 * formatMoney(money('5', 'MXN'), 'en-US', { currencyDisplay: 'narrowSymbol' }); //=> '$5.00'
 * formatMoney(money('1234.5', 'IQD'), 'en-US'); //=> 'IQD\u00a01,234.500'
 * formatMoney(money('1500', 'JPY'), 'ja-JP'); //=> '￥1,500'
 * formatMoney(money('-1234.5', 'USD'), 'en-US', { currencySign: 'accounting' }); //=> '($1,234.50)'
 * formatMoney(money('-1234.5', 'EUR'), 'fr-FR', { currencyDisplay: 'code' }); //=> '-1\u202f234,50\u00a0EUR'
 * formatMoney(money('1', 'EUR'), 'en_US'); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function formatMoney(m: Money, locale: string, options: FormatMoneyOptions = {}): string {
  const minorUnits = minorUnitsOf(m);
  const { amount } = money(m.amount, m.currency);
  const tag = assertSupportedLocale(locale);
  checkOptions(options);
  const dot = amount.indexOf('.');
  const decimals = dot < 0 ? 0 : amount.length - dot - 1;
  // Three decimals after one to three integer digits read as a thousands group in other locales
  // ('$1.125' vs de-DE's '1.125 $'), so parseMoney calls them ambiguous: a fourth decimal settles it.
  const pad = minorUnits < 3 && decimals === 3 && LEADING_GROUP.test(amount.slice(amount.startsWith('-') ? 1 : 0, dot));
  const fractionDigits = pad ? 4 : Math.max(minorUnits, decimals);
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(tag, {
      style: 'currency',
      currency: m.currency,
      currencyDisplay: options.currencyDisplay,
      signDisplay: options.signDisplay,
      currencySign: options.currencySign,
      useGrouping: options.useGrouping,
      minimumFractionDigits: pad ? fractionDigits : minorUnits,
      maximumFractionDigits: fractionDigits,
    });
  } catch (error) {
    // The locale and options are checked above, so what Intl can still refuse is the digit count.
    throw new ValidationError(
      'AMOUNT_OUT_OF_RANGE',
      `The amount has ${fractionDigits} decimals, more than the Intl of this runtime can show: round it first.`,
      { cause: error },
    );
  }
  // Intl.NumberFormat v3 reads a string as an exact decimal; `amount` is a canonical decimal string.
  return format.format(amount as `${number}`);
}
