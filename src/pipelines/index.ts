export { FORECAST_CATEGORIES, STAGE_GROUPS, STAGE_SEMANTICS, STAGED_ENTITY_TYPES } from './pipeline.js';
export type { ForecastCategory, LossReason, Pipeline, Stage, StageGroup, StagedEntityType, StageSemantic } from './pipeline.js';
export { DEFAULT_DEAL_PIPELINE, DEFAULT_INVOICE_STAGES, DEFAULT_LEAD_STATUSES, DEFAULT_LOSS_REASONS, DEFAULT_QUOTE_STAGES } from './default-pipelines.js';
export { assertPipeline, checkLossReasons, checkPipeline, defineLossReasons, definePipeline } from './define-pipeline.js';
export { countDaysIdle, isIdle } from './idle.js';
export type { IdleOptions } from './idle.js';
export { planPipelineChange } from './plan-pipeline-change.js';
export { applyTransition, planTransition } from './plan-transition.js';
export type { TransitionContext, TransitionPatch, TransitionPlan } from './plan-transition.js';
export { findStage, isFinalStage, getStageField, getStageGroup, listStagesInGroup } from './stage-group.js';
export { buildCreatedEvent, STAGE_EVENT_TYPES } from './stage-history.js';
export { findLossReasonIssues } from './loss-reason-issues.js';
export { findStageRequirementIssues } from './stage-requirements.js';
export type { StageRequirementOptions } from './stage-requirements.js';
export type {
  CreatedEvent,
  MovedToFinalEvent,
  MovedToIntermediateEvent,
  PipelineChangedEvent,
  StageEvent,
  StageEventBase,
  StageEventContext,
  StageEventType,
  TransitionEvent,
  TransitionItem,
} from './stage-history.js';
export { assembleKanbanBoard, buildKanbanBoard, createKanbanTotals, listKanbanStages, planKanbanMove, resolveKanbanTarget } from './kanban.js';
export type {
  KanbanBoard,
  KanbanBoardOptions,
  KanbanColumn,
  KanbanColumnPage,
  KanbanConversion,
  KanbanFinalZone,
  KanbanItem,
  KanbanMoveContext,
  KanbanOrder,
  KanbanTarget,
  KanbanUnplacedItem,
  KanbanUnplacedReason,
} from './kanban.js';
export { classifyRepeatDeal, classifyRepeatLead } from './classify-repeat.js';
export type { RepeatDealClassification } from './classify-repeat.js';
