import type { CalendarDate } from '../kernel/index.js';
import { invalidArgument, isInstant, isPlainRecord } from '../kernel/index.js';
import type { RateTable } from '../money/index.js';
import type { Pipeline } from '../pipelines/index.js';
import type { CurrencySubtotal, FoldDeal, MetricsDeal, SalesFigures } from './_internal/figures.js';
import { FiguresFold } from './_internal/figures.js';
import { hasAmountAndProbability, isAsyncIterable, isIterable, readCurrencySettings } from './_internal/inputs.js';
import type { Funnel, FunnelDeal, StageTime } from './funnels.js';
import { checkFunnelDeal, FunnelFold } from './funnels.js';
import type { PeriodKeyOptions, PeriodUnit } from './period-key.js';
import { checkWeekStart, PERIOD_UNITS, periodKeyer } from './period-key.js';
import type { RatePolicy, RateUsed, Unconverted } from './report-currency.js';
import type { PeriodBounds, ReportPeriod } from './report-period.js';
import { checkPeriod, isDayInPeriod, periodBounds } from './report-period.js';
import type { PeriodActivity, PeriodDeal } from './reporting-period.js';
import { dealForgotten, dealInPeriod, FORGOTTEN_TAXONOMY, hadActivityIn, hasPeriodDates, within, workedIn } from './reporting-period.js';

/** A list, a generator, or a stream (a store's `stream`, an async generator): read once, in order. */
export type ReportSource<T> = Iterable<T> | AsyncIterable<T>;

/** What a sales report reads of a deal: a stored deal has all of it, and its `history` comes from the event log. */
export interface ReportDeal extends MetricsDeal, FunnelDeal, PeriodDeal {
  /** The responsible person: what the `responsible` grouping reads. */
  readonly assignedById?: string | undefined;
  /** What the `source` grouping reads. */
  readonly source?: string | undefined;
  readonly custom?: Readonly<Record<string, unknown>> | undefined;
}

/** An activity as a sales report reads it: when it happened, and the deals it is bound to. */
export interface ReportActivity extends PeriodActivity {
  /** The records the activity is bound to; those of entity type `deal` are the deals it counts for. */
  readonly bindings?: readonly { readonly entityType: string; readonly id: string }[] | undefined;
}

/** An invoice as a sales report reads it: the deal it was issued for, and the day. */
export interface ReportInvoice {
  readonly dealId?: string | undefined;
  readonly issueDate?: string | undefined;
}

/** What a sales report reads: the deals, and the activities and invoices that decide which deals count and which are forgotten. */
export interface SalesReportInput {
  readonly deals: ReportSource<ReportDeal>;
  /** Activities bound to the deals (any others are passed over). Without them, no deal closed before the period counts through activity, and none is remembered by activity. */
  readonly activities?: ReportSource<ReportActivity> | undefined;
  readonly invoices?: ReportSource<ReportInvoice> | undefined;
}

/**
 * How a report groups its deals. `stage` groups by `pipelineId:stageId`, `pipeline` by pipeline,
 * `responsible` by `assignedById`, `source` by `source`; `{ field }` by the value of any field (a
 * standard field's code, or `custom.<code>`), written as text (a list's values joined by `, `);
 * `{ unit, of }` by the day, week, month, quarter or year of `closedAt` (the default) or
 * `createdAt`, on the period's time zone. A deal without the value is in the group `''`.
 */
export type ReportGrouping = 'stage' | 'pipeline' | 'responsible' | 'source' | { readonly field: string } | { readonly unit: PeriodUnit; readonly of?: 'closedAt' | 'createdAt' | undefined };

/** Options of {@link salesReport}. */
export interface SalesReportOptions {
  /** The reporting period: days in a time zone. */
  readonly period: ReportPeriod;
  readonly pipelines: readonly Pipeline[];
  /** The report currency. */
  readonly currency: string;
  readonly rates: RateTable;
  /** Default `rateOnCloseDate`. */
  readonly policy?: RatePolicy | undefined;
  readonly reportDate: CalendarDate;
  readonly groupBy?: readonly ReportGrouping[] | undefined;
  /** The activity types whose completion keeps a deal remembered; default {@link FORGOTTEN_TAXONOMY}. */
  readonly taxonomy?: readonly string[] | undefined;
  /** For weeks: the day they start on, 0 (Sunday) to 6; default 1 (Monday). */
  readonly weekStartsOn?: PeriodKeyOptions['weekStartsOn'];
  /** The instant stays still going are measured to in `timeInStages`; without it they are left out. */
  readonly asOf?: Date | undefined;
  /** Stops the report: it rejects with the signal's reason. */
  readonly signal?: { readonly aborted: boolean; readonly reason?: unknown } | undefined;
}

/** The funnels of one pipeline, over the deals of the period. */
export interface PipelineFunnels {
  readonly pipelineId: string;
  readonly classic: Funnel;
  readonly conversion: Funnel;
  readonly timeInStages: readonly StageTime[];
}

/** A sales report: the deals of a period, their figures in the report currency, grouped, and their funnels. */
export interface SalesReport {
  readonly currency: string;
  readonly period: ReportPeriod;
  readonly deals: {
    /** Deals read. */
    readonly read: number;
    /** Deals of the pipelines that count in the period: those every figure below is of. */
    readonly inPeriod: number;
    /** In-progress deals of the period that were forgotten in it. */
    readonly forgotten: number;
  };
  readonly total: SalesFigures;
  /** One entry per grouping asked, in order; each one's groups add up to the total exactly. */
  readonly groupings: readonly { readonly by: ReportGrouping; readonly groups: readonly { readonly key: string; readonly figures: SalesFigures }[] }[];
  /** One entry per pipeline, in the order given. */
  readonly funnels: readonly PipelineFunnels[];
  readonly byCurrency: readonly CurrencySubtotal[];
  readonly ratesUsed: readonly RateUsed[];
  readonly unconverted: readonly Unconverted[];
}

const CHECK_EVERY = 1024;

/**
 * A whole sales report in one pass: which deals count in the period (created, modified or closed
 * in it, closed before it with activity in it, or still in progress), how many of those in
 * progress were forgotten, won, lost and open counts and amounts, win rate, average deal size,
 * sales cycle and the weighted pipeline, in total and per grouping, and both funnels and the time
 * in stages of every pipeline. Activities and invoices are read first, keeping only which deals
 * had activity, work or an invoice in the period; then each deal is read once and folded into
 * counts and sums. Nothing keeps the records, so the sources can be streams from a store of any
 * size: memory grows with the deals touched in the period (a set of ids), the groups, and one
 * number per won deal and per stay (for medians).
 *
 * Amounts follow {@link salesMetrics}: each converted once with the policy's rates, rounded to the
 * report currency, so every grouping's groups add up to the total exactly; amounts without a rate
 * are counted apart, never summed raw.
 *
 * @param input - The deals, and the activities and invoices bound to them.
 * @param options - Period, pipelines, currency, rates and policy, report date, groupings.
 * @returns The report.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed options, deals, activities or
 * invoices; {@link UnknownCurrencyError} for an unknown report currency; the signal's reason when
 * it aborts.
 *
 * @example
 * ```ts
 * const at = (text: string) => new Date(text);
 * const deal = (id: string, stageId: string, amount: string, assignedById: string, closedAt?: string) => ({
 *   id, pipelineId: 'default', stageId, amount: money(amount, 'EUR'), probability: 40, assignedById,
 *   createdAt: at('2026-02-20T09:00:00Z'), updatedAt: at(closedAt ?? '2026-02-20T09:00:00Z'),
 *   closed: closedAt !== undefined, ...(closedAt === undefined ? {} : { closedAt: at(closedAt) }),
 *   history: [{ pipelineId: 'default', stageId: 'NEW', at: at('2026-02-20T09:00:00Z') }, ...(stageId === 'NEW' ? [] : [{ pipelineId: 'default', stageId, at: at(closedAt ?? '2026-03-02T09:00:00Z') }])],
 * });
 * const deals = [
 *   deal('1', 'WON', '900.00', 'ana', '2026-03-10T12:00:00Z'),
 *   deal('2', 'LOST', '400.00', 'ana', '2026-03-12T12:00:00Z'),
 *   deal('3', 'NEW', '1000.00', 'leo'),
 *   // Won in February: outside March, unless somebody worked on it in March.
 *   deal('4', 'WON', '700.00', 'leo', '2026-02-25T12:00:00Z'),
 * ];
 * const activities = [{ type: 'call', createdAt: at('2026-03-04T10:00:00Z'), completed: true, completedAt: at('2026-03-04T10:15:00Z'), bindings: [{ entityType: 'deal', id: '3' }] }];
 * const report = await salesReport({ deals, activities }, {
 *   period: { from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Madrid' },
 *   pipelines: [DEFAULT_DEAL_PIPELINE], currency: 'EUR', rates: createRateTable({ base: 'EUR', rates: [] }), reportDate: '2026-03-31',
 *   groupBy: ['responsible'],
 * });
 * [report.deals.inPeriod, report.deals.forgotten]; //=> [3, 0]
 * [report.total.winRate, report.total.open.weighted.amount]; //=> [0.5, '400.00']
 * report.groupings[0]?.groups.map((group) => [group.key, group.figures.won.amount.amount, group.figures.open.count]); //=> [['ana', '900.00', 0], ['leo', '0.00', 1]]
 * report.funnels[0]?.conversion.stages.slice(0, 2).map((stage) => stage.deals); //=> [3, 1]
 * ```
 */
export async function salesReport(input: SalesReportInput, options: SalesReportOptions): Promise<SalesReport> {
  const settings = readOptions(options);
  const { period, bounds, groupBy, taxonomy, signal } = settings;
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(input)) throw invalidArgument('salesReport takes { deals, activities?, invoices? }.');
  const touched = new Set<string>();
  const remembered = new Set<string>();
  let read = 0;
  const tick = (): void => {
    if (++read % CHECK_EVERY === 0 && signal?.aborted === true) throw signal.reason;
  };
  if (input.activities !== undefined) {
    await each(input.activities, 'activities', (activity) => {
      tick();
      const checked = readActivity(activity);
      const { bindings } = checked;
      if (bindings === undefined || bindings.length === 0 || !hadActivityIn(checked, bounds)) return;
      const worked = workedIn(checked, bounds, taxonomy);
      for (const binding of bindings) {
        if (binding.entityType !== 'deal') continue;
        touched.add(binding.id);
        if (worked) remembered.add(binding.id);
      }
    });
  }
  if (input.invoices !== undefined) {
    await each(input.invoices, 'invoices', (invoice) => {
      tick();
      // Stryker disable next-line StringLiteral: message text
      if (!isPlainRecord(invoice)) throw invalidArgument('An invoice of a report is { dealId?, issueDate? }.');
      const { dealId, issueDate } = invoice;
      if (typeof dealId === 'string' && typeof issueDate === 'string' && isDayInPeriod(issueDate, period)) remembered.add(dealId);
    });
  }
  const figures = new FiguresFold(settings, groupBy.length);
  const funnels = settings.pipelines.map((pipeline) => new FunnelFold(pipeline, options.asOf));
  const keyers = groupBy.map((grouping) => keyerOf(grouping, settings));
  let deals = 0;
  let inPeriod = 0;
  let forgotten = 0;
  const keys = new Array<string>(keyers.length).fill('');
  await each(input.deals, 'deals', (given) => {
    tick();
    deals++;
    const deal = readDeal(given);
    const outcome = figures.outcomeOf(deal);
    if (outcome === undefined || !dealInPeriod(deal, bounds, () => touched.has(deal.id))) return;
    inPeriod++;
    if (outcome === 'open' && dealForgotten(deal, bounds, () => remembered.has(deal.id) || changedStageIn(deal, bounds))) forgotten++;
    keyers.forEach((keyOf, at) => {
      keys[at] = keyOf(deal);
    });
    figures.add(deal, outcome, keys);
    for (const funnel of funnels) funnel.add(deal);
  });
  return {
    currency: settings.currency,
    period,
    deals: { read: deals, inPeriod, forgotten },
    total: figures.total(),
    groupings: groupBy.map((by, at) => ({ by, groups: figures.groups(at) })),
    funnels: funnels.map((fold) => ({ pipelineId: fold.pipelineId, classic: fold.classic(), conversion: fold.conversion(), timeInStages: fold.timeInStages() })),
    byCurrency: figures.byCurrency(),
    ratesUsed: figures.ratesUsed(),
    unconverted: figures.unconverted(),
  };
}

// The stage changes of a deal are the entries of its history after the first (its creation), or
// its last move when it comes without a history.
function changedStageIn(deal: ReportDeal, bounds: PeriodBounds): boolean {
  const { history } = deal;
  if (history === undefined) return within(deal.movedAt, bounds);
  for (let at = 1; at < history.length; at++) if (within(history[at]?.at, bounds)) return true;
  return false;
}

// The text of a value for a grouping: '' for none, a list's values joined by ', '.
function groupKeyOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Array.isArray(value)) return value.map(groupKeyOf).join(', ');
  if (isPlainRecord(value) && typeof value.amount === 'string' && typeof value.currency === 'string') return `${value.amount} ${value.currency}`;
  if (isPlainRecord(value) && typeof value.value === 'string') return value.value;
  // Records are plain data: anything else left is an object or a list of them, written as JSON.
  return JSON.stringify(value);
}

function keyerOf(grouping: ReportGrouping, settings: { readonly period: ReportPeriod; readonly weekStartsOn: PeriodKeyOptions['weekStartsOn'] }): (deal: ReportDeal) => string {
  if (grouping === 'stage') return (deal) => `${deal.pipelineId}:${deal.stageId}`;
  if (grouping === 'pipeline') return (deal) => deal.pipelineId;
  if (grouping === 'responsible') return (deal) => groupKeyOf(deal.assignedById);
  if (grouping === 'source') return (deal) => groupKeyOf(deal.source);
  if ('field' in grouping) {
    const { field } = grouping;
    if (field.startsWith('custom.')) {
      const code = field.slice('custom.'.length);
      return (deal) => groupKeyOf(deal.custom?.[code]);
    }
    return (deal) => groupKeyOf((deal as unknown as Readonly<Record<string, unknown>>)[field]);
  }
  const keyOf = periodKeyer(grouping.unit, { timeZone: settings.period.timeZone, weekStartsOn: settings.weekStartsOn });
  const of = grouping.of ?? 'closedAt';
  return (deal) => {
    const instant = deal[of];
    return instant === undefined ? '' : keyOf(instant);
  };
}

function readOptions(options: SalesReportOptions) {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw invalidArgument('salesReport takes options { period, pipelines, currency, rates, policy?, reportDate, groupBy?, taxonomy?, weekStartsOn?, asOf?, signal? }.');
  const settings = readCurrencySettings(options);
  const period = checkPeriod(options.period);
  const groupBy: unknown = options.groupBy ?? [];
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(groupBy) || !groupBy.every(isGrouping)) throw invalidArgument('groupBy is a list of stage, pipeline, responsible, source, { field } or { unit, of? }.');
  const taxonomy: unknown = options.taxonomy ?? FORGOTTEN_TAXONOMY;
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(taxonomy) || !taxonomy.every((type) => typeof type === 'string')) throw invalidArgument('taxonomy is a list of activity types.');
  const weekStartsOn = checkWeekStart(options.weekStartsOn);
  const { asOf } = options;
  const signal: unknown = options.signal;
  // Stryker disable next-line StringLiteral: message text
  if (asOf !== undefined && !isInstant(asOf)) throw invalidArgument('asOf is a valid Date.');
  // Stryker disable next-line StringLiteral: message text
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof (signal as { aborted?: unknown }).aborted !== 'boolean')) throw invalidArgument('signal is an AbortSignal.');
  return { ...settings, period, bounds: periodBounds(period), groupBy: groupBy as readonly ReportGrouping[], taxonomy: new Set(taxonomy as readonly string[]), weekStartsOn, signal: signal as SalesReportOptions['signal'] };
}

function isGrouping(value: unknown): value is ReportGrouping {
  if (value === 'stage' || value === 'pipeline' || value === 'responsible' || value === 'source') return true;
  if (!isPlainRecord(value)) return false;
  if (typeof value.field === 'string') return Object.keys(value).length === 1 && value.field !== '';
  return (PERIOD_UNITS as readonly unknown[]).includes(value.unit) && (value.of === undefined || value.of === 'closedAt' || value.of === 'createdAt') && Object.keys(value).every((key) => key === 'unit' || key === 'of');
}

function readDeal(deal: unknown): ReportDeal & FoldDeal {
  const ok = isPlainRecord(deal) && typeof deal.id === 'string' && hasPeriodDates(deal) && hasAmountAndProbability(deal);
  // Stryker disable next-line StringLiteral: message text
  if (!ok) throw invalidArgument('A deal of a sales report has its id, createdAt and updatedAt, and when set valid closedAt and movedAt, a probability from 0 to 100 and an amount.');
  return checkFunnelDeal(deal) as ReportDeal;
}

function readActivity(activity: unknown): ReportActivity {
  const ok = isPlainRecord(activity) && typeof activity.type === 'string' && activity.createdAt instanceof Date && (activity.bindings === undefined || (Array.isArray(activity.bindings) && activity.bindings.every((binding) => isPlainRecord(binding) && typeof binding.entityType === 'string' && typeof binding.id === 'string')));
  // Stryker disable next-line StringLiteral: message text
  if (!ok) throw invalidArgument('An activity of a report has its type, createdAt and bindings [{ entityType, id }].');
  return activity as unknown as ReportActivity;
}

// Reads a source once: a plain iterable without awaiting each item, an async one with for await.
async function each(source: unknown, what: string, visit: (item: unknown) => void): Promise<void> {
  if (isIterable(source)) for (const item of source) visit(item);
  else if (isAsyncIterable(source)) for await (const item of source) visit(item);
  // Stryker disable next-line StringLiteral: message text
  else throw invalidArgument(`${what} is a list or a stream.`);
}
