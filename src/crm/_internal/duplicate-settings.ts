import type { DuplicateCheckOptions, DuplicateControl, DuplicateEntityType, DuplicateMatcher } from '../../duplicates/index.js';
import { DEFAULT_DUPLICATE_CRITERIA, DUPLICATE_ENTITY_TYPES } from '../../duplicates/index.js';
import type { EntityType, FieldRegistry } from '../../fields/index.js';
import { AdapterError, invalidArgument, isPlainRecord } from '../../kernel/index.js';

/** The duplicate control of a CRM, read once: the criteria and model of each type, and a matcher with them all. */
export interface DuplicateContext {
  /** The functions of the control (scans, merge planning). */
  readonly control: DuplicateControl;
  /** The options a check of a type runs with, every criterion included. */
  options(entityType: DuplicateEntityType): DuplicateCheckOptions;
  /** The matcher of a type with every criterion: the keys a store keeps come from it. */
  matcher(entityType: DuplicateEntityType): DuplicateMatcher;
}

/** Whether an entity type is one duplicate control works on. */
export function isDuplicateType(entityType: EntityType): entityType is DuplicateEntityType {
  return (DUPLICATE_ENTITY_TYPES as readonly string[]).includes(entityType);
}

const FUNCTIONS = ['createDuplicateMatcher', 'findDuplicates', 'isAutoMergeable', 'listLinksTo', 'planMerge', 'planMergeUndo'] as const;

/**
 * Reads the `duplicates` option of `createCrm` (from `duplicateControl`), building each type's
 * matcher at once so that a criterion, model or region that is not valid fails there, with
 * `INVALID_ARGUMENT`. Without it, `undefined`.
 */
export function readDuplicates(given: unknown, registries: Readonly<Record<EntityType, { readonly registry: FieldRegistry }>>): DuplicateContext | undefined {
  if (given === undefined) return undefined;
  if (!isPlainRecord(given) || !isPlainRecord(given.settings) || FUNCTIONS.some((name) => typeof given[name] !== 'function')) {
    throw invalidArgument('duplicates is the duplicate control duplicateControl(...) makes.');
  }
  const control = given as unknown as DuplicateControl;
  const { settings } = control;
  const options = {} as Record<DuplicateEntityType, DuplicateCheckOptions>;
  const matchers = {} as Record<DuplicateEntityType, DuplicateMatcher>;
  for (const entityType of DUPLICATE_ENTITY_TYPES) {
    const checkOptions: DuplicateCheckOptions = {
      entityType,
      criteria: settings.criteria?.[entityType] ?? DEFAULT_DUPLICATE_CRITERIA[entityType],
      fields: registries[entityType].registry,
      defaultRegion: settings.defaultRegion,
      model: settings.models?.[entityType],
      threshold: settings.threshold,
      stopLimit: settings.stopLimit,
    };
    options[entityType] = checkOptions;
    matchers[entityType] = control.createDuplicateMatcher(checkOptions);
  }
  return {
    control,
    options: (entityType) => options[entityType],
    matcher: (entityType) => matchers[entityType],
  };
}

/** The duplicate control of a CRM, or `UNSUPPORTED` when it was made without one. */
export function duplicatesOf(duplicates: DuplicateContext | undefined): DuplicateContext {
  // Stryker disable next-line StringLiteral: message text
  if (duplicates === undefined) throw new AdapterError('UNSUPPORTED', 'This CRM was made without duplicate control: give createCrm duplicates: duplicateControl(...).');
  return duplicates;
}
