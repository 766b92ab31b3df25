/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// A model's parameters as the public DuplicateModel and back, and a pattern's explanation: shared
// by the scan and the duplicate index, so that both score and explain a pair alike.
import { isPlainRecord, ValidationError } from '../../kernel/index.js';
import type { DuplicateExplanation, DuplicateExplanationItem, DuplicateModel } from '../duplicate-model.js';
import type { CompiledCriterion } from './compile-criteria.js';
import type { Parameters, Pattern } from './fellegi-sunter.js';
import { levelOf } from './fellegi-sunter.js';

/** The explanation of a pattern, with each level's weight in bits rounded to a tenth. */
export function explanationOf(pattern: Pattern, criteria: readonly CompiledCriterion[], weights: readonly (readonly number[])[]): DuplicateExplanation {
  const items: DuplicateExplanationItem[] = [];
  for (let k = 0; k < criteria.length; k++) {
    const level = levelOf(pattern, k);
    if (level < 0) continue;
    const criterion = (criteria[k] as CompiledCriterion);
    const label = (criterion.rule.levels[level] as { label: string }).label;
    const weight = Math.round(((weights[k] as readonly number[])[level] as number) * 10) / 10;
    items.push(Object.freeze({ field: criterion.field, level: label, weight, text: `${criterion.field}: ${label} (${weight >= 0 ? '+' : ''}${weight.toFixed(1)})` }));
  }
  return Object.freeze(items);
}

/** Parameters as a public model. */
export function modelOf(parameters: Parameters, criteria: readonly CompiledCriterion[]): DuplicateModel {
  return Object.freeze({
    prior: parameters.prior,
    criteria: Object.freeze(
      criteria.map((criterion, k) =>
        Object.freeze({
          field: criterion.field,
          comparator: criterion.comparator,
          levels: Object.freeze(
            criterion.rule.levels.map((level, l) => Object.freeze({ label: level.label, m: (parameters.m[k] as readonly number[])[l] as number, u: (parameters.u[k] as readonly number[])[l] as number })),
          ),
        }),
      ),
    ),
  });
}

/** A public model as parameters, refused with `INVALID_ARGUMENT` when it does not fit the criteria. */
export function parametersOf(model: DuplicateModel, criteria: readonly CompiledCriterion[]): Parameters {
  const fits =
    isPlainRecord(model) &&
    typeof model.prior === 'number' &&
    model.prior > 0 &&
    model.prior < 1 &&
    Array.isArray(model.criteria) &&
    model.criteria.length === criteria.length &&
    (model.criteria as readonly unknown[]).every((entry, k) => {
      const criterion = criteria[k] as CompiledCriterion;
      if (!isPlainRecord(entry)) return false;
      const levels = entry.levels;
      return (
        entry.field === criterion.field &&
        entry.comparator === criterion.comparator &&
        Array.isArray(levels) &&
        levels.length === criterion.rule.levels.length &&
        levels.every((level: unknown) => isPlainRecord(level) && isProbability(level.m) && isProbability(level.u))
      );
    });
  if (!fits) throw new ValidationError('INVALID_ARGUMENT', 'The model is not one a scan with these criteria returns.');
  const given = model as DuplicateModel;
  return { prior: given.prior, m: given.criteria.map((entry) => entry.levels.map((level) => level.m)), u: given.criteria.map((entry) => entry.levels.map((level) => level.u)) };
}

function isProbability(value: unknown): boolean {
  return typeof value === 'number' && value > 0 && value <= 1;
}
