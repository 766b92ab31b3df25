import { toFieldRegistry } from '../fields/index.js';
import type { FieldDefinition, FieldRegistry } from '../fields/index.js';
import { ValidationError } from '../kernel/index.js';
import { isDefinitionShaped, seesField, visibleCodes } from './_internal/visibility.js';
import type { Principal } from './principal.js';
import { assertPrincipal } from './principal.js';

/**
 * Whether a principal may see a custom field (and so read, set, clear, filter, sort and group on
 * it). A field without `visibility.restrictedTo` is visible to everyone. A restricted field is
 * visible to the users listed, to the direct members of the departments listed (a department's
 * sub-departments are not included: list them too if they should see it), and to holders of the
 * roles listed; a restriction that lists nobody leaves the field to administrators. Administrators
 * see every field.
 *
 * @param definition - The custom field.
 * @param principal - Who reads.
 * @returns `true` when the field is visible to the principal.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed principal or definition.
 *
 * @example
 * ```ts
 * const margin = { type: 'number', code: 'margin', labels: { en: 'Margin' }, visibility: { restrictedTo: { departmentIds: ['finance'], userIds: ['u-ceo'] } } } as const;
 * const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
 * canSeeField(margin, ana); //=> false
 * canSeeField(margin, { ...ana, departmentIds: ['finance'] }); //=> true
 * canSeeField(margin, { ...ana, userId: 'u-ceo' }); //=> true
 * canSeeField(margin, { ...ana, isAdmin: true }); //=> true
 * canSeeField({ type: 'string', code: 'nickname', labels: { en: 'Nickname' } }, ana); //=> true
 * ```
 */
export function canSeeField(definition: FieldDefinition, principal: Principal): boolean {
  assertPrincipal(principal);
  if (!isDefinitionShaped(definition)) throw new ValidationError('INVALID_ARGUMENT', 'A field definition has at least a code.');
  return seesField(definition, principal);
}

/**
 * The custom fields of a registry a principal may see, in the registry's order.
 *
 * @param registry - The entity type's field registry.
 * @param principal - Who reads.
 * @returns The visible definitions.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed principal or registry.
 *
 * @example
 * ```ts
 * const registry = {
 *   entityType: 'deal', revision: 2, hiddenStandardFields: [],
 *   customFields: [
 *     { type: 'string', code: 'region', labels: { en: 'Region' } },
 *     { type: 'number', code: 'margin', labels: { en: 'Margin' }, visibility: { restrictedTo: { roleIds: ['finance'] } } },
 *   ],
 * } as const;
 * const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
 * listVisibleFields(registry, ana).map((f) => f.code); //=> ['region']
 * listVisibleFields(registry, { ...ana, roleIds: ['finance'] }).map((f) => f.code); //=> ['region', 'margin']
 * ```
 */
export function listVisibleFields(registry: FieldRegistry, principal: Principal): readonly FieldDefinition[] {
  assertPrincipal(principal);
  registry = toFieldRegistry(registry);
  const visible = visibleCodes(registry, principal);
  return registry.customFields.filter((definition) => visible.has(definition.code));
}
