import cc from 'currency-codes';
import { describe, expect, it } from 'vitest';
import { ISO_4217_LIST_ONE, ISO_4217_RECENTLY_WITHDRAWN } from '../../src/money/_internal/iso-4217.js';
import { getCurrency, isCrmError, isCurrencyCode, listCurrencies, UnknownCurrencyError } from 'crm-kit';
import { thrownBy } from '../support/errors.js';

const all = listCurrencies();
const current = all.filter((currency) => currency.withdrawn === undefined);
const withdrawn = all.filter((currency) => currency.withdrawn !== undefined);


describe('the ISO 4217 table', () => {
  it('holds the 178 codes of List One as of Amendment 180', () => {
    expect(current).toHaveLength(178);
    expect(ISO_4217_LIST_ONE).toHaveLength(178);
  });

  it.each([
    // [code, numeric code, minor units]
    ['XCG', '532', 2], // Amendment 176, Caribbean guilder
    ['ZWG', '924', 2], // Amendment 177, Zimbabwe Gold
    ['XAD', '396', 2], // Amendment 179, Arab Accounting Dinar
    ['SLE', '925', 2],
    ['VED', '926', 2],
    ['VES', '928', 2],
    ['EUR', '978', 2],
    ['USD', '840', 2],
    ['GBP', '826', 2],
    ['ALL', '008', 2],
    ['JPY', '392', 0],
    ['KRW', '410', 0],
    ['ISK', '352', 0],
    ['CLP', '152', 0],
    ['UYI', '940', 0],
    ['BHD', '048', 3],
    ['KWD', '414', 3],
    ['OMR', '512', 3],
    ['IQD', '368', 3],
    ['JOD', '400', 3],
    ['LYD', '434', 3],
    ['TND', '788', 3],
    ['CLF', '990', 4],
    ['UYW', '927', 4],
  ] as const)('%s has numeric code %s and %i minor units', (code, numericCode, minorUnits) => {
    expect(getCurrency(code)).toMatchObject({ code, numericCode, minorUnits, minorUnitsApplicable: true });
    expect(getCurrency(code).withdrawn).toBeUndefined();
  });

  it('names currencies as ISO does', () => {
    expect(getCurrency('XCG').name).toBe('Caribbean Guilder');
    expect(getCurrency('ZWG').name).toBe('Zimbabwe Gold');
    expect(getCurrency('GBP').name).toBe('Pound Sterling');
  });

  it('has unique codes of exactly three upper-case letters', () => {
    const codes = all.map((currency) => currency.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('has three-digit numeric codes, unique among current codes', () => {
    for (const currency of all) expect(currency.numericCode).toMatch(/^\d{3}$/);
    const numeric = current.map((currency) => currency.numericCode);
    expect(new Set(numeric).size).toBe(numeric.length);
  });

  it('shares a numeric code only where ISO reassigned it: 532 went from ANG to XCG', () => {
    const byNumeric = new Map<string, string[]>();
    for (const { code, numericCode } of all) byNumeric.set(numericCode, [...(byNumeric.get(numericCode) ?? []), code]);
    const shared = [...byNumeric.values()].filter((codes) => codes.length > 1);
    expect(shared).toEqual([['ANG', 'XCG']]);
  });

  it('has whole minor units from 0 to 4', () => {
    for (const currency of all) {
      expect(Number.isInteger(currency.minorUnits)).toBe(true);
      expect(currency.minorUnits).toBeGreaterThanOrEqual(0);
      expect(currency.minorUnits).toBeLessThanOrEqual(4);
    }
  });

  it('gives minor units "N.A." in ISO as 0 with minorUnitsApplicable false, and only for the special codes', () => {
    const notApplicable = all.filter((currency) => !currency.minorUnitsApplicable).map((currency) => currency.code);
    expect(notApplicable).toEqual(['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX']);
    for (const code of notApplicable) expect(getCurrency(code).minorUnits).toBe(0);
  });

  it.each([
    ['ANG', '2025-07-01', '532'],
    ['BGN', '2026-01-01', '975'],
    ['CUC', '2021-07-01', '931'],
    ['HRK', '2023-01-01', '191'],
    ['SLL', '2024-01-01', '694'],
    ['ZWL', '2024-09-01', '932'],
  ] as const)('withdrawn %s still resolves, flagged withdrawn on %s', (code, date, numericCode) => {
    expect(getCurrency(code)).toMatchObject({ code, numericCode, minorUnits: 2, withdrawn: date });
  });

  it('keeps only the six codes withdrawn since Amendment 174, not older history', () => {
    expect(withdrawn.map((currency) => currency.code)).toEqual(['ANG', 'BGN', 'CUC', 'HRK', 'SLL', 'ZWL']);
    expect(ISO_4217_RECENTLY_WITHDRAWN).toHaveLength(6);
    for (const code of ['DEM', 'FRF', 'VEF', 'LTL', 'STD', 'MRO']) expect(isCurrencyCode(code)).toBe(false);
  });

  it('dates withdrawals as real calendar days', () => {
    for (const { withdrawn: date } of withdrawn) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date ?? ''}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
    }
  });
});

describe('getCurrency', () => {
  it('returns the same frozen record on every call', () => {
    const eur = getCurrency('EUR');
    expect(getCurrency('EUR')).toBe(eur);
    expect(Object.isFrozen(eur)).toBe(true);
  });

  it('answers each code by itself, whatever was looked up just before', () => {
    expect(getCurrency('JPY').minorUnits).toBe(0);
    expect(() => getCurrency(undefined as unknown as string)).toThrow(expect.objectContaining({ code: 'UNKNOWN_CURRENCY' }));
    expect(() => getCurrency('JPYX')).toThrow(expect.objectContaining({ code: 'UNKNOWN_CURRENCY' }));
    expect(getCurrency('BHD').minorUnits).toBe(3);
    expect(getCurrency('JPY').minorUnits).toBe(0);
  });

  it('gives every record the same keys in the same order', () => {
    const keys = Object.keys(getCurrency('EUR'));
    for (const currency of all) expect(Object.keys(currency)).toEqual(keys);
  });

  it.each(['XYZ', 'QQQ', 'eur', 'Eur', '', 'EU', 'EURO', ' EUR', 'EUR ', '978', '__proto__', 'constructor', 'toString'])(
    'throws UNKNOWN_CURRENCY for %j',
    (code) => {
      const error = thrownBy(() => getCurrency(code));
      expect(isCrmError(error, 'UNKNOWN_CURRENCY')).toBe(true);
      expect(error).toBeInstanceOf(UnknownCurrencyError);
    },
  );

  it('throws UNKNOWN_CURRENCY for a value that is not a string at all', () => {
    for (const value of [978, null, undefined, {}, ['EUR']]) {
      expect(isCrmError(thrownBy(() => getCurrency(value as string)), 'UNKNOWN_CURRENCY')).toBe(true);
    }
  });

  it('says why a code is unknown without echoing it', () => {
    expect(thrownBy(() => getCurrency('XYZ'))).toHaveProperty('message', expect.stringContaining('not in the ISO 4217 table'));
    expect(thrownBy(() => getCurrency('XYZ'))).toHaveProperty('message', expect.not.stringContaining('XYZ'));
    expect(thrownBy(() => getCurrency('eur'))).toHaveProperty('message', expect.stringContaining('upper case'));
    expect(thrownBy(() => getCurrency('eur'))).toHaveProperty('message', expect.not.stringMatching(/eur/i));
  });

  it('calls a code malformed unless it is three letters, and hints at upper case only for a known code', () => {
    for (const code of ['EURO', 'xEUR', 'EU', 'xyz', 'E1R', '']) {
      expect(thrownBy(() => getCurrency(code))).toHaveProperty('message', expect.stringContaining('Malformed currency code'));
    }
    expect(thrownBy(() => getCurrency('QQQ'))).toHaveProperty('message', expect.stringContaining('not in the ISO 4217 table'));
    expect(thrownBy(() => getCurrency('Eur'))).toHaveProperty('message', expect.stringContaining('upper case'));
    expect(thrownBy(() => getCurrency(978 as unknown as string))).toHaveProperty('message', '[crm-kit] A currency code must be a string, not number.');
  });

  it('never echoes the input', () => {
    const secret = 'card 4111 1111 1111 1111';
    const error = thrownBy(() => getCurrency(secret));
    expect(isCrmError(error, 'UNKNOWN_CURRENCY')).toBe(true);
    expect(error).toHaveProperty('message', expect.not.stringContaining('4111'));
    expect(thrownBy(() => getCurrency('EURO'))).toHaveProperty('message', expect.not.stringContaining('EURO'));
  });
});

describe('listCurrencies', () => {
  it('lists every code once, sorted by code, as a frozen array of the records getCurrency returns', () => {
    const codes = all.map((currency) => currency.code);
    expect(codes).toEqual([...codes].sort());
    expect(all).toHaveLength(ISO_4217_LIST_ONE.length + ISO_4217_RECENTLY_WITHDRAWN.length);
    expect(Object.isFrozen(all)).toBe(true);
    expect(listCurrencies()).toBe(all);
    for (const currency of all) expect(getCurrency(currency.code)).toBe(currency);
  });
});

describe('isCurrencyCode', () => {
  it('accepts exactly the codes getCurrency resolves, withdrawn ones included', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('XCG')).toBe(true);
    expect(isCurrencyCode('BGN')).toBe(true);
    for (const value of ['eur', 'XYZ', '', 'EURO', '__proto__', 978, null, undefined, {}, ['EUR']]) {
      expect(isCurrencyCode(value)).toBe(false);
    }
  });
});

describe('cross-check with the currency-codes package', () => {
  // currency-codes 2.2.0 mirrors ISO List One of 2024-06-25, before Amendments 176 (XCG), 178 (CUC),
  // 179 (XAD) and 180 (BGN) took effect; it has no withdrawn codes. Every difference is listed here.
  const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
    XCG: 'missing from currency-codes', // Amendment 176, current since 2025-03-31
    XAD: 'missing from currency-codes', // Amendment 179, current since 2025-05-12
    HRK: 'missing from currency-codes', // withdrawn 2023-01-01, before its data; crm-kit keeps it
    SLL: 'missing from currency-codes', // withdrawn 2024-01-01, before its data; crm-kit keeps it
    ZWL: 'missing from currency-codes', // left List One with Amendment 177 (2024-06-25)
    ANG: 'current in currency-codes, withdrawn in crm-kit', // Amendment 176, withdrawn 2025-07-01
    CUC: 'current in currency-codes, withdrawn in crm-kit', // Amendment 178
    BGN: 'current in currency-codes, withdrawn in crm-kit', // Amendment 180, withdrawn 2026-01-01
  };

  it('differs only where listed, and agrees on numeric code and minor units everywhere else', () => {
    const differences: Record<string, string> = {};
    for (const code of cc.codes()) {
      if (!isCurrencyCode(code)) differences[code] = 'missing from crm-kit';
      else if (getCurrency(code).withdrawn !== undefined) differences[code] = 'current in currency-codes, withdrawn in crm-kit';
    }
    for (const { code } of all) if (cc.code(code) === undefined) differences[code] = 'missing from currency-codes';
    expect(differences).toEqual(KNOWN_DIFFERENCES);

    for (const code of cc.codes()) {
      const theirs = cc.code(code);
      const ours = getCurrency(code);
      // currency-codes also writes ISO's "N.A." minor units as 0.
      expect({ code, numericCode: theirs?.number, minorUnits: theirs?.digits, name: theirs?.currency.trim() }).toEqual({
        code,
        numericCode: ours.numericCode,
        minorUnits: ours.minorUnits,
        name: ours.name,
      });
    }
  });
});

describe('why minor units are not taken from Intl', () => {
  const intlDigits = (code: string): number =>
    new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? Number.NaN;

  it('Intl follows CLDR display digits, which differ from ISO minor units (IQD: 0 against 3)', () => {
    expect(getCurrency('IQD').minorUnits).toBe(3);
    expect(intlDigits('IQD')).toBe(0);
  });

  it('Intl accepts any well-formed code, including ones ISO never assigned', () => {
    expect(intlDigits('QQQ')).toBe(2);
    expect(isCurrencyCode('QQQ')).toBe(false);
  });
});
