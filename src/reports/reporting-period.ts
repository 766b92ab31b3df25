import { invalidArgument, isInstant, isPlainRecord } from '../kernel/index.js';
import type { PeriodBounds, ReportPeriod } from './report-period.js';
import { isDayInPeriod, isInPeriod, periodBounds } from './report-period.js';

/** What the period rules read of a deal (a stored deal has all of it). */
export interface PeriodDeal {
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly closed?: boolean | undefined;
  readonly closedAt?: Date | undefined;
  /** When the deal last changed stage. */
  readonly movedAt?: Date | undefined;
}

/** What the period rules read of an activity bound to the deal. */
export interface PeriodActivity {
  readonly type: string;
  readonly createdAt: Date;
  readonly startAt?: Date | undefined;
  readonly completed?: boolean | undefined;
  readonly completedAt?: Date | undefined;
}

/** What the period rules read of an invoice issued for the deal. */
export interface PeriodInvoice {
  readonly issueDate?: string | undefined;
}

/**
 * Whether a deal counts in a report period. A deal counts when, in the period, it was created,
 * modified or closed; or when it was closed before the period but had activity in it (an activity
 * created, scheduled to start or completed in the period); or when it was in progress during the
 * period (created before its end and not closed before its start), even untouched.
 *
 * "Modified" is read from `updatedAt`, the last change: a deal changed in the period and again after it
 * counts through the other rules (it was in progress, or it was closed in or after the period).
 *
 * @param deal - The deal.
 * @param period - The period: days in a time zone.
 * @param activities - The activities bound to the deal (any type).
 * @returns Whether the deal belongs to the period's report.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed deal or period.
 *
 * @example
 * ```ts
 * const march = { from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Madrid' } as const;
 * const at = (text: string) => new Date(text);
 * // Created, modified or closed in March:
 * inReportingPeriod({ createdAt: at('2026-03-10T09:00:00Z'), updatedAt: at('2026-03-10T09:00:00Z'), closed: false }, march, []); //=> true
 * // Closed in January, but a call was made about it in March:
 * const wonInJanuary = { createdAt: at('2025-12-01T09:00:00Z'), updatedAt: at('2026-01-15T09:00:00Z'), closed: true, closedAt: at('2026-01-15T09:00:00Z') };
 * inReportingPeriod(wonInJanuary, march, [{ type: 'call', createdAt: at('2026-03-05T10:00:00Z'), completed: true, completedAt: at('2026-03-05T10:20:00Z') }]); //=> true
 * inReportingPeriod(wonInJanuary, march, []); //=> false
 * // Untouched since February, but still in progress:
 * inReportingPeriod({ createdAt: at('2026-02-01T09:00:00Z'), updatedAt: at('2026-02-01T09:00:00Z'), closed: false }, march, []); //=> true
 * ```
 */
export function inReportingPeriod(deal: PeriodDeal, period: ReportPeriod, activities: readonly PeriodActivity[]): boolean {
  const bounds = periodBounds(period);
  return dealInPeriod(readDeal(deal), bounds, () => readActivities(activities).some((activity) => hadActivityIn(activity, bounds)));
}

/**
 * {@link inReportingPeriod} of a checked deal, with the period's bounds and whether the deal had
 * activity in it, asked only when the rule needs it (internal to the reports).
 */
export function dealInPeriod(deal: PeriodDeal, bounds: PeriodBounds, hadActivity: () => boolean): boolean {
  const { createdAt, updatedAt, closed, closedAt } = deal;
  if (createdAt.getTime() >= bounds.end.getTime()) return false;
  if (within(createdAt, bounds) || within(updatedAt, bounds) || within(closedAt, bounds)) return true;
  const closedBefore = closed === true && closedAt !== undefined && closedAt.getTime() < bounds.start.getTime();
  return !closedBefore || hadActivity();
}

/** Whether an activity was created, scheduled to start or completed in the period (internal to the reports). */
export function hadActivityIn(activity: PeriodActivity, bounds: PeriodBounds): boolean {
  return within(activity.createdAt, bounds) || within(activity.startAt, bounds) || within(activity.completedAt, bounds);
}

/** Whether an activity of the taxonomy was completed in the period (internal to the reports). */
export function workedIn(activity: PeriodActivity, bounds: PeriodBounds, taxonomy: ReadonlySet<string>): boolean {
  return activity.completed === true && within(activity.completedAt, bounds) && taxonomy.has(activity.type);
}

/** Options of {@link isForgotten}. */
export interface ForgottenOptions {
  /** The activities bound to the deal. */
  readonly activities: readonly PeriodActivity[];
  /** The invoices issued for the deal. */
  readonly invoices?: readonly PeriodInvoice[] | undefined;
  /**
   * When the deal changed stage, from its stage history; without it, `movedAt` (its last change)
   * is all there is.
   */
  readonly stageChanges?: readonly Date[] | undefined;
  /** The activity types whose completion keeps a deal remembered. Default: call, e-mail and meeting. */
  readonly taxonomy?: readonly string[] | undefined;
}

/** The activity types whose completion keeps a deal remembered, unless a report says otherwise. */
export const FORGOTTEN_TAXONOMY: readonly string[] = ['call', 'email', 'meeting'];

/**
 * Whether an in-progress deal was forgotten in a period: during it, the deal did not change stage,
 * no activity of the taxonomy's types (calls, e-mails and meetings by default; tasks do not count)
 * was completed, and no invoice was issued for it. A deal closed before the period ends is never
 * forgotten in it, and neither is one created after.
 *
 * @param deal - The deal.
 * @param period - The period: days in a time zone (an invoice counts by its issue day).
 * @param options - The deal's activities, invoices and stage changes, and the taxonomy.
 * @returns Whether the deal is forgotten.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed deal, period or options.
 *
 * @example
 * ```ts
 * const march = { from: '2026-03-01', to: '2026-03-31', timeZone: 'UTC' } as const;
 * const deal = { createdAt: new Date('2026-01-10T09:00:00Z'), updatedAt: new Date('2026-01-10T09:00:00Z'), closed: false, movedAt: new Date('2026-01-10T09:00:00Z') };
 * const task = { type: 'task', createdAt: new Date('2026-03-02T09:00:00Z'), completed: true, completedAt: new Date('2026-03-03T09:00:00Z') } as const;
 * isForgotten(deal, march, { activities: [task] }); //=> true
 * isForgotten(deal, march, { activities: [{ ...task, type: 'meeting' }] }); //=> false
 * isForgotten(deal, march, { activities: [], invoices: [{ issueDate: '2026-03-31' }] }); //=> false
 * ```
 */
export function isForgotten(deal: PeriodDeal, period: ReportPeriod, options: ForgottenOptions): boolean {
  const bounds = periodBounds(period);
  const checked = readDeal(deal);
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw invalidArgument('isForgotten takes options { activities, invoices?, stageChanges?, taxonomy? }.');
  const taxonomy = new Set(options.taxonomy ?? FORGOTTEN_TAXONOMY);
  const changes = options.stageChanges ?? (checked.movedAt === undefined ? [] : [checked.movedAt]);
  return dealForgotten(checked, bounds, () => {
    if (changes.some((at) => isInPeriod(at, bounds))) return true;
    if (readActivities(options.activities).some((activity) => workedIn(activity, bounds, taxonomy))) return true;
    return (options.invoices ?? []).some((invoice) => typeof invoice.issueDate === 'string' && isDayInPeriod(invoice.issueDate, period));
  });
}

/**
 * {@link isForgotten} of a checked deal, with the period's bounds and whether anything kept the
 * deal remembered (a stage change, work of the taxonomy, an invoice), asked only when the rule
 * needs it (internal to the reports).
 */
export function dealForgotten(deal: Pick<PeriodDeal, 'createdAt' | 'closed' | 'closedAt'>, bounds: PeriodBounds, remembered: () => boolean): boolean {
  const { createdAt, closed, closedAt } = deal;
  if (createdAt.getTime() >= bounds.end.getTime()) return false;
  if (closed === true && (closedAt === undefined || closedAt.getTime() < bounds.end.getTime())) return false;
  return !remembered();
}

function readDeal(deal: unknown): PeriodDeal {
  if (!isPlainRecord(deal) || !hasPeriodDates(deal)) {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument('A deal of a report has its createdAt and updatedAt, and closedAt and movedAt when set, as valid dates.');
  }
  return deal as unknown as PeriodDeal;
}

/** Whether a deal's `createdAt` and `updatedAt`, and its `closedAt` and `movedAt` when set, are valid dates (internal to the reports). */
export function hasPeriodDates(deal: Readonly<Record<string, unknown>>): boolean {
  return isInstant(deal.createdAt) && isInstant(deal.updatedAt) && (deal.closedAt === undefined || isInstant(deal.closedAt)) && (deal.movedAt === undefined || isInstant(deal.movedAt));
}

function readActivities(activities: unknown): readonly PeriodActivity[] {
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(activities) || !activities.every((activity) => isPlainRecord(activity) && activity.createdAt instanceof Date)) throw invalidArgument('Activities are a list of activities with their createdAt.');
  return activities as readonly PeriodActivity[];
}

/** Whether an instant, when there is one, lies in the period's bounds (internal to the reports). */
export function within(time: Date | undefined, bounds: PeriodBounds): boolean {
  if (!(time instanceof Date)) return false;
  const ms = time.getTime();
  return ms >= bounds.start.getTime() && ms < bounds.end.getTime();
}
