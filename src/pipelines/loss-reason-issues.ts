import type { Issue } from '../kernel/index.js';
import { issue, ValidationError } from '../kernel/index.js';
import { isBag } from './_internal/stage-checks.js';
import type { LossReason, Stage } from './pipeline.js';
import { STAGE_SEMANTICS } from './pipeline.js';

/**
 * The loss-reason rules for a deal whose loss reason is `reasonId` while it is in `stage`: a loss
 * reason goes only with a failure stage; a failure stage with `lossReasonRequired` needs one; and
 * when a catalog is given, the reason must be one of it. {@link planTransition} applies them to a
 * move (with the reason the move gives, else the deal's own); the application layer applies them
 * when a deal is created in a stage or its loss reason is changed.
 *
 * @param reasonId - The deal's loss reason, or `undefined` when it has none.
 * @param stage - The stage the deal is in (or moves to).
 * @param lossReasons - The catalog the reason must come from; any id is taken without one.
 * @returns One issue at `['lossReasonId']` (`INVALID_VALUE` or `REQUIRED`), or none.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when `stage` is not a stage, `reasonId` is
 * neither text nor `undefined`, or `lossReasons` is not a list.
 *
 * @example
 * ```ts
 * const lost = { id: 'LOST', name: 'Lost', sort: 60, color: '#ff5752', semantic: 'failure', lossReasonRequired: true } as const;
 * const open = { id: 'NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process' } as const;
 * findLossReasonIssues('PRICE', lost, DEFAULT_LOSS_REASONS); //=> []
 * findLossReasonIssues(undefined, lost).map((found) => found.code); //=> ['REQUIRED']
 * findLossReasonIssues('BAD_LUCK', lost, DEFAULT_LOSS_REASONS).map((found) => found.code); //=> ['INVALID_VALUE']
 * findLossReasonIssues('PRICE', open).map((found) => found.code); //=> ['INVALID_VALUE']
 * findLossReasonIssues('PRICE', {} as Stage); // throws INVALID_ARGUMENT
 * ```
 */
export function findLossReasonIssues(reasonId: string | undefined, stage: Stage, lossReasons?: readonly LossReason[]): Issue[] {
  if (!isBag(stage) || !(STAGE_SEMANTICS as readonly unknown[]).includes(stage.semantic)) {
    throw new ValidationError('INVALID_ARGUMENT', 'findLossReasonIssues takes a stage of a pipeline.');
  }
  if (reasonId !== undefined && typeof reasonId !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'A loss reason is the id of a reason.');
  if (lossReasons !== undefined && !Array.isArray(lossReasons)) throw new ValidationError('INVALID_ARGUMENT', 'lossReasons is a loss-reason catalog.');
  if (reasonId !== undefined && stage.semantic !== 'failure') return [issue('INVALID_VALUE', 'A loss reason goes only with a failure stage.', ['lossReasonId'])];
  if (reasonId === undefined) {
    return stage.semantic === 'failure' && stage.lossReasonRequired === true ? [issue('REQUIRED', 'This stage needs a loss reason.', ['lossReasonId'])] : [];
  }
  if (lossReasons !== undefined && !lossReasons.some((known) => isBag(known) && known.id === reasonId)) {
    return [issue('INVALID_VALUE', 'Not a loss reason of the catalog.', ['lossReasonId'])];
  }
  return [];
}
