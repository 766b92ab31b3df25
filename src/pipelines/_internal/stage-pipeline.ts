import { definePipeline } from '../define-pipeline.js';
import type { Pipeline, Stage, StageGroup, StageSemantic } from '../pipeline.js';
import { invalidPipeline } from './stage-checks.js';

// Pipelines are checked once; the checked copy (stages in `sort` order) is remembered for the
// object it came from. Plain data is never mutated in crm-kit, so the memo is pure.
const checked = new WeakMap<object, Pipeline>();

/** The checked pipeline with its stages in `sort` order, or throws `INVALID_ARGUMENT`. */
export function checkedPipeline(value: unknown): Pipeline {
  if (typeof value === 'object' && value !== null) {
    const known = checked.get(value);
    if (known !== undefined) return known;
  }
  const result = definePipeline(value);
  if (!result.success) throw invalidPipeline(result.issues);
  checked.set(value as object, result.data);
  checked.set(result.data, result.data);
  return result.data;
}

/** The position of a stage in a checked pipeline, or -1. */
export function stageIndex(pipeline: Pipeline, stageId: unknown): number {
  return typeof stageId === 'string' ? pipeline.stages.findIndex((stage) => stage.id === stageId) : -1;
}

/** A stage of a checked pipeline, or `undefined`. */
export function stageIn(pipeline: Pipeline, stageId: unknown): Stage | undefined {
  return pipeline.stages[stageIndex(pipeline, stageId)];
}

export const GROUP_OF: Readonly<Record<StageSemantic, StageGroup>> = { process: 'in-progress', success: 'won', failure: 'lost' };

export const isFinal = (stage: Stage): boolean => stage.semantic !== 'process';
