import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMoney, computeProductRow, computeProductRowsTotal, getCurrency, money, subtractMoney, sumMoney, toMinorUnits } from 'crm-kit';
import type { Money, ProductRow, ProductRowTotals } from 'crm-kit';

// An independent reference: decimal.js with room for every digit, half-up rounding per row.
const Ref = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
const CURRENCIES = ['EUR', 'JPY', 'BHD'] as const;

/** Non-negative decimal text with up to `scale` decimals and `digits` digits. */
const decimalText = (digits: number, scale: number): fc.Arbitrary<string> =>
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** BigInt(digits) - 1n }), fc.integer({ min: 0, max: scale })).map(([units, places]) => {
    const text = units.toString().padStart(places + 1, '0');
    return places === 0 ? text : `${text.slice(0, text.length - places)}.${text.slice(text.length - places)}`;
  });

/** A rate from 0 to `max` percent with up to two decimals. */
const rateText = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max: max * 100 }).map((hundredths) => new Ref(hundredths).div(100).toFixed());

function rowIn(currency: string, options: { taxIncluded?: boolean } = {}): fc.Arbitrary<ProductRow> {
  return fc
    .record({
      price: decimalText(9, 4),
      quantity: decimalText(6, 3),
      discount: fc.oneof(fc.constant(undefined), fc.record({ rate: rateText(100) }), fc.double({ min: 0, max: 1, noNaN: true })),
      taxRate: fc.option(rateText(30), { nil: undefined }),
      taxIncluded: options.taxIncluded === undefined ? fc.boolean() : fc.constant(options.taxIncluded),
    })
    .map(({ price, quantity, discount, taxRate, taxIncluded }) => {
      const unitPrice = money(price, currency);
      // A share of the price, as an amount discount at most the price.
      const off =
        typeof discount === 'number'
          ? { amount: money(new Ref(unitPrice.amount).times(discount).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed(), currency) }
          : discount;
      return {
        name: 'Item',
        price: unitPrice,
        quantity,
        ...(off === undefined ? {} : { discount: off }),
        ...(taxRate === undefined ? {} : { taxRate }),
        taxIncluded,
      };
    });
}

const rowsIn = (currency: string, options: { taxIncluded?: boolean } = {}): fc.Arbitrary<ProductRow[]> =>
  fc.array(rowIn(currency, options), { maxLength: 8 });
const anyCurrency = fc.constantFrom(...CURRENCIES);

/** What the reference says a row comes to. */
function reference(row: ProductRow): ProductRowTotals {
  const { currency } = row.price;
  const places = getCurrency(currency).minorUnits;
  const round = (value: Decimal): Decimal => value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  const m = (value: Decimal): Money => money(value.toFixed(), currency);
  const price = new Ref(row.price.amount);
  const quantity = new Ref(row.quantity);
  const rate = new Ref(row.taxRate ?? '0');
  const discount = row.discount;
  const unitOff = discount === undefined ? new Ref(0) : 'rate' in discount ? price.times(discount.rate).div(100) : new Ref(discount.amount.amount);
  const gross = round(price.times(quantity));
  const off = round(unitOff.times(quantity));
  const line = gross.minus(off);
  if (row.taxIncluded !== true) {
    const tax = round(line.times(rate).div(100));
    return { subtotal: m(gross), discount: m(off), tax: m(tax), total: m(line.plus(tax)) };
  }
  const backOut = (gross: Decimal): Decimal => round(gross.times(rate).div(rate.plus(100)));
  const tax = backOut(line);
  const subtotal = gross.minus(backOut(gross));
  return { subtotal: m(subtotal), discount: m(subtotal.minus(line.minus(tax))), tax: m(tax), total: m(line) };
}

describe('product row totals', () => {
  it('total = subtotal − discount + tax, for tax-added rows', () => {
    fc.assert(
      fc.property(anyCurrency.chain((c) => fc.tuple(fc.constant(c), rowsIn(c, { taxIncluded: false }))), ([currency, rows]) => {
        const { subtotal, discount, tax, total } = computeProductRowsTotal(rows, currency);
        expect(addMoney(subtractMoney(subtotal, discount), tax)).toEqual(total);
      }),
    );
  });

  it('total = subtotal − discount + tax holds for tax-included rows too', () => {
    fc.assert(
      fc.property(anyCurrency.chain((c) => fc.tuple(fc.constant(c), rowsIn(c))), ([currency, rows]) => {
        const { subtotal, discount, tax, total } = computeProductRowsTotal(rows, currency);
        expect(addMoney(subtractMoney(subtotal, discount), tax)).toEqual(total);
      }),
    );
  });

  it('never depend on the order of the rows', () => {
    fc.assert(
      fc.property(
        anyCurrency.chain((c) => fc.tuple(fc.constant(c), rowsIn(c))),
        fc.array(fc.nat()),
        ([currency, rows], keys) => {
          const shuffled = rows
            .map((row, index) => ({ row, key: keys[index % Math.max(keys.length, 1)] ?? 0, index }))
            .sort((a, b) => a.key - b.key || b.index - a.index)
            .map(({ row }) => row);
          expect(computeProductRowsTotal(shuffled, currency)).toEqual(computeProductRowsTotal(rows, currency));
        },
      ),
    );
  });

  it('a zero-quantity row adds nothing, wherever it is', () => {
    fc.assert(
      fc.property(anyCurrency.chain((c) => fc.tuple(fc.constant(c), rowsIn(c), rowIn(c))), fc.nat(), ([currency, rows, row], at) => {
        const zero = { ...row, quantity: '0' };
        const position = at % (rows.length + 1);
        const withZero = [...rows.slice(0, position), zero, ...rows.slice(position)];
        expect(computeProductRowsTotal(withZero, currency)).toEqual(computeProductRowsTotal(rows, currency));
        expect(computeProductRow(zero)).toEqual(computeProductRowsTotal([], currency));
      }),
    );
  });

  it('are the sums of the rows’ own totals', () => {
    fc.assert(
      fc.property(anyCurrency.chain((c) => fc.tuple(fc.constant(c), rowsIn(c))), ([currency, rows]) => {
        const each = rows.map((row) => computeProductRow(row));
        const sum = (part: keyof ProductRowTotals): Money => sumMoney(each.map((t) => t[part]), currency);
        expect(computeProductRowsTotal(rows, currency)).toEqual({
          subtotal: sum('subtotal'),
          discount: sum('discount'),
          tax: sum('tax'),
          total: sum('total'),
        });
      }),
    );
  });

  it('each row is what an independent half-up reference computes', () => {
    fc.assert(
      fc.property(anyCurrency.chain((c) => rowIn(c)), (row) => {
        expect(computeProductRow(row)).toEqual(reference(row));
      }),
    );
  });

  it('every total is whole minor units, never negative, and the discount never exceeds the subtotal', () => {
    fc.assert(
      fc.property(anyCurrency.chain((c) => rowIn(c)), (row) => {
        const totals = computeProductRow(row);
        for (const part of [totals.subtotal, totals.discount, totals.tax, totals.total]) expect(toMinorUnits(part) >= 0n).toBe(true);
        expect(toMinorUnits(totals.discount) <= toMinorUnits(totals.subtotal)).toBe(true);
      }),
    );
  });
});
