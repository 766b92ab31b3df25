import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, getCurrency, listCurrencies, money, parseMoney } from 'crm-kit';
import type { FormatMoneyOptions, Money } from 'crm-kit';
import { decimalText } from '../support/arbitraries.js';

const LOCALES = ['en-US', 'es-ES', 'es-MX', 'de-DE', 'fr-FR', 'ja-JP'] as const;
// Locales with other digits, group sizes or sign placement, to keep the parser honest.
const MORE_LOCALES = ['en-IN', 'de-CH', 'ar-EG', 'fa-IR', 'pt-BR', 'en-GB'] as const;
const CURRENCIES = ['EUR', 'USD', 'JPY', 'BHD', 'CLF', 'MXN'] as const;
// IQD and HUF: Intl's own digits differ from ISO 4217; XAU has no minor unit at all.
const MORE_CURRENCIES = ['IQD', 'HUF', 'XAU', 'INR', 'CHF', 'BRL'] as const;

/** Canonical money with up to 24 digits (so 16+ integer digits) and up to 4 decimals beyond the minor units. */
const anyMoney = (currencies: readonly string[]): fc.Arbitrary<Money> =>
  fc
    .constantFrom(...currencies)
    .chain((currency) => decimalText({ maxScale: 8, maxDigits: 24 }).map((amount) => money(amount, currency)));

const roundTrip = (m: Money, locale: string, options?: FormatMoneyOptions): void => {
  const text = formatMoney(m, locale, options);
  expect(parseMoney(text, m.currency, { locale })).toEqual({ success: true, data: m });
};

// An oracle straight from Intl: whether the narrow symbol of `currency` in `locale` ('$' for MXN in
// en-US) is what the locale writes by default for another currency (USD), so it names that one.
const ownSymbol = (currency: string, locale: string, display: 'symbol' | 'narrowSymbol' = 'symbol'): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: display })
    .formatToParts(1)
    .find((part) => part.type === 'currency')?.value ?? currency;
const claimedNarrow = new Map<string, boolean>();
const narrowNamesAnother = (currency: string, locale: string): boolean => {
  const key = `${currency} ${locale}`;
  let claimed = claimedNarrow.get(key);
  if (claimed === undefined) {
    const narrow = ownSymbol(currency, locale, 'narrowSymbol');
    claimed =
      narrow !== ownSymbol(currency, locale) &&
      listCurrencies().some(({ code }) => code !== currency && ownSymbol(code, locale) === narrow);
    claimedNarrow.set(key, claimed);
  }
  return claimed;
};

/** Amounts with exactly three decimals after one to three integer digits, such as 1.125 and -999.999. */
const threeDecimals = (currencies: readonly string[]): fc.Arbitrary<Money> =>
  fc
    .tuple(fc.constantFrom(...currencies), fc.boolean(), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }))
    .filter(([, , , fraction]) => fraction % 10 !== 0)
    .map(([currency, negative, whole, fraction]) =>
      money(`${negative ? '-' : ''}${whole}.${String(fraction).padStart(3, '0')}`, currency),
    );

describe('formatMoney and parseMoney', () => {
  it('parsing what formatMoney wrote in a locale gives back exactly the amount', () => {
    fc.assert(fc.property(anyMoney(CURRENCIES), fc.constantFrom(...LOCALES), (m, locale) => { roundTrip(m, locale); }));
  });

  it('gives back exactly the amount with currencyDisplay: code', () => {
    fc.assert(
      fc.property(anyMoney(CURRENCIES), fc.constantFrom(...LOCALES), (m, locale) => { roundTrip(m, locale, { currencyDisplay: 'code' }); },
      ),
    );
  });

  it('gives back exactly the amount with the accounting sign', () => {
    fc.assert(
      fc.property(anyMoney(CURRENCIES), fc.constantFrom(...LOCALES), (m, locale) => { roundTrip(m, locale, { currencySign: 'accounting' }); },
      ),
    );
  });

  it('gives back exactly the amount with every option that keeps the sign and names the currency, in more locales and currencies', () => {
    const options = fc.record(
      {
        currencyDisplay: fc.constantFrom('symbol', 'narrowSymbol', 'code', 'name'),
        signDisplay: fc.constantFrom('auto', 'always', 'exceptZero', 'negative'),
        currencySign: fc.constantFrom('standard', 'accounting'),
        useGrouping: fc.constantFrom(true, false, 'always', 'auto', 'min2'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        anyMoney([...CURRENCIES, ...MORE_CURRENCIES]),
        fc.constantFrom(...LOCALES, ...MORE_LOCALES),
        options,
        (m, locale, chosen) => {
          if (chosen.currencyDisplay === 'narrowSymbol' && narrowNamesAnother(m.currency, locale)) {
            // '$5.00' for MXN in en-US names USD there: narrowSymbol drops what told them apart.
            const result = parseMoney(formatMoney(m, locale, chosen as FormatMoneyOptions), m.currency, { locale });
            expect(result.success ? [] : result.issues.map((found) => found.code)).toEqual(['CURRENCY_MISMATCH']);
          } else {
            roundTrip(m, locale, chosen as FormatMoneyOptions);
          }
        },
      ),
    );
  });

  it('gives back amounts with exactly three decimals after 1-3 integer digits (1.125 USD): formatMoney writes them with a fourth decimal, as "$1.1250", because "$1.125" is ambiguous to parseMoney', () => {
    const options = fc.record(
      {
        currencyDisplay: fc.constantFrom('symbol', 'code', 'name'),
        signDisplay: fc.constantFrom('auto', 'always', 'exceptZero', 'negative'),
        currencySign: fc.constantFrom('standard', 'accounting'),
        useGrouping: fc.constantFrom(true, false, 'always', 'auto', 'min2'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        threeDecimals([...CURRENCIES, ...MORE_CURRENCIES]),
        fc.constantFrom(...LOCALES, ...MORE_LOCALES),
        options,
        (m, locale, chosen) => { roundTrip(m, locale, chosen as FormatMoneyOptions); },
      ),
    );
  });

  it('names the currency with narrowSymbol in a way parseMoney reads back, or that it reports as CURRENCY_MISMATCH where the locale writes that symbol for another currency', () => {
    fc.assert(
      fc.property(anyMoney([...CURRENCIES, ...MORE_CURRENCIES, 'CAD', 'CNY', 'AUD']), fc.constantFrom(...LOCALES, ...MORE_LOCALES), (m, locale) => {
        const result = parseMoney(formatMoney(m, locale, { currencyDisplay: 'narrowSymbol' }), m.currency, { locale });
        if (narrowNamesAnother(m.currency, locale)) {
          expect(result.success ? [] : result.issues.map((found) => found.code)).toEqual(['CURRENCY_MISMATCH']);
        } else {
          expect(result).toEqual({ success: true, data: m });
        }
      }),
    );
  });

  it('drops only the sign with signDisplay: never', () => {
    fc.assert(
      fc.property(anyMoney(CURRENCIES), fc.constantFrom(...LOCALES), (m, locale) => {
        const text = formatMoney(m, locale, { signDisplay: 'never' });
        const absolute = money(m.amount.replace(/^-/, ''), m.currency);
        expect(parseMoney(text, m.currency, { locale })).toEqual({ success: true, data: absolute });
      }),
    );
  });
});

// How people write EUR in four locales: separators, and the ways to name the currency.
const TYPING = {
  'en-US': { groups: [','], decimal: '.', names: ['€', 'EUR', 'eur', 'euros'] },
  'de-DE': { groups: ['.'], decimal: ',', names: ['€', 'EUR', 'Euro'] },
  'es-ES': { groups: ['.'], decimal: ',', names: ['€', 'EUR', 'euros'] },
  'fr-FR': { groups: [' ', '\u00a0', '\u202f'], decimal: ',', names: ['€', 'EUR', 'euros'] },
} as const;
const SPACES = ['', ' ', '\u00a0', '\u202f', '  '] as const;

function groupDigits(digits: string, separator: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(separator);
}

describe('parseMoney', () => {
  it('reads any spacing, grouping, currency placement and way of marking a negative amount', () => {
    const typed = fc.record({
      locale: fc.constantFrom(...(Object.keys(TYPING) as (keyof typeof TYPING)[])),
      amount: decimalText({ maxScale: 6, maxDigits: 18 }),
      grouped: fc.boolean(),
      groupIndex: fc.nat(),
      nameIndex: fc.nat(),
      where: fc.constantFrom('before', 'after', 'none'),
      minus: fc.constantFrom('-', '\u2212'),
      mark: fc.constantFrom('sign first', 'sign next to the number', 'parentheses'),
      spaces: fc.array(fc.constantFrom(...SPACES), { minLength: 6, maxLength: 6 }),
    });
    fc.assert(
      fc.property(typed, ({ locale, amount, grouped, groupIndex, nameIndex, where, minus, mark, spaces }) => {
        const style = TYPING[locale];
        const [s0 = '', s1 = '', s2 = '', s3 = '', s4 = '', s5 = ''] = spaces;
        const [whole = '', fraction] = amount.replace(/^-/, '').split('.');
        const group = style.groups[groupIndex % style.groups.length] ?? '';
        let number = grouped ? groupDigits(whole, group) : whole;
        if (fraction !== undefined) number += `${style.decimal}${fraction}`;
        const name = style.names[nameIndex % style.names.length] ?? '';
        const negative = amount.startsWith('-');
        const before = where === 'before' ? `${name}${s1}` : '';
        const after = where === 'after' ? `${s2}${name}` : '';
        let text = `${before}${number}${after}`;
        if (negative && mark === 'sign first') text = `${minus}${s3}${text}`;
        if (negative && mark === 'sign next to the number') text = `${before}${minus}${s3}${number}${after}`;
        if (negative && mark === 'parentheses') text = `(${s4}${text}${s4})`;
        const result = parseMoney(`${s0}${text}${s5}`, 'EUR', { locale });
        if (fraction?.length === 3 && /^[1-9]\d{0,2}$/.test(whole)) {
          // '1,500 €' in de-DE: exactly three decimals may be a thousands group typed the en-US way.
          expect(result.success ? [] : result.issues.map((found) => found.code)).toEqual(['AMBIGUOUS_AMOUNT']);
        } else {
          expect(result).toEqual({ success: true, data: money(amount, 'EUR') });
        }
      }),
    );
  });

  it('calls exactly three digits after the only separator, the decimal one, ambiguous in a currency with fewer than three minor units, and a decimal in one with three or more', () => {
    const typed = fc.record({
      locale: fc.constantFrom('en-US', 'ja-JP', 'es-MX', 'de-DE', 'es-ES', 'fr-FR', 'de-CH', 'en-IN', 'pt-BR'),
      currency: fc.constantFrom('USD', 'EUR', 'JPY', 'MXN', 'XAU', 'BHD', 'KWD', 'IQD', 'CLF', 'UYW'),
      whole: fc.integer({ min: 1, max: 999 }),
      fraction: fc.stringMatching(/^\d{3}$/),
    });
    fc.assert(
      fc.property(typed, ({ locale, currency, whole, fraction }) => {
        const decimal = new Intl.NumberFormat(locale).formatToParts(0.5).find((part) => part.type === 'decimal')?.value ?? '.';
        const result = parseMoney(`${whole}${decimal}${fraction}`, currency, { locale });
        if (getCurrency(currency).minorUnits < 3) {
          expect(result.success ? [] : result.issues.map((found) => found.code)).toEqual(['AMBIGUOUS_AMOUNT']);
        } else {
          expect(result).toEqual({ success: true, data: money(`${whole}.${fraction}`, currency) });
        }
      }),
    );
  });

  it('never throws on any text, and whatever it accepts is canonical money', () => {
    const alphabet = fc.constantFrom(...'0123456789.,  \u00a0\u202f-\u2212+()€$¥￥US$EURusdeuros١٢٣٫٬\'’'.split(''));
    const text = fc.oneof(fc.string({ unit: alphabet, maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 24 }));
    fc.assert(
      fc.property(text, fc.constantFrom(...CURRENCIES), fc.constantFrom(...LOCALES, ...MORE_LOCALES), (typed, currency, locale) => {
        const result = parseMoney(typed, currency, { locale });
        if (result.success) expect(money(result.data.amount, currency)).toEqual(result.data);
        else expect(result.issues.length).toBeGreaterThan(0);
      }),
    );
  });

  it('calls a lone group separator that cannot group digits ambiguous, never a number', () => {
    const lone = fc.record({
      locale: fc.constantFrom('en-US', 'ja-JP', 'es-MX', 'de-DE', 'es-ES'),
      whole: fc.bigInt({ min: 0n, max: 10n ** 15n }),
      after: fc.oneof(fc.stringMatching(/^\d{1,2}$/), fc.stringMatching(/^\d{4,8}$/)),
    });
    fc.assert(
      fc.property(lone, ({ locale, whole, after }) => {
        const group = locale.startsWith('en') || locale === 'ja-JP' || locale === 'es-MX' ? ',' : '.';
        const result = parseMoney(`${whole}${group}${after}`, 'EUR', { locale });
        expect(result.success ? [] : result.issues.map((found) => found.code)).toEqual(['AMBIGUOUS_AMOUNT']);
      }),
    );
  });

  it('refuses a text that names another ISO 4217 code with CURRENCY_MISMATCH', () => {
    const codes = listCurrencies().map((currency) => currency.code);
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.constantFrom(...CURRENCIES), fc.constantFrom(...LOCALES), (code, currency, locale) => {
        fc.pre(code !== currency);
        const result = parseMoney(`${code} 12`, currency, { locale });
        expect(result.success ? [] : result.issues.map((found) => found.code)).toEqual(['CURRENCY_MISMATCH']);
      }),
    );
  });
});
