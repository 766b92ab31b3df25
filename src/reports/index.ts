export { checkPeriod, isDayInPeriod, isInPeriod, periodBounds } from './report-period.js';
export type { PeriodBounds, ReportPeriod } from './report-period.js';
export { FORGOTTEN_TAXONOMY, inReportingPeriod, isForgotten } from './reporting-period.js';
export type { ForgottenOptions, PeriodActivity, PeriodDeal, PeriodInvoice } from './reporting-period.js';
export { classicFunnel, conversionFunnel, timeInStages } from './funnels.js';
export type { Funnel, FunnelDeal, FunnelStage, StageEntry, StageTime } from './funnels.js';
export { salesMetrics } from './sales-metrics.js';
export type { MetricsDeal, RatePolicy, RateUsed, SalesFigures, SalesMetrics, SalesMetricsOptions } from './sales-metrics.js';
