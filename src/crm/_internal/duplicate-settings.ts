import type { DuplicateCheckOptions, DuplicateCriterion, DuplicateEntityType, DuplicateMatcher, DuplicateModel } from '../../duplicates/index.js';
import { createDuplicateMatcher, DEFAULT_DUPLICATE_CRITERIA, DUPLICATE_ENTITY_TYPES } from '../../duplicates/index.js';
import type { EntityType, FieldRegistry } from '../../fields/index.js';
import { invalidArgument, isPlainRecord } from '../../kernel/index.js';

/** The duplicate settings of a CRM, read once: the criteria and model of each type, and a matcher with them all. */
export interface DuplicateContext {
  /** The options a check of a type runs with, every criterion included. */
  options(entityType: DuplicateEntityType): DuplicateCheckOptions;
  /** The matcher of a type with every criterion: the keys a store keeps come from it. */
  matcher(entityType: DuplicateEntityType): DuplicateMatcher;
}

/** Whether an entity type is one duplicate control works on. */
export function isDuplicateType(entityType: EntityType): entityType is DuplicateEntityType {
  return (DUPLICATE_ENTITY_TYPES as readonly string[]).includes(entityType);
}

/**
 * Reads the `duplicates` option of `createCrm`, building each type's matcher at once so that a
 * criterion, model or region that is not valid fails there, with `INVALID_ARGUMENT`.
 */
export function readDuplicates(given: unknown, registries: Readonly<Record<EntityType, { readonly registry: FieldRegistry }>>): DuplicateContext {
  const settings: unknown = given ?? {};
  if (!isPlainRecord(settings)) throw invalidArgument('duplicates is { defaultRegion?, criteria?, models?, threshold?, stopLimit? }.');
  const known = new Set(['defaultRegion', 'criteria', 'models', 'threshold', 'stopLimit']);
  if (Object.keys(settings).some((key) => !known.has(key))) throw invalidArgument('duplicates has only defaultRegion, criteria, models, threshold and stopLimit.');
  const perType = (name: string, value: unknown): Readonly<Record<string, unknown>> => {
    const map: unknown = value ?? {};
    if (!isPlainRecord(map) || Object.keys(map).some((key) => !(DUPLICATE_ENTITY_TYPES as readonly string[]).includes(key))) {
      throw invalidArgument(`duplicates.${name} maps lead, contact, company and deal to their settings.`);
    }
    return map;
  };
  const criteria = perType('criteria', settings.criteria);
  const models = perType('models', settings.models);
  const options = {} as Record<DuplicateEntityType, DuplicateCheckOptions>;
  const matchers = {} as Record<DuplicateEntityType, DuplicateMatcher>;
  for (const entityType of DUPLICATE_ENTITY_TYPES) {
    const checkOptions: DuplicateCheckOptions = {
      entityType,
      criteria: (criteria[entityType] as readonly DuplicateCriterion[] | undefined) ?? DEFAULT_DUPLICATE_CRITERIA[entityType],
      fields: registries[entityType].registry,
      defaultRegion: settings.defaultRegion as string | undefined,
      model: models[entityType] as DuplicateModel | undefined,
      threshold: settings.threshold as number | undefined,
      stopLimit: settings.stopLimit as number | undefined,
    };
    options[entityType] = checkOptions;
    matchers[entityType] = createDuplicateMatcher(checkOptions);
  }
  return {
    options: (entityType) => options[entityType],
    matcher: (entityType) => matchers[entityType],
  };
}

