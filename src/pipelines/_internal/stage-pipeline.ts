import { checkPipeline } from '../define-pipeline.js';
import type { Pipeline, Stage, StageGroup, StageSemantic } from '../pipeline.js';
import { invalidPipeline, isBag } from './stage-checks.js';

// A pure memo of deeply frozen inputs only: a frozen pipeline (every `checkPipeline` result, and
// the default pipelines) cannot change, so its checked copy stays right for as long as it lives.
// Unfrozen pipelines are checked on every call, so a caller that mutates one is never answered
// from a stale check. The WeakMap holds nothing that could tell two calls apart.
const checkedFrozen = new WeakMap<object, Pipeline>();

/**
 * Whether plain data is frozen all the way down: frozen objects and arrays whose properties are
 * all data properties (a getter could answer differently each time) holding frozen values.
 */
// Stryker disable next-line BlockStatement: the memo only saves a check of a frozen pipeline; answering no frozen pipeline only checks again
function isDeepFrozen(value: unknown, depth = 0): boolean {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: the memo only saves a check of a frozen pipeline; valid pipelines hold no functions, and a primitive read as not frozen only checks again
  if (typeof value !== 'object' || value === null) return typeof value !== 'function';
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,BooleanLiteral: the memo only saves a check of a frozen pipeline; valid pipelines are four levels deep and hold only plain objects and arrays
  if (!Object.isFrozen(value) || depth > 8 || (!Array.isArray(value) && !isBag(value))) return false;
  return Object.values(Object.getOwnPropertyDescriptors(value)).every(
    // Stryker disable next-line ArrowFunction,StringLiteral,ArithmeticOperator: the memo only saves a check of a frozen pipeline; these only answer no more often (or count depth wrongly on shallow data)
    (descriptor) => 'value' in descriptor && isDeepFrozen(descriptor.value, depth + 1),
  );
}

/** The checked pipeline with its stages in `sort` order, or throws `INVALID_ARGUMENT`. */
export function checkedPipeline(value: unknown): Pipeline {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral,BlockStatement: WeakMap.get answers undefined for a primitive, and skipping the memo only checks again
  if (typeof value === 'object' && value !== null) {
    // Only values proven deeply frozen are ever keys, and frozen data cannot thaw, so a hit needs
    // no new walk (the walk dominated every staged write before this lookup came first).
    const known = checkedFrozen.get(value);
    // Stryker disable next-line ConditionalExpression: skipping the memo only checks the pipeline again
    if (known !== undefined) return known;
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: a primitive is never remembered because checkPipeline refuses it first, and not remembering only checks again
  const frozen = typeof value === 'object' && value !== null && isDeepFrozen(value);
  const result = checkPipeline(value);
  if (!result.success) throw invalidPipeline(result.issues);
  // Stryker disable next-line ConditionalExpression: not remembering a frozen pipeline only checks it again
  if (frozen) checkedFrozen.set(value, result.data);
  checkedFrozen.set(result.data, result.data);
  return result.data;
}

/** The position of a stage in a checked pipeline, or -1. */
export function stageIndex(pipeline: Pipeline, stageId: unknown): number {
  // Stryker disable next-line ConditionalExpression: stage ids are strings, so findIndex finds no other value either
  return typeof stageId === 'string' ? pipeline.stages.findIndex((stage) => stage.id === stageId) : -1;
}

/** A stage of a checked pipeline, or `undefined`. */
export function stageIn(pipeline: Pipeline, stageId: unknown): Stage | undefined {
  return pipeline.stages[stageIndex(pipeline, stageId)];
}

export const GROUP_OF: Readonly<Record<StageSemantic, StageGroup>> = { process: 'in-progress', success: 'won', failure: 'lost' };

export const isFinal = (stage: Stage): boolean => stage.semantic !== 'process';
