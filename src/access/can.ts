import type { EntityType } from '../fields/index.js';
import { ForbiddenError } from '../kernel/index.js';
import { checkAction, checkEntityType, checkRecord } from './_internal/checks.js';
import { isMemberOfAny, withDepartmentsBelow } from './_internal/org.js';
import { checkPolicy, effectiveLevel, overriddenPipelines } from './_internal/resolve.js';
import type { AccessPolicy } from './access-policy.js';
import type { AccessAction } from './levels.js';
import type { Principal } from './principal.js';
import { assertPrincipal } from './principal.js';

/**
 * What a permission check reads from a record: its responsible person, whether it is marked
 * `opened` (contacts and companies), and for deals its pipeline. Any entity has these fields, so
 * pass the record itself.
 */
export interface AccessRecord {
  readonly assignedById: string;
  readonly opened?: boolean | undefined;
  readonly pipelineId?: string | undefined;
}

/**
 * Whether a principal may perform an action on a record of an entity type, or — without a record
 * — on at least some records of it (for deals: in at least one pipeline).
 *
 * With a record, the level decides: `own` reaches records the principal is responsible for;
 * `department` also those of the members of the principal's departments; `subdepartments` also
 * those of the members of every department below them; `open` also every record with
 * `opened: true`; `all` every record. For a deal the level of its pipeline applies. For `add`,
 * pass the record about to be created. Administrators can do everything.
 *
 * @param policy - Roles and org chart, from {@link createAccessPolicy}.
 * @param principal - Who asks.
 * @param action - One of `ACCESS_ACTIONS`.
 * @param entityType - One of `ENTITY_TYPES`.
 * @param record - The record acted on; omit to ask whether any record could be.
 * @returns `true` when allowed.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed policy, principal or record,
 * or an unknown action or entity type.
 *
 * @example
 * ```ts
 * const policy = createAccessPolicy({
 *   roles: [{ id: 'sales', name: 'Sales', permissions: { contact: { read: 'department', update: 'own' } } }],
 *   orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo'] }] },
 * });
 * const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
 * can(policy, ana, 'read', 'contact'); //=> true
 * can(policy, ana, 'read', 'contact', { assignedById: 'u-leo' }); //=> true
 * can(policy, ana, 'update', 'contact', { assignedById: 'u-leo' }); //=> false
 * can(policy, ana, 'read', 'contact', { assignedById: 'u-eva' }); //=> false
 * can(policy, ana, 'delete', 'contact'); //=> false
 * ```
 */
export function can(
  policy: AccessPolicy,
  principal: Principal,
  action: AccessAction,
  entityType: EntityType,
  record?: AccessRecord,
): boolean {
  checkPolicy(policy);
  assertPrincipal(principal);
  checkAction(action);
  checkEntityType(entityType);
  if (record === undefined) {
    if (effectiveLevel(policy, principal, action, entityType, undefined) !== 'none') return true;
    return (
      // Stryker disable next-line ConditionalExpression: for other entity types a pipeline level is the type's level, none here
      entityType === 'deal' &&
      overriddenPipelines(policy, principal, action).some((id) => effectiveLevel(policy, principal, action, entityType, id) !== 'none')
    );
  }
  checkRecord(record);
  // Stryker disable next-line ConditionalExpression: effectiveLevel reads the pipeline for deals only
  const level = effectiveLevel(policy, principal, action, entityType, entityType === 'deal' ? record.pipelineId : undefined);
  const { assignedById } = record;
  switch (level) {
    case 'none':
      return false;
    case 'own':
      return assignedById === principal.userId;
    case 'department':
      return assignedById === principal.userId || isMemberOfAny(policy.orgChart, principal.departmentIds, assignedById);
    case 'subdepartments':
    case 'open':
      return (
        (level === 'open' && record.opened === true) ||
        assignedById === principal.userId ||
        isMemberOfAny(policy.orgChart, withDepartmentsBelow(policy.orgChart, principal.departmentIds), assignedById)
      );
    case 'all':
      return true;
  }
}

/**
 * Like {@link can}, but throws when the answer is no. The message names the action and the
 * entity type only, never the record.
 *
 * @param policy - Roles and org chart, from {@link createAccessPolicy}.
 * @param principal - Who asks.
 * @param action - One of `ACCESS_ACTIONS`.
 * @param entityType - One of `ENTITY_TYPES`.
 * @param record - The record acted on; omit to ask whether any record could be.
 * @throws {@link ForbiddenError} `FORBIDDEN` when the action is not allowed;
 * {@link ValidationError} `INVALID_ARGUMENT` for malformed input, as {@link can}.
 *
 * @example
 * ```ts
 * const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { deal: { read: 'all', delete: 'own' } } }] });
 * const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
 * assertCan(policy, ana, 'delete', 'deal', { assignedById: 'u-ana' });
 * assertCan(policy, ana, 'delete', 'deal', { assignedById: 'u-leo' }); // throws ForbiddenError FORBIDDEN
 * assertCan(policy, ana, 'export', 'deal'); // throws ForbiddenError FORBIDDEN
 * ```
 */
export function assertCan(
  policy: AccessPolicy,
  principal: Principal,
  action: AccessAction,
  entityType: EntityType,
  record?: AccessRecord,
): void {
  if (can(policy, principal, action, entityType, record)) return;
  throw new ForbiddenError(
    'FORBIDDEN',
    record === undefined ? `You may not ${action} ${entityType} records.` : `You may not ${action} this ${entityType}.`,
  );
}
