import type { EntityType } from '../fields/index.js';
import type { Issue } from '../kernel/index.js';
import { ForbiddenError, issue, isPlainRecord, ValidationError } from '../kernel/index.js';
import type { AccessPolicy } from './access-policy.js';
import type { AccessRecord } from './can.js';
import { can } from './can.js';
import type { AccessAction } from './levels.js';
import type { Principal } from './principal.js';

/**
 * One permission a planned write needs: an action on an entity type, on a given record (as it is,
 * or as it will be for `add`), or on the type as a whole. Planners list what their plan needs;
 * {@link findMissingPermissions} and {@link assertPermissions} judge the list, so a preview and the
 * write itself are judged by one rule.
 */
export interface PermissionNeed {
  readonly action: AccessAction;
  readonly entityType: EntityType;
  readonly record?: AccessRecord | undefined;
}

/**
 * The part of a record a permission check reads: its responsible person, `opened` flag and (deals)
 * pipeline. Records carry more; this keeps only those.
 *
 * @param record - A stored record or a record about to be stored.
 * @returns What `can` reads of it.
 *
 * @example
 * ```ts
 * toAccessRecord({ id: '7', title: 'Renewal', assignedById: 'u-ana', pipelineId: 'sales' }); //=> { assignedById: 'u-ana', pipelineId: 'sales' }
 * ```
 */
export function toAccessRecord(record: object): AccessRecord {
  if (typeof record !== 'object' || (record as unknown) === null) throw new ValidationError('INVALID_ARGUMENT', 'toAccessRecord takes a record.');
  const source = record as Readonly<Record<string, unknown>>;
  const out: { assignedById: string; opened?: boolean; pipelineId?: string } = { assignedById: source.assignedById as string };
  if (typeof source.opened === 'boolean') out.opened = source.opened;
  if (typeof source.pipelineId === 'string') out.pipelineId = source.pipelineId;
  return out;
}

/**
 * The needs of a plan that a principal lacks, each once, in the order given.
 *
 * @param policy - Roles and org chart, from `createAccessPolicy`.
 * @param principal - Who would write.
 * @param needs - What the plan needs.
 * @returns The needs `can` refuses.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed policy, principal or need.
 *
 * @example
 * ```ts
 * const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'own' }, contact: { add: 'own' } } }] });
 * const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
 * const needs = [
 *   { action: 'update', entityType: 'lead', record: { assignedById: 'u-ana' } },
 *   { action: 'add', entityType: 'deal', record: { assignedById: 'u-ana' } },
 * ] as const;
 * findMissingPermissions(policy, ana, needs); //=> [{ action: 'add', entityType: 'deal', record: { assignedById: 'u-ana' } }]
 * ```
 */
export function findMissingPermissions(policy: AccessPolicy, principal: Principal, needs: readonly PermissionNeed[]): PermissionNeed[] {
  if (!Array.isArray(needs)) throw new ValidationError('INVALID_ARGUMENT', 'needs is a list of permission needs.');
  const missing: PermissionNeed[] = [];
  const seen = new Set<string>();
  for (const need of needs) {
    if (!isPlainRecord(need)) throw new ValidationError('INVALID_ARGUMENT', 'A permission need is { action, entityType, record? }.');
    if (can(policy, principal, need.action as PermissionNeed['action'], need.entityType as PermissionNeed['entityType'], need.record as AccessRecord | undefined)) continue;
    const key = JSON.stringify([need.action, need.entityType, need.record ?? null]);
    if (seen.has(key)) continue;
    seen.add(key);
    missing.push(need as unknown as PermissionNeed);
  }
  return missing;
}

/**
 * Throws when a principal lacks any permission a plan needs: one {@link ForbiddenError} that lists
 * every missing action and entity type in its message and as `FORBIDDEN` issues at
 * `[entityType, action]` (never the records).
 *
 * @param policy - Roles and org chart, from `createAccessPolicy`.
 * @param principal - Who would write.
 * @param needs - What the plan needs.
 * @throws {@link ForbiddenError} `FORBIDDEN` when one is missing; `INVALID_ARGUMENT` for malformed
 * input, as {@link findMissingPermissions}.
 *
 * @example
 * ```ts
 * const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { deal: { add: 'own' } } }] });
 * const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
 * assertPermissions(policy, ana, [{ action: 'add', entityType: 'deal', record: { assignedById: 'u-ana' } }]);
 * assertPermissions(policy, ana, [{ action: 'add', entityType: 'deal', record: { assignedById: 'u-leo' } }]); // throws FORBIDDEN
 * ```
 */
export function assertPermissions(policy: AccessPolicy, principal: Principal, needs: readonly PermissionNeed[]): void {
  const missing = findMissingPermissions(policy, principal, needs);
  if (missing.length === 0) return;
  const named = [...new Set(missing.map((need) => `${need.action} ${need.entityType}`))];
  const issues: Issue[] = missing.map((need) => issue('FORBIDDEN', `You may not ${need.action} this ${need.entityType}.`, [need.entityType, need.action]));
  throw new ForbiddenError('FORBIDDEN', `This needs permissions you lack: ${named.join(', ')}.`, { issues });
}
