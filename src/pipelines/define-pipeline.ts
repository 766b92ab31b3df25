import { FIELD_CODE_PATTERN, listStandardFields } from '../fields/index.js';
import type { Issue, Result } from '../kernel/index.js';
import { fail, issue, ok, ValidationError } from '../kernel/index.js';
import type { Report } from './_internal/stage-checks.js';
import { checkKeys, checkLabels, frozenCopy, invalidPipeline, isBag, isId, reporter } from './_internal/stage-checks.js';
import type { LossReason, Pipeline, Stage, StagedEntityType } from './pipeline.js';
import { FORECAST_CATEGORIES, STAGE_SEMANTICS, STAGED_ENTITY_TYPES } from './pipeline.js';

const PIPELINE_KEYS: ReadonlySet<string> = new Set(['id', 'entityType', 'name', 'sort', 'stages']);
const STAGE_KEYS: ReadonlySet<string> = new Set([
  'id',
  'name',
  'labels',
  'sort',
  'color',
  'semantic',
  'probability',
  'forecastCategory',
  'idleDays',
  'requiredFields',
  'lossReasonRequired',
]);
const LOSS_REASON_KEYS: ReadonlySet<string> = new Set(['id', 'labels', 'sort']);
const COLOR = /^#[0-9a-fA-F]{6}$/;
const CUSTOM_PREFIX = 'custom.';

const isName = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= 255;

/**
 * Checks a pipeline definition and returns a frozen copy whose stages are listed in `sort` order
 * (stages with equal `sort` keep the order they were given in), or every problem found.
 *
 * Checked: a non-blank `id` and `name`, a known `entityType`, and at least one stage; per stage a
 * unique non-blank `id` (128 characters at most), a non-blank `name`, a finite `sort`, a colour
 * `#rrggbb`, a known `semantic` and `forecastCategory`, a whole `probability` from 0 to 100, a
 * positive whole `idleDays`, `requiredFields` naming standard fields of the entity type or
 * `custom.<code>`, and `lossReasonRequired: true` only on failure stages of deal pipelines (only
 * deals store a loss reason). In `sort` order the stages must be one or more in-progress
 * (`process`) stages, then exactly one `success` stage, then any number of `failure` stages. Unknown settings are refused, so a misspelt one is caught.
 *
 * @param input - A candidate pipeline, from code or from a settings form.
 * @returns The pipeline, or the issues with paths into `input` (stage positions are those of the
 * given list). Codes: `REQUIRED`, `INVALID_VALUE`, `UNKNOWN_FIELD`, `DUPLICATE_FIELD` (two stages
 * with one id).
 *
 * @example
 * ```ts
 * const result = checkPipeline({
 *   id: 'sales', entityType: 'deal', name: 'Sales',
 *   stages: [
 *     { id: 'WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success', probability: 100 },
 *     { id: 'NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process', probability: 10 },
 *     { id: 'LOST', name: 'Lost', sort: 100, color: '#eb5757', semantic: 'failure', lossReasonRequired: true },
 *   ],
 * });
 * result.success && result.data.stages.map((s) => s.id); //=> ['NEW', 'WON', 'LOST']
 * const late = checkPipeline({
 *   id: 'sales', entityType: 'deal', name: 'Sales',
 *   stages: [
 *     { id: 'WON', name: 'Won', sort: 10, color: '#27ae60', semantic: 'success' },
 *     { id: 'NEW', name: 'New', sort: 20, color: '#9b9b9b', semantic: 'process' },
 *   ],
 * });
 * late.success ? [] : late.issues.map((i) => [i.code, i.path.join('.')]); //=> [['INVALID_VALUE', 'stages.1.semantic']]
 * ```
 */
export function checkPipeline(input: unknown): Result<Pipeline> {
  const issues: Issue[] = [];
  const report = reporter(issues);
  if (!isBag(input)) return fail(issue('INVALID_VALUE', 'A pipeline is an object { id, entityType, name, stages }.'));
  checkKeys(input, PIPELINE_KEYS, report);
  if (input.id === undefined) report('REQUIRED', 'A pipeline needs an id.', 'id');
  else if (!isId(input.id)) report('INVALID_VALUE', 'A pipeline id is non-blank text of at most 128 characters.', 'id');
  const entityType = input.entityType;
  const knownType = typeof entityType === 'string' && (STAGED_ENTITY_TYPES as readonly string[]).includes(entityType);
  if (entityType === undefined) report('REQUIRED', `A pipeline is for one of ${STAGED_ENTITY_TYPES.join(', ')}.`, 'entityType');
  else if (!knownType) report('INVALID_VALUE', `A pipeline is for one of ${STAGED_ENTITY_TYPES.join(', ')}.`, 'entityType');
  if (input.name === undefined) report('REQUIRED', 'A pipeline needs a name.', 'name');
  else if (!isName(input.name)) report('INVALID_VALUE', 'A name is non-blank text of at most 255 characters.', 'name');
  if (input.sort !== undefined && !Number.isFinite(input.sort)) report('INVALID_VALUE', 'A sort position is a finite number.', 'sort');

  const stages = input.stages;
  if (!Array.isArray(stages) || stages.length === 0) {
    report(stages === undefined ? 'REQUIRED' : 'INVALID_VALUE', 'A pipeline has a non-empty list of stages.', 'stages');
    return fail(issues);
  }
  const list = stages as readonly unknown[];
  const seen = new Set<string>();
  list.forEach((stage, index) => {
    checkStage(stage, index, knownType ? (entityType as StagedEntityType) : undefined, report);
    if (isBag(stage) && isId(stage.id)) {
      if (seen.has(stage.id)) report('DUPLICATE_FIELD', 'Another stage of this pipeline has the same id.', 'stages', index, 'id');
      seen.add(stage.id);
    }
  });
  // The order is checked only on well-formed stages: a sort or semantic that is wrong would only
  // add noise.
  if (issues.length > 0) return fail(issues);

  const ordered = (list as readonly Stage[]).map((stage, index) => ({ stage, index })).sort((a, b) => a.stage.sort - b.stage.sort);
  checkOrder(ordered, report);
  if (issues.length > 0) return fail(issues);
  return ok(frozenCopy({ ...(input as unknown as Pipeline), stages: ordered.map(({ stage }) => stage) }));
}

/**
 * Defines a pipeline: the checked, frozen pipeline with its stages in `sort` order, as
 * {@link checkPipeline} returns it, or a throw when it is not valid (its non-throwing twin is
 * {@link checkPipeline}).
 *
 * @param input - A candidate pipeline.
 * @returns The pipeline, frozen.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` whose `issues` list every problem.
 *
 * @example
 * ```ts
 * const sales = definePipeline({
 *   id: 'sales', entityType: 'deal', name: 'Sales',
 *   stages: [
 *     { id: 'WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success', probability: 100 },
 *     { id: 'NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process', probability: 10 },
 *   ],
 * });
 * sales.stages.map((s) => s.id); //=> ['NEW', 'WON']
 * definePipeline({ id: 'sales', entityType: 'deal', name: 'Sales', stages: [] }); // throws INVALID_ARGUMENT
 * ```
 */
export function definePipeline(input: unknown): Pipeline {
  const result = checkPipeline(input);
  if (!result.success) throw invalidPipeline(result.issues);
  return result.data;
}

/**
 * Checks a pipeline like {@link checkPipeline} and throws when it is not valid. Every function
 * of the pipelines module runs this check on the pipelines it is given, and reads the stages in
 * `sort` order.
 *
 * @param value - The value to check.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` whose `issues` list every problem.
 *
 * @example
 * ```ts
 * assertPipeline(DEFAULT_DEAL_PIPELINE);
 * assertPipeline({ ...DEFAULT_DEAL_PIPELINE, stages: [] }); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function assertPipeline(value: unknown): asserts value is Pipeline {
  definePipeline(value);
}

/**
 * Checks a catalog of loss reasons: a list of `{ id, labels, sort? }` with unique non-blank ids
 * and labels per language. Returns a frozen copy in `sort` order (reasons without `sort`, and
 * reasons with equal `sort`, keep the order they were given in, after those with one).
 *
 * @param input - The candidate catalog.
 * @returns The catalog, or the issues with paths into `input`. Codes: `INVALID_VALUE`,
 * `REQUIRED`, `UNKNOWN_FIELD`, `DUPLICATE_FIELD` (two reasons with one id).
 *
 * @example
 * ```ts
 * const reasons = checkLossReasons([
 *   { id: 'PRICE', labels: { en: 'Price too high' }, sort: 20 },
 *   { id: 'COMPETITOR', labels: { en: 'Went with a competitor' }, sort: 10 },
 * ]);
 * reasons.success && reasons.data.map((r) => r.id); //=> ['COMPETITOR', 'PRICE']
 * const twice = checkLossReasons([{ id: 'PRICE', labels: { en: 'Price' } }, { id: 'PRICE', labels: { en: 'Cost' } }]);
 * twice.success ? [] : twice.issues.map((i) => [i.code, i.path.join('.')]); //=> [['DUPLICATE_FIELD', '1.id']]
 * ```
 */
export function checkLossReasons(input: unknown): Result<readonly LossReason[]> {
  if (!Array.isArray(input)) return fail(issue('INVALID_VALUE', 'A loss-reason catalog is a list of { id, labels, sort? }.'));
  const issues: Issue[] = [];
  const report = reporter(issues);
  const seen = new Set<string>();
  (input as readonly unknown[]).forEach((reason, index) => {
    if (!isBag(reason)) {
      report('INVALID_VALUE', 'A loss reason is an object { id, labels, sort? }.', index);
      return;
    }
    checkKeys(reason, LOSS_REASON_KEYS, report, index);
    if (reason.id === undefined) report('REQUIRED', 'A loss reason needs an id.', index, 'id');
    else if (!isId(reason.id)) report('INVALID_VALUE', 'An id is non-blank text of at most 128 characters.', index, 'id');
    else if (seen.has(reason.id)) report('DUPLICATE_FIELD', 'Another loss reason has the same id.', index, 'id');
    else seen.add(reason.id);
    checkLabels(reason.labels, report, index, 'labels');
    if (reason.sort !== undefined && !Number.isFinite(reason.sort)) report('INVALID_VALUE', 'A sort position is a finite number.', index, 'sort');
  });
  if (issues.length > 0) return fail(issues);
  const position = (reason: LossReason): number => reason.sort ?? Number.POSITIVE_INFINITY;
  const sorted = [...(input as readonly LossReason[])].sort((a, b) => (position(a) === position(b) ? 0 : position(a) < position(b) ? -1 : 1));
  return ok(frozenCopy(sorted));
}

/**
 * Defines a catalog of loss reasons: the checked, frozen catalog in `sort` order, as
 * {@link checkLossReasons} returns it, or a throw when it is not valid.
 *
 * @param input - The candidate catalog.
 * @returns The catalog, frozen.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` whose `issues` list every problem.
 *
 * @example
 * ```ts
 * defineLossReasons([{ id: 'PRICE', labels: { en: 'Price too high' } }]).map((r) => r.id); //=> ['PRICE']
 * defineLossReasons([{ id: '', labels: {} }]); // throws INVALID_ARGUMENT
 * ```
 */
export function defineLossReasons(input: unknown): readonly LossReason[] {
  const result = checkLossReasons(input);
  if (!result.success) throw new ValidationError('INVALID_ARGUMENT', 'The loss-reason catalog is not valid; see issues.', { issues: result.issues });
  return result.data;
}

function checkStage(stage: unknown, index: number, entityType: StagedEntityType | undefined, report: Report): void {
  if (!isBag(stage)) {
    report('INVALID_VALUE', 'A stage is an object { id, name, sort, color, semantic, ... }.', 'stages', index);
    return;
  }
  const at = (...path: (string | number)[]): (string | number)[] => ['stages', index, ...path];
  checkKeys(stage, STAGE_KEYS, report, 'stages', index);
  const need = (key: string, valid: boolean, message: string): void => {
    if (stage[key] === undefined) report('REQUIRED', message, ...at(key));
    else if (!valid) report('INVALID_VALUE', message, ...at(key));
  };
  need('id', isId(stage.id), 'A stage id is non-blank text of at most 128 characters.');
  need('name', isName(stage.name), 'A stage name is non-blank text of at most 255 characters.');
  need('sort', Number.isFinite(stage.sort), 'A sort position is a finite number.');
  need('color', typeof stage.color === 'string' && COLOR.test(stage.color), 'A colour is written #rrggbb.');
  need('semantic', (STAGE_SEMANTICS as readonly unknown[]).includes(stage.semantic), `A semantic is one of ${STAGE_SEMANTICS.join(', ')}.`);
  if (stage.labels !== undefined) checkLabels(stage.labels, report, ...at('labels'));
  const probability = stage.probability;
  if (probability !== undefined && !(Number.isInteger(probability) && (probability as number) >= 0 && (probability as number) <= 100)) {
    report('INVALID_VALUE', 'A probability is a whole percentage from 0 to 100.', ...at('probability'));
  }
  if (stage.forecastCategory !== undefined && !(FORECAST_CATEGORIES as readonly unknown[]).includes(stage.forecastCategory)) {
    report('INVALID_VALUE', `A forecast category is one of ${FORECAST_CATEGORIES.join(', ')}.`, ...at('forecastCategory'));
  }
  const idle = stage.idleDays;
  if (idle !== undefined && !(Number.isSafeInteger(idle) && (idle as number) > 0)) {
    report('INVALID_VALUE', 'idleDays is a positive whole number of days.', ...at('idleDays'));
  }
  if (stage.lossReasonRequired !== undefined) {
    if (typeof stage.lossReasonRequired !== 'boolean') report('INVALID_VALUE', 'Expected true or false.', ...at('lossReasonRequired'));
    else if (stage.lossReasonRequired && stage.semantic !== 'failure') {
      report('INVALID_VALUE', 'Only a failure stage can require a loss reason.', ...at('lossReasonRequired'));
    } else if (stage.lossReasonRequired && entityType !== undefined && entityType !== 'deal') {
      // Only deals store a loss reason (`lossReasonId`): a lead, invoice or quote would lose it.
      report('INVALID_VALUE', 'Only deal pipelines can require a loss reason: only deals store one.', ...at('lossReasonRequired'));
    }
  }
  checkRequiredFields(stage.requiredFields, entityType, report, at('requiredFields'));
}

function checkRequiredFields(value: unknown, entityType: StagedEntityType | undefined, report: Report, path: (string | number)[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    report('INVALID_VALUE', 'requiredFields is a list of field codes.', ...path);
    return;
  }
  // Stryker disable next-line ArrayDeclaration: the set is read only when the entity type is known
  const standard = new Set(entityType === undefined ? [] : listStandardFields(entityType).map((f) => f.code));
  const seen = new Set<string>();
  (value as readonly unknown[]).forEach((code, index) => {
    if (typeof code !== 'string') {
      report('INVALID_VALUE', 'A required field is a standard field code or custom.<code>.', ...path, index);
    } else if (seen.has(code)) {
      report('DUPLICATE_FIELD', 'This field is listed twice.', ...path, index);
    } else if (code.startsWith(CUSTOM_PREFIX)) {
      if (!FIELD_CODE_PATTERN.test(code.slice(CUSTOM_PREFIX.length))) report('INVALID_VALUE', 'A custom field code is a lower-case slug.', ...path, index);
    } else if (entityType !== undefined && !standard.has(code)) {
      report('UNKNOWN_FIELD', 'Not a standard field of this entity type; write custom fields as custom.<code>.', ...path, index);
    }
    // Stryker disable next-line ConditionalExpression: a non-string in the set never matches the strings looked up
    if (typeof code === 'string') seen.add(code);
  });
}

function checkOrder(ordered: readonly { readonly stage: Stage; readonly index: number }[], report: Report): void {
  // 0: in-progress stages so far; 1: the success stage seen; 2: a failure stage seen.
  let phase = 0;
  let processes = 0;
  let successes = 0;
  for (const { stage, index } of ordered) {
    if (stage.semantic === 'process') {
      // Stryker disable next-line AssignmentOperator: only whether the count is zero is read
      processes += 1;
      if (phase > 0) report('INVALID_VALUE', 'In-progress stages come before the success and failure stages.', 'stages', index, 'semantic');
    } else if (stage.semantic === 'success') {
      successes += 1;
      if (successes > 1) report('INVALID_VALUE', 'A pipeline has exactly one success stage.', 'stages', index, 'semantic');
      else if (phase === 2) report('INVALID_VALUE', 'The success stage comes before the failure stages.', 'stages', index, 'semantic');
      phase = Math.max(phase, 1);
    } else {
      phase = 2;
    }
  }
  if (processes === 0) report('REQUIRED', 'A pipeline needs at least one in-progress stage.', 'stages');
  if (successes === 0) report('REQUIRED', 'A pipeline needs a success stage.', 'stages');
}

