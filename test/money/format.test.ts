import { describe, expect, it } from 'vitest';
import { formatMoney, isCrmError, money } from 'crm-kit';
import { codeOf, thrownBy } from '../support/errors.js';
import type { FormatMoneyOptions, Money } from 'crm-kit';

// Intl writes U+00A0 and U+202F in several locales; most expectations read better with plain spaces.
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

// The most decimals this runtime's Intl shows: 20 on Node 20, 100 on later versions.
const INTL_MAX_DECIMALS = ((): number => {
  try {
    return new Intl.NumberFormat('en', { maximumFractionDigits: 100 }).resolvedOptions().maximumFractionDigits ?? 100;
  } catch {
    return 20;
  }
})();



describe('formatMoney()', () => {
  it.each([
    ['1234.5', 'EUR', 'en-US', '€1,234.50'],
    ['1234.5', 'EUR', 'de-DE', '1.234,50 €'],
    ['1234.5', 'EUR', 'fr-FR', '1 234,50 €'],
    ['1234.5', 'EUR', 'es-ES', '1234,50 €'],
    ['12345.5', 'EUR', 'es-ES', '12.345,50 €'],
    ['1234.5', 'MXN', 'es-MX', '$1,234.50'],
    ['1500', 'JPY', 'ja-JP', '￥1,500'],
    ['1234567.5', 'INR', 'en-IN', '₹12,34,567.50'],
    ['1234.5', 'USD', 'es-ES', '1234,50 US$'],
  ])('writes %s %s in %s as %s', (amount, currency, locale, expected) => {
    expect(plain(formatMoney(money(amount, currency), locale))).toBe(expected);
  });

  it('writes the spaces fr-FR uses: U+202F between groups, U+00A0 before the symbol', () => {
    expect(formatMoney(money('1234.5', 'EUR'), 'fr-FR')).toBe('1\u202f234,50\u00a0€');
  });

  it("shows the ISO 4217 minor units, not Intl's own currency digits", () => {
    // Intl shows IQD and HUF with 0 decimals and XAU with 2; ISO 4217 says 3, 2 and none.
    expect(plain(formatMoney(money('1234.5', 'IQD'), 'en-US'))).toBe('IQD 1,234.500');
    expect(plain(formatMoney(money('1234', 'HUF'), 'en-US'))).toBe('HUF 1,234.00');
    expect(plain(formatMoney(money('3', 'XAU'), 'en-US'))).toBe('XAU 3');
    expect(plain(formatMoney(money('1', 'CLF'), 'en-US'))).toBe('CLF 1.0000');
  });

  it('pads to the minor units', () => {
    expect(plain(formatMoney(money('5', 'BHD'), 'en-US'))).toBe('BHD 5.000');
    expect(formatMoney(money('5', 'USD'), 'en-US')).toBe('$5.00');
    expect(formatMoney(money('5', 'JPY'), 'en-US')).toBe('¥5');
  });

  it('shows every decimal beyond the minor units: formatting never rounds', () => {
    expect(formatMoney(money('3.14159', 'EUR'), 'en-US')).toBe('€3.14159');
    expect(formatMoney(money('0.005', 'USD'), 'en-US')).toBe('$0.005');
    expect(formatMoney(money('1.5', 'JPY'), 'en-US')).toBe('¥1.5');
    expect(formatMoney(money(`0.${'1'.repeat(20)}`, 'EUR'), 'en-US')).toBe(`€0.${'1'.repeat(20)}`);
  });

  describe('exactly three decimals in a currency with fewer than three minor units', () => {
    // parseMoney calls '$1.125' ambiguous (it may be 1125 typed the de-DE way), so formatMoney writes
    // a fourth decimal zero, which changes nothing in the amount and reads back without doubt.
    it.each([
      ['1.125', 'USD', 'en-US', '$1.1250'],
      ['-999.999', 'USD', 'en-US', '-$999.9990'],
      ['1.125', 'EUR', 'de-DE', '1,1250 €'],
      ['12.345', 'EUR', 'fr-FR', '12,3450 €'],
      ['1.125', 'JPY', 'ja-JP', '￥1.1250'],
      ['1.5', 'XAU', 'en-US', 'XAU 1.5'],
    ])('writes %s %s in %s as %s: a fourth decimal, so parseMoney never finds it ambiguous', (amount, currency, locale, expected) => {
      expect(plain(formatMoney(money(amount, currency), locale))).toBe(expected);
    });

    it.each([
      ['0.125', 'USD', 'en-US', '$0.125'],
      ['1234.125', 'USD', 'en-US', '$1,234.125'],
      ['1234.125', 'USD', 'en-US', '$1234.125', { useGrouping: false }],
      ['1.125', 'BHD', 'en-US', 'BHD 1.125'],
      ['1.12345', 'USD', 'en-US', '$1.12345'],
      ['1.12', 'USD', 'en-US', '$1.12'],
    ] as [string, string, string, string, FormatMoneyOptions?][])(
      'writes %s %s in %s as %s: no digit group could be read into it',
      (amount, currency, locale, expected, options) => {
        expect(plain(formatMoney(money(amount, currency), locale, options))).toBe(expected);
      },
    );
  });

  it('formats amounts far beyond the range of a double exactly', () => {
    const amount = '123456789012345678901234567890.12';
    expect(formatMoney(money(amount, 'USD'), 'en-US')).toBe('$123,456,789,012,345,678,901,234,567,890.12');
    expect(formatMoney(money('9007199254740993', 'JPY'), 'en-US')).toBe('¥9,007,199,254,740,993');
  });

  it('drops trailing zeros of a non-canonical amount but keeps its value', () => {
    const loose = { amount: '0012.500', currency: 'EUR' } as Money;
    expect(formatMoney(loose, 'en-US')).toBe('€12.50');
  });

  it('writes negative amounts the way the locale does', () => {
    expect(formatMoney(money('-5', 'USD'), 'en-US')).toBe('-$5.00');
    expect(plain(formatMoney(money('-5', 'EUR'), 'de-DE'))).toBe('-5,00 €');
    expect(formatMoney(money('-5', 'JPY'), 'ja-JP')).toBe('-￥5');
    expect(plain(formatMoney(money('-5', 'CHF'), 'de-CH'))).toBe('CHF-5.00');
  });

  it('writes zero without a sign', () => {
    expect(formatMoney(money('-0', 'EUR'), 'en-US')).toBe('€0.00');
  });

  describe('options', () => {
    const cases: [string, FormatMoneyOptions, string][] = [
      ['-1234.5', { currencyDisplay: 'code' }, '-USD 1,234.50'],
      ['1234.5', { currencyDisplay: 'name' }, '1,234.50 US dollars'],
      ['1234.5', { currencyDisplay: 'symbol' }, '$1,234.50'],
      ['-1234.5', { currencySign: 'accounting' }, '($1,234.50)'],
      ['1234.5', { currencySign: 'accounting' }, '$1,234.50'],
      ['1234.5', { signDisplay: 'always' }, '+$1,234.50'],
      ['0', { signDisplay: 'always' }, '+$0.00'],
      ['0', { signDisplay: 'exceptZero' }, '$0.00'],
      ['-1234.5', { signDisplay: 'never' }, '$1,234.50'],
      ['-1234.5', { signDisplay: 'negative' }, '-$1,234.50'],
      ['1234.5', { useGrouping: false }, '$1234.50'],
    ];
    it.each(cases)('formats %s USD in en-US with %j as %s', (amount, options, expected) => {
      expect(plain(formatMoney(money(amount, 'USD'), 'en-US', options))).toBe(expected);
    });

    it('names the currency by code, narrow symbol or name in the locale', () => {
      expect(plain(formatMoney(money('5', 'MXN'), 'en-US', { currencyDisplay: 'code' }))).toBe('MXN 5.00');
      expect(formatMoney(money('5', 'MXN'), 'en-US')).toBe('MX$5.00');
      expect(formatMoney(money('5', 'MXN'), 'en-US', { currencyDisplay: 'narrowSymbol' })).toBe('$5.00');
      expect(formatMoney(money('1500', 'JPY'), 'ja-JP', { currencyDisplay: 'name' })).toBe('1,500円');
    });

    it("writes narrowSymbol as Intl does, even where the symbol is another currency's in the locale", () => {
      // What it writes then names that other currency: parseMoney reads it back as CURRENCY_MISMATCH.
      expect(formatMoney(money('5', 'MXN'), 'en-US', { currencyDisplay: 'narrowSymbol' })).toBe('$5.00');
      expect(formatMoney(money('5', 'USD'), 'es-MX', { currencyDisplay: 'narrowSymbol' })).toBe('$5.00');
      expect(formatMoney(money('5', 'CNY'), 'ja-JP', { currencyDisplay: 'narrowSymbol' })).toBe('￥5.00');
      expect(formatMoney(money('5', 'MXN'), 'en-US')).toBe('MX$5.00');
      expect(plain(formatMoney(money('5', 'USD'), 'es-MX'))).toBe('USD 5.00');
    });

    it('groups four-digit amounts in es-ES only when asked to always group', () => {
      expect(plain(formatMoney(money('1234.5', 'EUR'), 'es-ES', { useGrouping: 'auto' }))).toBe('1234,50 €');
      expect(plain(formatMoney(money('1234.5', 'EUR'), 'es-ES', { useGrouping: 'always' }))).toBe('1.234,50 €');
      expect(plain(formatMoney(money('1234.5', 'EUR'), 'es-ES', { useGrouping: true }))).toBe('1.234,50 €');
      expect(plain(formatMoney(money('1234.5', 'EUR'), 'en-US', { useGrouping: 'min2' }))).toBe('€1234.50');
    });

    it('writes accounting negatives in parentheses where the locale does', () => {
      expect(plain(formatMoney(money('-1234.5', 'EUR'), 'fr-FR', { currencySign: 'accounting' }))).toBe('(1 234,50 €)');
      expect(plain(formatMoney(money('-1234.5', 'EUR'), 'de-DE', { currencySign: 'accounting' }))).toBe('-1.234,50 €');
    });
  });

  describe('bad input', () => {
    it('refuses a malformed locale with INVALID_ARGUMENT, keeping the RangeError as cause', () => {
      for (const locale of ['', 'en_US', 'x', 'not a locale']) {
        const error = thrownBy(() => formatMoney(money('1', 'EUR'), locale));
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
        expect((error as Error).cause).toBeInstanceOf(RangeError);
      }
    });

    it('refuses a locale Intl does not support, instead of falling back to the host default', () => {
      for (const locale of ['xx-YY', 'zz', 'qaa']) {
        expect(codeOf(() => formatMoney(money('1', 'EUR'), locale))).toBe('INVALID_ARGUMENT');
      }
    });

    it('refuses a locale that is not a string with INVALID_ARGUMENT', () => {
      for (const locale of [undefined, null, 42, ['en-US']]) {
        expect(codeOf(() => formatMoney(money('1', 'EUR'), locale as unknown as string))).toBe('INVALID_ARGUMENT');
      }
    });

    it('refuses an unknown currency with UNKNOWN_CURRENCY', () => {
      expect(codeOf(() => formatMoney({ amount: '1', currency: 'XYZ' }, 'en-US'))).toBe('UNKNOWN_CURRENCY');
    });

    it('refuses an amount that is not a plain decimal string with INVALID_AMOUNT', () => {
      for (const amount of ['1e3', '1,5', '', ' 1', 'NaN', 'Infinity', '0x10']) {
        expect(codeOf(() => formatMoney({ amount, currency: 'EUR' }, 'en-US'))).toBe('INVALID_AMOUNT');
      }
      expect(codeOf(() => formatMoney({ amount: 12 as unknown as string, currency: 'EUR' }, 'en-US'))).toBe(
        'INVALID_AMOUNT',
      );
    });

    it('refuses something that is not Money with INVALID_ARGUMENT', () => {
      expect(codeOf(() => formatMoney(null as unknown as Money, 'en-US'))).toBe('INVALID_ARGUMENT');
    });

    it('refuses unknown option values with INVALID_ARGUMENT', () => {
      const bad = [
        { currencyDisplay: 'long' },
        { signDisplay: 'sometimes' },
        { currencySign: 'bracket' },
        { useGrouping: 'true' },
        { useGrouping: 1 },
        { currencyDisplay: true },
      ];
      for (const options of bad) {
        expect(codeOf(() => formatMoney(money('1', 'EUR'), 'en-US', options as unknown as FormatMoneyOptions))).toBe(
          'INVALID_ARGUMENT',
        );
      }
      expect(codeOf(() => formatMoney(money('1', 'EUR'), 'en-US', 'code' as unknown as FormatMoneyOptions))).toBe(
        'INVALID_ARGUMENT',
      );
    });

    // 21 decimals: more than Intl shows on Node 20; later versions show 100, as many as money() keeps.
    const manyDecimals = `0.${'3'.repeat(20)}1`;

    it.runIf(INTL_MAX_DECIMALS < 21)('throws AMOUNT_OUT_OF_RANGE rather than round when Intl cannot show every decimal', () => {
      const error = thrownBy(() => formatMoney(money(manyDecimals, 'EUR'), 'en-US'));
      expect(isCrmError(error, 'AMOUNT_OUT_OF_RANGE')).toBe(true);
      expect((error as Error).cause).toBeInstanceOf(RangeError);
    });

    it.runIf(INTL_MAX_DECIMALS >= 100)('shows every decimal money() keeps where Intl shows 100', () => {
      expect(formatMoney(money(manyDecimals, 'EUR'), 'en-US')).toBe(`€${manyDecimals}`);
      expect(formatMoney(money(`0.${'3'.repeat(99)}1`, 'EUR'), 'en-US')).toBe(`€0.${'3'.repeat(99)}1`);
    });

    it('never echoes the amount or the locale in a message', () => {
      const errors = [
        thrownBy(() => formatMoney({ amount: '31337e1', currency: 'EUR' }, 'en-US')),
        thrownBy(() => formatMoney(money('31337', 'EUR'), 'secret_tag')),
      ];
      if (INTL_MAX_DECIMALS < 22) {
        const error = thrownBy(() => formatMoney(money(`0.031337${'7'.repeat(16)}`, 'EUR'), 'en-US'));
        expect((error as Error).message).toMatch(/Intl/);
        errors.push(error);
      }
      const messages = errors.map((error) => (error as Error).message);
      for (const message of messages) {
        expect(message).toMatch(/^\[crm-kit\] /);
        expect(message).not.toMatch(/31337|secret/);
      }
    });
  });
});
