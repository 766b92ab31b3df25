import type { Result } from '../kernel/index.js';
import { fail, issue } from '../kernel/index.js';
import { checkedPipeline } from './_internal/stage-pipeline.js';
import { checkItem } from './_internal/transition-item.js';
import type { Pipeline } from './pipeline.js';
import type { TransitionContext, TransitionItem, TransitionPlan } from './plan-transition.js';
import { checkContext, planMove } from './plan-transition.js';

/**
 * Plans moving a deal to a stage of another pipeline. The rules of {@link planTransition} apply
 * to the target stage (required fields of the target pipeline, loss reason, closing, reopening,
 * probability); the patch also sets `pipelineId`, and the history event is `pipelineChanged`.
 *
 * Issues (`INVALID_STAGE_TRANSITION`): the pipelines are not both deal pipelines, the target
 * pipeline is the one the deal is in (use {@link planTransition}), the deal is not in
 * `context.pipeline`, or the target stage is not in `toPipeline`.
 *
 * @param item - The stored deal.
 * @param toPipeline - The pipeline to move it to (checked like {@link assertPipeline}).
 * @param toStageId - The stage of `toPipeline` to move it to.
 * @param context - As for {@link planTransition}, with `pipeline` the deal's current pipeline;
 * `registry` and `principal` apply to the target pipeline's rules.
 * @returns The plan, or the issues that stop the move.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed item, pipeline or context;
 * `INVALID_DATE` for an invalid `at`.
 *
 * @example
 * ```ts
 * const renewals = {
 *   id: 'renewals', entityType: 'deal', name: 'Renewals',
 *   stages: [
 *     { id: 'DUE', name: 'Due', sort: 10, color: '#39a8ef', semantic: 'process', probability: 60 },
 *     { id: 'RENEWED', name: 'Renewed', sort: 20, color: '#7bd500', semantic: 'success', probability: 100 },
 *     { id: 'CHURNED', name: 'Churned', sort: 30, color: '#ff5752', semantic: 'failure', probability: 0 },
 *   ],
 * } as const;
 * const at = new Date('2026-03-02T11:00:00Z');
 * const deal = { id: 'd-1', pipelineId: 'default', stageId: 'NEW', probability: 10, closed: false, movedAt: at, movedById: 'u-1', custom: {} };
 * const later = new Date('2026-04-01T08:00:00Z');
 * const plan = planPipelineChange(deal, renewals, 'DUE', { pipeline: DEFAULT_DEAL_PIPELINE, at: later, byId: 'u-2' });
 * plan.success && plan.data.patch.pipelineId; //=> 'renewals'
 * plan.success && plan.data.patch.probability; //=> 60
 * plan.success && [plan.data.event.type, plan.data.event.type === 'pipelineChanged' && plan.data.event.fromPipelineId]; //=> ['pipelineChanged', 'default']
 * const same = planPipelineChange(deal, DEFAULT_DEAL_PIPELINE, 'PREPARATION', { pipeline: DEFAULT_DEAL_PIPELINE, at: later, byId: 'u-2' });
 * same.success ? [] : same.issues.map((i) => [i.code, i.path]); //=> [['INVALID_STAGE_TRANSITION', ['pipelineId']]]
 * ```
 */
export function planPipelineChange(item: TransitionItem, toPipeline: Pipeline, toStageId: string, context: TransitionContext): Result<TransitionPlan> {
  checkItem(item);
  const to = checkedPipeline(toPipeline);
  const checked = checkContext(context);
  const from = checked.pipeline;
  if (from.entityType !== 'deal' || to.entityType !== 'deal') {
    return fail(issue('INVALID_STAGE_TRANSITION', 'Only deals move between pipelines, and only to another deal pipeline.', ['pipelineId']));
  }
  if (from.id === to.id) {
    return fail(issue('INVALID_STAGE_TRANSITION', 'The deal is already in this pipeline: plan a stage move instead.', ['pipelineId']));
  }
  return planMove(item, from, to, toStageId, checked);
}
