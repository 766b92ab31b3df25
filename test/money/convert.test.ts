import { describe, expect, it } from 'vitest';
import { convertMoney, createRateTable, findRate, isCrmError, money, ValidationError } from 'crm-kit';
import type { ExchangeRateInput, Money, RateTable } from 'crm-kit';
import { codeOf } from '../support/errors.js';

// Built inside the tests that use it, not when the file loads nor in a hook: a createRateTable that
// throws then fails each of those tests, where a failing load or hook only keeps them from running.
let built: RateTable | undefined;
const rates = (): RateTable =>
  (built ??= createRateTable({
    base: 'EUR',
    rates: [
      { currency: 'USD', amount: '0.92', from: '2026-01-01' },
      { currency: 'USD', amount: '0.95', from: '2026-02-01' },
      { currency: 'JPY', amount: '0.60', nominal: 100, from: '2026-01-01' },
      { currency: 'BHD', amount: '2.4312', from: '2026-01-01' },
    ],
  }));

describe('createRateTable', () => {
  it('sorts each currency’s rates by date and survives a JSON round trip', () => {
    const table = createRateTable({
      base: 'EUR',
      rates: [
        { currency: 'USD', amount: '0.95', from: '2026-02-01' },
        { currency: 'USD', amount: '0.92', from: '2026-01-01' },
      ],
    });
    expect(table.rates.USD?.map((r) => r.from)).toEqual(['2026-01-01', '2026-02-01']);
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
    expect(structuredClone(table)).toEqual(table);
  });

  it('reports every bad rate at once, each with its path', () => {
    const bad: ExchangeRateInput[] = [
      { currency: 'XYZ', amount: '1', from: '2026-01-01' },
      { currency: 'EUR', amount: '1', from: '2026-01-01' },
      { currency: 'USD', amount: '0', from: '2026-01-01' },
      { currency: 'USD', amount: '1,2', from: '2026-01-01' },
      { currency: 'GBP', amount: '1.1', nominal: 0, from: '2026-01-01' },
      { currency: 'GBP', amount: '1.1', from: '2026-02-30' },
      { currency: 'CHF', amount: '1.1', from: '2026-01-01' },
      { currency: 'CHF', amount: '1.2', from: '2026-01-01' },
    ];
    try {
      createRateTable({ base: 'EUR', rates: bad });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const issues = (error as ValidationError).issues;
      expect(issues.map((i) => [i.code, ...i.path])).toEqual([
        ['INVALID_RATE', 'rates', 0, 'currency'],
        ['INVALID_RATE', 'rates', 1, 'currency'],
        ['INVALID_RATE', 'rates', 2, 'amount'],
        ['INVALID_RATE', 'rates', 3, 'amount'],
        ['INVALID_RATE', 'rates', 4, 'nominal'],
        ['INVALID_RATE', 'rates', 5, 'from'],
        ['INVALID_RATE', 'rates', 7, 'from'],
      ]);
    }
  });

  it('stores each rate as a plain decimal, however small or large, and converts with it', () => {
    const table = createRateTable({
      base: 'EUR',
      rates: [
        { currency: 'VND', amount: '0.0000000350', from: '2026-01-01' },
        { currency: 'XAU', amount: '1234567890123456789012', from: '2026-01-01' },
      ],
    });
    expect(table.rates.VND?.[0]?.amount).toBe('0.000000035');
    expect(table.rates.XAU?.[0]?.amount).toBe('1234567890123456789012');
    expect(convertMoney(money('100000000', 'VND'), 'EUR', table, { on: '2026-01-15' }).amount).toBe('3.50');
  });

  it('refuses a fractional nominal, and keys the rates by currency code in code order', () => {
    expect(codeOf(() => createRateTable({ base: 'EUR', rates: [{ currency: 'JPY', amount: '0.6', nominal: 100.5, from: '2026-01-01' }] }))).toBe('INVALID_RATE');
    const table = createRateTable({
      base: 'EUR',
      rates: [
        { currency: 'USD', amount: '0.92', from: '2026-01-01' },
        { currency: 'CHF', amount: '1.05', from: '2026-01-01' },
        { currency: 'JPY', amount: '0.60', nominal: 100, from: '2026-01-01' },
      ],
    });
    expect(Object.keys(table.rates)).toEqual(['CHF', 'JPY', 'USD']);
    expect(table.rates.JPY?.[0]?.nominal).toBe(100);
    expect(table.rates.USD?.[0]?.nominal).toBe(1);
  });

  it('says in each issue what is wrong with the rate', () => {
    const bad: unknown[] = [
      { currency: 'XYZ', amount: '1', from: '2026-01-01' },
      { currency: 'EUR', amount: '1', from: '2026-01-01' },
      { currency: 'USD', amount: '0', nominal: 0, from: '2026-02-30' },
      { currency: 'CHF', amount: '1.1', from: '2026-01-01' },
      { currency: 'CHF', amount: '1.2', from: '2026-01-01' },
      'USD 0.92',
    ];
    try {
      createRateTable({ base: 'EUR', rates: bad as ExchangeRateInput[] });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).message).toContain('7 exchange rate problem(s); see issues.');
      expect((error as ValidationError).code).toBe('INVALID_RATE');
      expect((error as ValidationError).issues.every((i) => i.code === 'INVALID_RATE')).toBe(true);
      expect((error as ValidationError).issues.map((i) => i.message)).toEqual([
        'Unknown currency code.',
        'The base currency has no rate: it is worth 1 by definition.',
        'A rate is a decimal string above zero, such as "0.9215".',
        'A nominal is a whole number of at least 1.',
        'A rate date is written YYYY-MM-DD.',
        'Two rates for one currency start on the same day.',
        'A rate is { currency, amount, nominal?, from }.',
      ]);
    }
  });

  it('refuses an unknown base currency', () => {
    expect(() => createRateTable({ base: 'ZZZ', rates: [] })).toThrow(/currency/);
  });
});

describe('rate tables from elsewhere', () => {
  const fromJson = (): RateTable => JSON.parse(JSON.stringify(rates())) as RateTable;

  it('a table built by createRateTable is frozen all the way down', () => {
    expect(Object.isFrozen(rates())).toBe(true);
    expect(Object.isFrozen(rates().rates)).toBe(true);
    expect(Object.isFrozen(rates().rates.USD)).toBe(true);
    expect(Object.isFrozen(rates().rates.USD?.[0])).toBe(true);
  });

  it('a table read back from JSON converts exactly like the original, on both paths', () => {
    for (const [m, to] of [[money('10000', 'JPY'), 'USD'], [money('123456789012345678.99', 'USD'), 'JPY'], [money('1.000', 'BHD'), 'EUR']] as const) {
      for (const on of ['2026-01-15', '2026-02-15'] as const) {
        expect(convertMoney(m, to, fromJson(), { on })).toEqual(convertMoney(m, to, rates(), { on }));
      }
    }
  });

  it('picks the rate of the day from a hand-made table in any order', () => {
    const shuffled: RateTable = {
      base: 'EUR',
      rates: {
        USD: [
          { currency: 'USD', amount: '0.95', nominal: 1, from: '2026-02-01' },
          { currency: 'USD', amount: '0.92', nominal: 1, from: '2026-01-01' },
        ],
      },
    };
    expect(convertMoney(money('100', 'USD'), 'EUR', shuffled, { on: '2026-03-01' }).amount).toBe('95.00');
    expect(convertMoney(money('100', 'USD'), 'EUR', shuffled, { on: '2026-01-20' }).amount).toBe('92.00');
  });

  it.each([
    ['a zero rate', { currency: 'USD', amount: '0', nominal: 1, from: '2026-01-01' }],
    ['a negative rate', { currency: 'USD', amount: '-0.5', nominal: 1, from: '2026-01-01' }],
    ['a missing nominal', { currency: 'USD', amount: '0.92', from: '2026-01-01' }],
    ['a fractional nominal', { currency: 'USD', amount: '0.92', nominal: 0.5, from: '2026-01-01' }],
    ['a fractional nominal above 1', { currency: 'USD', amount: '0.92', nominal: 1.5, from: '2026-01-01' }],
    ['a nominal written as text', { currency: 'USD', amount: '0.92', nominal: '100', from: '2026-01-01' }],
    ['a malformed day', { currency: 'USD', amount: '0.92', nominal: 1, from: '1/1/2026' }],
    ['a null entry', null],
  ])('refuses a hand-made table with %s as INVALID_RATE, never a wrong amount', (_, rate) => {
    const table = { base: 'EUR', rates: { USD: [rate] } } as unknown as RateTable;
    try {
      convertMoney(money('100', 'USD'), 'EUR', table, { on: '2026-03-01' });
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'INVALID_RATE')).toBe(true);
    }
  });

  it('refuses what is not a rate table, and a missing options object', () => {
    for (const table of [null, {}, { base: 'EUR' }, 'EUR']) {
      expect(() => convertMoney(money('1', 'USD'), 'EUR', table as unknown as RateTable, { on: '2026-01-15' })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    expect(() => convertMoney(money('1', 'USD'), 'EUR', rates(), undefined as unknown as { on: '2026-01-15' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('the day of the rates') as unknown }),
    );
  });

  it('values the base currency at 1 on every day in a table read back from JSON too', () => {
    expect(findRate(fromJson(), 'EUR', '1900-01-01')).toEqual({ currency: 'EUR', amount: '1', nominal: 1, from: '0000-01-01' });
    expect(convertMoney(money('5.00', 'EUR'), 'USD', fromJson(), { on: '2026-01-15' }).amount).toBe('5.43');
  });

  it('applies a rate of a table read back from JSON from its very first day, and none before it', () => {
    expect(findRate(fromJson(), 'USD', '2026-02-01')?.amount).toBe('0.95');
    expect(findRate(fromJson(), 'USD', '2026-01-31')?.amount).toBe('0.92');
    expect(findRate(fromJson(), 'USD', '2026-01-01')?.amount).toBe('0.92');
    expect(findRate(fromJson(), 'USD', '2025-12-31')).toBeUndefined();
    expect(findRate(fromJson(), 'GBP', '2026-01-15')).toBeUndefined();
    expect(codeOf(() => convertMoney(money('1', 'USD'), 'EUR', fromJson(), { on: '2025-12-31' }))).toBe('NO_RATE');
  });

  it('refuses a hand-made table whose rates are not a list, or whose list is not one, as INVALID_RATE or INVALID_ARGUMENT', () => {
    for (const list of ['the rate', { 0: { currency: 'USD', amount: '0.92', nominal: 1, from: '2026-01-01' } }]) {
      const notAList = { base: 'EUR', rates: { USD: list } } as unknown as RateTable;
      expect(codeOf(() => convertMoney(money('1', 'USD'), 'EUR', notAList, { on: '2026-01-15' }))).toBe('INVALID_RATE');
    }
    const nullRates = { base: 'EUR', rates: null } as unknown as RateTable;
    expect(codeOf(() => convertMoney(money('1', 'USD'), 'EUR', nullRates, { on: '2026-01-15' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findRate(nullRates, 'USD', '2026-01-15'))).toBe('INVALID_ARGUMENT');
  });

  it('createRateTable refuses input without a list of rates with INVALID_ARGUMENT', () => {
    for (const input of [null, undefined, {}, { base: 'EUR' }, { base: 'EUR', rates: 'USD 0.92' }]) {
      expect(codeOf(() => createRateTable(input as unknown as { base: string; rates: ExchangeRateInput[] }))).toBe('INVALID_ARGUMENT');
    }
  });

  it('createRateTable reports a duplicate day only for a rate that is otherwise valid', () => {
    try {
      createRateTable({
        base: 'EUR',
        rates: [
          { currency: 'CHF', amount: '1.1', from: '2026-01-01' },
          { currency: 'CHF', amount: '0', from: '2026-01-01' },
        ],
      });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual([['rates', 1, 'amount']]);
    }
  });

  it('createRateTable reports a null rate at its index', () => {
    try {
      createRateTable({ base: 'EUR', rates: [null as unknown as ExchangeRateInput] });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual([['rates', 0]]);
    }
  });
});

describe('findRate', () => {
  it('applies a rate from its date until the next rate of that currency', () => {
    expect(findRate(rates(), 'USD', '2025-12-31')).toBeUndefined();
    expect(findRate(rates(), 'USD', '2026-01-01')?.amount).toBe('0.92');
    expect(findRate(rates(), 'USD', '2026-01-31')?.amount).toBe('0.92');
    expect(findRate(rates(), 'USD', '2026-02-01')?.amount).toBe('0.95');
    expect(findRate(rates(), 'USD', '2099-01-01')?.amount).toBe('0.95');
  });

  it('reads the UTC day of an instant', () => {
    expect(findRate(rates(), 'USD', new Date('2026-01-31T23:59:59Z'))?.amount).toBe('0.92');
  });

  it('values the base currency at 1 on every day', () => {
    expect(findRate(rates(), 'EUR', '1900-01-01')).toMatchObject({ amount: '1', nominal: 1 });
  });

  it('names the base currency in its rate, which holds from the first day of the calendar', () => {
    expect(findRate(rates(), 'EUR', '2026-03-01')).toEqual({ currency: 'EUR', amount: '1', nominal: 1, from: '0000-01-01' });
    expect(findRate(rates(), 'EUR', new Date('2026-03-01T12:00:00Z'))).toEqual({ currency: 'EUR', amount: '1', nominal: 1, from: '0000-01-01' });
  });

  it('has no rate for a currency the table lacks, even one named like an Object property', () => {
    expect(findRate(rates(), 'GBP', '2026-03-01')).toBeUndefined();
    expect(findRate(rates(), 'constructor', '2026-03-01')).toBeUndefined();
  });
});

describe('convertMoney', () => {
  it('converts into the base with the rate of the day', () => {
    expect(convertMoney(money('100.00', 'USD'), 'EUR', rates(), { on: '2026-01-15' })).toEqual(money('92.00', 'EUR'));
    expect(convertMoney(money('100.00', 'USD'), 'EUR', rates(), { on: '2026-02-15' })).toEqual(money('95.00', 'EUR'));
  });

  it('converts out of the base by dividing by the rate', () => {
    expect(convertMoney(money('92.00', 'EUR'), 'USD', rates(), { on: '2026-01-15' })).toEqual(money('100.00', 'USD'));
  });

  it('honours the nominal: 0.60 EUR per 100 JPY', () => {
    expect(convertMoney(money('10000', 'JPY'), 'EUR', rates(), { on: '2026-01-15' })).toEqual(money('60.00', 'EUR'));
    expect(convertMoney(money('1.00', 'EUR'), 'JPY', rates(), { on: '2026-01-15' })).toEqual(money('167', 'JPY'));
  });

  it('converts between two non-base currencies through the base', () => {
    // 10000 JPY = 60 EUR = 60 / 0.92 USD = 65.2173… USD
    expect(convertMoney(money('10000', 'JPY'), 'USD', rates(), { on: '2026-01-15' })).toEqual(money('65.22', 'USD'));
    // 1 BHD = 2.4312 EUR = 2.4312 / 0.95 USD = 2.5591578… USD
    expect(convertMoney(money('1.000', 'BHD'), 'USD', rates(), { on: '2026-02-15' })).toEqual(money('2.56', 'USD'));
  });

  it('rounds once, by the requested mode and scale', () => {
    const m = money('10000', 'JPY');
    expect(convertMoney(m, 'USD', rates(), { on: '2026-01-15', round: 'down' }).amount).toBe('65.21');
    expect(convertMoney(m, 'USD', rates(), { on: '2026-01-15', scale: 6 }).amount).toBe('65.217391');
  });

  it('needs no rate for the same currency, and changes an amount within minor units not at all', () => {
    const m = money('5.12', 'EUR');
    expect(convertMoney(m, 'EUR', rates(), { on: '1999-01-01' })).toEqual(m);
  });

  it('converts a non-base currency into itself on a day without any rate for it, and one the table lacks', () => {
    // USD's first rate starts on 2026-01-01; GBP has none at all.
    expect(convertMoney(money('5.12', 'USD'), 'USD', rates(), { on: '1999-01-01' })).toEqual(money('5.12', 'USD'));
    expect(convertMoney(money('5.125', 'USD'), 'USD', rates(), { on: '1999-01-01' })).toEqual(money('5.13', 'USD'));
    expect(convertMoney(money('7.5', 'GBP'), 'GBP', rates(), { on: '2026-03-01' })).toEqual(money('7.50', 'GBP'));
  });

  it('writes a same-currency amount canonically, and refuses one that is not a decimal string or too long', () => {
    const handMade = (amount: unknown): Money => ({ amount, currency: 'USD' }) as unknown as Money;
    expect(convertMoney(handMade('+05.1'), 'USD', rates(), { on: '1999-01-01' })).toEqual({ amount: '5.10', currency: 'USD' });
    expect(convertMoney(handMade('-0.00'), 'USD', rates(), { on: '1999-01-01' })).toEqual({ amount: '0.00', currency: 'USD' });
    expect(codeOf(() => convertMoney(handMade(5), 'USD', rates(), { on: '1999-01-01' }))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => convertMoney(handMade('5,1'), 'USD', rates(), { on: '1999-01-01' }))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => convertMoney(handMade(`${'0'.repeat(200)}5.1`), 'USD', rates(), { on: '1999-01-01' }))).toBe('LIMIT_EXCEEDED');
  });

  it('rounds a same-currency amount at the scale asked for, and leaves one within it exact', () => {
    expect(convertMoney(money('1.25', 'USD'), 'USD', rates(), { on: '1999-01-01', scale: 1 }).amount).toBe('1.30');
    expect(convertMoney(money('1.25', 'USD'), 'USD', rates(), { on: '1999-01-01', scale: 1, round: 'down' }).amount).toBe('1.20');
    expect(convertMoney(money('1.25', 'USD'), 'USD', rates(), { on: '1999-01-01', scale: 2, round: 'up' }).amount).toBe('1.25');
    expect(convertMoney(money('1.2', 'BHD'), 'BHD', rates(), { on: '1999-01-01' }).amount).toBe('1.200');
  });

  it('still checks the day and the rounding options of a same-currency conversion', () => {
    const m = money('1', 'USD');
    expect(codeOf(() => convertMoney(m, 'USD', rates(), { on: '2026-02-30' }))).toBe('INVALID_DATE');
    expect(codeOf(() => convertMoney(m, 'USD', rates(), { on: '2026-01-15', round: 'nearest' as 'up' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => convertMoney(m, 'USD', rates(), null as unknown as { on: '2026-01-15' }))).toBe('INVALID_ARGUMENT');
  });

  it('rounds a same-currency amount like any converted amount', () => {
    expect(convertMoney(money('1.005', 'EUR'), 'EUR', rates(), { on: '1999-01-01' }).amount).toBe('1.01');
    expect(convertMoney(money('1.005', 'EUR'), 'EUR', rates(), { on: '1999-01-01', round: 'halfEven' }).amount).toBe('1.00');
    expect(convertMoney(money('1.005', 'EUR'), 'EUR', rates(), { on: '1999-01-01', scale: 3 }).amount).toBe('1.005');
  });

  it('stays exact on the decimal.js path for very large amounts', () => {
    const big = money('123456789012345678.99', 'USD');
    expect(convertMoney(big, 'JPY', rates(), { on: '2026-01-15' })).toEqual(money('18930040981893004112', 'JPY'));
  });

  it('values the base at exactly 1 on the decimal.js path too, into and out of the base', () => {
    expect(convertMoney(money('123456789012345678.99', 'USD'), 'EUR', rates(), { on: '2026-01-15' }).amount).toBe('113580245891358024.67');
    expect(convertMoney(money('113580245891358024.67', 'EUR'), 'USD', rates(), { on: '2026-01-15' }).amount).toBe('123456789012345678.99');
    expect(convertMoney(money('100000000000000000.00', 'EUR'), 'JPY', rates(), { on: '2026-01-15' }).amount).toBe('16666666666666666667');
  });

  it('throws NO_RATE when no rate covers the day, naming the currency but neither the day nor the amount', () => {
    try {
      convertMoney(money('1234.56', 'USD'), 'EUR', rates(), { on: '2025-12-31' });
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'NO_RATE')).toBe(true);
      expect(String(error)).toContain('USD');
      expect(String(error)).not.toContain('2025');
      expect(String(error)).not.toContain('1234');
    }
    expect(() => convertMoney(money('1', 'GBP'), 'EUR', rates(), { on: '2026-01-15' })).toThrow(/GBP/);
  });

  it('refuses a malformed day, an unknown target and a bad rounding option', () => {
    const m = money('1', 'USD');
    const cases: [() => unknown, string][] = [
      [() => convertMoney(m, 'EUR', rates(), { on: '15/01/2026' as '2026-01-15' }), 'INVALID_DATE'],
      [() => convertMoney(m, 'EUR', rates(), { on: new Date(Number.NaN) }), 'INVALID_DATE'],
      [() => convertMoney(m, 'ZZZ', rates(), { on: '2026-01-15' }), 'UNKNOWN_CURRENCY'],
      [() => convertMoney(m, 'EUR', rates(), { on: '2026-01-15', scale: -2 }), 'INVALID_ARGUMENT'],
    ];
    for (const [run, code] of cases) {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(isCrmError(error) && error.code).toBe(code);
      }
    }
    expect(() => convertMoney(m, 'EUR', rates(), { on: '15/01/2026' as '2026-01-15' })).toThrow('A rate day is written YYYY-MM-DD or given as a Date.');
  });

  it('says what is wrong with a table that was not made by createRateTable', () => {
    expect(() => findRate(null as unknown as RateTable, 'USD', '2026-01-15')).toThrow('Expected a rate table made by createRateTable.');
    const table = { base: 'EUR', rates: { USD: [null] } } as unknown as RateTable;
    expect(() => findRate(table, 'USD', '2026-01-15')).toThrow('The rate table holds a malformed USD rate; rebuild it with createRateTable.');
    expect(() => createRateTable(null as unknown as { base: string; rates: ExchangeRateInput[] })).toThrow('createRateTable takes { base, rates: [...] }.');
    expect(() => convertMoney(money('1', 'GBP'), 'EUR', rates(), { on: '2026-01-15' })).toThrow('No GBP rate against EUR covers the requested day.');
  });
});
