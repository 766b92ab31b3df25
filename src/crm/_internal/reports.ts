import type { Principal } from '../../access/index.js';
import { assertCanFilterOn, can, projectRecord } from '../../access/index.js';
import type { EntityType } from '../../fields/index.js';
import { isPlainRecord, invalidArgument, toCalendarDate } from '../../kernel/index.js';
import type { CalendarDate } from '../../kernel/index.js';
import type { RateTable } from '../../money/index.js';
import { createRateTable } from '../../money/index.js';
import { STAGE_EVENT_TYPES } from '../../pipelines/index.js';
import type { Forecast, ForecastDeal, PeriodUnit, ReportActivity, ReportDeal, ReportGrouping, ReportInvoice, SalesReport, StageEntry } from '../../reports/index.js';
import { checkPeriod, forecast, salesReport } from '../../reports/index.js';
import type { ForecastRequest, ReportService, SalesReportRequest } from '../types.js';
import type { Context } from './context.js';
import { snapshotArgument } from './context.js';
import { readQuery } from './record-service.js';

const SALES_KEYS: ReadonlySet<string> = new Set(['period', 'where', 'groupBy', 'currency', 'policy', 'reportDate', 'taxonomy', 'weekStartsOn', 'asOf', 'signal']);
const FORECAST_KEYS: ReadonlySet<string> = new Set(['unit', 'period', 'where', 'currency', 'policy', 'reportDate', 'weekStartsOn']);

/**
 * `me.reports`: the reports of `crm-kit`'s pure module over the records a person may read. Every
 * record is read through the person's scope and projection, and a report that groups, filters or
 * measures on a custom field hidden from the person is `FIELD_NOT_VISIBLE` before anything is read.
 */
export function reportService(context: Context, principal: Principal): ReportService {
  return Object.freeze({
    async sales(request: SalesReportRequest): Promise<SalesReport> {
      // Stryker disable next-line StringLiteral: message text
      const given = readRequest(snapshotRequest(request, 'The report request'), SALES_KEYS, 'A sales report request is { period, where?, groupBy?, currency?, policy?, reportDate?, taxonomy?, weekStartsOn?, asOf?, signal? }.');
      const groupBy = (given.groupBy ?? []) as readonly ReportGrouping[];
      if (Array.isArray(groupBy)) for (const grouping of groupBy) assertCanGroupOn(context, principal, grouping);
      const query = readQuery(context, principal, 'deal', { where: given.where ?? [], limit: context.store.capabilities.maxPageSize });
      // What is wrong with the request fails before the event log is read.
      const period = checkPeriod(given.period);
      const { currency, rates, reportDate } = currencyOf(context, given);
      const histories = await stageHistories(context);
      const deals = async function* (): AsyncGenerator<ReportDeal> {
        for await (const record of context.store.repository('deal').stream(query)) {
          const seen = projectRecord(context.rules.deal.registry, principal, record) as unknown as ReportDeal;
          const history = histories.get(record.id);
          histories.delete(record.id);
          yield history === undefined ? seen : { ...seen, history };
        }
      };
      return salesReport(
        { deals: deals(), activities: readableStream<ReportActivity>(context, principal, 'activity'), invoices: readableStream<ReportInvoice>(context, principal, 'invoice') },
        {
          period,
          pipelines: context.rules.deal.pipelines,
          currency,
          rates,
          reportDate,
          groupBy,
          ...pick(given, ['policy', 'taxonomy', 'weekStartsOn', 'asOf', 'signal']),
        },
      );
    },

    async forecast(request: ForecastRequest): Promise<Forecast> {
      // Stryker disable next-line StringLiteral: message text
      const given = readRequest(snapshotRequest(request, 'The forecast request'), FORECAST_KEYS, 'A forecast request is { unit, period?, where?, currency?, policy?, reportDate?, weekStartsOn? }.');
      const open = { field: 'stageGroup', op: 'eq', value: 'in-progress' };
      // A `where` that is not a list is left as it is, for readQuery to refuse.
      const where = given.where === undefined ? [open] : Array.isArray(given.where) ? [...(given.where as readonly unknown[]), open] : given.where;
      const query = readQuery(context, principal, 'deal', { where, limit: context.store.capabilities.maxPageSize });
      const { currency, rates, reportDate } = currencyOf(context, given);
      const deals: ForecastDeal[] = [];
      for await (const record of context.store.repository('deal').stream(query)) {
        const { id, pipelineId, stageId, createdAt, amount, probability, expectedCloseDate } = projectRecord(context.rules.deal.registry, principal, record) as unknown as ForecastDeal;
        // What the forecast reads, and nothing else of the record.
        deals.push({ id, pipelineId, stageId, createdAt, amount, probability, expectedCloseDate });
      }
      return forecast(deals, { pipelines: context.rules.deal.pipelines, currency, rates, reportDate, unit: given.unit as PeriodUnit, ...pick(given, ['policy', 'period', 'weekStartsOn']) });
    },
  });
}

function snapshotRequest(request: unknown, what: string): unknown {
  // A signal is the host's live object: it is read as it is, never copied.
  if (isPlainRecord(request) && request.signal !== undefined) {
    const { signal, ...rest } = request;
    return { ...(snapshotArgument(rest, what) as object), signal };
  }
  return snapshotArgument(request, what);
}

function readRequest(request: unknown, keys: ReadonlySet<string>, message: string): Readonly<Record<string, unknown>> {
  if (!isPlainRecord(request) || Object.keys(request).some((key) => !keys.has(key))) throw invalidArgument(message);
  return request;
}

function pick(given: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => given[key] !== undefined).map((key) => [key, given[key]]));
}

// A grouping on a field reads that field: a custom field must be one the person can see, and any
// other must be a standard field of deals.
function assertCanGroupOn(context: Context, principal: Principal, grouping: unknown): void {
  if (isPlainRecord(grouping) && typeof grouping.field === 'string') assertCanFilterOn(context.rules.deal.registry, principal, grouping.field);
}

function currencyOf(context: Context, given: Readonly<Record<string, unknown>>): { currency: string; rates: RateTable; reportDate: CalendarDate } {
  const currency = given.currency ?? context.settings.reportCurrency;
  // Stryker disable next-line StringLiteral: message text
  if (typeof currency !== 'string') throw invalidArgument('A report needs a currency: give one, or set settings.reportCurrency.');
  const reportDate = (given.reportDate ?? toCalendarDate(context.now())) as CalendarDate;
  // Without the CRM's rates, only amounts already in the report currency convert; the others are counted apart.
  return { currency, rates: context.rates ?? createRateTable({ base: currency, rates: [] }), reportDate };
}

// The stage histories of every deal, from the event log, in time order.
async function stageHistories(context: Context): Promise<Map<string, StageEntry[]>> {
  const histories = new Map<string, StageEntry[]>();
  for await (const event of context.store.events.read({ entityType: 'deal', types: STAGE_EVENT_TYPES })) {
    const data = event.data as unknown as { readonly pipelineId?: unknown; readonly stageId?: unknown };
    if (typeof data.pipelineId !== 'string' || typeof data.stageId !== 'string') continue;
    const entry = { pipelineId: data.pipelineId, stageId: data.stageId, at: event.at };
    const list = histories.get(event.entityId);
    if (list === undefined) histories.set(event.entityId, [entry]);
    else list.push(entry);
  }
  return histories;
}

// The records of a type the person may read, as they see them; none when they may read none.
async function* readableStream<T>(context: Context, principal: Principal, entityType: EntityType): AsyncGenerator<T> {
  if (!can(context.access, principal, 'read', entityType)) return;
  const query = readQuery(context, principal, entityType, { limit: context.store.capabilities.maxPageSize });
  for await (const record of context.store.repository(entityType).stream(query)) {
    yield projectRecord(context.rules[entityType].registry, principal, record) as unknown as T;
  }
}
