import * as z from 'zod';
import type { Money } from '../money/index.js';
import { compareMoney } from '../money/index.js';
import { compareDecimalText, isDecimalText } from './_internal/decimal-text.js';
import { exactly } from './_internal/forms.js';
import { idSchema, lineText, moneySchema, plainObject } from './_internal/values.js';

/**
 * A discount on a product row, per unit: a percentage of the unit price (`rate`, from `'0'` to
 * `'100'`) or an amount off each unit (`amount`, in the price's currency, at most the price).
 */
export type ProductRowDiscount = { readonly rate: string } | { readonly amount: Money };

/**
 * One line of products on a deal, invoice or quote. `price` is the price of one unit before the
 * discount, including tax when `taxIncluded` is `true`; `quantity` is decimal text (`'1.5'` hours)
 * from 0 up; `taxRate` is a percentage from `'0'` to `'1000'` (`'21'`). Totals come from {@link computeProductRow}.
 *
 * @example
 * ```ts
 * const row: ProductRow = {
 *   name: 'Laptop', productId: 'p-14', price: { amount: '1000.00', currency: 'EUR' }, quantity: '2',
 *   discount: { rate: '10' }, taxRate: '21', unit: 'pcs',
 * };
 * productRowSchema.safeParse(row).success; //=> true
 * ```
 */
export interface ProductRow {
  readonly name: string;
  /** The product in the host's catalogue, when the row comes from one. */
  readonly productId?: string | undefined;
  readonly price: Money;
  readonly quantity: string;
  readonly discount?: ProductRowDiscount | undefined;
  readonly taxRate?: string | undefined;
  /** Whether `price` already includes the tax. Default `false`: tax is added on top. */
  readonly taxIncluded?: boolean | undefined;
  /** The unit of measure, such as `pcs`, `h` or `kg`. */
  readonly unit?: string | undefined;
}

const decimalText = (what: string): z.ZodString =>
  z.string().refine(isDecimalText, { error: `The ${what} is a non-negative decimal such as 1.5, written without sign or exponent.` });

const discountSchema = /* @__PURE__ */ (() => z.union([plainObject({ rate: decimalText('discount rate') }), plainObject({ amount: moneySchema })], {
  error: 'A discount is either { rate } or { amount }.',
}))();

/** The highest tax rate a row may have, in percent. */
const MAX_TAX_RATE = '1000';

/**
 * The shape of a product row without its cross-field rules: plain records only, unknown keys
 * refused, money canonical. {@link computeProductRow} checks it before it compares currencies.
 * Internal to the module (not exported from the package).
 */
export const productRowShape: z.ZodType<ProductRow> = /* @__PURE__ */ (() => exactly<ProductRow>()(
  plainObject({
    name: lineText,
    productId: idSchema.optional(),
    price: moneySchema,
    quantity: decimalText('quantity'),
    discount: discountSchema.optional(),
    taxRate: decimalText('tax rate').optional(),
    taxIncluded: z.boolean().optional(),
    unit: z
      .string()
      .max(32, { abort: true })
      .refine((unit) => unit.trim() !== '', { error: 'A unit is not blank.' })
      .optional(),
  }),
))();

/**
 * The zod schema of a {@link ProductRow}: plain records only, unknown keys refused, money
 * canonical, a discount rate of at most 100 %, a discount amount in the price's currency and not
 * above it, a tax rate from 0 to 1000 %.
 *
 * @example
 * ```ts
 * const price = { amount: '50', currency: 'EUR' };
 * productRowSchema.safeParse({ name: 'Setup', price, quantity: '1.5' }).success; //=> true
 * productRowSchema.safeParse({ name: 'Setup', price, quantity: '-1' }).success; //=> false
 * productRowSchema.safeParse({ name: 'Setup', price, quantity: '1', discount: { rate: '120' } }).success; //=> false
 * productRowSchema.safeParse({ name: 'Setup', price, quantity: '1', taxRate: '1000.5' }).success; //=> false
 * ```
 */
export const productRowSchema: z.ZodType<ProductRow> = /* @__PURE__ */ productRowShape.superRefine((row, context) => {
  if (row.price.amount.startsWith('-')) {
    context.addIssue({ code: 'custom', path: ['price'], message: 'A price is zero or more.' });
  }
  if (row.taxRate !== undefined && compareDecimalText(row.taxRate, MAX_TAX_RATE) > 0) {
    context.addIssue({ code: 'custom', path: ['taxRate'], message: `A tax rate is at most ${MAX_TAX_RATE}.` });
  }
  const discount = row.discount;
  if (discount === undefined) return;
  if ('rate' in discount) {
    if (compareDecimalText(discount.rate, '100') > 0) {
      context.addIssue({ code: 'custom', path: ['discount', 'rate'], message: 'A discount rate is at most 100.' });
    }
  } else if (discount.amount.currency !== row.price.currency) {
    context.addIssue({ code: 'custom', path: ['discount', 'amount', 'currency'], message: 'A discount is in the currency of the price.' });
  } else if (discount.amount.amount.startsWith('-') || compareMoney(discount.amount, row.price) > 0) {
    context.addIssue({ code: 'custom', path: ['discount', 'amount'], message: 'A discount is from zero up to the price.' });
  }
});

/** A list of product rows, all priced in one currency. */
export const productRowsSchema: z.ZodArray<z.ZodType<ProductRow>> = /* @__PURE__ */ z.array(productRowSchema).superRefine((rows, context) => {
  const currency = rows[0]?.price.currency;
  rows.forEach((row, index) => {
    if (row.price.currency !== currency) {
      context.addIssue({ code: 'custom', path: [index, 'price', 'currency'], message: 'Every row of a list is priced in one currency.' });
    }
  });
});
