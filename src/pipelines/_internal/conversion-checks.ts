import type { FieldRegistry } from '../../fields/index.js';
import { createFieldRegistry } from '../../fields/index.js';
import { ValidationError } from '../../kernel/index.js';
import type { Pipeline } from '../pipeline.js';
import { isBag } from './stage-checks.js';
import { checkedPipeline } from './stage-pipeline.js';

/** The entity types a lead converts into, and the lead itself. */
export type ConversionEntityType = 'lead' | 'contact' | 'company' | 'deal';

// Registries are frozen plain data; these stand in for hosts without custom fields on a type.
const DEFAULT_REGISTRIES: { readonly [E in ConversionEntityType]: FieldRegistry<E> } = {
  lead: /* @__PURE__ */ createFieldRegistry('lead'),
  contact: /* @__PURE__ */ createFieldRegistry('contact'),
  company: /* @__PURE__ */ createFieldRegistry('company'),
  deal: /* @__PURE__ */ createFieldRegistry('deal'),
};

export function invalid(message: string): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', message);
}

/** The registry of one entity type from the options, or the standard-only one. */
export function registryOf<E extends ConversionEntityType>(registries: unknown, entityType: E): FieldRegistry<E> {
  if (registries === undefined) return DEFAULT_REGISTRIES[entityType];
  if (!isBag(registries)) throw invalid('registries is an object keyed by entity type.');
  const registry = registries[entityType];
  if (registry === undefined) return DEFAULT_REGISTRIES[entityType];
  if (!isBag(registry) || registry.entityType !== entityType || !Array.isArray(registry.customFields)) {
    throw invalid(`registries.${entityType} must be the field registry of ${entityType} records.`);
  }
  return registry as unknown as FieldRegistry<E>;
}

/**
 * A pipeline of the given entity type, checked by `definePipeline` (stages in `sort` order, the
 * stage invariants hold); throws `INVALID_ARGUMENT` otherwise.
 */
export function conversionPipeline(value: unknown, entityType: 'lead' | 'deal', name: string): Pipeline {
  if (!isBag(value) || value.entityType !== entityType) throw invalid(`${name} must be a ${entityType} pipeline.`);
  return checkedPipeline(value);
}
