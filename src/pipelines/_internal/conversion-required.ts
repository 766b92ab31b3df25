import type { Principal } from '../../access/index.js';
import { visibleFields } from '../../access/index.js';
import type { FieldRegistry } from '../../fields/index.js';
import type { Issue } from '../../kernel/index.js';
import { issue } from '../../kernel/index.js';
import type { Pipeline, Stage } from '../pipeline.js';
import { isEmptyValue } from './empty-value.js';
import { isBag, own } from './stage-checks.js';
import { stageIndex } from './stage-pipeline.js';

const CUSTOM_PREFIX = 'custom.';

/**
 * The fields a new deal's starting (in-progress) stage requires that its draft leaves empty, by
 * the rules of `planTransition`: the stage's `requiredFields`, and every custom field whose
 * `requiredFromStage` names this pipeline (or none) and a stage at or before it. Custom fields
 * count only when the registry defines them and the principal can see them. Paths start with
 * `deal`.
 */
export function requiredForStartStage(draft: object, pipeline: Pipeline, stage: Stage, registry: FieldRegistry, principal: Principal): Issue[] {
  const issues: Issue[] = [];
  const custom: unknown = own(draft, 'custom');
  const visible = new Set(visibleFields(principal, registry).map((field) => field.code));
  const reported = new Set<string>();
  const requireCustom = (code: string): void => {
    if (reported.has(code) || !visible.has(code)) return;
    reported.add(code);
    if (isEmptyValue(isBag(custom) ? own(custom, code) : undefined)) {
      issues.push(issue('REQUIRED', "The deal's starting stage needs a value in this field.", ['deal', 'custom', code]));
    }
  };
  for (const field of stage.requiredFields ?? []) {
    if (field.startsWith(CUSTOM_PREFIX)) requireCustom(field.slice(CUSTOM_PREFIX.length));
    else if (isEmptyValue(own(draft, field))) issues.push(issue('REQUIRED', "The deal's starting stage needs a value in this field.", ['deal', field]));
  }
  const startIndex = stageIndex(pipeline, stage.id);
  for (const definition of registry.customFields) {
    const rule = definition.requiredFromStage;
    if (rule === undefined || (rule.pipelineId !== undefined && rule.pipelineId !== pipeline.id)) continue;
    const index = stageIndex(pipeline, rule.stageId);
    if (index >= 0 && index <= startIndex) requireCustom(definition.code);
  }
  return issues;
}
