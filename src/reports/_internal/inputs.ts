// What every report checks in what it is given, and the durations it summarises: one place, so that
// the funnels, the sales metrics and the forecast refuse the same things with the same words.
import type { CalendarDate } from '../../kernel/index.js';
import { invalidArgument, isCalendarDate, isPlainRecord } from '../../kernel/index.js';
import type { RateTable } from '../../money/index.js';
import { getCurrency } from '../../money/index.js';
import type { Pipeline } from '../../pipelines/index.js';
import { checkPipeline } from '../../pipelines/index.js';
import type { RatePolicy } from '../report-currency.js';
import { readPolicy } from '../report-currency.js';

/** A pipeline a report was given, checked. */
export function checkedPipeline(pipeline: unknown): Pipeline {
  const result = checkPipeline(pipeline);
  // Stryker disable next-line StringLiteral: message text
  if (!result.success) throw invalidArgument('A pipeline of the report is not a valid pipeline.');
  return result.data;
}

/** The settings of a report in one currency. */
export interface CurrencySettings {
  readonly pipelines: readonly Pipeline[];
  readonly currency: string;
  readonly rates: RateTable;
  readonly policy: RatePolicy;
  readonly reportDate: CalendarDate;
}

/** The pipelines, currency, rates, policy and report date of a report's options, checked. */
export function readCurrencySettings(options: Readonly<Record<string, unknown>>): CurrencySettings {
  const { pipelines, currency, rates, reportDate } = options;
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(pipelines)) throw invalidArgument('pipelines is the list of pipelines the deals are in.');
  // Stryker disable next-line StringLiteral: message text
  if (typeof currency !== 'string') throw invalidArgument('currency is the report currency, an ISO 4217 code.');
  getCurrency(currency);
  // Stryker disable next-line StringLiteral: message text
  if (!isCalendarDate(reportDate)) throw invalidArgument('reportDate is the day of the report, YYYY-MM-DD.');
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(rates)) throw invalidArgument('rates is a rate table, from createRateTable.');
  return { pipelines: pipelines.map(checkedPipeline), currency, rates: rates as unknown as RateTable, policy: readPolicy(options.policy), reportDate };
}

/** Whether a deal's probability (0–100) and amount, when set, are of the right shape. */
export function hasAmountAndProbability(deal: Readonly<Record<string, unknown>>): boolean {
  const { probability, amount } = deal;
  return (
    (probability === undefined || (typeof probability === 'number' && probability >= 0 && probability <= 100)) &&
    (amount === undefined || (isPlainRecord(amount) && typeof amount.amount === 'string' && typeof amount.currency === 'string'))
  );
}

/** The mean and median of durations in milliseconds, `null` without any. */
export function durationsOf(values: readonly number[]): { readonly meanMs: number | null; readonly medianMs: number | null } {
  if (values.length === 0) return { meanMs: null, medianMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { meanMs: sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length, medianMs };
}

/** Whether a value is an object that can be iterated synchronously (a list, a set, a generator). */
export function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

/** Whether a value is an object that can be iterated with `for await` (a stream, an async generator). */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}
