import { describe, expect, it } from 'vitest';
import { isCrmError, normalisePhone } from 'crm-kit';

const inRegion = (text: string, defaultRegion: string): string | undefined => normalisePhone(text, { defaultRegion });

describe('normalisePhone', () => {
  it.each([
    // region, national form, international forms, E.164
    ['ES', '612 34 56 78', ['+34 612 34 56 78', '0034 612345678', '+34-612-34-56-78'], '+34612345678'],
    ['ES', '91 123 45 67', ['+34 911 23 45 67', '(+34) 91.123.45.67'], '+34911234567'],
    ['GB', '07911 123456', ['+44 7911 123456', '+44 (0)7911 123456', '0044 7911 123456'], '+447911123456'],
    ['GB', '020 7946 0958', ['+44 20 7946 0958', '+44 (0)20 7946 0958'], '+442079460958'],
    ['US', '(212) 555-1234', ['+1 212-555-1234', '+1 (212) 555.1234', '011 1 212 555 1234'], '+12125551234'],
    ['US', '1-212-555-1234', ['+1 212 555 1234'], '+12125551234'],
    ['DE', '030 12345678', ['+49 30 12345678', '+49 (0)30 1234 5678', '0049 30 12345678'], '+493012345678'],
    ['DE', '0151 23456789', ['+49 151 23456789'], '+4915123456789'],
    ['FR', '06 12 34 56 78', ['+33 6 12 34 56 78', '+33 (0)6 12 34 56 78', '0033 612345678'], '+33612345678'],
    ['MX', '55 1234 5678', ['+52 55 1234 5678', '0052 55 1234 5678'], '+525512345678'],
    ['BR', '(11) 91234-5678', ['+55 11 91234-5678', '+55 (11) 91234 5678'], '+5511912345678'],
    ['AR', '011 15-2345-6789', ['+54 9 11 2345-6789'], '+5491123456789'],
  ])('%s: %s and its international forms are one E.164 number', (region, national, internationals, e164) => {
    expect(inRegion(national, region)).toBe(e164);
    for (const text of internationals) {
      expect(inRegion(text, region)).toBe(e164);
      expect(inRegion(text, 'JP')).toBe(text.startsWith('+') || text.startsWith('(+') ? e164 : inRegion(text, 'JP'));
    }
    expect(normalisePhone(e164)).toBe(e164);
  });

  it("Mexico's mobile '1' after +52, dropped in 2019, is not read away (libphonenumber no longer does)", () => {
    expect(inRegion('+52 1 55 1234 5678', 'MX')).toBe('5215512345678');
  });

  it('an international number needs no default region', () => {
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('+1 (212) 555-1234')).toBe('+12125551234');
  });

  it.each(['+34 612 34 56 78 ext. 12', '+34 612 34 56 78 x12', '+34 612 34 56 78 #12', '+34612345678;ext=12', '+34 612 34 56 78 ext 12', '+34 612 34 56 78, 12', '+34 612 34 56 78 (móvil)'])(
    'drops the extension or remark: %s',
    (text) => {
      expect(normalisePhone(text)).toBe('+34612345678');
    },
  );

  it('a national number without a default region compares by its bare digits', () => {
    expect(normalisePhone('612 34 56 78')).toBe('612345678');
    expect(normalisePhone('(212) 555-1234 ext. 7')).toBe('2125551234');
  });

  it('a number libphonenumber cannot make possible is its digits, never an E.164 form', () => {
    expect(inRegion('12345', 'ES')).toBe('12345');
    expect(normalisePhone('+34 12345')).toBe('3412345');
    expect(normalisePhone('+1 2345678')).toBe('12345678');
    expect(inRegion('112', 'ES')).toBe('112');
  });

  it('text without a digit is no number', () => {
    for (const text of ['', '   ', 'n/a', '+', '-- ()', 'ext.', '\u0000', '😀']) expect(normalisePhone(text)).toBeUndefined();
  });

  it('reads full-width digits and plus, and Arabic-Indic digits', () => {
    expect(normalisePhone('＋３４ ６１２ ３４ ５６ ７８')).toBe('+34612345678');
    expect(inRegion('٦١٢٣٤٥٦٧٨', 'ES')).toBe('+34612345678');
    expect(inRegion('۶۱۲۳۴۵۶۷۸', 'ES')).toBe('+34612345678');
  });

  it('survives hostile text: NUL, lone surrogates, right-to-left marks, emoji, very long text', () => {
    expect(normalisePhone('+34\u0000612\ud800345678')).toBe('+34612345678');
    expect(normalisePhone('\u202e+34 612 34 56 78\u202c')).toBe('+34612345678');
    expect(normalisePhone('📞 +34 612 34 56 78')).toBe('+34612345678');
    expect(normalisePhone('9'.repeat(10_000))).toBe('9'.repeat(10_000));
    expect(normalisePhone(`${' '.repeat(10_000)}+34 612 34 56 78`)).toBe('+34612345678');
    expect(normalisePhone('-'.repeat(10_000))).toBeUndefined();
  });

  it('the region is any case; an unknown or malformed region is INVALID_ARGUMENT', () => {
    expect(inRegion('612 34 56 78', 'es')).toBe('+34612345678');
    for (const region of ['XX', 'ESP', 'E', '', '34', '€S']) {
      expect(() => inRegion('612 34 56 78', region)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('a non-string argument is INVALID_ARGUMENT, whose message does not echo it', () => {
    for (const value of [undefined, null, 34612345678, ['+34612345678'], { value: '+34612345678' }]) {
      let caught: unknown;
      try {
        normalisePhone(value as unknown as string);
      } catch (error) {
        caught = error;
      }
      expect(isCrmError(caught) && caught.code === 'INVALID_ARGUMENT').toBe(true);
      expect((caught as Error).message).not.toContain('612');
    }
    expect(() => normalisePhone('1', { defaultRegion: 34 as unknown as string })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
