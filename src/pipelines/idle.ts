import { toInstant, ValidationError } from '../kernel/index.js';
import { isBag, own } from './_internal/stage-checks.js';
import { checkedPipeline, stageIn } from './_internal/stage-pipeline.js';
import { checkItem, currentStageId } from './_internal/transition-item.js';
import type { Pipeline } from './pipeline.js';
import type { TransitionItem } from './stage-history.js';

const DAY_MS = 86_400_000;

/**
 * When idle time is measured: `now` (from the caller's clock) and, when known, when the item's
 * last activity was completed.
 */
export interface IdleOptions {
  readonly now: Date;
  readonly lastCompletedActivityAt?: Date | undefined;
}

/**
 * How many whole days an item has been idle: full 24-hour periods until `now` from the latest of
 * its last stage change (`movedAt`, or `createdAt` when it has none), its own `lastActivityAt`
 * (deals) and the option `lastCompletedActivityAt`. Never negative.
 *
 * @param item - The stored item; it needs `movedAt` or `createdAt`.
 * @param options - `now` and, optionally, `lastCompletedActivityAt`.
 * @returns The whole days idle, 0 or more.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an item with neither `movedAt` nor
 * `createdAt`, or malformed options; `INVALID_DATE` for an invalid instant.
 *
 * @example
 * ```ts
 * const deal = { id: 'd-1', stageId: 'NEW', movedAt: new Date('2026-03-01T10:00:00Z') };
 * countDaysIdle(deal, { now: new Date('2026-03-08T09:59:59Z') }); //=> 6
 * countDaysIdle(deal, { now: new Date('2026-03-08T10:00:00Z') }); //=> 7
 * countDaysIdle(deal, { now: new Date('2026-03-08T10:00:00Z'), lastCompletedActivityAt: new Date('2026-03-06T12:00:00Z') }); //=> 1
 * countDaysIdle({ ...deal, lastActivityAt: new Date('2026-03-07T10:00:00Z') }, { now: new Date('2026-03-08T10:00:00Z') }); //=> 1
 * ```
 */
export function countDaysIdle(item: TransitionItem, options: IdleOptions): number {
  checkItem(item);
  if (!isBag(options)) throw new ValidationError('INVALID_ARGUMENT', 'The options are { now, lastCompletedActivityAt? }.');
  const now = toInstant(options.now, 'now').getTime();
  const movedAt = own(item, 'movedAt');
  const createdAt = own(item, 'createdAt');
  if (movedAt === undefined && createdAt === undefined) {
    throw new ValidationError('INVALID_ARGUMENT', 'The item has neither movedAt nor createdAt: idle time counts from the last stage change.');
  }
  let since = movedAt === undefined ? toInstant(createdAt as Date, 'createdAt').getTime() : toInstant(movedAt as Date, 'movedAt').getTime();
  const lastActivity = own(item, 'lastActivityAt');
  if (lastActivity !== undefined) since = Math.max(since, toInstant(lastActivity as Date, 'lastActivityAt').getTime());
  const activity = options.lastCompletedActivityAt;
  if (activity !== undefined) since = Math.max(since, toInstant(activity, 'lastCompletedActivityAt').getTime());
  return Math.max(0, Math.floor((now - since) / DAY_MS));
}

/**
 * Whether an item is idle ("rotting"): it is in an in-progress stage with an `idleDays`
 * threshold, and has been idle (see {@link countDaysIdle}) for at least that many days. Items in final
 * stages, in stages without a threshold, in stages the pipeline does not have, or in another
 * pipeline (a `pipelineId` that is not the pipeline's id) are never idle in it: `false`, so a
 * mixed list of deals can be checked against one pipeline.
 *
 * @param item - The stored item; it needs `movedAt` or `createdAt`.
 * @param pipeline - Its pipeline (checked like {@link assertPipeline}).
 * @param options - `now` and, optionally, `lastCompletedActivityAt`.
 * @returns `true` when the item is idle.
 * @throws {@link ValidationError} as {@link countDaysIdle} does, and `INVALID_ARGUMENT` for an invalid
 * pipeline.
 *
 * @example
 * ```ts
 * const deal = { id: 'd-1', pipelineId: 'default', stageId: 'NEW', movedAt: new Date('2026-03-01T10:00:00Z') };
 * isIdle(deal, DEFAULT_DEAL_PIPELINE, { now: new Date('2026-03-08T09:00:00Z') }); //=> false
 * isIdle(deal, DEFAULT_DEAL_PIPELINE, { now: new Date('2026-03-08T10:00:00Z') }); //=> true
 * isIdle({ ...deal, stageId: 'WON' }, DEFAULT_DEAL_PIPELINE, { now: new Date('2027-01-01T00:00:00Z') }); //=> false
 * isIdle({ ...deal, pipelineId: 'renewals' }, DEFAULT_DEAL_PIPELINE, { now: new Date('2027-01-01T00:00:00Z') }); //=> false
 * ```
 */
export function isIdle(item: TransitionItem, pipeline: Pipeline, options: IdleOptions): boolean {
  checkItem(item);
  const checked = checkedPipeline(pipeline);
  const days = countDaysIdle(item, options);
  const pipelineId = own(item, 'pipelineId');
  if (pipelineId !== undefined && pipelineId !== checked.id) return false;
  const stage = stageIn(checked, currentStageId(item, checked.entityType));
  // Stryker disable next-line ConditionalExpression: days >= undefined is false, so a stage without idleDays is never idle either way
  if (stage?.semantic !== 'process' || stage.idleDays === undefined) return false;
  return days >= stage.idleDays;
}
