import type { Principal } from '../access/index.js';
import { assertPrincipal } from '../access/index.js';
import type { EntityRecord } from '../entities/index.js';
import type { Result } from '../kernel/index.js';
import { fail, isPlainRecord, issue, toInstant, ValidationError } from '../kernel/index.js';
import type { StagedEntityType, TransitionContext, TransitionItem } from '../pipelines/index.js';
import { applyTransition, planPipelineChange, planTransition, getStageField } from '../pipelines/index.js';
import { sameValue } from '../kernel/index.js';
import { bagOf } from './_internal/bag.js';
import { plainArgument } from './_internal/plain-argument.js';
import { noSuchPipeline, pipelineOf } from './_internal/stage-fields.js';
import { toRecordEvent } from './record-events.js';
import type { RecordRules } from './record-rules.js';
import { isStagedType, readRules } from './record-rules.js';
import type { RecordPlan } from './record-writes.js';
import { checkCurrent, finishChange } from './plan-update-record.js';

type Bag = Record<string, unknown>;

/**
 * Where a move takes a record: a stage of its pipeline, or (deals) a stage of another pipeline.
 */
export interface MoveTarget {
  readonly stageId: string;
  /** A deal's new pipeline; its own when omitted. */
  readonly pipelineId?: string | undefined;
}

/**
 * What a move needs besides the target: its instant, and for a move to a failure stage the loss
 * reason.
 */
export interface MoveRecordOptions {
  readonly at: Date;
  readonly lossReasonId?: string | undefined;
}

/**
 * Plans moving a deal, lead, invoice or quote to another stage, or a deal to another pipeline:
 * the stage rules of `planTransition` / `planPipelineChange` (closing and reopening, `closedAt`,
 * probability, required fields for the person, loss reasons), applied to the record, stamped and
 * checked in its stored form, with the stage-history event. A lead reaches its success status only
 * by conversion (`INVALID_STAGE_TRANSITION`); a record whose pipeline is not one of the CRM's, or a
 * target pipeline that is not, is `INVALID_VALUE` at `pipelineId`.
 *
 * @param rules - The entity type's rules, from {@link defineRecordRules}.
 * @param principal - Who moves the record.
 * @param current - The record as stored now.
 * @param target - The stage, and (deals) the pipeline.
 * @param options - The instant and the loss reason.
 * @returns The plan: the moved record, the stage fields it changed, the history event (`movedToIntermediate`,
 * `movedToFinal` or `pipelineChanged`) and the `update` permission (also on the record in its new
 * pipeline); or the issues.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an entity type without stages or malformed input.
 * Arguments are read once, as `snapshotInput` reads them: `NOT_PLAIN_DATA` for one that is not
 * plain data (a getter, a Proxy, a class instance), `INVALID_TEXT`, `LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * const rules = defineRecordRules('deal');
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * const deal = unwrap(planCreateRecord(rules, ana, { title: 'Renewal', amount: money('900', 'EUR') }, { id: '7', at: new Date('2026-03-02T10:00:00Z') })).record;
 * const won = unwrap(planMoveRecord(rules, ana, deal, { stageId: 'WON' }, { at: new Date('2026-03-09T16:00:00Z') }));
 * [won.record.closed, won.record.probability, won.events[0]?.type]; //=> [true, 100, 'movedToFinal']
 * const nowhere = planMoveRecord(rules, ana, deal, { stageId: 'WON', pipelineId: 'gone' }, { at: new Date('2026-03-09T16:00:00Z') });
 * nowhere.success ? [] : nowhere.issues.map((i) => [i.code, ...i.path]); //=> [['INVALID_VALUE', 'pipelineId']]
 * ```
 */
export function planMoveRecord<E extends StagedEntityType>(
  rules: RecordRules<E>,
  principal: Principal,
  current: EntityRecord<E>,
  target: MoveTarget,
  options: MoveRecordOptions,
): Result<RecordPlan<EntityRecord<E>>> {
  const checkedRules = readRules(rules);
  principal = plainArgument(principal, 'The principal');
  assertPrincipal(principal);
  current = plainArgument(current, 'The current record');
  checkCurrent(current);
  target = plainArgument(target, 'The target');
  options = plainArgument(options, 'The options');
  const { entityType } = checkedRules;
  // Stryker disable next-line ConditionalExpression,StringLiteral: getStageField refuses a type without stages with the same INVALID_ARGUMENT
  if (!isStagedType(entityType)) throw new ValidationError('INVALID_ARGUMENT', 'Only deals, leads, invoices and quotes have stages.');
  if (!isPlainRecord(target) || typeof target.stageId !== 'string' || target.stageId === '' || (target.pipelineId !== undefined && typeof target.pipelineId !== 'string')) {
    // Stryker disable next-line StringLiteral: message text
    throw new ValidationError('INVALID_ARGUMENT', 'A move target is { stageId, pipelineId? } with non-empty ids.');
  }
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw new ValidationError('INVALID_ARGUMENT', 'The options are { at, lossReasonId? }.');
  const at = toInstant(options.at, 'at');
  const key = getStageField(entityType);
  const from = pipelineOf(checkedRules, current as unknown as Bag);
  if (from === undefined) return fail(noSuchPipeline());
  const to = target.pipelineId === undefined ? from : checkedRules.pipelines.find((pipeline) => pipeline.id === target.pipelineId);
  if (to === undefined || (entityType !== 'deal' && to !== from)) return fail(noSuchPipeline());
  if (entityType === 'lead' && to.stages.some((stage) => stage.id === target.stageId && stage.semantic === 'success')) {
    // Stryker disable next-line StringLiteral: message text
    return fail(issue('INVALID_STAGE_TRANSITION', 'A lead reaches its success status by conversion.', [key]));
  }
  const context: TransitionContext = {
    pipeline: from,
    at,
    byId: principal.userId,
    principal,
    registry: checkedRules.registry,
    // Stryker disable next-line ConditionalExpression: planTransition reads a loss reason left undefined as none given
    ...(options.lossReasonId === undefined ? {} : { lossReasonId: options.lossReasonId }),
    // Stryker disable next-line ConditionalExpression: planTransition reads a catalog left undefined as none
    ...(checkedRules.lossReasons === undefined ? {} : { lossReasons: checkedRules.lossReasons }),
  };
  const item = current as unknown as TransitionItem;
  const planned = to === from ? planTransition(item, target.stageId, context) : planPipelineChange(item, to, target.stageId, context);
  if (!planned.success) return fail(planned.issues);
  const moved = bagOf(Object.entries(applyTransition(item, planned.data) as unknown as Bag));
  // Only what the move changes: a patch also restates values (`closed: false` again, a `closedAt` cleared that was never set).
  const before = current as unknown as Bag;
  const changed = Object.keys(planned.data.patch)
    .filter((key) => !sameValue(before[key], moved[key]))
    .sort();
  return finishChange(checkedRules, principal, current, moved, at, changed, [toRecordEvent(planned.data.event)]);
}
