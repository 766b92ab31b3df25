import { ValidationError } from '../../kernel/index.js';
import type { EntityType } from '../../fields/index.js';
import type { AccessPolicy } from '../access-policy.js';
import type { AccessAction, AccessLevel } from '../levels.js';
import { ACCESS_LEVELS, isAccessLevel } from '../levels.js';
import type { Principal } from '../principal.js';
import type { Role } from '../role.js';
import { isObject, ownValue } from './checks.js';
import { membersOfDepartments, withDepartmentsBelow } from './org.js';

// The index of each level in ACCESS_LEVELS.
const RANK: Readonly<Record<AccessLevel, number>> = /* @__PURE__ */ Object.freeze({
  none: 0,
  own: 1,
  department: 2,
  subdepartments: 3,
  open: 4,
  all: 5,
});

/** Throws `INVALID_ARGUMENT` unless `value` is shaped like an {@link AccessPolicy}. */
export function checkPolicy(value: unknown): asserts value is AccessPolicy {
  if (!isObject(value) || !Array.isArray(value.roles) || !isObject(value.orgChart) || !Array.isArray(value.orgChart.departments)) {
    throw new ValidationError('INVALID_ARGUMENT', 'An access policy is { roles, orgChart }: build it with createAccessPolicy.');
  }
}

/** The policy's roles the principal holds; role ids the policy does not know grant nothing. */
function heldRoles(policy: AccessPolicy, principal: Principal): readonly Role[] {
  return policy.roles.filter((role) => isObject(role) && principal.roleIds.includes(role.id));
}

/** A level read defensively: anything that is not a level (a hand-built policy) counts as `none`. */
function rankOf(level: unknown): number {
  return isAccessLevel(level) ? RANK[level] : 0;
}

/** What one role grants for an action on an entity type (a deal's pipeline override first). */
function roleRank(role: Role, action: AccessAction, entityType: EntityType, pipelineId: string | undefined): number {
  if (entityType === 'deal' && pipelineId !== undefined) {
    const override = ownValue(ownValue(role.dealPipelines, pipelineId), action);
    if (isAccessLevel(override)) return RANK[override];
  }
  return rankOf(ownValue(ownValue(role.permissions, entityType), action));
}

/** The highest level any held role grants, or `all` for an administrator. */
export function effectiveLevel(
  policy: AccessPolicy,
  principal: Principal,
  action: AccessAction,
  entityType: EntityType,
  pipelineId: string | undefined,
): AccessLevel {
  if (principal.isAdmin) return 'all';
  let best = 0;
  for (const role of heldRoles(policy, principal)) best = Math.max(best, roleRank(role, action, entityType, pipelineId));
  // Stryker disable next-line StringLiteral: best is a rank from 0 to 5, so the fallback is never read
  return ACCESS_LEVELS[best] ?? 'none';
}

/** Pipeline ids for which a held role sets its own level for the action, sorted. */
export function overriddenPipelines(policy: AccessPolicy, principal: Principal, action: AccessAction): string[] {
  const ids = new Set<string>();
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: an administrator's level is all everywhere, so listed pipelines never differ; a fast path
  if (principal.isAdmin) return [];
  for (const role of heldRoles(policy, principal)) {
    if (!isObject(role.dealPipelines)) continue;
    for (const [pipelineId, levels] of Object.entries(role.dealPipelines)) {
      // Stryker disable next-line ConditionalExpression: a pipeline without an override for the action has the deal level, so listing it changes no answer
      if (isAccessLevel(ownValue(levels, action))) ids.add(pipelineId);
    }
  }
  return [...ids].sort();
}

/** The user ids whose records a level below `open`/`all` reaches: oneself, then departments. */
export function teamFor(policy: AccessPolicy, principal: Principal, level: AccessLevel): string[] {
  const ids = new Set<string>([principal.userId]);
  if (RANK[level] >= RANK.department) {
    const departments = RANK[level] >= RANK.subdepartments ? withDepartmentsBelow(policy.orgChart, principal.departmentIds) : principal.departmentIds;
    for (const member of membersOfDepartments(policy.orgChart, departments)) ids.add(member);
  }
  return [...ids].sort();
}
