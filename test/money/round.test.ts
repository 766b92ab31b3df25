import { describe, expect, it } from 'vitest';
import { isCrmError, money, ROUNDING_MODES, roundMoney } from 'crm-kit';
import type { RoundingMode } from 'crm-kit';

const table: Record<string, Record<RoundingMode, string>> = {
  '2.345': { halfUp: '2.35', halfEven: '2.34', halfDown: '2.34', up: '2.35', down: '2.34', ceil: '2.35', floor: '2.34' },
  '2.355': { halfUp: '2.36', halfEven: '2.36', halfDown: '2.35', up: '2.36', down: '2.35', ceil: '2.36', floor: '2.35' },
  '-2.345': { halfUp: '-2.35', halfEven: '-2.34', halfDown: '-2.34', up: '-2.35', down: '-2.34', ceil: '-2.34', floor: '-2.35' },
  '2.3451': { halfUp: '2.35', halfEven: '2.35', halfDown: '2.35', up: '2.35', down: '2.34', ceil: '2.35', floor: '2.34' },
  '-0.001': { halfUp: '0.00', halfEven: '0.00', halfDown: '0.00', up: '-0.01', down: '0.00', ceil: '0.00', floor: '-0.01' },
};

describe('roundMoney', () => {
  for (const [amount, expected] of Object.entries(table)) {
    for (const mode of ROUNDING_MODES) {
      it(`rounds ${amount} EUR ${mode} to ${expected[mode]}`, () => {
        expect(roundMoney(money(amount, 'EUR'), { mode }).amount).toBe(expected[mode]);
      });
    }
  }

  it('rounds half up by default, to the currency minor units', () => {
    expect(roundMoney(money('2.5', 'JPY')).amount).toBe('3');
    expect(roundMoney(money('1.23456', 'BHD')).amount).toBe('1.235');
    expect(roundMoney(money('1.234567', 'CLF')).amount).toBe('1.2346');
  });

  it('rounds to an explicit scale, above or below the minor units', () => {
    expect(roundMoney(money('1.23456', 'EUR'), { scale: 4 }).amount).toBe('1.2346');
    expect(roundMoney(money('1234.5', 'EUR'), { scale: 0 }).amount).toBe('1235.00');
  });

  it('keeps the value of an amount with fewer decimals than the scale asked for', () => {
    expect(roundMoney(money('1.5', 'EUR'), { scale: 4 }).amount).toBe('1.50');
    expect(roundMoney(money('-1.125', 'BHD'), { scale: 64, mode: 'up' }).amount).toBe('-1.125');
    expect(roundMoney(money('7', 'JPY'), { scale: 0, mode: 'floor' }).amount).toBe('7');
  });

  it('rounds an amount with more than 22 decimals more than asked for, on the exact path', () => {
    const tiny = money(`0.${'0'.repeat(28)}15`, 'EUR');
    expect(roundMoney(tiny).amount).toBe('0.00');
    expect(roundMoney(tiny, { mode: 'up' }).amount).toBe('0.01');
    expect(roundMoney(tiny, { mode: 'halfUp', scale: 29 }).amount).toBe(`0.${'0'.repeat(28)}2`);
  });

  it('leaves an amount that already fits unchanged', () => {
    expect(roundMoney(money('2.30', 'EUR'), { mode: 'up' })).toEqual(money('2.30', 'EUR'));
  });

  it('rounds long amounts exactly on the decimal.js path', () => {
    expect(roundMoney(money('12345678901234567890.125', 'EUR'), { mode: 'halfEven' }).amount).toBe('12345678901234567890.12');
    expect(roundMoney(money('-12345678901234567890.125', 'EUR'), { mode: 'halfUp' }).amount).toBe('-12345678901234567890.13');
  });

  it('refuses an unknown mode or a scale that is not a whole number from 0 to 64', () => {
    const m = money('1', 'EUR');
    for (const options of [{ mode: 'bankers' as RoundingMode }, { scale: -1 }, { scale: 1.5 }, { scale: 65 }]) {
      try {
        roundMoney(m, options);
        expect.unreachable();
      } catch (error) {
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
      }
    }
    expect(() => roundMoney(m, { mode: 'bankers' as RoundingMode })).toThrow(
      'Unknown rounding mode; use one of halfUp, halfEven, halfDown, up, down, ceil, floor.',
    );
    expect(() => roundMoney(m, { scale: 65 })).toThrow('A rounding scale is a whole number from 0 to 64.');
    for (const options of [null, 'halfUp']) {
      expect(() => roundMoney(m, options as unknown as { scale: 2 })).toThrow('roundMoney options are { mode?, scale? }.');
    }
  });
});
