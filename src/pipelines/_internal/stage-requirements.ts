import type { Principal } from '../../access/index.js';
import { listVisibleFields } from '../../access/index.js';
import type { FieldDefinition, FieldRegistry } from '../../fields/index.js';
import type { Issue } from '../../kernel/index.js';
import { isEmptyValue, issue } from '../../kernel/index.js';
import type { Pipeline, Stage } from '../pipeline.js';
import { isBag, own } from './stage-checks.js';
import { stageIndex } from './stage-pipeline.js';

const CUSTOM_PREFIX = 'custom.';

/**
 * The values a stage of a checked pipeline requires that the item leaves empty: the stage's
 * `requiredFields`, and every custom field of the registry whose `requiredFromStage` rule applies
 * (see {@link appliesFrom}). A custom field counts only when the principal can see it (all count
 * without a principal); without a registry, only the stage's own list counts. One `REQUIRED`
 * issue per field, at `[field]` or `['custom', code]`.
 */
export function requirementIssues(item: object, pipeline: Pipeline, target: Stage, registry: FieldRegistry | undefined, principal: Principal | undefined): Issue[] {
  const issues: Issue[] = [];
  const custom: unknown = own(item, 'custom');
  // Stryker disable next-line ArrayDeclaration: a sentinel that is not a definition never has a requiredFromStage rule
  const all = registry?.customFields ?? [];
  const counted = registry === undefined ? undefined : new Set((principal === undefined ? all : listVisibleFields(registry, principal)).map((field) => field.code));
  const reported = new Set<string>();
  const requireCustom = (code: string): void => {
    if (reported.has(code) || (counted !== undefined && !counted.has(code))) return;
    reported.add(code);
    if (isEmptyValue(isBag(custom) ? own(custom, code) : undefined)) issues.push(issue('REQUIRED', 'This stage needs a value in this field.', ['custom', code]));
  };
  for (const code of target.requiredFields ?? []) {
    if (code.startsWith(CUSTOM_PREFIX)) requireCustom(code.slice(CUSTOM_PREFIX.length));
    else if (isEmptyValue(own(item, code))) issues.push(issue('REQUIRED', 'This stage needs a value in this field.', [code]));
  }
  const targetIndex = stageIndex(pipeline, target.id);
  for (const definition of all) {
    if (appliesFrom(definition, pipeline, target, targetIndex)) requireCustom(definition.code);
  }
  return issues;
}

// A `requiredFromStage` rule applies when it names this pipeline (or none) and a stage at or
// before the target; for a failure target only a rule naming that very stage applies.
function appliesFrom(definition: FieldDefinition, pipeline: Pipeline, target: Stage, targetIndex: number): boolean {
  const rule = definition.requiredFromStage;
  if (rule === undefined || (rule.pipelineId !== undefined && rule.pipelineId !== pipeline.id)) return false;
  const index = stageIndex(pipeline, rule.stageId);
  if (index < 0 || index > targetIndex) return false;
  return target.semantic !== 'failure' || rule.stageId === target.id;
}
