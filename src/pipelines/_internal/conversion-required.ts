import type { Principal } from '../../access/index.js';
import type { FieldRegistry } from '../../fields/index.js';
import type { Issue } from '../../kernel/index.js';
import type { Pipeline, Stage } from '../pipeline.js';
import { requirementIssues } from './stage-requirements.js';

/**
 * The fields a new deal's starting (in-progress) stage requires that its draft leaves empty, by
 * the rules of `planTransition` (custom fields count only when the principal can see them), with
 * paths starting at `deal`.
 */
export function requiredForStartStage(draft: object, pipeline: Pipeline, stage: Stage, registry: FieldRegistry, principal: Principal): Issue[] {
  return requirementIssues(draft, pipeline, stage, registry, principal).map((found) => ({ ...found, path: ['deal', ...found.path] }));
}
