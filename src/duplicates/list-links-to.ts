import type { EntityType, FieldRegistry } from '../fields/index.js';
import { isEntityType } from '../fields/index.js';
import { invalidArgument, isPlainRecord } from '../kernel/index.js';
import { linkSlotsTo } from './_internal/relink.js';

/**
 * A field that can point at records of another type: the child's entity type, the field (a
 * standard code or `custom.<code>`), and its shape: one id (`link`), a list of ids (`links`), one
 * `{ entityType, id }` (`record`), a list of them (`records`, an activity's `bindings`), or a list
 * of items each of which may name one in `entity` (`items`, an activity's `communications`).
 */
export interface LinkField {
  readonly entityType: EntityType;
  readonly field: string;
  readonly shape: 'link' | 'links' | 'record' | 'records' | 'items';
}

/**
 * Every field of every entity type that can point at a record of `target`: the standard link
 * fields by their targets, and the custom `link` fields of the registries given. These are the
 * children a merge relinks ({@link planMerge}); a service reads them to find a merge's children.
 *
 * @param target - The entity type pointed at.
 * @param registries - Field registries by entity type, for custom link fields (optional).
 * @returns The link fields, by entity type in `ENTITY_TYPES` order.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an unknown entity type or registries that are not a map.
 *
 * @example
 * ```ts
 * listLinksTo('company').filter((link) => link.entityType === 'deal'); //=> [{ entityType: 'deal', field: 'companyId', shape: 'link' }]
 * listLinksTo('contact').find((link) => link.entityType === 'activity'); //=> { entityType: 'activity', field: 'bindings', shape: 'records' }
 * ```
 */
export function listLinksTo(target: EntityType, registries: Partial<Record<EntityType, FieldRegistry>> = {}): readonly LinkField[] {
  if (!isEntityType(target)) throw invalidArgument('listLinksTo takes an entity type.');
  if (!isPlainRecord(registries)) throw invalidArgument('registries maps entity types to field registries.');
  return Object.freeze(linkSlotsTo(target, registries).map((slot) => Object.freeze({ entityType: slot.entityType, field: slot.field, shape: slot.shape })));
}
