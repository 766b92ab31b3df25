import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  allocateMoney,
  compareMoney,
  convertMoney,
  createRateTable,
  money,
  multiplyMoney,
  ROUNDING_MODES,
  roundMoney,
  subtractMoney,
  sumMoney,
} from 'crm-kit';
import type { Money, RateTable, RoundingMode } from 'crm-kit';
import { decimalText, moneyIn } from '../support/arbitraries.js';

// An independent reference: decimal.js with room for every digit, compared by value.
const Ref = Decimal.clone({ precision: 400, toExpNeg: -9e15, toExpPos: 9e15 });
const valueOf = (m: Money): Decimal => new Ref(m.amount);
const sameValue = (a: Money, b: Money): boolean => a.currency === b.currency && valueOf(a).eq(valueOf(b));
const REF_MODE: Record<RoundingMode, Decimal.Rounding> = {
  halfUp: Decimal.ROUND_HALF_UP,
  halfEven: Decimal.ROUND_HALF_EVEN,
  halfDown: Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};
const eur = moneyIn('EUR');

describe('money algebra', () => {
  it('addition is commutative', () => {
    fc.assert(fc.property(eur, eur, (a, b) => {
        expect(addMoney(a, b)).toEqual(addMoney(b, a));
      }));
  });

  it('addition is associative', () => {
    fc.assert(
      fc.property(eur, eur, eur, (a, b, c) => {
        expect(addMoney(addMoney(a, b), c)).toEqual(addMoney(a, addMoney(b, c)));
      }),
    );
  });

  it('zero is the identity of addition', () => {
    fc.assert(fc.property(eur, (a) => {
        expect(addMoney(a, money("0", "EUR"))).toEqual(a);
      }));
  });

  it('subtracting what was added gives back the original amount', () => {
    fc.assert(fc.property(eur, eur, (a, b) => {
        expect(subtractMoney(addMoney(a, b), b)).toEqual(a);
      }));
  });

  it('results are canonical: money() of a result is the result', () => {
    fc.assert(
      fc.property(eur, eur, decimalText(), (a, b, f) => {
        for (const r of [addMoney(a, b), subtractMoney(a, b), multiplyMoney(a, f)]) expect(money(r.amount, r.currency)).toEqual(r);
      }),
    );
  });

  it('add, subtract, multiply and compare agree with exact decimal arithmetic on both paths', () => {
    fc.assert(
      fc.property(eur, eur, decimalText(), (a, b, f) => {
        expect(valueOf(addMoney(a, b)).eq(valueOf(a).plus(valueOf(b)))).toBe(true);
        expect(valueOf(subtractMoney(a, b)).eq(valueOf(a).minus(valueOf(b)))).toBe(true);
        expect(valueOf(multiplyMoney(a, f)).eq(valueOf(a).times(new Ref(f)))).toBe(true);
        expect(compareMoney(a, b)).toBe(valueOf(a).cmp(valueOf(b)));
      }),
    );
  });

  it('sumMoney equals the sum of the amounts one by one', () => {
    fc.assert(
      fc.property(fc.array(eur, { maxLength: 30 }), (list) => {
        const total = list.reduce<Money<'EUR'>>((acc, m) => addMoney(acc, m), money('0', 'EUR'));
        expect(sumMoney(list, 'EUR')).toEqual(total);
      }),
    );
  });

  it('roundMoney agrees with decimal.js for every mode and scale', () => {
    fc.assert(
      fc.property(eur, fc.constantFrom(...ROUNDING_MODES), fc.integer({ min: 0, max: 5 }), (m, mode, scale) => {
        const rounded = roundMoney(m, { mode, scale });
        expect(valueOf(rounded).eq(valueOf(m).toDecimalPlaces(scale, REF_MODE[mode]))).toBe(true);
      }),
    );
  });
});

describe('allocation', () => {
  const ratios = fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(0)), { minLength: 1, maxLength: 12 }).filter(
    (list) => list.some((r) => r > 0),
  );

  it('shares always add up to the whole, and each is within one minor unit of its exact value', () => {
    fc.assert(
      fc.property(fc.constantFrom('EUR', 'JPY', 'BHD', 'CLF'), decimalText({ maxScale: 0 }), ratios, (currency, text, weights) => {
        const whole = money(text, currency);
        const shares = allocateMoney(whole, weights);
        expect(shares).toHaveLength(weights.length);
        expect(sumMoney(shares, currency)).toEqual(whole);
        const total = weights.reduce((s, w) => s + w, 0);
        const unit = new Ref(10).pow(-(currency === 'JPY' ? 0 : currency === 'BHD' ? 3 : currency === 'CLF' ? 4 : 2));
        shares.forEach((share, i) => {
          const exact = valueOf(whole).times(weights[i] ?? 0).div(total);
          expect(valueOf(share).minus(exact).abs().lte(unit)).toBe(true);
          if (weights[i] === 0) expect(valueOf(share).isZero()).toBe(true);
        });
      }),
    );
  });
});

describe('conversion', () => {
  // Realistic rates against EUR (±50% of a market value), 6 decimals as published by central banks.
  const rate = (around: number): fc.Arbitrary<string> =>
    fc.integer({ min: Math.round(around * 0.5e6), max: Math.round(around * 1.5e6) }).map((n) => new Ref(n).div(1e6).toFixed(6));
  const table = fc.tuple(rate(0.92), rate(0.006), rate(2.43), rate(41)).map(([usd, jpy, bhd, clf]) =>
    createRateTable({
      base: 'EUR',
      rates: [
        { currency: 'USD', amount: usd, from: '2026-01-01' },
        { currency: 'JPY', amount: jpy, from: '2026-01-01' },
        { currency: 'BHD', amount: bhd, from: '2026-01-01' },
        { currency: 'CLF', amount: clf, from: '2026-01-01' },
      ],
    }),
  );
  const minor: Record<string, number> = { EUR: 2, USD: 2, JPY: 0, BHD: 3, CLF: 4 };
  const currency = fc.constantFrom('EUR', 'USD', 'BHD', 'CLF');

  const rateOf = (rates: RateTable, code: string): Decimal =>
    code === 'EUR' ? new Ref(1) : new Ref(rates.rates[code]?.[0]?.amount ?? 'NaN');

  it('converting there and back is off by at most half a minor unit of each currency', () => {
    fc.assert(
      fc.property(table, currency, currency, decimalText({ maxScale: 0, maxDigits: 12 }), fc.constantFrom(...ROUNDING_MODES), (rates, from, to, text, mode) => {
        const original = roundMoney(money(text, from), { mode: 'halfUp' });
        const there = convertMoney(original, to, rates, { on: '2026-06-01', round: mode === 'up' ? 'halfUp' : 'halfEven' });
        const back = convertMoney(there, from, rates, { on: '2026-06-01', round: 'halfEven' });
        const unitFrom = new Ref(10).pow(-(minor[from] ?? 2));
        const unitToInFrom = new Ref(10).pow(-(minor[to] ?? 2)).times(rateOf(rates, to)).div(rateOf(rates, from));
        expect(valueOf(back).minus(valueOf(original)).abs().lte(unitFrom.plus(unitToInFrom).div(2))).toBe(true);
      }),
    );
  });

  it('converting there and back stays within one minor unit when the other currency is at least as fine', () => {
    fc.assert(
      fc.property(table, currency, currency, decimalText({ maxScale: 0, maxDigits: 12 }), (rates, from, to, text) => {
        const unitFrom = new Ref(10).pow(-(minor[from] ?? 2));
        const unitToInFrom = new Ref(10).pow(-(minor[to] ?? 2)).times(rateOf(rates, to)).div(rateOf(rates, from));
        fc.pre(unitToInFrom.lte(unitFrom));
        const original = roundMoney(money(text, from));
        const back = convertMoney(convertMoney(original, to, rates, { on: '2026-06-01' }), from, rates, { on: '2026-06-01' });
        expect(valueOf(back).minus(valueOf(original)).abs().lte(unitFrom)).toBe(true);
      }),
    );
  });

  it('agrees with the exact cross-rate formula rounded once, on both paths', () => {
    fc.assert(
      fc.property(table, currency, fc.constantFrom('EUR', 'USD', 'JPY', 'BHD'), decimalText({ maxScale: 4 }), fc.constantFrom(...ROUNDING_MODES), (rates, from, to, text, mode) => {
        const m = money(text, from);
        const converted = convertMoney(m, to, rates, { on: '2026-06-01', round: mode });
        const expected = from === to ? valueOf(m) : valueOf(m).times(rateOf(rates, from)).div(rateOf(rates, to)).toDecimalPlaces(minor[to] ?? 2, REF_MODE[mode]);
        expect(sameValue(converted, { amount: expected.toFixed(), currency: to })).toBe(true);
      }),
    );
  });
});
