import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMoneyParser, LIMITS, parseMoney } from 'crm-kit';
import type { CrmErrorCode } from 'crm-kit';

/** The amount read, or the issue codes when there is none. */
function read(text: string, currency: string, locale: string): string | CrmErrorCode[] {
  const result = parseMoney(text, currency, { locale });
  return result.success ? result.data.amount : result.issues.map((found) => found.code);
}

/** The digits 0-9 of a numbering system whose zero is at `zero`, in the order of `ascii`. */
function digits(zero: number, ascii: string): string {
  return Array.from(ascii, (char) => (char >= '0' && char <= '9' ? String.fromCodePoint(zero + Number(char)) : char)).join('');
}

describe('parseMoney() digits: every Unicode decimal digit is read as its value, in any locale', () => {
  const families: [string, number][] = [
    ['Arabic-Indic (U+0660–0669)', 0x0660],
    ['Extended Arabic-Indic (U+06F0–06F9)', 0x06f0],
    ['full-width (U+FF10–FF19)', 0xff10],
  ];

  it.each(families)('reads %s digits as ASCII ones in en-US, de-DE, ja-JP and ar-EG alike', (_name, zero) => {
    expect(read(digits(zero, '1234567890'), 'USD', 'en-US')).toBe('1234567890.00');
    expect(read(digits(zero, '$1,234.50'), 'USD', 'en-US')).toBe('1234.50');
    expect(read(digits(zero, '1.234,50 €'), 'EUR', 'de-DE')).toBe('1234.50');
    expect(read(digits(zero, '1500'), 'JPY', 'ja-JP')).toBe('1500');
    expect(read(digits(zero, '9876'), 'EGP', 'ar-EG')).toBe('9876.00');
  });

  it.each(families)('reads every one of the ten %s digits as its own value', (_name, zero) => {
    for (let value = 0; value <= 9; value++) {
      expect(read(digits(zero, `${value}7`), 'JPY', 'en-US')).toBe(value === 0 ? '7' : `${value}7`);
    }
  });

  it.each([
    ['Devanagari', 0x0966],
    ['Bengali', 0x09e6],
    ['Thai', 0x0e50],
    ['Mathematical double-struck (a run of fifty Nd digits)', 0x1d7d8],
    ['Mathematical monospace, the last of that run', 0x1d7f6],
  ])('reads %s digits, like every other Unicode decimal digit, in en-US', (_name, zero) => {
    expect(read(digits(zero, '1234.05'), 'USD', 'en-US')).toBe('1234.05');
    expect(read(digits(zero, '9'), 'USD', 'en-US')).toBe('9.00');
  });

  it('refuses a number that mixes two numbering systems, but counts full-width digits as ASCII ones', () => {
    expect(read('١2', 'USD', 'en-US')).toEqual(['INVALID_AMOUNT']);
    expect(read('١۲', 'USD', 'en-US')).toEqual(['INVALID_AMOUNT']);
    expect(read('१2', 'USD', 'en-US')).toEqual(['INVALID_AMOUNT']);
    expect(read('١٬٢٣4', 'EGP', 'ar-EG')).toEqual(['INVALID_AMOUNT']);
    expect(read('１2', 'USD', 'en-US')).toBe('12.00');
  });

  it('reads no digit in what only looks like one: superscripts, circled digits, Han numerals outside hanidec', () => {
    expect(read('²', 'USD', 'en-US')).toEqual(['INVALID_AMOUNT']);
    expect(read('1²', 'USD', 'en-US')).toEqual(['INVALID_AMOUNT']);
    expect(read('①', 'USD', 'en-US')).toEqual(['INVALID_AMOUNT']);
    expect(read('一二三', 'CNY', 'zh-CN')).toEqual(['INVALID_AMOUNT']);
  });

  it("reads a locale's own digits that are not decimal digits in that locale only (Han numerals with -u-nu-hanidec)", () => {
    expect(read('一二三', 'CNY', 'zh-CN-u-nu-hanidec')).toBe('123.00');
  });

  it('keeps the separators of the locale, whatever the digits', () => {
    expect(read(digits(0x0660, '1,5'), 'USD', 'en-US')).toEqual(['AMBIGUOUS_AMOUNT']);
    expect(read('١٬٢٣٤٫٥٠', 'USD', 'en-US')).toContain('INVALID_AMOUNT');
  });
});

describe('parseMoney() length: text longer than LIMITS.amountText is refused before it is read', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('returns LIMIT_EXCEEDED, never throws, for a 10 MB text', () => {
    const result = parseMoney('1'.repeat(10_000_000), 'EUR', { locale: 'en-US' });
    expect(result).toEqual({ success: false, issues: [expect.objectContaining({ code: 'LIMIT_EXCEEDED' })] });
  });

  it('returns LIMIT_EXCEEDED from a parser made by createMoneyParser too, without echoing the text', () => {
    const parse = createMoneyParser('EUR', { locale: 'de-DE' });
    const result = parse(`${'9'.repeat(LIMITS.amountText)} €`);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((found) => found.code)).toEqual(['LIMIT_EXCEEDED']);
    expect(result.issues[0]?.message).not.toContain('999');
  });

  it('refuses an over-long text without normalising it', () => {
    const parse = createMoneyParser('USD', { locale: 'en-US' });
    const normalize = vi.spyOn(String.prototype, 'normalize');
    const result = parse(` ${'1'.repeat(LIMITS.amountText)}`);
    expect(result.success ? [] : result.issues.map((found) => found.code)).toEqual(['LIMIT_EXCEEDED']);
    expect(normalize).not.toHaveBeenCalled();
  });

  it('reads text of exactly LIMITS.amountText characters', () => {
    const text = `${'0'.repeat(LIMITS.amountText - 2)}12`;
    expect(text).toHaveLength(LIMITS.amountText);
    expect(read(text, 'USD', 'en-US')).toBe('12.00');
  });
});
