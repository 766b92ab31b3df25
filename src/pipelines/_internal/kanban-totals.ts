import type { CalendarDate } from '../../kernel/index.js';
import { assertCalendarDate, toCalendarDate, ValidationError } from '../../kernel/index.js';
import type { Money, RateTable, RoundingMode } from '../../money/index.js';
import { convertMoney, getCurrency, ROUNDING_MODES, sumMoney } from '../../money/index.js';

/** How a board converts: resolved once from the options, so every column uses the same rates. */
export interface Conversion {
  readonly currency: string;
  readonly rates: RateTable;
  readonly on: CalendarDate;
  readonly round: RoundingMode;
}

/** The options that choose the totals, as given (unchecked). */
export interface TotalsOptions {
  readonly currency?: unknown;
  readonly rates?: unknown;
  readonly on?: unknown;
  readonly round?: unknown;
}

/** Checks the conversion options: all of `currency`, `rates` and `on`, or none of them. */
export function conversionFrom(options: TotalsOptions): Conversion | undefined {
  const { currency, rates, on, round } = options;
  if (currency === undefined && rates === undefined && on === undefined) {
    if (round !== undefined) throw new ValidationError('INVALID_ARGUMENT', 'buildKanbanBoard: round only applies with currency, rates and on.');
    return undefined;
  }
  if (currency === undefined || rates === undefined || on === undefined) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'buildKanbanBoard converts totals with currency, rates and on together; give all three or none (for per-currency subtotals).',
    );
  }
  if (typeof currency !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'buildKanbanBoard: currency is an ISO 4217 code.');
  const code = getCurrency(currency).code;
  if (typeof rates !== 'object' || rates === null || typeof (rates as Partial<RateTable>).base !== 'string') {
    throw new ValidationError('INVALID_ARGUMENT', 'buildKanbanBoard: rates is a rate table made by createRateTable.');
  }
  const day = on instanceof Date ? toCalendarDate(on) : assertCalendarDate(on, 'day of the rates (on)');
  const mode = round ?? 'halfUp';
  if (!(ROUNDING_MODES as readonly unknown[]).includes(mode)) {
    throw new ValidationError('INVALID_ARGUMENT', `buildKanbanBoard: round is one of ${ROUNDING_MODES.join(', ')}.`);
  }
  return { currency: code, rates: rates as RateTable, on: day, round: mode as RoundingMode };
}

/** The amount of an item, or `undefined` when it has none (`undefined` or `null`). */
export function amountOf(item: object): Money | undefined {
  const amount: unknown = (item as { amount?: unknown }).amount;
  if (amount === undefined || amount === null) return undefined;
  if (typeof amount !== 'object' || typeof (amount as Partial<Money>).currency !== 'string') {
    throw new ValidationError('INVALID_AMOUNT', 'An item amount is money: { amount, currency }.');
  }
  return amount as Money;
}

/** Per-currency subtotals, one per currency, sorted by code; each summed exactly by sumMoney. */
export function subtotalsOf(amounts: readonly Money[]): readonly Money[] {
  const byCurrency = new Map<string, Money[]>();
  for (const amount of amounts) {
    const list = byCurrency.get(amount.currency);
    if (list === undefined) byCurrency.set(amount.currency, [amount]);
    else list.push(amount);
  }
  // Stryker disable next-line ArrayDeclaration: every key has a list, so the fallback is never read
  return [...byCurrency.keys()].sort().map((currency) => sumMoney(byCurrency.get(currency) ?? [], currency));
}

/**
 * The total of per-currency subtotals in the board currency: each subtotal converted (and rounded)
 * once, then summed; so a column's total is the same whether its amounts were summed here or by
 * the store.
 */
export function convertedTotalOf(subtotals: readonly Money[], conversion: Conversion): Money {
  const { currency, rates, on, round } = conversion;
  return sumMoney(
    subtotals.map((amount) => convertMoney(amount, currency, rates, { on, round })),
    currency,
  );
}
