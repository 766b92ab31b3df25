import { describe, expect, it } from 'vitest';
import {
  addMoney,
  compareMoney,
  isCrmError,
  isZeroMoney,
  LIMITS,
  money,
  moneyFromMinor,
  multiplyMoney,
  negateMoney,
  subtractMoney,
  sumMoney,
  toMinorUnits,
} from 'crm-kit';
import type { Money } from 'crm-kit';
import { codeOf } from '../support/errors.js';


describe('money()', () => {
  it('reads each text by itself, whatever was read just before', () => {
    // Valid texts are remembered between calls; a refused one never is.
    expect(money('12.5', 'EUR').amount).toBe('12.50');
    expect(money('12.5', 'JPY').amount).toBe('12.5');
    expect(() => money('12.5.', 'EUR')).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => money('12.5.', 'EUR')).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => money(undefined as unknown as string, 'EUR')).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(money('-0.5', 'EUR').amount).toBe('-0.50');
    expect(money('0.5', 'EUR').amount).toBe('0.50');
    expect(money('1234567890123.45', 'EUR').amount).toBe('1234567890123.45');
    expect(money('1234567890123.450', 'EUR').amount).toBe('1234567890123.45');
  });

  it.each([
    ['1234.5', 'EUR', '1234.50'],
    ['1500', 'JPY', '1500'],
    ['1500.000', 'JPY', '1500'],
    ['0.125', 'USD', '0.125'],
    ['0.1250', 'USD', '0.125'],
    ['007.10', 'EUR', '7.10'],
    ['+3', 'USD', '3.00'],
    ['-0', 'BHD', '0.000'],
    ['-0.00', 'EUR', '0.00'],
    ['1', 'CLF', '1.0000'],
    ['12345678901234567890.5', 'EUR', '12345678901234567890.50'],
    ['+1.00', 'EUR', '1.00'],
    ['+0.00', 'EUR', '0.00'],
    ['-01.00', 'EUR', '-1.00'],
    ['01.00', 'EUR', '1.00'],
    ['-00.50', 'EUR', '-0.50'],
    ['00', 'JPY', '0'],
    ['999999999999999', 'CLF', '999999999999999.0000'],
    ['-99999999999999.9', 'BHD', '-99999999999999.900'],
    ['-0.00', 'EUR', '0.00'],
  ])('writes %s %s canonically as %s', (amount, currency, expected) => {
    expect(money(amount, currency)).toEqual({ amount: expected, currency });
  });

  it.each(['', '-', '+', '.5', '5.', '1,5', '1e3', ' 1', '1 ', '1.2.3', 'NaN', 'Infinity', '--1', '١٢'])(
    'refuses the non-decimal text %j with INVALID_AMOUNT',
    (amount) => {
      expect(codeOf(() => money(amount, 'EUR'))).toBe('INVALID_AMOUNT');
    },
  );

  it('refuses amount text longer than LIMITS.amountText before reading it, however small its value', () => {
    expect(codeOf(() => money(`${'0'.repeat(LIMITS.amountText)}1`, 'EUR'))).toBe('LIMIT_EXCEEDED');
    expect(() => money(`${'0'.repeat(LIMITS.amountText)}1`, 'EUR')).toThrow(
      expect.objectContaining({ limit: 'amountText', message: '[crm-kit] An amount is longer than the 200 crm-kit accepts (LIMITS.amountText).' }),
    );
    expect(money(`${'0'.repeat(LIMITS.amountText - 1)}1`, 'EUR').amount).toBe('1.00');
  });

  it('refuses a number where a string is required, with INVALID_AMOUNT', () => {
    expect(codeOf(() => money(12.5 as unknown as string, 'EUR'))).toBe('INVALID_AMOUNT');
  });

  it('refuses amounts beyond 100 significant digits with AMOUNT_OUT_OF_RANGE', () => {
    expect(codeOf(() => money('9'.repeat(101), 'EUR'))).toBe('AMOUNT_OUT_OF_RANGE');
    expect(money('9'.repeat(100), 'EUR').amount).toBe(`${'9'.repeat(100)}.00`);
  });

  it.each([
    ['-0.50', 'EUR'],
    ['-10.00', 'EUR'],
    ['0.50', 'EUR'],
    ['0', 'JPY'],
    ['-7', 'JPY'],
    ['10.125', 'BHD'],
  ])('keeps the canonical %s %s as it is', (amount, currency) => {
    expect(money(amount, currency)).toEqual({ amount, currency });
  });

  it('refuses a product spanning more than 100 digits, and keeps one of exactly 100', () => {
    const big = money(`1${'0'.repeat(50)}`, 'JPY');
    expect(multiplyMoney(big, `1${'0'.repeat(49)}`).amount).toBe(`1${'0'.repeat(99)}`);
    expect(codeOf(() => multiplyMoney(big, `1${'0'.repeat(50)}`))).toBe('AMOUNT_OUT_OF_RANGE');
    expect(codeOf(() => multiplyMoney(money('9'.repeat(60), 'EUR'), '9'.repeat(41)))).toBe('AMOUNT_OUT_OF_RANGE');
    const tiny = money(`0.${'0'.repeat(48)}1`, 'EUR');
    expect(multiplyMoney(tiny, `0.${'0'.repeat(50)}1`).amount).toBe(`0.${'0'.repeat(99)}1`);
    expect(codeOf(() => multiplyMoney(tiny, `0.${'0'.repeat(51)}1`))).toBe('AMOUNT_OUT_OF_RANGE');
    // 100 integer digits and two decimals.
    expect(codeOf(() => multiplyMoney(money(`${'9'.repeat(50)}.5`, 'EUR'), `${'9'.repeat(50)}.5`))).toBe('AMOUNT_OUT_OF_RANGE');
  });

  it('says which value spans more than 100 digits: the amount read, or the result', () => {
    expect(() => money('9'.repeat(101), 'EUR')).toThrow(
      'The amount spans more than 100 digits from its first non-zero integer digit to its last non-zero decimal.',
    );
    expect(() => multiplyMoney(money('9'.repeat(60), 'EUR'), '9'.repeat(41))).toThrow(/^\[crm-kit\] The result spans more than 100 digits/);
    expect(() => multiplyMoney(money('1', 'EUR'), '9'.repeat(101))).toThrow(/^\[crm-kit\] The factor spans/);
    expect(() => multiplyMoney(money('1', 'EUR'), '1e2')).toThrow(/^\[crm-kit\] The factor must be a decimal string/);
    // A product of two short amounts, written by the fast path.
    expect(() => multiplyMoney(money(`0.${'0'.repeat(48)}1`, 'EUR'), `0.${'0'.repeat(51)}1`)).toThrow(/^\[crm-kit\] The result spans more than 100 digits/);
    expect(() => money('1,5', 'EUR')).toThrow(
      '[crm-kit] The amount must be a decimal string such as "1234.50" (digits, one optional "." and a leading sign; no exponent or grouping).',
    );
    expect(() => money(`${'1'.repeat(20)},5`, 'EUR')).toThrow(/^\[crm-kit\] The amount must be a decimal string/);
  });

  it('refuses unknown and malformed currency codes with UNKNOWN_CURRENCY', () => {
    for (const code of ['XYZ', 'eur', 'EURO', '', '€']) expect(codeOf(() => money('1', code))).toBe('UNKNOWN_CURRENCY');
  });

  it('does not echo the rejected text in the error message', () => {
    try {
      money('secret-4711', 'EUR');
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('secret');
      expect(String(error)).toMatch(/^ValidationError: \[crm-kit\] /);
    }
  });
});

describe('minor units', () => {
  it('moneyFromMinor places the decimal point by ISO minor units', () => {
    expect(moneyFromMinor(1999, 'EUR')).toEqual({ amount: '19.99', currency: 'EUR' });
    expect(moneyFromMinor(1999, 'JPY')).toEqual({ amount: '1999', currency: 'JPY' });
    expect(moneyFromMinor(-5n, 'BHD')).toEqual({ amount: '-0.005', currency: 'BHD' });
    expect(moneyFromMinor(10n ** 30n, 'CLF')).toEqual({ amount: `1${'0'.repeat(26)}.0000`, currency: 'CLF' });
  });

  it('moneyFromMinor refuses fractions, unsafe integers and non-numbers', () => {
    for (const units of [1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, '12' as unknown as number]) {
      expect(codeOf(() => moneyFromMinor(units, 'EUR'))).toBe('INVALID_AMOUNT');
      expect(() => moneyFromMinor(units, 'EUR')).toThrow(/safe integer or a bigint/);
    }
  });

  it('toMinorUnits is exact at any size', () => {
    expect(toMinorUnits(money('19.99', 'EUR'))).toBe(1999n);
    expect(toMinorUnits(money('-0.005', 'BHD'))).toBe(-5n);
    expect(toMinorUnits(money('123456789012345678901234.56', 'EUR'))).toBe(12345678901234567890123456n);
  });

  it('toMinorUnits refuses an amount finer than the minor units instead of rounding it', () => {
    expect(codeOf(() => toMinorUnits(money('0.125', 'EUR')))).toBe('INVALID_AMOUNT');
    expect(() => toMinorUnits(money('0.125', 'EUR'))).toThrow("The amount has more decimals than EUR's 2 minor units: round it first.");
  });
});

describe('arithmetic', () => {
  const eur = (amount: string): Money<'EUR'> => money(amount, 'EUR');

  it('adds and subtracts exactly, on both sides of the safe-integer range', () => {
    expect(addMoney(eur('0.1'), eur('0.2'))).toEqual(eur('0.30'));
    expect(addMoney(eur('99999999999999.99'), eur('0.01'))).toEqual(eur('100000000000000.00'));
    expect(addMoney(eur('9007199254740991.00'), eur('0.01'))).toEqual(eur('9007199254740991.01'));
    expect(subtractMoney(eur('10.00'), eur('0.001'))).toEqual(eur('9.999'));
    expect(subtractMoney(money('1', 'JPY'), money('3', 'JPY'))).toEqual(money('-2', 'JPY'));
  });

  it('never adds, subtracts or compares two currencies', () => {
    const usd = money('1', 'USD') as Money;
    expect(codeOf(() => addMoney(eur('1') as Money, usd))).toBe('CURRENCY_MISMATCH');
    expect(codeOf(() => subtractMoney(eur('1') as Money, usd))).toBe('CURRENCY_MISMATCH');
    expect(codeOf(() => compareMoney(eur('1') as Money, usd))).toBe('CURRENCY_MISMATCH');
  });

  it('multiplies by a decimal factor without rounding', () => {
    expect(multiplyMoney(eur('100.00'), '1.21')).toEqual(eur('121.00'));
    expect(multiplyMoney(eur('10.01'), '0.333')).toEqual(eur('3.33333'));
    expect(multiplyMoney(eur('123456789012.34'), '123456.789')).toEqual(eur('15241578751713977.77626'));
    expect(multiplyMoney(eur('5'), '-0')).toEqual(eur('0'));
  });

  it('refuses a factor that is not a decimal string', () => {
    expect(codeOf(() => multiplyMoney(eur('1'), '1e2'))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => multiplyMoney(eur('1'), 2 as unknown as string))).toBe('INVALID_AMOUNT');
  });

  it('negates without producing -0', () => {
    expect(negateMoney(eur('5'))).toEqual(eur('-5'));
    expect(negateMoney(eur('0'))).toEqual({ amount: '0.00', currency: 'EUR' });
  });

  it('compares by value whatever the written decimals', () => {
    expect(compareMoney(eur('1.5'), eur('1.50'))).toBe(0);
    expect(compareMoney(eur('9.99'), eur('10'))).toBe(-1);
    expect(compareMoney(eur('1' + '0'.repeat(40)), eur('9'.repeat(40)))).toBe(1);
    expect(isZeroMoney(money('-0.000', 'BHD'))).toBe(true);
    expect(isZeroMoney(eur('0.0000000000000000001'))).toBe(false);
  });

  it('sums an empty list to zero in the given currency', () => {
    expect(sumMoney([], 'JPY')).toEqual({ amount: '0', currency: 'JPY' });
  });

  it('sums past the safe-integer range exactly', () => {
    const many = Array.from({ length: 2000 }, () => eur('9999999999999.99'));
    expect(sumMoney(many, 'EUR')).toEqual(eur('19999999999999980.00'));
  });

  it('sums any iterable, and names the index of a stray currency', () => {
    function* amounts(): Generator<Money> {
      yield eur('1');
      yield money('1', 'USD');
    }
    try {
      sumMoney(amounts(), 'EUR');
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'CURRENCY_MISMATCH')).toBe(true);
      expect(String(error)).toContain('index 1');
    }
  });

  it('names the operation, both currencies and the operand at fault', () => {
    const usd = money('1', 'USD') as Money;
    expect(() => addMoney(eur('1') as Money, usd)).toThrow('Cannot add EUR and USD: convert one of them first.');
    expect(() => subtractMoney(eur('1') as Money, usd)).toThrow('Cannot subtract EUR and USD: convert one of them first.');
    expect(() => compareMoney(eur('1') as Money, usd)).toThrow('Cannot compare EUR and USD: convert one of them first.');
    expect(() => addMoney(null as unknown as Money, eur('1'))).toThrow('The first amount must be a Money object ({ amount, currency }).');
    expect(() => addMoney(eur('1'), { amount: '1' } as unknown as Money)).toThrow('The second amount must be a Money object');
    expect(() => addMoney(eur('1'), { amount: '1', currency: 'ABC' } as unknown as Money)).toThrow(expect.objectContaining({ code: 'UNKNOWN_CURRENCY' }));
    expect(() => sumMoney([eur('1'), money('2', 'USD')] as Money[], 'EUR')).toThrow('Cannot sum USD (at index 1) into a EUR total: convert it first.');
    expect(() => sumMoney([eur('1'), null] as unknown as Money[], 'EUR')).toThrow('The amount at index 1 must be a Money object');
    expect(() => sumMoney(5 as unknown as Money[], 'EUR')).toThrow('sumMoney takes an iterable of amounts.');
    expect(() => sumMoney(null as unknown as Money[], 'EUR')).toThrow('sumMoney takes an iterable of amounts.');
    expect(() => negateMoney({ amount: '1' } as unknown as Money)).toThrow('The amount must be a Money object');
  });

  it('sums amounts of mixed decimals, on both paths, and carries on exactly once the safe range is left', () => {
    expect(sumMoney([eur('0.001'), eur('1'), eur('0.0001')], 'EUR').amount).toBe('1.0011');
    expect(sumMoney([money('1', 'JPY'), money('0.5', 'JPY')], 'JPY').amount).toBe('1.5');
    expect(sumMoney([eur('9007199254740.99'), eur('9007199254740.99'), eur('0.001'), eur('1')], 'EUR').amount).toBe('18014398509482.981');
    expect(sumMoney([eur('90071992547409.91'), eur('0.01'), eur('0.001')], 'EUR').amount).toBe('90071992547409.921');
    expect(sumMoney([eur('1'), eur('123456789012345678.5')], 'EUR').amount).toBe('123456789012345679.50');
  });

  it('refuses malformed Money objects with a typed error', () => {
    expect(codeOf(() => addMoney({ amount: '1e5', currency: 'EUR' }, eur('1')))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => addMoney(null as unknown as Money, eur('1')))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => isZeroMoney({ amount: '1', currency: 'ABC' }))).toBe('UNKNOWN_CURRENCY');
    expect(codeOf(() => sumMoney(5 as unknown as Money[], 'EUR'))).toBe('INVALID_ARGUMENT');
  });
});
