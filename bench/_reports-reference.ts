// The reference of bench/reports: the report bundle as a developer writes it from crm-kit's
// per-deal rules, object by object. Activities grouped by deal into lists; the period rule and the
// forgotten rule asked of each deal with its list; each funnel and each grouping of the metrics a
// separate pass over the deals of the period. Every figure it prints is the same as salesReport's.
import { classicFunnel, conversionFunnel, inReportingPeriod, isForgotten, periodKey, salesMetrics, timeInStages } from 'crm-kit';
import type { Funnel, Pipeline, RateTable, ReportActivity, ReportDeal, ReportPeriod, SalesMetrics, StageTime } from 'crm-kit';

export interface ReferenceReport {
  readonly inPeriod: number;
  readonly forgotten: number;
  readonly funnels: readonly { readonly classic: Funnel; readonly conversion: Funnel; readonly timeInStages: readonly StageTime[] }[];
  readonly byStage: SalesMetrics;
  readonly byResponsible: SalesMetrics;
  readonly monthly: SalesMetrics;
}

export function salesReportReference(
  deals: readonly ReportDeal[],
  activities: readonly ReportActivity[],
  options: { readonly period: ReportPeriod; readonly pipelines: readonly Pipeline[]; readonly currency: string; readonly rates: RateTable; readonly reportDate: `${number}-${number}-${number}` },
): ReferenceReport {
  const { period, pipelines, currency, rates, reportDate } = options;
  const byDeal = new Map<string, ReportActivity[]>();
  for (const activity of activities) {
    for (const binding of activity.bindings ?? []) {
      if (binding.entityType !== 'deal') continue;
      const list = byDeal.get(binding.id);
      if (list === undefined) byDeal.set(binding.id, [activity]);
      else list.push(activity);
    }
  }
  const known = new Set(pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => `${pipeline.id}:${stage.id}`)));
  const open = new Set(pipelines.flatMap((pipeline) => pipeline.stages.filter((stage) => stage.semantic === 'process').map((stage) => `${pipeline.id}:${stage.id}`)));
  const inPeriod = deals.filter((deal) => known.has(`${deal.pipelineId}:${deal.stageId}`) && inReportingPeriod(deal, period, byDeal.get(deal.id) ?? []));
  const forgotten = inPeriod.filter(
    (deal) => open.has(`${deal.pipelineId}:${deal.stageId}`) && isForgotten(deal, period, { activities: byDeal.get(deal.id) ?? [], stageChanges: (deal.history ?? []).slice(1).map((entry) => entry.at) }),
  ).length;
  const metrics = (groupBy: (deal: ReportDeal) => string): SalesMetrics => salesMetrics(inPeriod, { pipelines, currency, rates, reportDate, groupBy });
  return {
    inPeriod: inPeriod.length,
    forgotten,
    funnels: pipelines.map((pipeline) => ({ classic: classicFunnel(inPeriod, pipeline), conversion: conversionFunnel(inPeriod, pipeline), timeInStages: timeInStages(inPeriod, pipeline) })),
    byStage: metrics((deal) => `${deal.pipelineId}:${deal.stageId}`),
    byResponsible: metrics((deal) => deal.assignedById ?? ''),
    monthly: metrics((deal) => (deal.closedAt === undefined ? '' : periodKey(deal.closedAt, 'month', { timeZone: period.timeZone }))),
  };
}
