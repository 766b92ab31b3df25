import type { z } from 'zod';
import { fromZodIssues } from '../fields/index.js';
import { CurrencyMismatchError, ValidationError } from '../kernel/index.js';
import type { Money } from '../money/index.js';
import { addMoney, money, moneyFromMinor, multiplyMoney, roundMoney, subtractMoney, sumMoney, toMinorUnits } from '../money/index.js';
import { includedTaxUnits } from './_internal/decimal-text.js';
import type { ProductRow } from './product-row.js';
import { productRowSchema, productRowShape } from './product-row.js';

/**
 * The totals of a product row or of a list of them, in one currency. `subtotal` is before the
 * discount and `discount` the amount taken off, both without tax; `tax` is the tax;
 * `total = subtotal − discount + tax` is what the client pays.
 */
export interface ProductRowTotals<C extends string = string> {
  readonly subtotal: Money<C>;
  readonly discount: Money<C>;
  readonly tax: Money<C>;
  readonly total: Money<C>;
}

const percentOf = (m: Money, rate: string): Money => multiplyMoney(multiplyMoney(m, rate), '0.01');
const includedTax = (gross: Money, rate: string): Money =>
  moneyFromMinor(includedTaxUnits(toMinorUnits(gross), rate), gross.currency);

function invalidRow(result: { readonly error: { readonly issues: readonly z.core.$ZodIssue[] } }, row: unknown, index: number): ValidationError {
  const issues = fromZodIssues(result.error.issues, row, [index]);
  const rule = issues[0]?.message;
  // The message names the row and the rule, never a key or value of the input: the issues say where.
  return new ValidationError('VALIDATION_FAILED', `Product row ${index} is not valid${rule === undefined ? '.' : `: ${rule}`}`, { issues });
}

// The shape first (so nothing is read from a value that is not a plain row), then the currencies,
// then the row's rules. Messages give the row's position and the rule, never input text.
function checkedRow(row: ProductRow, index: number, currency?: string): ProductRow {
  const shaped = productRowShape.safeParse(row);
  if (!shaped.success) throw invalidRow(shaped, row, index);
  const { price, discount } = shaped.data;
  const expected = currency ?? price.currency;
  const currencies = [price.currency, discount !== undefined && 'amount' in discount ? discount.amount.currency : expected];
  if (currencies.some((found) => found !== expected)) {
    throw new CurrencyMismatchError('CURRENCY_MISMATCH', `Product row ${index} has an amount in another currency than the others: convert it first.`);
  }
  const parsed = productRowSchema.safeParse(row);
  if (!parsed.success) throw invalidRow(parsed, row, index);
  return parsed.data;
}

// Every amount of a row is rounded half-up to whole minor units, once, at the row: each line of a
// document then adds up to the document's totals, whatever the order of the rows.
function totalsOf(row: ProductRow): ProductRowTotals {
  const { price, quantity } = row;
  const rate = row.taxRate ?? '0';
  const discount = row.discount;
  const unitDiscount =
    discount === undefined ? money('0', price.currency) : 'rate' in discount ? percentOf(price, discount.rate) : discount.amount;
  const gross = roundMoney(multiplyMoney(price, quantity));
  const lineDiscount = roundMoney(multiplyMoney(unitDiscount, quantity));
  const line = subtractMoney(gross, lineDiscount);
  if (row.taxIncluded !== true) {
    const tax = roundMoney(percentOf(line, rate));
    return { subtotal: gross, discount: lineDiscount, tax, total: addMoney(line, tax) };
  }
  // The price includes the tax: back the tax out of what is charged, and the subtotal out of the
  // price before the discount; the discount without tax is what lies between them.
  const tax = includedTax(line, rate);
  const subtotal = subtractMoney(gross, includedTax(gross, rate));
  const net = subtractMoney(line, tax);
  return { subtotal, discount: subtractMoney(subtotal, net), tax, total: line };
}

/**
 * The totals of one product row, rounded half-up to the currency's minor units.
 *
 * The discount is per unit: a `rate` takes that percentage off the unit price, an `amount` takes
 * that much off each unit. The row's amount before the discount (`price × quantity`) and its
 * discount (`unit discount × quantity`) are each rounded once; tax is then worked out on what
 * is left. When `taxIncluded` is `true`, the price includes the tax: the row's total is what is
 * left after the discount, and the tax (`total × rate / (100 + rate)`) and the subtotal are
 * backed out of it, so `total = subtotal − discount + tax` holds for every row.
 *
 * @param row - The row; checked like {@link productRowSchema}.
 * @returns `{ subtotal, discount, tax, total }` in the row's currency.
 * @throws {@link ValidationError} `VALIDATION_FAILED` (with the issues) for a row the schema
 * refuses; {@link CurrencyMismatchError} `CURRENCY_MISMATCH` for a discount in another currency.
 * Messages name the row and the rule, never text from the row.
 *
 * @example
 * ```ts
 * const laptop = { name: 'Laptop', price: money('1000.00', 'EUR'), quantity: '2', discount: { rate: '10' }, taxRate: '21' };
 * computeProductRow(laptop);
 * //=> { subtotal: money('2000.00', 'EUR'), discount: money('200.00', 'EUR'), tax: money('378.00', 'EUR'), total: money('2178.00', 'EUR') }
 *
 * const support = { name: 'Support', price: money('121.00', 'EUR'), quantity: '1', taxRate: '21', taxIncluded: true };
 * computeProductRow(support).tax; //=> money('21.00', 'EUR')
 * computeProductRow({ name: 'Screws', price: money('0.125', 'EUR'), quantity: '3' }).total; //=> money('0.38', 'EUR')
 * ```
 */
export function computeProductRow(row: ProductRow): ProductRowTotals {
  return totalsOf(checkedRow(row, 0));
}

/**
 * The totals of a list of product rows: the sums of the rows' own totals (each row rounded
 * half-up to minor units, see {@link computeProductRow}), so a document's totals always equal
 * the sum of its printed lines and never depend on the order of the rows.
 *
 * @param rows - The rows, all priced in `currency`.
 * @param currency - The currency of the rows and of the totals (so that no rows still have one).
 * @returns `{ subtotal, discount, tax, total }`; zero amounts for no rows.
 * @throws {@link CurrencyMismatchError} `CURRENCY_MISMATCH` for a row in another currency;
 * {@link ValidationError} `VALIDATION_FAILED` for a row the schema refuses (paths start with its index).
 * Each row's shape is checked before its currency, and messages never contain text from the rows.
 *
 * @example
 * ```ts
 * const rows = [
 *   { name: 'Laptop', price: money('1000.00', 'EUR'), quantity: '2', discount: { rate: '10' }, taxRate: '21' },
 *   { name: 'Support hours', price: money('60.50', 'EUR'), quantity: '1.5', discount: { amount: money('0.50', 'EUR') }, taxRate: '21', taxIncluded: true },
 * ];
 * computeProductRowsTotal(rows, 'EUR');
 * //=> { subtotal: money('2075.00', 'EUR'), discount: money('200.62', 'EUR'), tax: money('393.62', 'EUR'), total: money('2268.00', 'EUR') }
 * computeProductRowsTotal([], 'JPY').total; //=> money('0', 'JPY')
 * computeProductRowsTotal(rows, 'USD'); // throws CURRENCY_MISMATCH
 * ```
 */
export function computeProductRowsTotal<C extends string>(rows: readonly ProductRow[], currency: C): ProductRowTotals<C> {
  const list: unknown = rows;
  if (!Array.isArray(list)) throw new ValidationError('INVALID_ARGUMENT', 'Product rows are an array.');
  money('0', currency); // an unknown currency fails here, even for no rows
  const totals = rows.map((row, index) => totalsOf(checkedRow(row, index, currency)));
  const sum = (part: keyof ProductRowTotals): Money<C> => sumMoney(totals.map((t) => t[part]), currency);
  return { subtotal: sum('subtotal'), discount: sum('discount'), tax: sum('tax'), total: sum('total') };
}
