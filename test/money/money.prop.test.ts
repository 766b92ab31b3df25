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
  // Whole ratios, decimal ratios written as strings, and zeros.
  const ratios = fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 1000 }),
        fc.constant(0),
        fc.integer({ min: 1, max: 99_999 }).map((n) => new Ref(n).div(1000).toFixed()),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .filter((list) => list.some((r) => Number(r) > 0));

  it('shares always add up to the whole, and each is within one minor unit of its exact value', () => {
    fc.assert(
      fc.property(fc.constantFrom('EUR', 'JPY', 'BHD', 'CLF'), decimalText({ maxScale: 4 }), ratios, (currency, text, weights) => {
        const whole = roundMoney(money(text, currency));
        const shares = allocateMoney(whole, weights);
        expect(shares).toHaveLength(weights.length);
        expect(sumMoney(shares, currency)).toEqual(whole);
        const total = weights.reduce<Decimal>((sum, w) => sum.plus(w), new Ref(0));
        const unit = new Ref(10).pow(-(currency === 'JPY' ? 0 : currency === 'BHD' ? 3 : currency === 'CLF' ? 4 : 2));
        shares.forEach((share, i) => {
          const exact = valueOf(whole).times(weights[i] ?? 0).div(total);
          expect(valueOf(share).minus(exact).abs().lte(unit)).toBe(true);
          if (Number(weights[i]) === 0) expect(valueOf(share).isZero()).toBe(true);
        });
      }),
    );
  });
});

describe('conversion', () => {
  // Realistic rates against EUR (±50% of a market value) with 6 decimals, two dated rates per
  // currency, JPY quoted per 100 units as central banks do.
  const rate = (around: number): fc.Arbitrary<string> =>
    fc.integer({ min: Math.round(around * 0.5e6), max: Math.round(around * 1.5e6) }).map((n) => new Ref(n).div(1e6).toFixed(6));
  const MARKET: Record<string, [number, number]> = { USD: [0.92, 1], JPY: [0.6, 100], BHD: [2.43, 1], CLF: [41, 1] };
  const table = fc
    .tuple(...Object.values(MARKET).flatMap(([around]) => [rate(around), rate(around)]), fc.boolean())
    .map((values) => {
      const built = createRateTable({
        base: 'EUR',
        rates: Object.entries(MARKET).flatMap(([currency, [, nominal]], i) => [
          { currency, nominal, amount: String(values[2 * i]), from: '2026-01-01' },
          { currency, nominal, amount: String(values[2 * i + 1]), from: '2026-06-01' },
        ]),
      });
      // Half the time the table has been through JSON, as a host that stores it would read it back.
      return values[values.length - 1] === true ? (JSON.parse(JSON.stringify(built)) as RateTable) : built;
    });
  const minor: Record<string, number> = { EUR: 2, USD: 2, JPY: 0, BHD: 3, CLF: 4 };
  const currency = fc.constantFrom('EUR', 'USD', 'JPY', 'BHD', 'CLF');
  const day = fc.constantFrom('2026-03-01', '2026-06-01', '2026-09-30');
  const NEAREST: readonly RoundingMode[] = ['halfUp', 'halfEven', 'halfDown'];
  // Worth of one unit of `code` in EUR on `on`.
  const worth = (rates: RateTable, code: string, on: string): Decimal => {
    if (code === 'EUR') return new Ref(1);
    const [, nominal] = MARKET[code] ?? [0, 1];
    const entry = (rates.rates[code] ?? []).filter((r) => r.from <= on).at(-1);
    return new Ref(entry?.amount ?? 'NaN').div(nominal);
  };

  it('agrees with the exact cross-rate formula rounded once, on both paths, with built or stored tables', () => {
    fc.assert(
      fc.property(table, currency, currency, decimalText({ maxScale: 4 }), fc.constantFrom(...ROUNDING_MODES), day, (rates, from, to, text, mode, on) => {
        const m = money(text, from);
        const converted = convertMoney(m, to, rates, { on, round: mode });
        const exact = valueOf(m).times(worth(rates, from, on)).div(worth(rates, to, on));
        const expected = exact.toDecimalPlaces(minor[to] ?? 2, REF_MODE[mode]);
        expect(sameValue(converted, { amount: expected.toFixed(), currency: to })).toBe(true);
      }),
    );
  });

  it('converting there and back is off by at most one rounding step of each currency', () => {
    fc.assert(
      fc.property(table, currency, currency, decimalText({ maxScale: 0, maxDigits: 12 }), fc.constantFrom(...ROUNDING_MODES), day, (rates, from, to, text, mode, on) => {
        const original = roundMoney(money(text, from));
        const there = convertMoney(original, to, rates, { on, round: mode });
        const back = convertMoney(there, from, rates, { on, round: 'halfEven' });
        // A round-to-nearest step is off by half a unit at most, a directed one by a whole unit.
        const step = NEAREST.includes(mode) ? new Ref(0.5) : new Ref(1);
        const unitFrom = new Ref(10).pow(-(minor[from] ?? 2));
        const unitToInFrom = new Ref(10).pow(-(minor[to] ?? 2)).times(worth(rates, to, on)).div(worth(rates, from, on));
        expect(valueOf(back).minus(valueOf(original)).abs().lte(unitFrom.div(2).plus(unitToInFrom.times(step)))).toBe(true);
      }),
    );
  });

  it('converting there and back stays within one minor unit when the other currency is at least as fine', () => {
    fc.assert(
      fc.property(table, currency, currency, decimalText({ maxScale: 0, maxDigits: 12 }), day, (rates, from, to, text, on) => {
        const unitFrom = new Ref(10).pow(-(minor[from] ?? 2));
        const unitToInFrom = new Ref(10).pow(-(minor[to] ?? 2)).times(worth(rates, to, on)).div(worth(rates, from, on));
        fc.pre(unitToInFrom.lte(unitFrom));
        const original = roundMoney(money(text, from));
        const back = convertMoney(convertMoney(original, to, rates, { on }), from, rates, { on });
        expect(valueOf(back).minus(valueOf(original)).abs().lte(unitFrom)).toBe(true);
      }),
    );
  });
});
