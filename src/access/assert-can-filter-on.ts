import { listStandardFields, toFieldRegistry } from '../fields/index.js';
import type { FieldRegistry } from '../fields/index.js';
import { ValidationError } from '../kernel/index.js';
import { notVisible } from './_internal/not-visible.js';
import { visibleCodes } from './_internal/visibility.js';
import type { Principal } from './principal.js';
import { assertPrincipal } from './principal.js';

/**
 * Refuses a filter, sort or grouping on a custom field the principal may not see, so that a query
 * never becomes an oracle for hidden values (a filter `margin > 0.3` that returns rows tells the
 * value as surely as reading it). Paths are written as in queries: `custom.<code>`, optionally
 * followed by a sub-path (`custom.warehouse.city`). A code the registry does not define is refused
 * the same way. Other paths (standard fields) pass: reaching the records is {@link buildRecordScope}'s
 * job.
 *
 * @param registry - The field registry of the entity type queried.
 * @param principal - Who queries.
 * @param fieldPath - The path filtered, sorted or grouped on.
 * @throws {@link FieldNotVisibleError} `FIELD_NOT_VISIBLE` naming the code in `field`;
 * {@link ValidationError} `INVALID_ARGUMENT` for an empty path, a bare `custom`, or a malformed
 * principal or registry.
 *
 * @example
 * ```ts
 * const registry = {
 *   entityType: 'deal', revision: 1, hiddenStandardFields: [],
 *   customFields: [{ type: 'number', code: 'margin', labels: { en: 'Margin' }, visibility: { restrictedTo: { userIds: ['u-ceo'] } } }],
 * } as const;
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * assertCanFilterOn(registry, ana, 'title');
 * assertCanFilterOn(registry, { ...ana, userId: 'u-ceo' }, 'custom.margin');
 * assertCanFilterOn(registry, ana, 'custom.margin'); // throws FieldNotVisibleError FIELD_NOT_VISIBLE
 * ```
 */
export function assertCanFilterOn(registry: FieldRegistry, principal: Principal, fieldPath: string): void {
  if (typeof fieldPath !== 'string' || fieldPath === '') throw new ValidationError('INVALID_ARGUMENT', 'A field path is a non-empty string.');
  assertPrincipal(principal);
  registry = toFieldRegistry(registry);
  const [head, code] = fieldPath.split('.', 2);
  if (head !== 'custom') {
    // Anything else must be a standard field: an unknown path is never waved through to a store.
    if (!listStandardFields(registry.entityType).some((field) => field.code === fieldPath)) {
      throw new ValidationError('UNKNOWN_FIELD', `No standard ${registry.entityType} field has this path; custom fields are custom.<code>.`);
    }
    return;
  }
  if (code === undefined || code === '') {
    throw new ValidationError('INVALID_ARGUMENT', 'Filter on one custom field at a time: custom.<code>.');
  }
  if (!visibleCodes(registry, principal).has(code)) throw notVisible(code, 'filter');
}
