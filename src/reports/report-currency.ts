// Amounts into a report's currency, as every report converts them: once each, with the rates of
// the day the policy names, rounded to the report currency; the rates used remembered, and amounts
// without a rate kept apart in their own currency (never summed as they are).
import type { CalendarDate } from '../kernel/index.js';
import { invalidArgument, isCrmError, isPlainRecord } from '../kernel/index.js';
import type { Money, RateTable } from '../money/index.js';
import { convertMoney, money, sumMoney } from '../money/index.js';

/**
 * Which rates turn each amount into the report currency: the rates of the day a deal closed (open
 * deals: of the report date), those of the report date for every deal, or a table of the host's
 * own (read on the report date).
 */
export type RatePolicy =
  | { readonly kind: 'rateOnCloseDate' }
  | { readonly kind: 'rateOnReportDate' }
  | { readonly kind: 'fixedRates'; readonly rates: RateTable };

/** A rate a report used: what 1 unit of `currency` converted to, and on which day. */
export interface RateUsed {
  readonly currency: string;
  readonly on: CalendarDate;
  /** What 1 unit converted to, at most 6 decimals, for display. */
  readonly value: string;
}

/** An amount a report could not convert, by currency. */
export interface Unconverted {
  readonly currency: string;
  readonly deals: number;
  readonly amount: Money;
}

/** Converts a report's amounts and remembers what it used and what it could not convert (internal to the reports). */
export class Converter {
  readonly #currency: string;
  readonly #table: RateTable;
  readonly #used = new Map<string, RateUsed>();
  readonly #apart = new Map<string, { deals: number; amount: Money }>();

  constructor(currency: string, rates: RateTable, policy: RatePolicy) {
    this.#currency = currency;
    this.#table = policy.kind === 'fixedRates' ? policy.rates : rates;
  }

  /** The amount in the report currency with the rates of `on`, or `undefined` (kept apart) without a rate. */
  convert(amount: Money, on: CalendarDate): Money | undefined {
    try {
      const converted = convertMoney(amount, this.#currency, this.#table, { on });
      const key = `${amount.currency} ${on}`;
      if (amount.currency !== this.#currency && !this.#used.has(key)) {
        this.#used.set(key, { currency: amount.currency, on, value: convertMoney(money('1', amount.currency), this.#currency, this.#table, { on, scale: 6 }).amount });
      }
      return converted;
    } catch (error) {
      if (!isCrmError(error, 'NO_RATE')) throw error;
      // A running sum, so that a stream of unconvertible amounts keeps no list of them.
      const apart = this.#apart.get(amount.currency);
      if (apart === undefined) this.#apart.set(amount.currency, { deals: 1, amount: sumMoney([amount], amount.currency) });
      else {
        apart.deals++;
        apart.amount = sumMoney([apart.amount, amount], amount.currency);
      }
      return undefined;
    }
  }

  /** The rates used, by currency and day. */
  ratesUsed(): RateUsed[] {
    return [...this.#used.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.on < b.on ? -1 : 1));
  }

  /** The amounts kept apart, by currency. */
  unconverted(): Unconverted[] {
    return [...this.#apart].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, apart]) => ({ currency, ...apart }));
  }
}

/** A rate policy as given, checked (default `rateOnCloseDate`). */
export function readPolicy(policy: unknown): RatePolicy {
  const given = policy ?? { kind: 'rateOnCloseDate' };
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given) || !['rateOnCloseDate', 'rateOnReportDate', 'fixedRates'].includes(given.kind as string) || (given.kind === 'fixedRates' && !isPlainRecord(given.rates))) throw invalidArgument('policy is { kind: rateOnCloseDate }, { kind: rateOnReportDate } or { kind: fixedRates, rates }.');
  return given as unknown as RatePolicy;
}
