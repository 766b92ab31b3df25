import type { FieldDefinition, FieldRegistry } from '../../fields/index.js';
import type { Principal } from '../principal.js';
import { isObject } from './checks.js';

function listed(list: unknown): readonly unknown[] {
  return Array.isArray(list) ? list : [];
}

/** Whether the principal may see the field; checks nothing, decides only. */
export function seesField(principal: Principal, definition: FieldDefinition): boolean {
  if (principal.isAdmin) return true;
  const visibility: unknown = definition.visibility;
  if (visibility === undefined) return true;
  // A visibility rule that is not exactly { restrictedTo? } reads as "nobody": it fails closed.
  if (!isObject(visibility) || Object.keys(visibility).some((key) => key !== 'restrictedTo')) return false;
  const restrictedTo: unknown = visibility.restrictedTo;
  if (restrictedTo === undefined) return true;
  // Anything but a proper list reads as "nobody listed": a malformed rule fails closed.
  if (!isObject(restrictedTo)) return false;
  return (
    listed(restrictedTo.userIds).includes(principal.userId) ||
    listed(restrictedTo.departmentIds).some((id) => principal.departmentIds.includes(id as string)) ||
    listed(restrictedTo.roleIds).some((id) => principal.roleIds.includes(id as string))
  );
}


/** Whether `value` has the part of a field definition visibility reads. */
export function isDefinitionShaped(value: unknown): value is FieldDefinition {
  return isObject(value) && typeof value.code === 'string';
}

/**
 * Codes the principal may see, from a registry. A code defined twice (a hand-built registry) is
 * visible only when every definition of it is.
 */
export function visibleCodes(principal: Principal, registry: FieldRegistry): Set<string> {
  const visible = new Set<string>();
  const hidden = new Set<string>();
  for (const definition of registry.customFields) {
    (seesField(principal, definition) ? visible : hidden).add(definition.code);
  }
  for (const code of hidden) visible.delete(code);
  return visible;
}
