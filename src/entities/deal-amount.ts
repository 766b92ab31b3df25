import { ValidationError } from '../kernel/index.js';
import type { Money } from '../money/index.js';
import { computeProductRow, computeProductRowsTotal } from './compute-product-rows.js';
import type { ProductRow } from './product-row.js';

/**
 * What {@link computeDealAmount} reads: the amount fields of a deal, invoice or quote (any of
 * their forms, or a stored record with a patch applied).
 */
export interface AmountSource {
  readonly amount?: Money | undefined;
  readonly taxAmount?: Money | undefined;
  readonly amountIsManual?: boolean | undefined;
  readonly productRows?: readonly ProductRow[] | undefined;
}

/**
 * The amount a record should carry, and where it comes from: `'rows'` when it follows the
 * product rows, `'manual'` when it is the amount as given.
 */
export interface DealAmount {
  readonly amount: Money | undefined;
  readonly taxAmount: Money | undefined;
  readonly source: 'rows' | 'manual';
}

/**
 * A deal's amount follows its product rows unless it is set by hand. When `amountIsManual` is
 * not `true` and there is at least one row, the amount is the rows' total and the tax amount
 * their tax (see {@link computeProductRowsTotal}), in the rows' currency. Otherwise — set by
 * hand, or no rows to follow — the amount and tax amount are kept as given: a deal typed as
 * "5 000 EUR" without products keeps its 5 000 EUR. Invoices and quotes follow the same rule.
 *
 * @param deal - The amount fields of a deal, invoice or quote.
 * @returns The amount and tax amount to store, and whether they came from the rows.
 * @throws {@link CurrencyMismatchError} `CURRENCY_MISMATCH` when the rows are in several
 * currencies; {@link ValidationError} `VALIDATION_FAILED` for an invalid row, `INVALID_ARGUMENT`
 * when `deal` is not an object or its rows not an array.
 *
 * @example
 * ```ts
 * const productRows = [{ name: 'Laptop', price: money('1000.00', 'EUR'), quantity: '2', discount: { rate: '10' }, taxRate: '21' }];
 * computeDealAmount({ amount: money('5000.00', 'EUR'), productRows });
 * //=> { amount: money('2178.00', 'EUR'), taxAmount: money('378.00', 'EUR'), source: 'rows' }
 * computeDealAmount({ amount: money('2000.00', 'EUR'), amountIsManual: true, productRows }).amount; //=> money('2000.00', 'EUR')
 * computeDealAmount({ amount: money('5000.00', 'EUR') });
 * //=> { amount: money('5000.00', 'EUR'), taxAmount: undefined, source: 'manual' }
 * ```
 */
export function computeDealAmount(deal: AmountSource): DealAmount {
  if (typeof deal !== 'object' || (deal as unknown) === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'computeDealAmount reads the amount fields of a record.');
  }
  const rows: unknown = deal.productRows ?? [];
  if (!Array.isArray(rows)) throw new ValidationError('INVALID_ARGUMENT', 'Product rows are an array.');
  const first = (rows as readonly ProductRow[])[0];
  if (deal.amountIsManual === true || first === undefined) {
    return { amount: deal.amount, taxAmount: deal.taxAmount, source: 'manual' };
  }
  // The first row, checked on its own, names the currency every other row must have.
  const totals = computeProductRowsTotal(rows as readonly ProductRow[], computeProductRow(first).total.currency);
  return { amount: totals.total, taxAmount: totals.tax, source: 'rows' };
}
