import type { Principal } from '../access/index.js';
import { assertPrincipal } from '../access/index.js';
import type { FieldRegistry } from '../fields/index.js';
import { getCustomField } from '../fields/index.js';
import type { Issue } from '../kernel/index.js';
import { ValidationError } from '../kernel/index.js';
import { isBag } from './_internal/stage-checks.js';
import { checkedPipeline, stageIn } from './_internal/stage-pipeline.js';
import { requirementIssues } from './_internal/stage-requirements.js';
import type { Pipeline } from './pipeline.js';

/**
 * Whose view the requirements of {@link findStageRequirementIssues} are checked for: the entity
 * type's field registry (for `requiredFromStage` rules) and the person (custom fields they cannot
 * see are never required of them).
 */
export interface StageRequirementOptions {
  readonly registry?: FieldRegistry | undefined;
  /** Needs `registry`: without it, what the person can see is unknown. */
  readonly principal?: Principal | undefined;
}

/**
 * The values an item must have while it is in a stage, which it leaves empty: the stage's
 * `requiredFields`, and each custom field whose `requiredFromStage` names this pipeline (or none)
 * and a stage at or before this one (for a failure stage, only a rule naming that very stage).
 * These are the rules {@link planTransition} applies to a move; the application layer also
 * applies them when an item is created in a stage and when an update would empty a value the
 * current stage requires. A custom field counts only when the person can see it.
 *
 * @param item - The item (any record with the fields and `custom` values to check).
 * @param pipeline - Its pipeline (checked like {@link assertPipeline}).
 * @param stageId - The stage whose requirements apply.
 * @param options - The registry and the person.
 * @returns One `REQUIRED` issue per empty required value, at `[field]` or `['custom', code]`;
 * none when every requirement is met.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an item that is not an object, an invalid
 * pipeline, a stage id the pipeline does not have, a registry of another entity type, or a
 * principal without a registry.
 *
 * @example
 * ```ts
 * const pipeline = unwrap(checkPipeline({
 *   id: 'sales', entityType: 'deal', name: 'Sales',
 *   stages: [
 *     { id: 'NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process' },
 *     { id: 'PROPOSAL', name: 'Proposal', sort: 20, color: '#2f80ed', semantic: 'process', requiredFields: ['amount'] },
 *     { id: 'WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success' },
 *     { id: 'LOST', name: 'Lost', sort: 100, color: '#eb5757', semantic: 'failure' },
 *   ],
 * }));
 * findStageRequirementIssues({ title: 'Fleet' }, pipeline, 'PROPOSAL').map((found) => found.path); //=> [['amount']]
 * findStageRequirementIssues({ title: 'Fleet' }, pipeline, 'NEW'); //=> []
 * findStageRequirementIssues({ title: 'Fleet' }, pipeline, 'ARCHIVED'); // throws INVALID_ARGUMENT
 * ```
 */
export function findStageRequirementIssues(item: object, pipeline: Pipeline, stageId: string, options: StageRequirementOptions = {}): Issue[] {
  if (!isBag(item)) throw new ValidationError('INVALID_ARGUMENT', 'The item is a plain record.');
  const checked = checkedPipeline(pipeline);
  const stage = stageIn(checked, stageId);
  if (stage === undefined) throw new ValidationError('INVALID_ARGUMENT', 'Not a stage of the pipeline.');
  if (!isBag(options)) throw new ValidationError('INVALID_ARGUMENT', 'Options are { registry?, principal? }.');
  const registry = options.registry as FieldRegistry | undefined;
  const principal = options.principal as Principal | undefined;
  if (principal !== undefined) {
    assertPrincipal(principal);
    if (registry === undefined) throw new ValidationError('INVALID_ARGUMENT', 'A principal needs the field registry: without it, what the person can see is unknown.');
  }
  if (registry !== undefined) {
    // Stryker disable next-line StringLiteral: the call only checks the registry; no field has either code
    getCustomField(registry, '');
    if (registry.entityType !== checked.entityType) throw new ValidationError('INVALID_ARGUMENT', 'The registry is for another entity type than the pipeline.');
  }
  return requirementIssues(item, checked, stage, registry, principal);
}
