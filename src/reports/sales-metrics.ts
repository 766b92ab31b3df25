import type { CalendarDate } from '../kernel/index.js';
import { invalidArgument, isInstant, isPlainRecord } from '../kernel/index.js';
import type { RateTable } from '../money/index.js';
import type { Pipeline } from '../pipelines/index.js';
import type { RatePolicy, RateUsed, Unconverted } from './report-currency.js';
import type { CurrencySubtotal, MetricsDeal, SalesFigures } from './_internal/figures.js';
import { FiguresFold } from './_internal/figures.js';
import type { CurrencySettings } from './_internal/inputs.js';
import { hasAmountAndProbability, isIterable, readCurrencySettings } from './_internal/inputs.js';

export type { CurrencySubtotal, MetricsDeal, SalesFigures } from './_internal/figures.js';

/** Options of {@link salesMetrics}. */
export interface SalesMetricsOptions<D extends MetricsDeal = MetricsDeal> {
  /** The pipelines the deals are in: their stages say which deals are won, lost or open. */
  readonly pipelines: readonly Pipeline[];
  /** The report currency. */
  readonly currency: string;
  /** The dated rates (from `createRateTable`); not read with `fixedRates`. */
  readonly rates: RateTable;
  /** Default `rateOnCloseDate`. */
  readonly policy?: RatePolicy | undefined;
  /** The day the report is made: the rates of open deals (and of every deal with `rateOnReportDate`). */
  readonly reportDate: CalendarDate;
  /** The group of a deal (`''` for none); without it, one group holds every deal. */
  readonly groupBy?: ((deal: D) => string) | undefined;
}

/** The sales metrics of a set of deals. */
export interface SalesMetrics {
  readonly currency: string;
  readonly total: SalesFigures;
  /** By group, in order of their keys; the groups add up to the total exactly. */
  readonly groups: readonly { readonly key: string; readonly figures: SalesFigures }[];
  /** Per original currency, the amounts before conversion (those converted and those not). */
  readonly byCurrency: readonly CurrencySubtotal[];
  readonly ratesUsed: readonly RateUsed[];
  /** Amounts that had no rate on their day: counted in the deal counts, never in the converted sums. */
  readonly unconverted: readonly Unconverted[];
}

/**
 * Won, lost and open deals, their amounts in the report currency, win rate, average deal size,
 * sales cycle and the pipeline weighted by probability, in total and per group. Each amount is
 * converted once, with the rates the policy names, and rounded to the report currency; the
 * groups' figures therefore add up to the total exactly. An amount whose currency has no rate on
 * its day is never summed as it is: its deal is counted, and its amount is listed in
 * `unconverted`. A deal is won or lost by the semantic of its stage in its pipeline; deals of
 * other pipelines are left out.
 *
 * @param deals - The deals (any iterable).
 * @param options - Pipelines, currency, rates and policy, report date, grouping.
 * @returns The metrics.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed options or deals;
 * {@link UnknownCurrencyError} for an unknown report currency.
 *
 * @example
 * ```ts
 * const rates = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.90', from: '2026-01-01' }, { currency: 'USD', amount: '0.95', from: '2026-03-01' }] });
 * const deal = (id: string, stageId: string, amount: string, currency: string, closedAt?: string) => ({
 *   id, pipelineId: 'default', stageId, probability: 50, createdAt: new Date('2026-01-05T09:00:00Z'), amount: money(amount, currency),
 *   ...(closedAt === undefined ? {} : { closedAt: new Date(closedAt) }),
 * });
 * const deals = [deal('1', 'WON', '1000.00', 'USD', '2026-02-10T12:00:00Z'), deal('2', 'WON', '500.00', 'EUR', '2026-03-10T12:00:00Z'), deal('3', 'LOST', '300.00', 'EUR', '2026-03-20T12:00:00Z'), deal('4', 'PROPOSAL', '2000.00', 'USD')];
 * const report = salesMetrics(deals, { pipelines: [DEFAULT_DEAL_PIPELINE], currency: 'EUR', rates, reportDate: '2026-03-31' });
 * // The won USD deal at February's rate, the open one at the report date's:
 * [report.total.won.amount.amount, report.total.open.amount.amount, report.total.open.weighted.amount]; //=> ['1400.00', '1900.00', '950.00']
 * [report.total.winRate, report.total.averageDealSize?.amount]; //=> [2 / 3, '700.00']
 * report.ratesUsed.map((rate) => `${rate.currency} ${rate.on} ${rate.value}`); //=> ['USD 2026-02-10 0.90', 'USD 2026-03-31 0.95']
 * ```
 */
export function salesMetrics<D extends MetricsDeal>(deals: Iterable<D>, options: SalesMetricsOptions<D>): SalesMetrics {
  const settings = readOptions(options);
  const { groupBy } = settings;
  // Stryker disable next-line StringLiteral: message text
  if (!isIterable(deals)) throw invalidArgument('salesMetrics takes a list of deals.');
  const fold = new FiguresFold(settings, groupBy === undefined ? 0 : 1);
  for (const deal of deals) {
    const checked = readDeal(deal);
    const outcome = fold.outcomeOf(checked);
    if (outcome === undefined) continue;
    const group = groupBy === undefined ? '' : groupBy(deal);
    // Stryker disable next-line StringLiteral: message text
    if (typeof group !== 'string') throw invalidArgument('groupBy returns a text for each deal.');
    fold.add(checked, outcome, groupBy === undefined ? [] : [group]);
  }
  return {
    currency: settings.currency,
    total: fold.total(),
    groups: groupBy === undefined ? [] : fold.groups(0),
    byCurrency: fold.byCurrency(),
    ratesUsed: fold.ratesUsed(),
    unconverted: fold.unconverted(),
  };
}

function readOptions<D extends MetricsDeal>(options: SalesMetricsOptions<D>): CurrencySettings & { readonly groupBy: ((deal: D) => string) | undefined } {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw invalidArgument('salesMetrics takes options { pipelines, currency, rates, policy?, reportDate, groupBy? }.');
  const { groupBy } = options;
  // Stryker disable next-line StringLiteral: message text
  if (groupBy !== undefined && typeof groupBy !== 'function') throw invalidArgument('groupBy is a function from a deal to its group.');
  return { ...readCurrencySettings(options), groupBy };
}

function readDeal(deal: unknown): MetricsDeal {
  const ok =
    isPlainRecord(deal) &&
    typeof deal.id === 'string' &&
    typeof deal.pipelineId === 'string' &&
    typeof deal.stageId === 'string' &&
    isInstant(deal.createdAt) &&
    (deal.closedAt === undefined || isInstant(deal.closedAt)) &&
    hasAmountAndProbability(deal);
  // Stryker disable next-line StringLiteral: message text
  if (!ok) throw invalidArgument('A deal of a report has its id, pipelineId, stageId and createdAt, and when set a valid closedAt, a probability from 0 to 100 and an amount.');
  return deal as unknown as MetricsDeal;
}
