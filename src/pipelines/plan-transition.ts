import type { Principal } from '../access/index.js';
import { assertPrincipal } from '../access/index.js';
import type { FieldRegistry } from '../fields/index.js';
import { getCustomField } from '../fields/index.js';
import type { Issue, Result } from '../kernel/index.js';
import { fail, issue, ok, ValidationError } from '../kernel/index.js';
import { isBag, isId, own } from './_internal/stage-checks.js';
import { requirementIssues } from './_internal/stage-requirements.js';
import { checkedPipeline, isFinal, stageIn } from './_internal/stage-pipeline.js';
import { checkItem, checkWhenWho, currentStageId } from './_internal/transition-item.js';
import { checkLossReasons } from './define-pipeline.js';
import type { LossReason, Pipeline, Stage, StagedEntityType } from './pipeline.js';
import { STAGED_ENTITY_TYPES } from './pipeline.js';
import { findLossReasonIssues } from './loss-reason-issues.js';
import { getStageField } from './stage-group.js';
import type { StageEventContext, TransitionEvent, TransitionItem } from './stage-history.js';

export type { TransitionItem } from './stage-history.js';

/**
 * What {@link planTransition} needs besides the item and the target stage: the item's pipeline,
 * the instant of the move (from the caller's clock) and who moves it; optionally the person the
 * required-field rules are checked for (only together with the entity type's field registry,
 * which says what that person can see), the registry itself (custom required fields and
 * `requiredFromStage`), the loss reason given for a move to a failure stage, and the catalog of
 * loss reasons it must come from.
 */
export interface TransitionContext extends StageEventContext {
  /**
   * Custom fields required from a stage count only when this person can see them; all count
   * without one. Needs `registry`: without it what the person can see is unknown.
   */
  readonly principal?: Principal | undefined;
  /** The field registry of the pipeline's entity type. */
  readonly registry?: FieldRegistry | undefined;
  /** Why the item was lost, for a move to a failure stage. */
  readonly lossReasonId?: string | undefined;
  /** When given, `lossReasonId` must be one of these. */
  readonly lossReasons?: readonly LossReason[] | undefined;
}

/**
 * The stage fields a move changes. Only the keys the entity type has are present: leads get
 * `status`, `movedAt` and `movedById`; invoices and quotes `stageId`, `closed`, `closedAt`,
 * `movedAt` and `movedById`; deals also `probability` (when it follows the stage),
 * `probabilityIsManual` (when a final stage overrides a probability set by hand) and
 * `lossReasonId`; a pipeline change adds `pipelineId`. `null` clears a field.
 */
export interface TransitionPatch {
  readonly pipelineId?: string | undefined;
  readonly stageId?: string | undefined;
  readonly status?: string | undefined;
  readonly closed?: boolean | undefined;
  /** The instant of the move when the target is final; `null` (cleared) otherwise. */
  readonly closedAt?: Date | null | undefined;
  readonly probability?: number | undefined;
  /** `false` when a final stage replaces a probability that was set by hand. */
  readonly probabilityIsManual?: boolean | undefined;
  /** The loss reason for a failure stage; `null` (cleared) otherwise. */
  readonly lossReasonId?: string | null | undefined;
  readonly movedAt: Date;
  readonly movedById: string;
}

/**
 * A planned stage change: the patch to write, the stage-history event to append, and whether the
 * move reopens a closed item. Apply it with {@link applyTransition} (or write `patch` through a
 * store) and append `event` in the same unit of work.
 *
 * @example
 * ```ts
 * const plan: TransitionPlan = {
 *   patch: { stageId: 'NEW', closed: false, closedAt: null, lossReasonId: null, movedAt: new Date('2026-03-10T09:00:00Z'), movedById: 'u-1' },
 *   event: {
 *     type: 'movedToIntermediate', entityType: 'deal', entityId: 'd-1', pipelineId: 'default', stageId: 'NEW', semantic: 'process',
 *     fromStageId: 'LOST', reopened: true, at: new Date('2026-03-10T09:00:00Z'), byId: 'u-1',
 *   },
 *   reopened: true,
 * };
 * ```
 */
export interface TransitionPlan {
  readonly patch: TransitionPatch;
  readonly event: TransitionEvent;
  /** The item was in a final stage and moves to an in-progress one. */
  readonly reopened: boolean;
}

/**
 * Plans moving an item (a deal, lead, invoice or quote) to another stage of its pipeline. Pure:
 * it reads the item and returns what would change.
 *
 * Rules:
 * - The target must be a stage of the pipeline, the item must be in the pipeline (a deal's
 *   `pipelineId`, and its current stage), and the target must differ from the current stage;
 *   otherwise `INVALID_STAGE_TRANSITION`. Moving to the stage the item is already in is refused
 *   rather than planned as a no-op, so every plan is a change with one history event.
 * - The target's `requiredFields` must have values (`REQUIRED` at `[code]`, or
 *   `['custom', code]` for `custom.<code>`), and so must every custom field whose
 *   `requiredFromStage` names a stage of this pipeline at or before the target (for a failure
 *   target, only rules naming that failure stage count: losing a deal early does not need what a
 *   later stage asks for). Custom fields count only for a `principal` who can see them, and only
 *   when the `registry` (if given) defines them; a `principal` needs a `registry`. Empty means
 *   absent, `null`, blank text or `[]`.
 * - A failure stage with `lossReasonRequired` needs `lossReasonId` (given, or already on the
 *   item): `REQUIRED` at `['lossReasonId']`. A reason outside `lossReasons`, or a reason given for
 *   a move to a stage that is not a failure stage, is `INVALID_VALUE`.
 * - The item is closed exactly when the target is final; `closedAt` becomes the instant of the
 *   move whenever the target is final (also from one final stage to another) and is cleared
 *   otherwise. Leads have no closed fields: their state is their status group.
 * - Deals: a probability set by hand (`probabilityIsManual: true`) is kept on moves to
 *   in-progress stages; otherwise the deal takes the target's default probability, and a target
 *   without a default leaves the probability as it is. A final stage with a default always sets
 *   it, and then clears `probabilityIsManual` (the value is no longer the one typed by hand).
 *   Deals keep the loss reason only in a failure stage.
 * - Moving from a final stage to an in-progress one reopens the item (`reopened`).
 *
 * @param item - The stored item.
 * @param toStageId - The target stage (lead status).
 * @param context - The pipeline, instant, person and optional checks, see {@link TransitionContext}.
 * @returns The plan, or the issues that stop the move.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed item, context, pipeline,
 * principal, registry or loss-reason catalog, and for a `principal` given without a `registry`;
 * `INVALID_DATE` for an invalid `at`.
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-02T11:00:00Z');
 * const deal = { id: 'd-1', pipelineId: 'default', stageId: 'NEW', probability: 10, closed: false, movedAt: at, movedById: 'u-1', custom: {} };
 * const later = new Date('2026-03-09T16:00:00Z');
 * const won = planTransition(deal, 'WON', { pipeline: DEFAULT_DEAL_PIPELINE, at: later, byId: 'u-2' });
 * won.success && won.data.patch;
 * //=> { stageId: 'WON', closed: true, closedAt: later, probability: 100, lossReasonId: null, movedAt: later, movedById: 'u-2' }
 * won.success && won.data.event.type; //=> 'movedToFinal'
 * const proposal = planTransition(deal, 'PROPOSAL', { pipeline: DEFAULT_DEAL_PIPELINE, at: later, byId: 'u-2' });
 * proposal.success ? [] : proposal.issues.map((i) => [i.code, i.path]); //=> [['REQUIRED', ['amount']]]
 * const nowhere = planTransition(deal, 'PAID', { pipeline: DEFAULT_DEAL_PIPELINE, at: later, byId: 'u-2' });
 * nowhere.success ? [] : nowhere.issues.map((i) => i.code); //=> ['INVALID_STAGE_TRANSITION']
 * ```
 */
export function planTransition(item: TransitionItem, toStageId: string, context: TransitionContext): Result<TransitionPlan> {
  checkItem(item);
  const checked = checkContext(context);
  return planMove(item, checked.pipeline, checked.pipeline, toStageId, checked);
}

/**
 * Applies a plan from {@link planTransition} or {@link planPipelineChange} to the item it was
 * made for, and returns the updated item: the patch's fields set, `null` ones removed. Pure; it
 * touches only the stage fields (the application layer bumps `version` and `updatedAt`).
 *
 * @param item - The item the plan was made for, still in the stage the plan starts from.
 * @param plan - The plan.
 * @returns A new item with the patch applied.
 * @throws {@link ValidationError} `INVALID_STAGE_TRANSITION` when the item is no longer in the
 * stage (or pipeline) the plan starts from; `INVALID_ARGUMENT` for a malformed item or plan, or a
 * plan made for another item.
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-02T11:00:00Z');
 * const later = new Date('2026-03-09T16:00:00Z');
 * const lost = { id: 'd-1', pipelineId: 'default', stageId: 'LOST', probability: 0, closed: true, closedAt: at, lossReasonId: 'PRICE', movedAt: at, movedById: 'u-1', custom: {} };
 * const plan = planTransition(lost, 'NEW', { pipeline: DEFAULT_DEAL_PIPELINE, at: later, byId: 'u-2' });
 * plan.success && plan.data.reopened; //=> true
 * const reopened = plan.success ? applyTransition(lost, plan.data) : lost;
 * reopened; //=> { id: 'd-1', pipelineId: 'default', stageId: 'NEW', probability: 10, closed: false, movedAt: later, movedById: 'u-2', custom: {} }
 * plan.success && applyTransition(reopened, plan.data); // throws INVALID_STAGE_TRANSITION
 * ```
 */
export function applyTransition<T extends TransitionItem>(item: T, plan: TransitionPlan): T {
  checkItem(item);
  const given: unknown = plan;
  if (!isBag(given) || !isBag(given.patch) || !isBag(given.event)) {
    throw new ValidationError('INVALID_ARGUMENT', 'A transition plan is { patch, event, reopened }.');
  }
  const { patch, event } = given;
  const entityType = event.entityType;
  if (!(STAGED_ENTITY_TYPES as readonly unknown[]).includes(entityType) || event.entityId !== item.id) {
    throw new ValidationError('INVALID_ARGUMENT', 'The plan was made for another item.');
  }
  const stageKey = getStageField(entityType as StagedEntityType);
  const fromPipeline = event.type === 'pipelineChanged' ? event.fromPipelineId : event.pipelineId;
  const inPipeline = own(item, 'pipelineId');
  if (own(item, stageKey) !== event.fromStageId || (inPipeline !== undefined && inPipeline !== fromPipeline)) {
    throw new ValidationError('INVALID_STAGE_TRANSITION', 'The item is no longer where the plan starts from: plan the move again.');
  }
  const next = { ...item } as Record<string, unknown>;
  for (const key of PATCH_KEYS) {
    if (!Object.hasOwn(patch, key)) continue;
    const value = patch[key];
    if (value === null) Reflect.deleteProperty(next, key);
    else if (value !== undefined) next[key] = value;
  }
  return next as T;
}

const PATCH_KEYS = ['pipelineId', 'stageId', 'status', 'closed', 'closedAt', 'probability', 'probabilityIsManual', 'lossReasonId', 'movedAt', 'movedById'] as const;

/** A context with its pipeline checked and its options read. */
export interface CheckedContext {
  readonly pipeline: Pipeline;
  readonly at: Date;
  readonly byId: string;
  readonly principal: Principal | undefined;
  readonly registry: FieldRegistry | undefined;
  readonly lossReasonId: unknown;
  readonly lossReasons: readonly LossReason[] | undefined;
}

/** Checks the context of a move; throws for broken contracts. */
export function checkContext(context: unknown): CheckedContext {
  if (!isBag(context)) throw new ValidationError('INVALID_ARGUMENT', 'The context is an object { pipeline, at, byId, ... }.');
  const pipeline = checkedPipeline(context.pipeline);
  const { at, byId } = checkWhenWho(context);
  const principal = context.principal;
  if (principal !== undefined) assertPrincipal(principal);
  const registry = context.registry;
  if (principal !== undefined && registry === undefined) {
    throw new ValidationError('INVALID_ARGUMENT', 'A principal needs the field registry: without it, what the person can see is unknown.');
  }
  if (registry !== undefined) {
    // Stryker disable next-line StringLiteral: the call only checks the registry; no field has either code
    getCustomField(registry as FieldRegistry, '');
    if ((registry as FieldRegistry).entityType !== pipeline.entityType) {
      throw new ValidationError('INVALID_ARGUMENT', 'The registry is for another entity type than the pipeline.');
    }
  }
  let lossReasons: readonly LossReason[] | undefined;
  if (context.lossReasons !== undefined) {
    const catalog = checkLossReasons(context.lossReasons);
    if (!catalog.success) throw new ValidationError('INVALID_ARGUMENT', 'lossReasons is not a valid loss-reason catalog.', { issues: catalog.issues });
    lossReasons = catalog.data;
  }
  return {
    pipeline,
    at,
    byId,
    principal,
    registry: registry as FieldRegistry | undefined,
    lossReasonId: context.lossReasonId,
    lossReasons,
  };
}

/**
 * The shared planner of stage moves and pipeline changes. `from` is the item's pipeline and `to`
 * the target's (the same one for a stage move); both are checked.
 */
export function planMove(item: TransitionItem, from: Pipeline, to: Pipeline, toStageId: unknown, context: CheckedContext): Result<TransitionPlan> {
  const entityType = from.entityType;
  const stageKey = getStageField(entityType);
  const pipelineId = own(item, 'pipelineId');
  if (pipelineId !== undefined && pipelineId !== from.id) {
    return fail(issue('INVALID_STAGE_TRANSITION', 'The item is in another pipeline.', ['pipelineId']));
  }
  const current = stageIn(from, currentStageId(item, entityType));
  if (current === undefined) return fail(issue('INVALID_STAGE_TRANSITION', "The item's stage is not a stage of its pipeline.", [stageKey]));
  const target = stageIn(to, toStageId);
  if (target === undefined) return fail(issue('INVALID_STAGE_TRANSITION', 'Not a stage of the target pipeline.', [stageKey]));
  if (from.id === to.id && target.id === current.id) {
    return fail(issue('INVALID_STAGE_TRANSITION', 'The item is already in this stage.', [stageKey]));
  }

  const issues = [...requirementIssues(item, to, target, context.registry, context.principal), ...moveLossReasonIssues(item, target, context)];
  if (issues.length > 0) return fail(issues);
  const reason = lossReasonFor(item, target, context);

  const closes = isFinal(target);
  const patch: Record<string, unknown> = {};
  if (from.id !== to.id) patch.pipelineId = to.id;
  patch[stageKey] = target.id;
  if (entityType !== 'lead') {
    patch.closed = closes;
    patch.closedAt = closes ? context.at : null;
  }
  if (entityType === 'deal') {
    const probability = probabilityFor(item, target);
    if (probability !== undefined) {
      patch.probability = probability;
      if (own(item, 'probabilityIsManual') === true) patch.probabilityIsManual = false;
    }
    patch.lossReasonId = reason ?? null;
  }
  patch.movedAt = context.at;
  patch.movedById = context.byId;

  const reopened = isFinal(current) && !closes;
  const base = { entityType, entityId: item.id, pipelineId: to.id, stageId: target.id, at: context.at, byId: context.byId };
  const withReason = reason === undefined ? {} : { lossReasonId: reason };
  let event: TransitionEvent;
  if (from.id !== to.id) {
    event = { type: 'pipelineChanged', ...base, semantic: target.semantic, fromPipelineId: from.id, fromStageId: current.id, reopened, ...withReason };
  } else if (target.semantic === 'process') {
    event = { type: 'movedToIntermediate', ...base, semantic: 'process', fromStageId: current.id, reopened };
  } else {
    event = { type: 'movedToFinal', ...base, semantic: target.semantic, fromStageId: current.id, ...withReason };
  }
  return ok({ patch: patch as unknown as TransitionPatch, event, reopened });
}

// A reason given with the move must be an id, and is given only for a move to a failure stage;
// the reason the item ends with then meets the rules of `findLossReasonIssues`.
function moveLossReasonIssues(item: TransitionItem, target: Stage, context: CheckedContext): Issue[] {
  const given = context.lossReasonId;
  if (given !== undefined && !isId(given)) return [issue('INVALID_VALUE', 'A loss reason is the id of a reason of the catalog.', ['lossReasonId'])];
  if (given !== undefined && target.semantic !== 'failure') {
    return [issue('INVALID_VALUE', 'A loss reason is given only for a move to a failure stage.', ['lossReasonId'])];
  }
  return findLossReasonIssues(lossReasonFor(item, target, context), target, context.lossReasons);
}

// The loss reason of a move to a failure stage: the one given, else the one the item has.
function lossReasonFor(item: TransitionItem, target: Stage, context: CheckedContext): string | undefined {
  if (target.semantic !== 'failure') return undefined;
  const given = context.lossReasonId;
  if (isId(given)) return given;
  const existing = own(item, 'lossReasonId');
  return isId(existing) ? existing : undefined;
}

// The probability a move sets, or undefined to leave it. Whether it was set by hand is read from
// the explicit flag, never guessed from the value: a stage without a default sets nothing; a
// final stage sets its default even over a probability set by hand; an in-progress stage sets its
// default unless the probability was set by hand.
function probabilityFor(item: TransitionItem, target: Stage): number | undefined {
  // Stryker disable next-line ConditionalExpression: both later returns give the stage's undefined probability too
  if (target.probability === undefined) return undefined;
  if (isFinal(target)) return target.probability;
  return own(item, 'probabilityIsManual') === true ? undefined : target.probability;
}
