import { describe, expect, expectTypeOf, it } from 'vitest';
import { createMoneyParser, isCrmError, parseMoney } from 'crm-kit';
import type { CrmErrorCode, Money, Result } from 'crm-kit';

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

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

    it('reads the narrow symbol of the currency in the locale', () => {
      expect(read('$12', 'MXN', 'en-US')).toBe('12.00');
      expect(read('12 $', 'USD', 'es-ES')).toBe('12.00');
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
      expect(read('12.500', 'EUR', 'en-US')).toBe('12.50');
      expect(read('7', 'BHD', 'en-US')).toBe('7.000');
    });

    it('reads amounts far beyond the range of a double exactly', () => {
      expect(read('$123,456,789,012,345,678,901,234,567,890.12', 'USD', 'en-US')).toBe(
        '123456789012345678901234567890.12',
      );
    });

    it('returns AMOUNT_OUT_OF_RANGE past 100 significant digits', () => {
      expect(read('9'.repeat(101), 'EUR', 'en-US')).toEqual(['AMOUNT_OUT_OF_RANGE']);
    });
  });

  describe('ambiguity', () => {
    it("reads '1.234' in en-US as 1.234 and '1,234' as 1234: both separators stand where en-US puts them", () => {
      expect(read('1.234', 'EUR', 'en-US')).toBe('1.234');
      expect(read('1,234', 'EUR', 'en-US')).toBe('1234.00');
      expect(read('1,234', 'EUR', 'de-DE')).toBe('1.234');
      expect(read('1.234', 'EUR', 'de-DE')).toBe('1234.00');
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
      ['१२', 'en-US'],
      ['5²', 'en-US'],
      ['①②', 'en-US'],
    ])('returns INVALID_AMOUNT for %j in %s', (text, locale) => {
      const result = read(text, 'EUR', locale);
      expect(result).toContain('INVALID_AMOUNT');
      expect(result).not.toContain('AMBIGUOUS_AMOUNT');
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
        expect(isCrmError(errorOf(() => parseMoney('12', currency, { locale: 'en-US' })), 'UNKNOWN_CURRENCY')).toBe(true);
      }
    });

    it('throws INVALID_ARGUMENT for a malformed locale, keeping the RangeError as cause', () => {
      for (const locale of ['', 'en_US', 'not a locale']) {
        const error = errorOf(() => parseMoney('12', 'EUR', { locale }));
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
        expect((error as Error).cause).toBeInstanceOf(RangeError);
      }
    });

    it('throws INVALID_ARGUMENT for a locale Intl does not support, or a missing one', () => {
      for (const options of [{ locale: 'xx-YY' }, { locale: 42 }, {}, undefined, null]) {
        const error = errorOf(() => parseMoney('12', 'EUR', options as unknown as { locale: string }));
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
      }
    });

    it('throws INVALID_ARGUMENT for text that is not a string', () => {
      for (const text of [12, null, undefined, ['12']]) {
        const error = errorOf(() => parseMoney(text as unknown as string, 'EUR', { locale: 'en-US' }));
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
    expect(isCrmError(errorOf(() => createMoneyParser('XYZ', { locale: 'de-DE' })), 'UNKNOWN_CURRENCY')).toBe(true);
    expect(isCrmError(errorOf(() => createMoneyParser('EUR', { locale: 'de_DE' })), 'INVALID_ARGUMENT')).toBe(true);
  });
});
