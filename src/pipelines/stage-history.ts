import { ValidationError } from '../kernel/index.js';
import { isBag } from './_internal/stage-checks.js';
import { checkedPipeline, stageIn } from './_internal/stage-pipeline.js';
import { checkItem, checkWhenWho, currentStageId } from './_internal/transition-item.js';
import type { Pipeline, StagedEntityType, StageSemantic } from './pipeline.js';

/**
 * What the pipeline functions read of a stored deal, lead, invoice or quote: its id, its stage
 * (`stageId`, or `status` for leads), its pipeline (deals), whether and when it closed, its
 * probability (and whether it was set by hand) and loss reason (deals), when and by whom its stage
 * last changed, when it was created and last had an activity (idle time), and its custom values. Standard fields a stage requires are read from the item by their code. `Deal`, `Lead`,
 * `Invoice` and `Quote` all fit.
 */
export interface TransitionItem {
  readonly id: string;
  /** Deals: the pipeline the item is in. */
  readonly pipelineId?: string | undefined;
  /** Deals, invoices and quotes: the current stage. */
  readonly stageId?: string | undefined;
  /** Leads: the current status. */
  readonly status?: string | undefined;
  readonly closed?: boolean | undefined;
  readonly closedAt?: Date | undefined;
  readonly probability?: number | undefined;
  /** Deals: `probability` was typed by hand, so in-progress stages do not replace it. */
  readonly probabilityIsManual?: boolean | undefined;
  readonly lossReasonId?: string | undefined;
  readonly movedAt?: Date | undefined;
  readonly movedById?: string | undefined;
  /** Idle time counts from it when the item has no `movedAt`. */
  readonly createdAt?: Date | undefined;
  /** Deals: when the last activity bound to the item happened; idle time counts from it too. */
  readonly lastActivityAt?: Date | undefined;
  readonly custom?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The kinds of stage-history event, in one constant list.
 *
 * @example
 * ```ts
 * STAGE_EVENT_TYPES; //=> ['created', 'movedToIntermediate', 'movedToFinal', 'pipelineChanged']
 * ```
 */
export const STAGE_EVENT_TYPES = ['created', 'movedToIntermediate', 'movedToFinal', 'pipelineChanged'] as const;

/**
 * One of {@link STAGE_EVENT_TYPES}.
 */
export type StageEventType = (typeof STAGE_EVENT_TYPES)[number];

/**
 * What every stage-history event records: which item, the pipeline and stage it is in after the
 * event and that stage's semantic, when, and who did it.
 */
export interface StageEventBase {
  readonly entityType: StagedEntityType;
  readonly entityId: string;
  /** The pipeline the item is in after the event (for leads, invoices and quotes, their list's id). */
  readonly pipelineId: string;
  /** The stage (lead status) the item is in after the event. */
  readonly stageId: string;
  /** The semantic of `stageId`, so funnels need not look the stage up. */
  readonly semantic: StageSemantic;
  readonly at: Date;
  readonly byId: string;
}

/**
 * The item was created in a stage.
 */
export interface CreatedEvent extends StageEventBase {
  readonly type: 'created';
}

/**
 * The item moved to an in-progress stage of its pipeline; `reopened` when it came from a final
 * stage.
 */
export interface MovedToIntermediateEvent extends StageEventBase {
  readonly type: 'movedToIntermediate';
  readonly semantic: 'process';
  readonly fromStageId: string;
  readonly reopened: boolean;
}

/**
 * The item moved to a final stage of its pipeline (won or lost), and so closed.
 */
export interface MovedToFinalEvent extends StageEventBase {
  readonly type: 'movedToFinal';
  readonly semantic: 'success' | 'failure';
  readonly fromStageId: string;
  /** For a failure stage: the loss reason given, if any. */
  readonly lossReasonId?: string | undefined;
}

/**
 * The item (a deal) moved to a stage of another pipeline.
 */
export interface PipelineChangedEvent extends StageEventBase {
  readonly type: 'pipelineChanged';
  readonly fromPipelineId: string;
  readonly fromStageId: string;
  /** Whether the item left a final stage for an in-progress one. */
  readonly reopened: boolean;
  /** For a failure stage: the loss reason given, if any. */
  readonly lossReasonId?: string | undefined;
}

/**
 * An entry of the stage history, discriminated on `type`. Hosts append them to their event log;
 * funnels and cycle-length reports read them back.
 */
export type StageEvent = CreatedEvent | MovedToIntermediateEvent | MovedToFinalEvent | PipelineChangedEvent;

/**
 * The stage-history events a move produces (every event but `created`).
 */
export type TransitionEvent = Exclude<StageEvent, CreatedEvent>;

/**
 * The pipeline, instant and person of a stage change or a creation. The instant comes from the
 * caller's clock.
 */
export interface StageEventContext {
  readonly pipeline: Pipeline;
  readonly at: Date;
  readonly byId: string;
}

/**
 * The first stage-history event of an item: it was created in its current stage.
 *
 * @param item - The new item, in the stage it was created in.
 * @param context - Its pipeline (checked like {@link assertPipeline}), the instant of creation
 * and who created it.
 * @returns The `created` event.
 * @throws {@link ValidationError} `INVALID_STAGE_TRANSITION` when the item's stage is not in the
 * pipeline (or a deal's `pipelineId` names another pipeline); `INVALID_ARGUMENT` or `INVALID_DATE`
 * for a malformed item or context.
 *
 * @example
 * ```ts
 * const at = new Date('2026-02-01T09:00:00Z');
 * const event = buildCreatedEvent({ id: '7', status: 'NEW' }, { pipeline: DEFAULT_LEAD_STATUSES, at, byId: 'u-1' });
 * event; //=> { type: 'created', entityType: 'lead', entityId: '7', pipelineId: 'lead', stageId: 'NEW', semantic: 'process', at, byId: 'u-1' }
 * buildCreatedEvent({ id: '7', status: 'WON' }, { pipeline: DEFAULT_LEAD_STATUSES, at, byId: 'u-1' }); // throws INVALID_STAGE_TRANSITION
 * ```
 */
export function buildCreatedEvent(item: TransitionItem, context: StageEventContext): CreatedEvent {
  checkItem(item);
  if (!isBag(context)) throw new ValidationError('INVALID_ARGUMENT', 'The context is an object { pipeline, at, byId }.');
  const pipeline = checkedPipeline(context.pipeline);
  const { at, byId } = checkWhenWho(context);
  const stage = stageIn(pipeline, currentStageId(item, pipeline.entityType));
  const pipelineId: unknown = Object.hasOwn(item, 'pipelineId') ? item.pipelineId : undefined;
  if (stage === undefined || (pipelineId !== undefined && pipelineId !== pipeline.id)) {
    throw new ValidationError('INVALID_STAGE_TRANSITION', 'The item is not in a stage of this pipeline.');
  }
  return {
    type: 'created',
    entityType: pipeline.entityType,
    entityId: item.id,
    pipelineId: pipeline.id,
    stageId: stage.id,
    semantic: stage.semantic,
    at,
    byId,
  };
}
