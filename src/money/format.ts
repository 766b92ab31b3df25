import { ValidationError } from '../kernel/index.js';
import { money } from './money.js';
import { assertSupportedLocale } from './_internal/locale.js';
import { minorUnitsOf } from './_internal/operands.js';
import type { Money } from './types.js';

/**
 * Options of {@link formatMoney}: the parts of `Intl.NumberFormat` that make sense for an exact
 * amount. Digits are not an option: they always come from the amount and ISO 4217.
 *
 * @example
 * ```ts
 * const options: FormatMoneyOptions = { currencyDisplay: 'code', currencySign: 'accounting' };
 * ```
 */
export interface FormatMoneyOptions {
  /**
   * How to name the currency: `'symbol'` (the default: `'€'`, `'US$'` where `'$'` would be
   * ambiguous), `'narrowSymbol'` (`'$'`), `'code'` (`'USD'`) or `'name'` (`'US dollars'`).
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
 * more) and every further decimal the amount has: formatting never rounds. The text it writes is
 * read back to the same amount by {@link parseMoney} with the same locale, unless
 * `signDisplay: 'never'` drops the sign.
 *
 * Intl writes the spaces of many locales as U+00A0 (no-break space) or U+202F (narrow no-break
 * space, between digit groups in fr-FR), as the examples show.
 *
 * @param m - The amount.
 * @param locale - A BCP 47 locale supported by this runtime's `Intl`, such as `'de-DE'`.
 * @param options - Currency display, sign display, accounting sign, grouping; see {@link FormatMoneyOptions}.
 * @returns The formatted amount.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a value that is not Money, a malformed
 * locale (its `RangeError` as `cause`), one this runtime's `Intl` does not support, or an unknown
 * option value;
 * `INVALID_AMOUNT` for an amount that is not a decimal string; `AMOUNT_OUT_OF_RANGE` for more
 * decimals than this runtime's `Intl` can show (20 on Node 20, 100 on later versions).
 * {@link UnknownCurrencyError} `UNKNOWN_CURRENCY` for a currency not in the ISO 4217 table.
 *
 * @example
 * ```ts
 * formatMoney(money('1234.5', 'EUR'), 'de-DE'); //=> '1.234,50\u00a0€'
 * formatMoney(money('1234.5', 'EUR'), 'en-US'); //=> '€1,234.50'
 * formatMoney(money('3.14159', 'EUR'), 'en-US'); //=> '€3.14159'
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
  const fractionDigits = Math.max(minorUnits, dot < 0 ? 0 : amount.length - dot - 1);
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(tag, {
      style: 'currency',
      currency: m.currency,
      currencyDisplay: options.currencyDisplay,
      signDisplay: options.signDisplay,
      currencySign: options.currencySign,
      useGrouping: options.useGrouping,
      minimumFractionDigits: minorUnits,
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
