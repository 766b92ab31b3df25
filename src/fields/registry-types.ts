import type { FieldDefinition } from './definition.js';
import type { EntityType } from './entity-types.js';

/**
 * The fields of one entity type: which standard fields are hidden, and the custom fields. It is
 * immutable plain data; every change returns a new registry with a higher `revision`.
 *
 * @example
 * ```ts
 * const registry: FieldRegistry = createFieldRegistry('deal');
 * registry.revision; //=> 0
 * ```
 */
export interface FieldRegistry<E extends EntityType = EntityType> {
  readonly entityType: E;
  /** Bumped by every change; compiled schemas are cached per registry. */
  readonly revision: number;
  /** Codes of the standard fields hidden from forms and lists. */
  readonly hiddenStandardFields: readonly string[];
  /** The custom fields, in their `sort` order. */
  readonly customFields: readonly FieldDefinition[];
}
