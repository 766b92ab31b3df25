import type { FieldRegistry } from '../../fields/index.js';
import { createFieldRegistry } from '../../fields/index.js';
import { ValidationError } from '../../kernel/index.js';
import type { Pipeline, Stage } from '../pipeline.js';

/** The entity types a lead converts into, and the lead itself. */
export type ConversionEntityType = 'lead' | 'contact' | 'company' | 'deal';

// Registries are frozen plain data; these stand in for hosts without custom fields on a type.
const DEFAULT_REGISTRIES: { readonly [E in ConversionEntityType]: FieldRegistry<E> } = {
  lead: createFieldRegistry('lead'),
  contact: createFieldRegistry('contact'),
  company: createFieldRegistry('company'),
  deal: createFieldRegistry('deal'),
};

export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

export function invalid(message: string): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', message);
}

/** The registry of one entity type from the options, or the standard-only one. */
export function registryOf<E extends ConversionEntityType>(registries: unknown, entityType: E): FieldRegistry<E> {
  if (registries === undefined) return DEFAULT_REGISTRIES[entityType];
  if (!isObject(registries)) throw invalid('registries is an object keyed by entity type.');
  const registry = registries[entityType];
  if (registry === undefined) return DEFAULT_REGISTRIES[entityType];
  if (!isObject(registry) || registry.entityType !== entityType || !Array.isArray(registry.customFields)) {
    throw invalid(`registries.${entityType} must be the field registry of ${entityType} records.`);
  }
  return registry as unknown as FieldRegistry<E>;
}

/** Checks the shape of a pipeline of an entity type: enough to find its stages by id. */
export function checkPipeline(value: unknown, entityType: 'lead' | 'deal', name: string): Pipeline {
  if (
    !isObject(value) ||
    !isId(value.id) ||
    value.entityType !== entityType ||
    !Array.isArray(value.stages) ||
    !(value.stages as readonly unknown[]).every((stage) => isObject(stage) && isId(stage.id) && typeof stage.semantic === 'string')
  ) {
    throw invalid(`${name} must be a ${entityType} pipeline with its stages.`);
  }
  return value as unknown as Pipeline;
}

/** The success stage of a pipeline; a pipeline without one is a broken contract. */
export function successStageOf(pipeline: Pipeline, name: string): Stage {
  const success = pipeline.stages.filter((stage) => stage.semantic === 'success');
  const [only] = success;
  if (only === undefined || success.length > 1) throw invalid(`${name} must have exactly one success stage.`);
  return only;
}

/** Checks an instant. */
export function checkInstant(value: unknown, name: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalid(`${name} must be a valid Date.`);
  return value;
}
