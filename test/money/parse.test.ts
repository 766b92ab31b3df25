import { describe, expect, expectTypeOf, it } from 'vitest';
import { createMoneyParser, formatMoney, isCrmError, money, parseMoney } from 'crm-kit';
import { thrownBy } from '../support/errors.js';
import { JUNK as BASE_JUNK } from '../support/junk.js';
import type { CrmErrorCode, Money, Result } from 'crm-kit';


/** The amount read, or the issue codes when there is none. */
function read(text: string, currency: string, locale: string): string | CrmErrorCode[] {
  const result = parseMoney(text, currency, { locale });
  return result.success ? result.data.amount : result.issues.map((found) => found.code);
}

describe('parseMoney()', () => {
  describe('what people type in their locale', () => {
    it.each([
      ['$1,234.50', 'USD', 'en-US', '1234.50'],
      ['1234.5', 'USD', 'en-US', '1234.50'],
      ['USD 1,234.50', 'USD', 'en-US', '1234.50'],
      ['1,234,567.891 USD', 'USD', 'en-US', '1234567.891'],
      ['1.234,50 €', 'EUR', 'de-DE', '1234.50'],
      ['1234,50€', 'EUR', 'de-DE', '1234.50'],
      ['€ 1.234,50', 'EUR', 'de-DE', '1234.50'],
      ['EUR 1.234', 'EUR', 'de-DE', '1234.00'],
      ['1234,50 €', 'EUR', 'es-ES', '1234.50'],
      ['1.234,50 €', 'EUR', 'es-ES', '1234.50'],
      ['12.345 €', 'EUR', 'es-ES', '12345.00'],
      ['1 234,50 €', 'EUR', 'fr-FR', '1234.50'],
      ['1\u00a0234,50\u00a0€', 'EUR', 'fr-FR', '1234.50'],
      ['1\u202f234\u202f567,50\u00a0€', 'EUR', 'fr-FR', '1234567.50'],
      ['12 345 678 EUR', 'EUR', 'fr-FR', '12345678.00'],
      ['$1,234.50', 'MXN', 'es-MX', '1234.50'],
      ['MX$1,234.50', 'MXN', 'es-MX', '1234.50'],
      ['MXN 1,234.50', 'MXN', 'es-MX', '1234.50'],
      ['￥1,500', 'JPY', 'ja-JP', '1500'],
      ['¥1,500', 'JPY', 'ja-JP', '1500'],
      ['1,500円', 'JPY', 'ja-JP', '1500'],
      ['１，５００円', 'JPY', 'ja-JP', '1500'],
      ['JPY 1500', 'JPY', 'ja-JP', '1500'],
      ['BHD 1,234.567', 'BHD', 'en-US', '1234.567'],
      ['CLF 1.5', 'CLF', 'en-US', '1.5000'],
      ["CHF 1'234.50", 'CHF', 'de-CH', '1234.50'],
      ['CHF 1’234.50', 'CHF', 'de-CH', '1234.50'],
    ])('reads %j as %s %s in %s', (text, currency, locale, expected) => {
      expect(parseMoney(text, currency, { locale })).toEqual({ success: true, data: { amount: expected, currency } });
    });

    it("reads the locale's own digits, such as Arabic-Indic ones in ar-EG", () => {
      expect(read('١٬٢٣٤٫٥٠ €', 'EUR', 'ar-EG')).toBe('1234.50');
      expect(read('1234٫50 €', 'EUR', 'ar-EG')).toBe('1234.50');
    });

    it('reads Indian digit grouping in en-IN, and the western grouping of its accounting format', () => {
      expect(read('₹12,34,56,789.50', 'INR', 'en-IN')).toBe('123456789.50');
      expect(read('(₹123,456,789.50)', 'INR', 'en-IN')).toBe('-123456789.50');
      expect(read('₹12,3,456', 'INR', 'en-IN')).toEqual(['INVALID_AMOUNT']);
    });

    it('reads the currency name in any plural form, in any case', () => {
      expect(read('12 euros', 'EUR', 'en-US')).toBe('12.00');
      expect(read('1 US dollar', 'USD', 'en-US')).toBe('1.00');
      expect(read('2 US DOLLARS', 'USD', 'en-US')).toBe('2.00');
      expect(read('12 Euro', 'EUR', 'de-DE')).toBe('12.00');
      expect(read('12 dólares estadounidenses', 'USD', 'es-ES')).toBe('12.00');
    });

    it('reads the ISO code in lower case too', () => {
      expect(read('eur 12', 'EUR', 'de-DE')).toBe('12.00');
    });

    it("reads the international symbol (US$, JP¥) besides the locale's symbols", () => {
      expect(read('US$12', 'USD', 'en-US')).toBe('12.00');
      expect(read('JP¥1,200', 'JPY', 'en-US')).toBe('1200');
      expect(read('12 US$', 'USD', 'fr-FR')).toBe('12.00');
      expect(read('12 $US', 'USD', 'fr-FR')).toBe('12.00');
    });

    it('reads a narrow symbol that the locale gives to no other currency, such as "$" in es-ES or fr-FR', () => {
      expect(read('12 $', 'USD', 'es-ES')).toBe('12.00');
      expect(read('12 $', 'MXN', 'fr-FR')).toBe('12.00');
      expect(read('$12', 'MXN', 'en-GB')).toBe('12.00');
    });

    it('needs no currency in the text: the currency argument names it', () => {
      expect(read('1.234,50', 'EUR', 'de-DE')).toBe('1234.50');
    });
  });

  describe('signs', () => {
    it.each([
      ['-$1,234.50', 'en-US'],
      ['$-1,234.50', 'en-US'],
      ['- $ 1,234.50', 'en-US'],
      ['\u2212$1,234.50', 'en-US'],
      ['($1,234.50)', 'en-US'],
      ['( $1,234.50 )', 'en-US'],
      ['$(1,234.50)', 'en-US'],
      ['-1.234,50 $', 'de-DE'],
      ['(1 234,50 $)', 'fr-FR'],
      ['USD-1’234.50', 'de-CH'],
    ])('reads %j in %s as a negative amount', (text, locale) => {
      expect(read(text, 'USD', locale)).toBe('-1234.50');
    });

    it('reads a leading plus as a positive amount', () => {
      expect(read('+$5', 'USD', 'en-US')).toBe('5.00');
      expect(read('$+5', 'USD', 'en-US')).toBe('5.00');
    });

    it('writes a negative zero as zero', () => {
      expect(read('-0,00 €', 'EUR', 'de-DE')).toBe('0.00');
      expect(read('(0)', 'EUR', 'de-DE')).toBe('0.00');
    });
  });

  describe('exactness', () => {
    it('keeps every decimal typed, beyond the minor units: nothing is rounded', () => {
      expect(read('1.23456', 'EUR', 'en-US')).toBe('1.23456');
      expect(read('1,5', 'JPY', 'de-DE')).toBe('1.5');
      expect(read('0,005 €', 'EUR', 'fr-FR')).toBe('0.005');
    });

    it('returns the canonical amount', () => {
      expect(read('0012.5', 'EUR', 'en-US')).toBe('12.50');
      expect(read('12.5000', 'EUR', 'en-US')).toBe('12.50');
      expect(read('7', 'BHD', 'en-US')).toBe('7.000');
    });

    it('reads amounts far beyond the range of a double exactly', () => {
      expect(read('$123,456,789,012,345,678,901,234,567,890.12', 'USD', 'en-US')).toBe(
        '123456789012345678901234567890.12',
      );
    });

    it('returns AMOUNT_OUT_OF_RANGE for a number spanning more than 100 digits', () => {
      expect(read('9'.repeat(101), 'EUR', 'en-US')).toEqual(['AMOUNT_OUT_OF_RANGE']);
    });
  });

  describe('ambiguity', () => {
    it("reads a lone group separator before three digits as grouping: '1,234' in en-US, '1.234' in de-DE", () => {
      expect(read('1,234', 'EUR', 'en-US')).toBe('1234.00');
      expect(read('1.234', 'EUR', 'de-DE')).toBe('1234.00');
      expect(read('1,500', 'JPY', 'ja-JP')).toBe('1500');
    });

    describe('exactly three decimals in a currency with fewer than three minor units', () => {
      it.each([
        ['1.500', 'USD', 'en-US'],
        ['$1.500', 'USD', 'en-US'],
        ['-1.234', 'USD', 'en-US'],
        ['(999.999)', 'USD', 'en-US'],
        ['1,500', 'EUR', 'de-DE'],
        ['12,345 €', 'EUR', 'de-DE'],
        ['1,500 €', 'EUR', 'es-ES'],
        ['1,500 €', 'EUR', 'fr-FR'],
        ['1.500', 'CHF', 'de-CH'],
        ['1.500', 'JPY', 'en-US'],
        ['1,500', 'JPY', 'de-DE'],
        ['MX$1.125', 'MXN', 'es-MX'],
        ['１．５００', 'USD', 'en-US'],
      ])(
        'returns AMBIGUOUS_AMOUNT for %j as %s in %s: it may be a thousands group typed the other locale\'s way, 1000× off',
        (text, currency, locale) => {
          expect(read(text, currency, locale)).toEqual(['AMBIGUOUS_AMOUNT']);
        },
      );

      it.each([
        ['1.50', 'USD', 'en-US', '1.50'],
        ['1.5', 'USD', 'en-US', '1.50'],
        ['1.5000', 'USD', 'en-US', '1.50'],
        ['1.1250', 'USD', 'en-US', '1.125'],
        ['1,500.00', 'USD', 'en-US', '1500.00'],
        ['1,234.567', 'USD', 'en-US', '1234.567'],
        ['1.234,567', 'EUR', 'de-DE', '1234.567'],
        ['0.125', 'USD', 'en-US', '0.125'],
        ['-0,005 €', 'EUR', 'fr-FR', '-0.005'],
        ['1234.567', 'USD', 'en-US', '1234.567'],
        ['1,500', 'JPY', 'en-US', '1500'],
        ['1.500', 'BHD', 'en-US', '1.500'],
        ['1,500', 'KWD', 'de-DE', '1.500'],
        ['1.500', 'CLF', 'en-US', '1.5000'],
        ['١٫٥٠٠ €', 'EUR', 'ar-EG', '1.50'],
      ])('reads %j as %s in %s as %s: not exactly three decimals after 1-3 digits, or a currency with 3+ minor units, or a separator only used for decimals', (text, currency, locale, expected) => {
        expect(read(text, currency, locale)).toBe(expected);
      });

      it('says where the separator is and how to write either reading, without echoing the text', () => {
        const result = parseMoney('1.500', 'USD', { locale: 'en-US' });
        const message = result.success ? '' : (result.issues[0]?.message ?? '');
        expect(message).toMatch(/character 2\b/);
        expect(message).toContain('fourth decimal');
        expect(message).toContain('","');
        expect(message).not.toMatch(/1\.500|500/);
      });
    });

    it.each([
      ['1,5', 'en-US'],
      ['€1,50', 'en-US'],
      ['12,3456', 'en-US'],
      ['1234,5', 'en-US'],
      ['1,5', 'ja-JP'],
      ['1.5', 'de-DE'],
      ['1.50 €', 'de-DE'],
      ['1234.56', 'de-DE'],
      ['1.5', 'es-ES'],
      ['12,34', 'en-IN'],
    ])('returns AMBIGUOUS_AMOUNT for %j in %s: a lone group separator that cannot group digits', (text, locale) => {
      expect(read(text, 'EUR', locale)).toEqual(['AMBIGUOUS_AMOUNT']);
    });

    it('is not ambiguous when the lone separator is a space, which no locale uses for decimals', () => {
      expect(read('1 5', 'EUR', 'fr-FR')).toEqual(['INVALID_AMOUNT']);
    });

    it('names the decimal separator the locale expects in the ambiguity message', () => {
      const result = parseMoney('1,5', 'EUR', { locale: 'en-US' });
      expect(result.success ? '' : result.issues[0]?.message).toContain('"."');
    });
  });

  describe('invalid text', () => {
    it.each([
      ['', 'en-US'],
      ['   ', 'en-US'],
      ['\u00a0\u202f', 'fr-FR'],
      ['abc', 'en-US'],
      ['€', 'en-US'],
      ['-', 'en-US'],
      ['12 abc', 'de-DE'],
      ['abc 12', 'de-DE'],
      ['12a34', 'en-US'],
      ['12 € 34', 'de-DE'],
      ['1.2.3', 'en-US'],
      ['1,2,3', 'en-US'],
      ['1,2345,678', 'en-US'],
      ['1,,234', 'en-US'],
      ['1,234,5', 'en-US'],
      ['1234,567.00', 'en-US'],
      ['1234.567,00', 'de-DE'],
      ['1.234,50', 'en-US'],
      ['1,234.567,8', 'en-US'],
      ['1,234.56', 'de-DE'],
      ['1 234', 'en-US'],
      ['1 234,50', 'de-DE'],
      ['12.', 'en-US'],
      ['.5', 'en-US'],
      ['12-', 'en-US'],
      ['12 €-', 'de-DE'],
      ['--12', 'en-US'],
      ['-+12', 'en-US'],
      ['-(12)', 'en-US'],
      ['(-12)', 'en-US'],
      ['(12', 'en-US'],
      ['12)', 'en-US'],
      [')12(', 'en-US'],
      ['((12))', 'en-US'],
      ['€12€', 'de-DE'],
      ['EUR 12 €', 'de-DE'],
      ['12%', 'en-US'],
      ['1e3', 'en-US'],
      ['0x1F', 'en-US'],
      ['١2', 'ar-EG'],
      ['१2', 'en-US'],
      ['5²', 'en-US'],
      ['①②', 'en-US'],
    ])('returns INVALID_AMOUNT for %j in %s', (text, locale) => {
      const result = read(text, 'EUR', locale);
      expect(result).toContain('INVALID_AMOUNT');
      expect(result).not.toContain('AMBIGUOUS_AMOUNT');
    });
  });

  describe('bare symbols shared by several currencies ($, ¥)', () => {
    // Rule: a symbol is read as the requested currency when it is the locale's own symbol for it,
    // or one of its other symbols (narrow, international) that the locale does not write as another
    // currency's own symbol. Where the locale does ('$' is USD in en-US, MXN in es-MX, '¥' is JPY in
    // ja-JP), the text names that other currency: CURRENCY_MISMATCH, however the column is labelled.
    it.each([
      ['$100', 'MXN', 'en-US'],
      ['$100', 'CAD', 'en-US'],
      ['$100', 'USD', 'es-MX'],
      ['¥100', 'CNY', 'ja-JP'],
      ['￥100', 'CNY', 'ja-JP'],
      ['¥100', 'JPY', 'zh-CN'],
      ['100 $', 'CAD', 'de-DE'],
      ['$100', 'USD', 'es-AR'],
    ])('returns CURRENCY_MISMATCH for %j as %s in %s: the locale writes that symbol for another currency', (text, currency, locale) => {
      expect(read(text, currency, locale)).toEqual(['CURRENCY_MISMATCH']);
    });

    it.each([
      ['$100', 'USD', 'en-US', '100.00'],
      ['$100', 'MXN', 'es-MX', '100.00'],
      ['￥100', 'JPY', 'ja-JP', '100'],
      ['¥100', 'CNY', 'zh-CN', '100.00'],
      ['100 $', 'USD', 'de-DE', '100.00'],
      ['100 $', 'CAD', 'fr-FR', '100.00'],
      ['100 $', 'USD', 'es-ES', '100.00'],
      ['$100', 'AUD', 'en-GB', '100.00'],
      ['$100', 'ARS', 'es-AR', '100.00'],
    ])('reads %j as %s in %s: the locale writes that currency so, or writes no other currency so', (text, currency, locale, expected) => {
      expect(read(text, currency, locale)).toBe(expected);
    });

    it('still reads the unambiguous symbols and the ISO code of the requested currency', () => {
      expect(read('MX$100', 'MXN', 'en-US')).toBe('100.00');
      expect(read('MXN 100', 'MXN', 'en-US')).toBe('100.00');
      expect(read('US$100', 'USD', 'es-MX')).toBe('100.00');
      expect(read('USD 100', 'USD', 'es-MX')).toBe('100.00');
      expect(read('100 元', 'CNY', 'ja-JP')).toBe('100.00');
      expect(read('CN¥100', 'CNY', 'ja-JP')).toBe('100.00');
    });

    it('says the symbol stands for another currency in the locale, without naming the symbol', () => {
      const result = parseMoney('$100', 'MXN', { locale: 'en-US' });
      const message = result.success ? '' : (result.issues[0]?.message ?? '');
      expect(message).toMatch(/character 1\b.*another currency in en-US.*MXN/);
      expect(message).not.toContain('$');
    });
  });

  describe('another currency', () => {
    it.each([
      ['$12', 'EUR', 'de-DE'],
      ['USD 12', 'EUR', 'de-DE'],
      ['12 usd', 'EUR', 'de-DE'],
      ['12 £', 'EUR', 'en-US'],
      ['¥12', 'EUR', 'en-US'],
      ['US$12', 'MXN', 'es-MX'],
      ['12 $US', 'MXN', 'fr-FR'],
      ['€12', 'USD', 'en-US'],
      ['₹ 12', 'USD', 'en-US'],
      ['12 EUR', 'USD', 'en-US'],
    ])('returns CURRENCY_MISMATCH for %j read as %s in %s', (text, currency, locale) => {
      expect(read(text, currency, locale)).toEqual(['CURRENCY_MISMATCH']);
    });

    it('reports every problem it finds, in the order of the text', () => {
      expect(read('USD 1,5', 'EUR', 'en-US')).toEqual(['CURRENCY_MISMATCH', 'AMBIGUOUS_AMOUNT']);
      expect(read('USD 12 abc', 'EUR', 'en-US')).toEqual(['CURRENCY_MISMATCH', 'INVALID_AMOUNT']);
    });
  });

  describe('issues', () => {
    it('give a message naming the position, never echoing the text', () => {
      for (const text of ['SECRET 12', '12 SECRET', '12SECRET34', '1,5', 'GBP 12', '12-', '1.2.3']) {
        const result = parseMoney(text, 'EUR', { locale: 'en-US' });
        expect(result.success).toBe(false);
        for (const found of result.success ? [] : result.issues) {
          expect(found.path).toEqual([]);
          expect(found.message).not.toMatch(/SECRET|GBP|1,5|1\.2\.3|12/);
        }
      }
      const result = parseMoney('12 SECRET', 'EUR', { locale: 'en-US' });
      expect(result.success ? '' : result.issues[0]?.message).toMatch(/character 4\b/);
    });

    it('are plain data that survive a JSON round trip', () => {
      const result: Result<unknown> = parseMoney('1,5', 'EUR', { locale: 'en-US' });
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    });
  });

  it('keeps the literal currency type, so the amount meets only amounts of its currency', () => {
    expectTypeOf(parseMoney('12', 'EUR', { locale: 'de-DE' })).toEqualTypeOf<Result<Money<'EUR'>>>();
    expectTypeOf(createMoneyParser('JPY', { locale: 'ja-JP' })).returns.toEqualTypeOf<Result<Money<'JPY'>>>();
  });

  describe('broken contracts', () => {
    it('throws UNKNOWN_CURRENCY for a currency not in the ISO 4217 table', () => {
      for (const currency of ['XYZ', 'eur', '', '€']) {
        expect(isCrmError(thrownBy(() => parseMoney('12', currency, { locale: 'en-US' })), 'UNKNOWN_CURRENCY')).toBe(true);
      }
    });

    it('throws INVALID_ARGUMENT for a malformed locale, keeping the RangeError as cause', () => {
      for (const locale of ['', 'en_US', 'not a locale']) {
        const error = thrownBy(() => parseMoney('12', 'EUR', { locale }));
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
        expect((error as Error).cause).toBeInstanceOf(RangeError);
      }
    });

    it('throws INVALID_ARGUMENT for a locale Intl does not support, or a missing one', () => {
      for (const options of [{ locale: 'xx-YY' }, { locale: 42 }, {}, undefined, null]) {
        const error = thrownBy(() => parseMoney('12', 'EUR', options as unknown as { locale: string }));
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
      }
    });

    it('throws INVALID_ARGUMENT for text that is not a string', () => {
      for (const text of [12, null, undefined, ['12']]) {
        const error = thrownBy(() => parseMoney(text as unknown as string, 'EUR', { locale: 'en-US' }));
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
      }
    });
  });
});

describe('createMoneyParser()', () => {
  it('reads each text exactly as parseMoney does', () => {
    const parse = createMoneyParser('EUR', { locale: 'de-DE' });
    for (const text of ['1.234,50 €', '-7 EUR', '1.5', '$3', 'abc', '']) {
      expect(parse(text)).toEqual(parseMoney(text, 'EUR', { locale: 'de-DE' }));
    }
  });

  it('checks the currency and the locale when it is made, not on first use', () => {
    expect(isCrmError(thrownBy(() => createMoneyParser('XYZ', { locale: 'de-DE' })), 'UNKNOWN_CURRENCY')).toBe(true);
    expect(isCrmError(thrownBy(() => createMoneyParser('EUR', { locale: 'de_DE' })), 'INVALID_ARGUMENT')).toBe(true);
  });
});

describe('every export of parse.ts and format.ts given junk arguments', () => {
  const JUNK: readonly unknown[] = [
    ...BASE_JUNK,
    ['en-US'],
    ['EUR'],
    () => 'EUR',
    new String('EUR'),
    /EUR/,
    { toString: () => 'en-US', valueOf: () => 'EUR' },
    { locale: 'en-US' },
    { amount: '1', currency: 'EUR' },
    'en_US',
  ];

  const describeValue = (value: unknown): string => {
    if (value === undefined || typeof value === 'symbol' || typeof value === 'bigint' || typeof value === 'function') {
      return typeof value;
    }
    return JSON.stringify(value).slice(0, 20);
  };

  it('throws a crm-kit error or returns a result for every junk text, currency, options, locale and option field: never a raw TypeError or RangeError', () => {
    const parse = createMoneyParser('EUR', { locale: 'en-US' });
    const calls: readonly (readonly [string, (junk: never) => unknown])[] = [
      ['parseMoney(text)', (junk) => parseMoney(junk, 'EUR', { locale: 'en-US' })],
      ['parseMoney(currency)', (junk) => parseMoney('12', junk, { locale: 'en-US' })],
      ['parseMoney(options)', (junk) => parseMoney('12', 'EUR', junk)],
      ['parseMoney(options.locale)', (junk) => parseMoney('12', 'EUR', { locale: junk })],
      ['createMoneyParser(currency)', (junk) => createMoneyParser(junk, { locale: 'en-US' })],
      ['createMoneyParser(options)', (junk) => createMoneyParser('EUR', junk)],
      ['createMoneyParser(options.locale)', (junk) => createMoneyParser('EUR', { locale: junk })],
      ['the parser(text)', (junk) => parse(junk)],
      ['formatMoney(m)', (junk) => formatMoney(junk, 'en-US')],
      ['formatMoney(m.amount)', (junk) => formatMoney({ amount: junk, currency: 'EUR' }, 'en-US')],
      ['formatMoney(m.currency)', (junk) => formatMoney({ amount: '1', currency: junk }, 'en-US')],
      ['formatMoney(locale)', (junk) => formatMoney(money('1', 'EUR'), junk)],
      ['formatMoney(options)', (junk) => formatMoney(money('1', 'EUR'), 'en-US', junk)],
      ...(['currencyDisplay', 'signDisplay', 'currencySign', 'useGrouping'] as const).map(
        (field) =>
          [
            `formatMoney(options.${field})`,
            (junk: never) => formatMoney(money('1', 'EUR'), 'en-US', { [field]: junk }),
          ] as const,
      ),
    ];
    const raw: string[] = [];
    for (const [name, call] of calls) {
      for (const junk of JUNK) {
        let outcome: unknown;
        try {
          outcome = call(junk as never);
        } catch (error) {
          if (!isCrmError(error)) raw.push(`${name} with ${describeValue(junk)} threw ${String(error)}`);
          continue;
        }
        const returned =
          typeof outcome === 'string' ||
          typeof outcome === 'function' ||
          (typeof outcome === 'object' && outcome !== null && typeof (outcome as { success?: unknown }).success === 'boolean');
        if (!returned) raw.push(`${name} with ${describeValue(junk)} returned ${describeValue(outcome)}`);
      }
    }
    expect(raw).toEqual([]);
  });
});
