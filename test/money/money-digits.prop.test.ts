import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCrmError, LIMITS, listCurrencies, money } from 'crm-kit';

const CODES = listCurrencies().map((currency) => currency.code);

/** A run of `min`..`max` digits, mostly around the 100-digit limit, zeros included. */
const digitRun = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.oneof(fc.integer({ min, max }), fc.integer({ min: Math.max(min, 95), max: Math.min(max, 105) })),
      fc.constantFrom('0', '1', '5', '9'),
      fc.constantFrom('0', '9'),
    )
    .map(([length, body, pad]) => (length === 0 ? '' : body.repeat(length - 1) + pad));

/** Decimal text as money() takes it: a sign, leading zeros, integer digits, decimals and trailing zeros. */
const amountText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    fc.constantFrom('', '0', '000'),
    digitRun(1, 104),
    fc.option(digitRun(1, 104), { nil: undefined }),
    fc.constantFrom('', '0', '0000'),
  )
  .map(([sign, zeros, integer, fraction, trailing]) => {
    const text = `${sign}${zeros}${integer}${fraction === undefined ? '' : `.${fraction}${trailing}`}`;
    return text.slice(0, LIMITS.amountText);
  })
  .filter((text) => /^[+-]?\d+(\.\d+)?$/.test(text));

describe('one rule for the digits of an amount, for what money() reads and what it writes', () => {
  it('whatever money() returns, money() accepts and gives back unchanged', () => {
    fc.assert(
      fc.property(amountText, fc.constantFrom(...CODES), (text, currency) => {
        let first;
        try {
          first = money(text, currency);
        } catch (error) {
          if (isCrmError(error, 'AMOUNT_OUT_OF_RANGE')) return;
          throw error;
        }
        expect(money(first.amount, currency)).toEqual(first);
      }),
      { numRuns: 2_000 },
    );
  });

  it.each(['EUR', 'JPY', 'BHD', 'CLF'])('keeps 100 integer digits in %s, padded to its minor units, and they read back', (currency) => {
    for (const integer of ['9'.repeat(99), '9'.repeat(100), `1${'0'.repeat(99)}`]) {
      const made = money(integer, currency);
      expect(money(made.amount, currency)).toEqual(made);
    }
  });

  it('counts neither leading zeros nor trailing decimal zeros, and refuses a 101st digit between them', () => {
    expect(money(`000${'9'.repeat(100)}.000`, 'EUR').amount).toBe(`${'9'.repeat(100)}.00`);
    expect(money(`0.${'0'.repeat(99)}1${'0'.repeat(50)}`, 'EUR').amount).toBe(`0.${'0'.repeat(99)}1`);
    expect(() => money(`${'9'.repeat(100)}.5`, 'EUR')).toThrow(expect.objectContaining({ code: 'AMOUNT_OUT_OF_RANGE' }));
    expect(() => money(`0.${'0'.repeat(100)}1`, 'EUR')).toThrow(expect.objectContaining({ code: 'AMOUNT_OUT_OF_RANGE' }));
    expect(() => money(`1${'0'.repeat(100)}`, 'EUR')).toThrow(expect.objectContaining({ code: 'AMOUNT_OUT_OF_RANGE' }));
  });
});
