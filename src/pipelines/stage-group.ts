import { ValidationError } from '../kernel/index.js';
import { checkedPipeline, GROUP_OF, stageIn } from './_internal/stage-pipeline.js';
import type { Pipeline, Stage, StageGroup, StagedEntityType } from './pipeline.js';
import { STAGE_GROUPS, STAGED_ENTITY_TYPES } from './pipeline.js';

/**
 * The field that holds the stage of a staged record: leads keep their status in `status`; deals,
 * invoices and quotes their stage in `stageId`.
 *
 * @param entityType - One of `STAGED_ENTITY_TYPES`.
 * @returns `'status'` or `'stageId'`.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for any other entity type.
 *
 * @example
 * ```ts
 * getStageField('lead'); //=> 'status'
 * getStageField('invoice'); //=> 'stageId'
 * getStageField('contact' as StagedEntityType); // throws INVALID_ARGUMENT
 * ```
 */
export function getStageField(entityType: StagedEntityType): 'status' | 'stageId' {
  if (!(STAGED_ENTITY_TYPES as readonly unknown[]).includes(entityType)) {
    throw new ValidationError('INVALID_ARGUMENT', `A staged entity type is one of ${STAGED_ENTITY_TYPES.join(', ')}.`);
  }
  return entityType === 'lead' ? 'status' : 'stageId';
}

/**
 * The stage of a pipeline with an id.
 *
 * @param pipeline - The pipeline (checked like {@link assertPipeline}).
 * @param stageId - A stage id.
 * @returns The stage, or `undefined` when the pipeline has no stage with that id.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an invalid pipeline.
 *
 * @example
 * ```ts
 * findStage(DEFAULT_DEAL_PIPELINE, 'PROPOSAL')?.probability; //=> 50
 * findStage(DEFAULT_DEAL_PIPELINE, 'PAID'); //=> undefined
 * ```
 */
export function findStage(pipeline: Pipeline, stageId: string): Stage | undefined {
  return stageIn(checkedPipeline(pipeline), stageId);
}

/**
 * The stage group of a stage: `in-progress` for a process stage, `won` for the success stage,
 * `lost` for a failure stage. An item's group is the group of its stage.
 *
 * @param pipeline - The pipeline (checked like {@link assertPipeline}).
 * @param stageId - A stage id.
 * @returns The group, or `undefined` when the pipeline has no stage with that id.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an invalid pipeline.
 *
 * @example
 * ```ts
 * getStageGroup(DEFAULT_DEAL_PIPELINE, 'NEGOTIATION'); //=> 'in-progress'
 * getStageGroup(DEFAULT_DEAL_PIPELINE, 'WON'); //=> 'won'
 * getStageGroup(DEFAULT_LEAD_STATUSES, 'JUNK'); //=> 'lost'
 * getStageGroup(DEFAULT_DEAL_PIPELINE, 'JUNK'); //=> undefined
 * ```
 */
export function getStageGroup(pipeline: Pipeline, stageId: string): StageGroup | undefined {
  const stage = stageIn(checkedPipeline(pipeline), stageId);
  return stage === undefined ? undefined : GROUP_OF[stage.semantic];
}

/**
 * The ids of the stages of a pipeline in one group, in order. A store expresses a filter by
 * stage group as "stage id in this list".
 *
 * @param pipeline - The pipeline (checked like {@link assertPipeline}).
 * @param group - One of {@link STAGE_GROUPS}.
 * @returns The stage ids of the group, in `sort` order.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an invalid pipeline or an unknown group.
 *
 * @example
 * ```ts
 * listStagesInGroup(DEFAULT_DEAL_PIPELINE, 'in-progress'); //=> ['NEW', 'PREPARATION', 'PROPOSAL', 'NEGOTIATION']
 * listStagesInGroup(DEFAULT_DEAL_PIPELINE, 'lost'); //=> ['LOST']
 * listStagesInGroup(DEFAULT_DEAL_PIPELINE, 'closed' as StageGroup); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function listStagesInGroup(pipeline: Pipeline, group: StageGroup): readonly string[] {
  const checked = checkedPipeline(pipeline);
  if (!(STAGE_GROUPS as readonly unknown[]).includes(group)) {
    throw new ValidationError('INVALID_ARGUMENT', `A stage group is one of ${STAGE_GROUPS.join(', ')}.`);
  }
  return checked.stages.filter((stage) => GROUP_OF[stage.semantic] === group).map((stage) => stage.id);
}

/**
 * Whether a stage is final: the success stage or a failure stage. Items in a final stage are
 * closed.
 *
 * @param pipeline - The pipeline (checked like {@link assertPipeline}).
 * @param stageId - A stage id.
 * @returns `true` for a final stage; `false` for an in-progress stage or an id the pipeline does
 * not have.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an invalid pipeline.
 *
 * @example
 * ```ts
 * isFinalStage(DEFAULT_DEAL_PIPELINE, 'LOST'); //=> true
 * isFinalStage(DEFAULT_DEAL_PIPELINE, 'NEW'); //=> false
 * ```
 */
export function isFinalStage(pipeline: Pipeline, stageId: string): boolean {
  const stage = stageIn(checkedPipeline(pipeline), stageId);
  return stage !== undefined && stage.semantic !== 'process';
}
