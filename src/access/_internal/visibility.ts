import type { FieldDefinition, FieldRegistry } from '../../fields/index.js';
import type { Principal } from '../principal.js';
import { isObject } from './checks.js';

function listed(list: unknown): readonly unknown[] {
  // Stryker disable next-line ArrayDeclaration: the only element Stryker adds is its own sentinel, which no user, role or department id is
  return Array.isArray(list) ? list : [];
}

/** Whether the principal may see the field; checks nothing, decides only. */
export function seesField(definition: FieldDefinition, principal: Principal): boolean {
  if (principal.isAdmin) return true;
  // No rule publishes the field. Any rule that is not exactly { restrictedTo: {...} } (`{}`,
  // `{ restrictedTo: undefined }`, a misspelt key) reads as "nobody": it fails closed.
  const visibility: unknown = definition.visibility;
  if (visibility === undefined) return true;
  if (!isObject(visibility) || Object.keys(visibility).length !== 1 || !Object.hasOwn(visibility, 'restrictedTo')) return false;
  const restrictedTo: unknown = visibility.restrictedTo;
  // Anything but an object of lists reads as "nobody listed".
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
// Registries and principals the services use are frozen, so what one sees of the other can be
// remembered for as long as both live: a pure memo (docs/design-notes.md).
const memo = new WeakMap<FieldRegistry, WeakMap<Principal, ReadonlySet<string>>>();

export function visibleCodes(registry: FieldRegistry, principal: Principal): ReadonlySet<string> {
  if (!Object.isFrozen(registry) || !Object.isFrozen(principal) || !Object.isFrozen(principal.roleIds) || !Object.isFrozen(principal.departmentIds)) {
    return computeVisibleCodes(registry, principal);
  }
  let byPrincipal = memo.get(registry);
  // Stryker disable next-line ConditionalExpression: always making a fresh map only forgets the memo, which is a cache
  if (byPrincipal === undefined) {
    byPrincipal = new WeakMap();
    memo.set(registry, byPrincipal);
  }
  let visible = byPrincipal.get(principal);
  // Stryker disable next-line ConditionalExpression: always computing again only bypasses the memo, which is a cache
  if (visible === undefined) {
    visible = computeVisibleCodes(registry, principal);
    byPrincipal.set(principal, visible);
  }
  return visible;
}

function computeVisibleCodes(registry: FieldRegistry, principal: Principal): ReadonlySet<string> {
  const visible = new Set<string>();
  const hidden = new Set<string>();
  for (const definition of registry.customFields) {
    (seesField(definition, principal) ? visible : hidden).add(definition.code);
  }
  for (const code of hidden) visible.delete(code);
  return visible;
}
