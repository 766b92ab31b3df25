import type { CalendarDate } from '../kernel/index.js';
import { invalidArgument, isPlainRecord, toCalendarDate } from '../kernel/index.js';
import type { Money, RateTable } from '../money/index.js';
import { moneyFromMinor, multiplyMoney, roundMoney, sumMoney, toMinorUnits } from '../money/index.js';
import type { Pipeline } from '../pipelines/index.js';
import type { RatePolicy, RateUsed, Unconverted } from './report-currency.js';
import { Converter } from './report-currency.js';
import type { CurrencySettings } from './_internal/inputs.js';
import { durationsOf, hasAmountAndProbability, readCurrencySettings } from './_internal/inputs.js';

/** What the sales metrics read of a deal (a stored deal has all of it). */
export interface MetricsDeal {
  readonly id: string;
  readonly pipelineId: string;
  readonly stageId: string;
  readonly createdAt: Date;
  readonly closedAt?: Date | undefined;
  readonly amount?: Money | undefined;
  /** 0–100. */
  readonly probability?: number | undefined;
}

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

/** Figures of a set of deals, every amount in the report currency. */
export interface SalesFigures {
  readonly won: { readonly count: number; readonly amount: Money };
  readonly lost: { readonly count: number; readonly amount: Money };
  readonly open: { readonly count: number; readonly amount: Money; readonly weighted: Money };
  /** Won over won and lost; `null` without closed deals. */
  readonly winRate: number | null;
  /** The won amount over the won deals whose amount was converted; `null` without any. */
  readonly averageDealSize: Money | null;
  /** From creation to close of the won deals, in milliseconds; `null` without any. */
  readonly cycle: { readonly meanMs: number | null; readonly medianMs: number | null };
}

/** The sales metrics of a set of deals. */
export interface SalesMetrics {
  readonly currency: string;
  readonly total: SalesFigures;
  /** By group, in order of their keys; the groups add up to the total exactly. */
  readonly groups: readonly { readonly key: string; readonly figures: SalesFigures }[];
  /** Per original currency, the amounts before conversion (those converted and those not). */
  readonly byCurrency: readonly { readonly currency: string; readonly won: Money; readonly lost: Money; readonly open: Money }[];
  readonly ratesUsed: readonly RateUsed[];
  /** Amounts that had no rate on their day: counted in the deal counts, never in the converted sums. */
  readonly unconverted: readonly Unconverted[];
}

type Outcome = 'won' | 'lost' | 'open';

interface Row {
  readonly outcome: Outcome;
  readonly group: string;
  /** In the report currency; undefined without an amount or a rate. */
  readonly converted: Money | undefined;
  readonly weighted: Money | undefined;
  readonly cycleMs: number | undefined;
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
 * @param deals - The deals.
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
export function salesMetrics<D extends MetricsDeal>(deals: readonly D[], options: SalesMetricsOptions<D>): SalesMetrics {
  const { pipelines, currency, rates, policy, reportDate, groupBy } = readOptions(options);
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(deals)) throw invalidArgument('salesMetrics takes a list of deals.');
  const outcomes = new Map<string, Map<string, Outcome>>(pipelines.map((pipeline) => [pipeline.id, new Map(pipeline.stages.map((stage) => [stage.id, stage.semantic === 'success' ? 'won' : stage.semantic === 'failure' ? 'lost' : 'open']))]));
  const converter = new Converter(currency, rates, policy);
  const original = new Map<string, { won: Money[]; lost: Money[]; open: Money[] }>();
  const rows: Row[] = [];
  for (const deal of deals as readonly unknown[]) {
    const checked = readDeal(deal);
    const outcome = outcomes.get(checked.pipelineId)?.get(checked.stageId);
    if (outcome === undefined) continue;
    const group = groupBy === undefined ? '' : groupBy(deal as D);
    // Stryker disable next-line StringLiteral: message text
    if (typeof group !== 'string') throw invalidArgument('groupBy returns a text for each deal.');
    let converted: Money | undefined;
    const { amount } = checked;
    if (amount !== undefined) {
      const kept = original.get(amount.currency) ?? { won: [], lost: [], open: [] };
      kept[outcome].push(amount);
      original.set(amount.currency, kept);
      const on = policy.kind === 'rateOnCloseDate' && outcome !== 'open' && checked.closedAt !== undefined ? toCalendarDate(checked.closedAt) : reportDate;
      converted = converter.convert(amount, on);
    }
    const probability = checked.probability ?? 0;
    const weighted = converted === undefined || outcome !== 'open' ? undefined : roundMoney(multiplyMoney(converted, String(probability / 100)));
    const cycleMs = outcome === 'won' && checked.closedAt !== undefined ? Math.max(0, checked.closedAt.getTime() - checked.createdAt.getTime()) : undefined;
    rows.push({ outcome, group, converted, weighted, cycleMs });
  }
  const keys = [...new Set(rows.map((row) => row.group))].sort();
  return {
    currency,
    total: figuresOf(rows, currency),
    groups: groupBy === undefined ? [] : keys.map((key) => ({ key, figures: figuresOf(rows.filter((row) => row.group === key), currency) })),
    byCurrency: [...original].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, kept]) => ({ currency: code, won: sumMoney(kept.won, code), lost: sumMoney(kept.lost, code), open: sumMoney(kept.open, code) })),
    ratesUsed: converter.ratesUsed(),
    unconverted: converter.unconverted(),
  };
}

function figuresOf(rows: readonly Row[], currency: string): SalesFigures {
  const of = (outcome: Outcome): Row[] => rows.filter((row) => row.outcome === outcome);
  const total = (list: readonly (Money | undefined)[]): Money => sumMoney(list.filter((amount): amount is Money => amount !== undefined), currency);
  const [won, lost, open] = [of('won'), of('lost'), of('open')];
  const wonAmount = total(won.map((row) => row.converted));
  const convertedWon = won.filter((row) => row.converted !== undefined).length;
  const cycles = won.flatMap((row) => (row.cycleMs === undefined ? [] : [row.cycleMs]));
  return {
    won: { count: won.length, amount: wonAmount },
    lost: { count: lost.length, amount: total(lost.map((row) => row.converted)) },
    open: { count: open.length, amount: total(open.map((row) => row.converted)), weighted: total(open.map((row) => row.weighted)) },
    winRate: won.length + lost.length === 0 ? null : won.length / (won.length + lost.length),
    averageDealSize: convertedWon === 0 ? null : average(wonAmount, convertedWon),
    cycle: durationsOf(cycles),
  };
}

// An amount over a count, in whole minor units, half away from zero: exact, with no float step.
function average(total: Money, count: number): Money {
  const units = toMinorUnits(total);
  const n = BigInt(count);
  const sign = units < 0n ? -1n : 1n;
  const size = units * sign;
  const rounded = size / n + (2n * (size % n) >= n ? 1n : 0n);
  return moneyFromMinor(rounded * sign, total.currency);
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
  const valid = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
  const ok =
    isPlainRecord(deal) &&
    typeof deal.id === 'string' &&
    typeof deal.pipelineId === 'string' &&
    typeof deal.stageId === 'string' &&
    valid(deal.createdAt) &&
    (deal.closedAt === undefined || valid(deal.closedAt)) &&
    hasAmountAndProbability(deal);
  // Stryker disable next-line StringLiteral: message text
  if (!ok) throw invalidArgument('A deal of a report has its id, pipelineId, stageId and createdAt, and when set a valid closedAt, a probability from 0 to 100 and an amount.');
  return deal as unknown as MetricsDeal;
}
