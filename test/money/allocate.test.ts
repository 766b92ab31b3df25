import { describe, expect, it } from 'vitest';
import { allocateMoney, isCrmError, money } from 'crm-kit';
import { codeOf } from '../support/errors.js';

const amounts = (shares: readonly { amount: string }[]): string[] => shares.map((s) => s.amount);

describe('allocateMoney', () => {
  it('gives the leftover cent to the earlier of equal ratios', () => {
    expect(amounts(allocateMoney(money('100.00', 'EUR'), [1, 1, 1]))).toEqual(['33.34', '33.33', '33.33']);
  });

  it('gives leftover units to the largest ratios first', () => {
    expect(amounts(allocateMoney(money('0.05', 'EUR'), [30, 70]))).toEqual(['0.01', '0.04']);
    expect(amounts(allocateMoney(money('1.00', 'EUR'), [1, 2, 2, 1]))).toEqual(['0.16', '0.34', '0.34', '0.16']);
  });

  it('gives zero ratios zero', () => {
    expect(amounts(allocateMoney(money('-10', 'JPY'), [1, 0, 2]))).toEqual(['-3', '0', '-7']);
    expect(amounts(allocateMoney(money('0.01', 'EUR'), [0, 0, 5]))).toEqual(['0.00', '0.00', '0.01']);
  });

  it('splits negative amounts like positive ones, with negative shares', () => {
    expect(amounts(allocateMoney(money('-100.00', 'EUR'), [1, 1, 1]))).toEqual(['-33.34', '-33.33', '-33.33']);
  });

  it('splits in ISO minor units of the currency', () => {
    expect(amounts(allocateMoney(money('1', 'BHD'), [1, 1, 1]))).toEqual(['0.334', '0.333', '0.333']);
    expect(amounts(allocateMoney(money('100', 'JPY'), [1, 1, 1]))).toEqual(['34', '33', '33']);
  });

  it('counts in the amount’s own smallest decimal when it is finer than the minor units', () => {
    expect(amounts(allocateMoney(money('0.005', 'EUR'), [1, 1]))).toEqual(['0.003', '0.002']);
  });

  it('refuses a negative ratio even when the others outweigh it, and takes -0 as zero', () => {
    for (const ratios of [[3, -1], ['3', '-1'], [1, -0.000001]]) {
      try {
        allocateMoney(money('10.00', 'EUR'), ratios);
        expect.unreachable();
      } catch (error) {
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
        expect((error as Error).message).toContain('negative');
      }
    }
    expect(amounts(allocateMoney(money('10.00', 'EUR'), [-0, 1]))).toEqual(['0.00', '10.00']);
    expect(amounts(allocateMoney(money('10.00', 'EUR'), ['-0', '1']))).toEqual(['0.00', '10.00']);
  });

  it('refuses ratios that are not an array, a hole in a sparse list, and NaN, with a typed error', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is what is tested
    const sparse = [1, , 2] as (number | string)[];
    const cases: [unknown, string][] = [
      ['12', 'INVALID_ARGUMENT'],
      [{ 0: 1, length: 1 }, 'INVALID_ARGUMENT'],
      [sparse, 'INVALID_AMOUNT'],
      [[1, Number.NaN], 'INVALID_ARGUMENT'],
      [[Number.NEGATIVE_INFINITY, 1], 'INVALID_ARGUMENT'],
    ];
    for (const [ratios, code] of cases) {
      expect(codeOf(() => allocateMoney(money('1.00', 'EUR'), ratios as (number | string)[]))).toBe(code);
    }
  });

  it('says what is wrong with the ratios', () => {
    expect(() => allocateMoney(money('1.00', 'EUR'), [])).toThrow(/at least one ratio/);
    expect(() => allocateMoney(money('1.00', 'EUR'), [0, '0.00'])).toThrow(/above zero/);
    expect(() => allocateMoney({ amount: '1e2', currency: 'EUR' }, [1])).toThrow(/The amount must be a decimal string/);
  });

  it('names the index of the ratio it refuses', () => {
    expect(() => allocateMoney(money('1.00', 'EUR'), [1, 2, -3])).toThrow(/index 2/);
    expect(() => allocateMoney(money('1.00', 'EUR'), [1, Number.NaN])).toThrow(/index 1/);
    expect(() => allocateMoney(money('1.00', 'EUR'), [1, '2', 'x'])).toThrow(/index 2/);
  });

  it('gives a leftover unit to the largest ratio even when it comes last, and to none of the zero ratios', () => {
    expect(amounts(allocateMoney(money('0.02', 'EUR'), [0, 1, 0, 1, 1]))).toEqual(['0.00', '0.01', '0.00', '0.01', '0.00']);
    expect(amounts(allocateMoney(money('0.10', 'EUR'), [1, 1, 5]))).toEqual(['0.01', '0.01', '0.08']);
    expect(amounts(allocateMoney(money('-0.10', 'EUR'), [1, 1, 5]))).toEqual(['-0.01', '-0.01', '-0.08']);
  });

  it('takes ratios as decimal strings too', () => {
    expect(amounts(allocateMoney(money('10.00', 'EUR'), ['0.25', '0.75']))).toEqual(['2.50', '7.50']);
  });

  it.each([
    ['an empty list', []],
    ['a negative ratio', [1, -1]],
    ['only zero ratios', [0, 0]],
    ['a non-finite ratio', [Number.POSITIVE_INFINITY]],
    ['a malformed ratio string', ['1/2']],
  ])('refuses %s', (_, ratios) => {
    try {
      allocateMoney(money('1', 'EUR'), ratios as (number | string)[]);
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'INVALID_ARGUMENT', 'INVALID_AMOUNT')).toBe(true);
    }
  });
});
