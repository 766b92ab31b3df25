import type { Principal } from '../../access/index.js';
import type { Issue } from '../../kernel/index.js';
import { issue } from '../../kernel/index.js';
import type { Pipeline, Stage, StagedEntityType } from '../../pipelines/index.js';
import { isFinalStage, findLossReasonIssues, getStageField, findStageRequirementIssues } from '../../pipelines/index.js';
import type { RecordRules } from '../record-rules.js';

type Bag = Record<string, unknown>;

/** The pipeline a staged record is in: its deal pipeline, or the type's single list; `undefined` when none is configured. */
export function pipelineOf(rules: RecordRules, record: Readonly<Bag>): Pipeline | undefined {
  return rules.entityType === 'deal' ? rules.pipelines.find((candidate) => candidate.id === record.pipelineId) : rules.pipelines[0];
}

/** The issue of a record whose pipeline is not one of the CRM's: the same on every path. */
export function noSuchPipeline(): Issue {
  // Stryker disable next-line StringLiteral: message text
  return issue('INVALID_VALUE', 'Not a pipeline of this CRM.', ['pipelineId']);
}

function firstStage(pipeline: Pipeline): Stage | undefined {
  let first: Stage | undefined;
  for (const stage of pipeline.stages) if (first === undefined || stage.sort < first.sort) first = stage;
  return first;
}

/**
 * Places a new staged record in its stage, in place: the pipeline it names (deals; the first by
 * default) and the stage it names (the first by `sort` by default), with the fields a move there
 * would set (closed and when, the stage's probability unless one was given, when and by whom it
 * moved). Returns the issues that stop it: an unknown pipeline or stage, a lead created in its
 * success status (that is what conversion is for), and the stage's requirements, as a move there
 * would count them.
 */
export function placeInStage(rules: RecordRules, principal: Principal, record: Bag, at: Date, typedProbability: boolean): Issue[] {
  const entityType = rules.entityType as StagedEntityType;
  // Stryker disable next-line OptionalChaining: defineRecordRules gives a staged type at least one pipeline
  if (entityType === 'deal') record.pipelineId ??= rules.pipelines[0]?.id;
  const pipeline = pipelineOf(rules, record);
  if (pipeline === undefined) return [noSuchPipeline()];
  const key = getStageField(entityType);
  const stage = record[key] === undefined ? firstStage(pipeline) : pipeline.stages.find((candidate) => candidate.id === record[key]);
  // Stryker disable next-line StringLiteral: message text
  if (stage === undefined) return [issue('INVALID_VALUE', 'Not a stage of the pipeline.', [key])];
  if (entityType === 'lead' && stage.semantic === 'success') {
    // Stryker disable next-line StringLiteral: message text
    return [issue('INVALID_STAGE_TRANSITION', 'A lead reaches its success status by conversion.', [key])];
  }
  record[key] = stage.id;
  if (entityType !== 'lead') {
    record.closed = isFinalStage(pipeline, stage.id);
    if (record.closed === true) record.closedAt = at;
  }
  if (entityType === 'deal') {
    if (record.probability === undefined) {
      if (stage.probability !== undefined) record.probability = stage.probability;
    } else if (typedProbability) {
      record.probabilityIsManual = true;
    }
  }
  record.movedAt = at;
  record.movedById = principal.userId;
  const issues = findStageRequirementIssues(record, pipeline, stage.id, { registry: rules.registry, principal });
  if (entityType === 'deal') issues.push(...findLossReasonIssues(record.lossReasonId as string | undefined, stage, rules.lossReasons));
  return issues;
}

/**
 * The requirements of a record's current stage that a change breaks: only those naming a field
 * the change touched (a value already empty, under a rule added later, does not block unrelated
 * changes), and the loss-reason rules of a deal's stage.
 */
export function brokenStageRules(rules: RecordRules, principal: Principal, record: Readonly<Bag>, touched: ReadonlySet<string>): Issue[] {
  const pipeline = pipelineOf(rules, record);
  if (pipeline === undefined) return [noSuchPipeline()];
  const stageId = record[getStageField(rules.entityType as StagedEntityType)] as string;
  const stage = pipeline.stages.find((candidate) => candidate.id === stageId);
  // Stryker disable next-line StringLiteral: message text
  if (stage === undefined) return [issue('INVALID_VALUE', 'Not a stage of the pipeline.', [getStageField(rules.entityType as StagedEntityType)])];
  const issues = findStageRequirementIssues(record, pipeline, stage.id, { registry: rules.registry, principal });
  if (rules.entityType === 'deal') issues.push(...findLossReasonIssues(record.lossReasonId as string | undefined, stage, rules.lossReasons));
  return issues.filter((found) => touched.has(found.path[0] === 'custom' ? `custom.${String(found.path[1])}` : String(found.path[0])));
}
