import { describe, expect, it } from 'vitest';
import { computeProductRow, computeProductRowsTotal, computeDealAmount, money, ValidationError } from 'crm-kit';
import { codeOf } from '../support/errors.js';
import type { ProductRow, ProductRowTotals } from 'crm-kit';


const eur = (amount: string) => money(amount, 'EUR');
const totals = (subtotal: string, discount: string, tax: string, total: string, currency = 'EUR'): ProductRowTotals => ({
  subtotal: money(subtotal, currency),
  discount: money(discount, currency),
  tax: money(tax, currency),
  total: money(total, currency),
});

const laptops: ProductRow = { name: 'Laptop', price: eur('1000.00'), quantity: '2', discount: { rate: '10' }, taxRate: '21' };
const support: ProductRow = {
  name: 'Support hours',
  price: eur('60.50'),
  quantity: '1.5',
  discount: { amount: eur('0.50') },
  taxRate: '21',
  taxIncluded: true,
  unit: 'h',
};

describe('a product row', () => {
  it('adds tax on top of the discounted amount: 2 × 1000.00 less 10 % plus 21 % is 2178.00', () => {
    expect(computeProductRow(laptops)).toEqual(totals('2000.00', '200.00', '378.00', '2178.00'));
  });

  it('backs tax out of a price that includes it: 121.00 with 21 % included is 100.00 + 21.00', () => {
    const row = { name: 'Support', price: eur('121.00'), quantity: '1', taxRate: '21', taxIncluded: true };
    expect(computeProductRow(row)).toEqual(totals('100.00', '0.00', '21.00', '121.00'));
  });

  it('with tax included, charges the price as entered and backs subtotal, discount and tax out of it', () => {
    // 1.5 h × 60.50 = 90.75 less 1.5 × 0.50 = 90.00 charged; tax 90.00 × 21/121 = 15.619… → 15.62;
    // subtotal 90.75 − 90.75 × 21/121 (= 15.75) = 75.00; discount 75.00 − (90.00 − 15.62) = 0.62.
    expect(computeProductRow(support)).toEqual(totals('75.00', '0.62', '15.62', '90.00'));
  });

  it('takes an amount discount off each unit', () => {
    const row = { name: 'Licence', price: eur('50.00'), quantity: '3', discount: { amount: eur('5.00') } };
    expect(computeProductRow(row)).toEqual(totals('150.00', '15.00', '0.00', '135.00'));
  });

  it('takes a rate discount off the unit price, for fractional quantities too', () => {
    // 2.5 × 19.99 = 49.975 → 49.98; 2.5 × (15 % of 19.99 = 2.9985) = 7.49625 → 7.50.
    const row = { name: 'Consulting', price: eur('19.99'), quantity: '2.5', discount: { rate: '15' } };
    expect(computeProductRow(row)).toEqual(totals('49.98', '7.50', '0.00', '42.48'));
  });

  it('rounds each amount half-up to the currency minor units, once, at the row', () => {
    expect(computeProductRow({ name: 'Screws', price: eur('0.125'), quantity: '3' }).total).toEqual(eur('0.38'));
    expect(computeProductRow({ name: 'Fee', price: eur('10.05'), quantity: '1', taxRate: '10' }).tax).toEqual(eur('1.01'));
    expect(computeProductRow({ name: 'Tea', price: money('2.5', 'JPY'), quantity: '1' }).total).toEqual(money('3', 'JPY'));
    expect(computeProductRow({ name: 'Oil', price: money('1.2345', 'BHD'), quantity: '1' }).total).toEqual(money('1.235', 'BHD'));
  });

  it('is free with a 100 % discount, and worth nothing at quantity zero', () => {
    expect(computeProductRow({ ...laptops, discount: { rate: '100' } })).toEqual(totals('2000.00', '2000.00', '0.00', '0.00'));
    expect(computeProductRow({ ...support, quantity: '0' })).toEqual(totals('0.00', '0.00', '0.00', '0.00'));
  });

  it('has no tax without a tax rate, included or not', () => {
    expect(computeProductRow({ name: 'Book', price: eur('20.00'), quantity: '2' })).toEqual(totals('40.00', '0.00', '0.00', '40.00'));
    expect(computeProductRow({ name: 'Book', price: eur('20.00'), quantity: '2', taxIncluded: true })).toEqual(
      totals('40.00', '0.00', '0.00', '40.00'),
    );
  });

  it('refuses a discount in another currency than its price', () => {
    expect(codeOf(() => computeProductRow({ ...laptops, discount: { amount: money('1.00', 'USD') } }))).toBe('CURRENCY_MISMATCH');
  });

  it('refuses a row the schema refuses, with the issues and without the values', () => {
    try {
      computeProductRow({ ...laptops, quantity: '-2' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe('VALIDATION_FAILED');
      expect((error as ValidationError).issues.map((i) => [i.code, ...i.path])).toEqual([['INVALID_VALUE', 0, 'quantity']]);
      expect((error as ValidationError).message).not.toContain('-2');
    }
  });
});

describe('the totals of product rows', () => {
  it('are the sums of the rows: the worked example of docs/entities.md', () => {
    expect(computeProductRowsTotal([laptops, support], 'EUR')).toEqual(totals('2075.00', '200.62', '393.62', '2268.00'));
  });

  it('round per row, so a document adds up to its printed lines', () => {
    const tiny = { name: 'Washer', price: eur('0.004'), quantity: '1' };
    expect(computeProductRowsTotal([tiny, tiny, tiny], 'EUR').total).toEqual(eur('0.00'));
  });

  it('are zero in the given currency for no rows', () => {
    expect(computeProductRowsTotal([], 'JPY')).toEqual(totals('0', '0', '0', '0', 'JPY'));
  });

  it('refuse a row priced in another currency (CURRENCY_MISMATCH), never summing it', () => {
    expect(codeOf(() => computeProductRowsTotal([laptops, { ...support, price: money('60.50', 'USD'), discount: undefined }], 'EUR'))).toBe(
      'CURRENCY_MISMATCH',
    );
    expect(codeOf(() => computeProductRowsTotal([laptops], 'USD'))).toBe('CURRENCY_MISMATCH');
  });

  it('refuse an unknown currency and a list that is not an array', () => {
    expect(codeOf(() => computeProductRowsTotal([], 'XYZ'))).toBe('UNKNOWN_CURRENCY');
    expect(codeOf(() => computeProductRowsTotal('rows' as unknown as ProductRow[], 'EUR'))).toBe('INVALID_ARGUMENT');
  });

  it('name the row at fault by its index', () => {
    try {
      computeProductRowsTotal([laptops, { ...laptops, taxRate: 'IVA' }], 'EUR');
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => [i.code, ...i.path])).toEqual([['INVALID_VALUE', 1, 'taxRate']]);
    }
    try {
      computeProductRowsTotal([{ name: 'x', quantity: '1' } as unknown as ProductRow], 'EUR');
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => [i.code, ...i.path])).toEqual([['REQUIRED', 0, 'price']]);
    }
  });

  it('leave the rows as they were', () => {
    const rows = Object.freeze([Object.freeze({ ...laptops }), Object.freeze({ ...support })]);
    const before = JSON.stringify(rows);
    computeProductRowsTotal(rows, 'EUR');
    expect(JSON.stringify(rows)).toBe(before);
  });
});

describe("a deal's amount", () => {
  it('follows its product rows unless it is set by hand', () => {
    expect(computeDealAmount({ amount: eur('5000.00'), productRows: [laptops, support] })).toEqual({
      amount: eur('2268.00'),
      taxAmount: eur('393.62'),
      source: 'rows',
    });
    expect(computeDealAmount({ amount: eur('2000.00'), taxAmount: eur('0.00'), amountIsManual: true, productRows: [laptops] })).toEqual({
      amount: eur('2000.00'),
      taxAmount: eur('0.00'),
      source: 'manual',
    });
  });

  it('is kept as given when there are no rows to follow', () => {
    expect(computeDealAmount({ amount: eur('5000.00') })).toEqual({ amount: eur('5000.00'), taxAmount: undefined, source: 'manual' });
    expect(computeDealAmount({ amount: eur('5000.00'), productRows: [] }).source).toBe('manual');
    expect(computeDealAmount({})).toEqual({ amount: undefined, taxAmount: undefined, source: 'manual' });
  });

  it('takes the currency of the rows it follows', () => {
    expect(computeDealAmount({ amount: money('10.00', 'USD'), productRows: [laptops] }).amount).toEqual(eur('2178.00'));
  });

  it('refuses rows in several currencies', () => {
    expect(codeOf(() => computeDealAmount({ productRows: [laptops, { ...laptops, price: money('1', 'USD') }] }))).toBe('CURRENCY_MISMATCH');
  });
});
