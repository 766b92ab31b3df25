import type { CalendarDate } from '../kernel/index.js';
import { invalidArgument, isCalendarDate, isPlainRecord } from '../kernel/index.js';
import type { Money, RateTable } from '../money/index.js';
import { multiplyMoney, roundMoney, sumMoney } from '../money/index.js';
import type { ForecastCategory, Pipeline } from '../pipelines/index.js';
import { FORECAST_CATEGORIES } from '../pipelines/index.js';
import type { CurrencySettings } from './_internal/inputs.js';
import { hasAmountAndProbability, readCurrencySettings } from './_internal/inputs.js';
import type { PeriodKeyOptions, PeriodUnit } from './period-key.js';
import { PERIOD_UNITS, periodKey } from './period-key.js';
import type { RatePolicy, RateUsed, Unconverted } from './report-currency.js';
import { Converter } from './report-currency.js';
import type { ReportPeriod } from './report-period.js';
import { checkPeriod, isDayInPeriod } from './report-period.js';
import type { MetricsDeal } from './sales-metrics.js';

/** What a forecast reads of a deal: the sales metrics' fields and the day it is expected to close. */
export interface ForecastDeal extends MetricsDeal {
  readonly expectedCloseDate?: CalendarDate | undefined;
}

/** Options of {@link forecast}. */
export interface ForecastOptions {
  readonly pipelines: readonly Pipeline[];
  readonly currency: string;
  readonly rates: RateTable;
  /** Open deals convert at the report date's rates, or with `fixedRates`. */
  readonly policy?: RatePolicy | undefined;
  readonly reportDate: CalendarDate;
  /** The closing periods to forecast, by unit. */
  readonly unit: PeriodUnit;
  /** For weeks: the day they start on; default Monday. */
  readonly weekStartsOn?: PeriodKeyOptions['weekStartsOn'];
  /** Only deals expected to close on one of these days; every dated deal without it. */
  readonly period?: ReportPeriod | undefined;
}

/** Expected revenue of some open deals. */
export interface ForecastFigures {
  readonly deals: number;
  /** Their amounts, in the report currency. */
  readonly amount: Money;
  /** Each amount times its deal's probability. */
  readonly weighted: Money;
  /** By the forecast category of the deals' stages (`pipeline` for a stage without one), in category order. */
  readonly byCategory: readonly ({ readonly category: ForecastCategory } & Omit<ForecastFigures, 'byCategory'>)[];
}

/** A forecast by closing period. */
export interface Forecast {
  readonly currency: string;
  /** By closing period, in time order (keys of `periodKey`). */
  readonly periods: readonly { readonly key: string; readonly figures: ForecastFigures }[];
  readonly total: ForecastFigures;
  /** Open deals without an expected close date: not in any period, nor in the total. */
  readonly undated: ForecastFigures;
  readonly ratesUsed: readonly RateUsed[];
  readonly unconverted: readonly Unconverted[];
}

interface Row {
  readonly key: string | undefined;
  readonly category: ForecastCategory;
  readonly amount: Money | undefined;
  readonly weighted: Money | undefined;
}

/**
 * Expected revenue by closing period, from the open deals (those in a process stage): their
 * amounts and their amounts weighted by probability, in the report currency (converted at the
 * report date, or with `fixedRates`), per period of their expected close date and per forecast
 * category of their stage. As in every report, each amount is converted once, so the periods add up
 * to the total exactly, and an amount without a rate is counted but listed apart.
 *
 * @param deals - The deals (closed ones and those of other pipelines are left out).
 * @param options - Pipelines, currency, rates and policy, report date, unit, and optionally the period.
 * @returns The forecast.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed options or deals.
 *
 * @example
 * ```ts
 * const rates = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.90', from: '2026-01-01' }] });
 * const open = (id: string, stageId: string, probability: number, amount: Money, expectedCloseDate: string) => ({ id, pipelineId: 'default', stageId, probability, amount, expectedCloseDate, createdAt: new Date('2026-03-01T09:00:00Z') });
 * const deals = [
 *   open('1', 'PROPOSAL', 50, money('1000.00', 'EUR'), '2026-04-10'),
 *   open('2', 'NEGOTIATION', 80, money('2000.00', 'USD'), '2026-04-28'),
 *   open('3', 'NEW', 10, money('500.00', 'EUR'), '2026-05-15'),
 * ];
 * const result = forecast(deals, { pipelines: [DEFAULT_DEAL_PIPELINE], currency: 'EUR', rates, reportDate: '2026-03-31', unit: 'month' });
 * result.periods.map(({ key, figures }) => `${key} ${figures.amount.amount} (${figures.weighted.amount} weighted)`); //=> ['2026-04 2800.00 (1940.00 weighted)', '2026-05 500.00 (50.00 weighted)']
 * result.total.byCategory.map((row) => `${row.category} ${row.weighted.amount}`); //=> ['omitted 0.00', 'pipeline 50.00', 'best-case 500.00', 'commit 1440.00', 'closed 0.00']
 * ```
 */
export function forecast(deals: readonly ForecastDeal[], options: ForecastOptions): Forecast {
  const { pipelines, currency, rates, policy, reportDate, unit, weekStartsOn, period } = readOptions(options);
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(deals)) throw invalidArgument('forecast takes a list of deals.');
  const categories = new Map<string, Map<string, ForecastCategory | undefined>>(pipelines.map((pipeline) => [pipeline.id, new Map(pipeline.stages.filter((stage) => stage.semantic === 'process').map((stage) => [stage.id, stage.forecastCategory]))]));
  const converter = new Converter(currency, rates, policy);
  const rows: Row[] = [];
  for (const deal of deals as readonly unknown[]) {
    const checked = readDeal(deal);
    const stages = categories.get(checked.pipelineId);
    if (!stages?.has(checked.stageId)) continue;
    const day = checked.expectedCloseDate;
    if (day !== undefined && period !== undefined && !isDayInPeriod(day, period)) continue;
    const key = day === undefined ? undefined : periodKey(new Date(`${day}T00:00:00Z`), unit, { timeZone: 'UTC', ...(weekStartsOn === undefined ? {} : { weekStartsOn }) });
    const amount = checked.amount === undefined ? undefined : converter.convert(checked.amount, reportDate);
    const weighted = amount === undefined ? undefined : roundMoney(multiplyMoney(amount, String((checked.probability ?? 0) / 100)));
    rows.push({ key, category: stages.get(checked.stageId) ?? 'pipeline', amount, weighted });
  }
  const dated = rows.filter((row) => row.key !== undefined);
  const keys = [...new Set(dated.flatMap((row) => (row.key === undefined ? [] : [row.key])))].sort();
  return {
    currency,
    periods: keys.map((key) => ({ key, figures: figuresOf(dated.filter((row) => row.key === key), currency) })),
    total: figuresOf(dated, currency),
    undated: figuresOf(rows.filter((row) => row.key === undefined), currency),
    ratesUsed: converter.ratesUsed(),
    unconverted: converter.unconverted(),
  };
}

function figuresOf(rows: readonly Row[], currency: string): ForecastFigures {
  const plain = (list: readonly Row[]): Omit<ForecastFigures, 'byCategory'> => ({
    deals: list.length,
    amount: sumMoney(list.flatMap((row) => (row.amount === undefined ? [] : [row.amount])), currency),
    weighted: sumMoney(list.flatMap((row) => (row.weighted === undefined ? [] : [row.weighted])), currency),
  });
  return { ...plain(rows), byCategory: FORECAST_CATEGORIES.map((category) => ({ category, ...plain(rows.filter((row) => row.category === category)) })) };
}

function readOptions(options: ForecastOptions): ForecastOptions & CurrencySettings {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw invalidArgument('forecast takes options { pipelines, currency, rates, policy?, reportDate, unit, weekStartsOn?, period? }.');
  const settings = readCurrencySettings(options);
  // Stryker disable next-line StringLiteral: message text
  if (!(PERIOD_UNITS as readonly unknown[]).includes(options.unit)) throw invalidArgument(`unit is one of ${PERIOD_UNITS.join(', ')}.`);
  if (options.period !== undefined) checkPeriod(options.period);
  return { ...options, ...settings };
}

function readDeal(deal: unknown): ForecastDeal {
  const ok =
    isPlainRecord(deal) &&
    typeof deal.pipelineId === 'string' &&
    typeof deal.stageId === 'string' &&
    (deal.expectedCloseDate === undefined || isCalendarDate(deal.expectedCloseDate)) &&
    hasAmountAndProbability(deal);
  // Stryker disable next-line StringLiteral: message text
  if (!ok) throw invalidArgument('A deal of a forecast has its pipelineId and stageId, and when set an expectedCloseDate (YYYY-MM-DD), a probability from 0 to 100 and an amount.');
  return deal as unknown as ForecastDeal;
}
