// crm-kit report funnel|metrics --period 2026-Q1: the sales report of a period, as tables for a
// person or JSON for a machine. The figures are the library's (`me.reports.sales`): the period's
// deals read once, amounts converted with the configuration's dated rates.
import type { Funnel, Money, ReportGrouping, SalesFigures, SalesReport } from '../../index.js';
import { formatMoney, isCrmError, parseReportPeriod, PERIOD_UNITS } from '../../index.js';
import type { CommandContext } from '../context.js';
import { formatCount } from '../messages.js';
import { formatTable } from '../table.js';
import { EXIT, oneOf, UsageError } from '../usage.js';
import type { OptionSpec } from '../usage.js';

/** The options of `report`. */
export const REPORT_OPTIONS = {
  period: { type: 'string', short: 'p' },
  currency: { type: 'string' },
  'time-zone': { type: 'string' },
  'group-by': { type: 'string' },
} as const satisfies Readonly<Record<string, OptionSpec>>;

const KINDS = ['funnel', 'metrics'] as const;
const GROUPINGS = ['stage', 'pipeline', 'responsible', 'source', ...PERIOD_UNITS] as const;

/** Runs `report`; returns the exit code. */
export async function runReport(context: CommandContext): Promise<number> {
  const { args, messages } = context;
  const kindWord = args.positionals[0];
  if (kindWord === undefined) throw new UsageError(messages.required(`funnel | metrics`));
  const kind = oneOf(kindWord, KINDS, 'report', messages);
  const periodText = args.text('period');
  if (periodText === undefined) throw new UsageError(messages.required('--period (2026, 2026-Q1, 2026-03, 2026-W09, 2026-03-01..2026-03-15)'));
  const currency = args.text('currency')?.toUpperCase();
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) throw new UsageError(messages.notOneOf('--currency', [messages.iso4217]));
  const groupWord = args.text('group-by');
  const grouping = groupWord === undefined ? undefined : oneOf(groupWord, GROUPINGS, '--group-by', messages);
  const config = await context.readConfig();
  const timeZone = args.text('time-zone') ?? config.timeZone ?? localZone();
  let period: ReturnType<typeof parseReportPeriod>;
  try {
    period = parseReportPeriod(periodText, timeZone);
  } catch (error) {
    if (!isCrmError(error)) throw error;
    throw new UsageError(`--period, --time-zone: ${error.message.replace(/^\[crm-kit\] /, '')}`);
  }
  const groupBy: ReportGrouping[] = grouping === undefined ? [] : [(PERIOD_UNITS as readonly string[]).includes(grouping) ? { unit: grouping as (typeof PERIOD_UNITS)[number] } : (grouping as 'stage' | 'pipeline' | 'responsible' | 'source')];
  const opened = await context.openCrm(config);
  let report: SalesReport;
  try {
    report = await opened.me.reports.sales({ period, ...(currency === undefined ? {} : { currency }), groupBy });
  } catch (error) {
    if (isCrmError(error) && error.code === 'UNKNOWN_CURRENCY') throw new UsageError(messages.notOneOf('--currency', [messages.iso4217]));
    throw error;
  } finally {
    await opened.close();
  }
  if (context.json) {
    await context.printJson(kind === 'funnel' ? { currency: report.currency, period: report.period, deals: report.deals, funnels: report.funnels } : { ...report, funnels: undefined });
    return EXIT.ok;
  }
  const locale = localeOf(context);
  if (kind === 'funnel') await printFunnels(context, report);
  else await printMetrics(context, report, locale);
  const unconverted = report.unconverted.reduce((sum, entry) => sum + entry.deals, 0);
  if (unconverted > 0) await context.print(context.colours.out.yellow(messages.unconverted(unconverted)));
  return EXIT.ok;
}

async function printFunnels(context: CommandContext, report: SalesReport): Promise<void> {
  const { messages, colours } = context;
  for (const pipeline of report.funnels) {
    for (const funnel of [pipeline.classic, pipeline.conversion]) {
      await context.print(colours.out.bold(messages.reportTitle(messages.funnelKind(funnel.kind), report.period.from, report.period.to, report.period.timeZone, report.currency)));
      await context.print(messages.pipeline(pipeline.pipelineId, funnel.deals));
      await context.print(funnelTable(context, funnel));
      await context.print('');
    }
  }
}

function funnelTable(context: CommandContext, funnel: Funnel): string {
  const { headers } = context.messages;
  const locale = localeOf(context);
  const rows = funnel.stages.map((stage) => [
    stage.semantic === 'success' ? context.colours.out.green(stage.name) : stage.semantic === 'failure' ? context.colours.out.red(stage.name) : stage.name,
    formatCount(stage.deals, context.language),
    stage.conversionToNext === null ? '' : percent(stage.conversionToNext, locale),
  ]);
  return formatTable([headers.stage, headers.deals, headers.toNext], rows, { indent: 2, align: ['left', 'right', 'right'], width: context.width });
}

async function printMetrics(context: CommandContext, report: SalesReport, locale: string): Promise<void> {
  const { messages, colours } = context;
  await context.print(colours.out.bold(messages.reportTitle(messages.metricsTitle, report.period.from, report.period.to, report.period.timeZone, report.currency)));
  await context.print(messages.dealsCounted(report.deals.read, report.deals.inPeriod, report.deals.forgotten));
  await context.print(figuresTable(context, report.total, locale));
  for (const grouping of report.groupings) {
    await context.print('');
    const { headers, figures } = messages;
    const count = (value: number): string => formatCount(value, context.language);
    const rows = grouping.groups.map((group) => [group.key === '' ? '—' : group.key, count(group.figures.won.count), money(group.figures.won.amount, locale), count(group.figures.lost.count), count(group.figures.open.count), money(group.figures.open.amount, locale), percent(group.figures.winRate, locale)]);
    await context.print(formatTable([headers.group, figures.won, headers.amount, figures.lost, figures.open, headers.amount, figures.winRate], rows, { indent: 2, align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'], width: context.width }));
  }
}

function figuresTable(context: CommandContext, total: SalesFigures, locale: string): string {
  const { headers, figures, days } = context.messages;
  const count = (value: number): string => formatCount(value, context.language);
  const rows = [
    [figures.won, count(total.won.count), money(total.won.amount, locale)],
    [figures.lost, count(total.lost.count), money(total.lost.amount, locale)],
    [figures.open, count(total.open.count), money(total.open.amount, locale)],
    [figures.weighted, '', money(total.open.weighted, locale)],
    [figures.winRate, percent(total.winRate, locale), ''],
    [figures.average, '', total.averageDealSize === null ? '—' : money(total.averageDealSize, locale)],
    [figures.cycle, total.cycle.medianMs === null ? '—' : days(total.cycle.medianMs / 86_400_000), ''],
  ];
  return formatTable([headers.figure, headers.count, headers.amount], rows, { indent: 2, align: ['left', 'right', 'right'], width: context.width });
}

function money(value: Money, locale: string): string {
  return formatMoney(value, locale);
}

function percent(share: number | null, locale: string): string {
  return share === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

function localeOf(context: CommandContext): string {
  return context.language === 'es' ? 'es-ES' : 'en-US';
}

function localZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone === '' ? 'UTC' : zone;
}
