import type { EntityType } from '../fields/index.js';
import { checkAction, checkEntityType, pipelineOption } from './_internal/checks.js';
import { checkPolicy, effectiveLevel } from './_internal/resolve.js';
import type { AccessPolicy } from './access-policy.js';
import type { AccessAction, AccessLevel } from './levels.js';
import type { Principal } from './principal.js';
import { assertPrincipal } from './principal.js';

/**
 * Which deal pipeline a check is about. Ignored for entity types other than `deal`.
 */
export interface PipelineOptions {
  /** For deals: the pipeline whose levels apply; without it, the role's general `deal` levels. */
  readonly pipelineId?: string | undefined;
}

/**
 * The level a principal has for an action on an entity type: the highest level any of their roles
 * grants (`none` when no role lists it), and `all` for an administrator. For deals with a
 * `pipelineId`, each role's level for that pipeline replaces its general deal level where the role
 * sets one. Role ids the policy does not know grant nothing.
 *
 * @param policy - Roles and org chart, from {@link createAccessPolicy}.
 * @param principal - Who asks.
 * @param action - One of `ACCESS_ACTIONS`.
 * @param entityType - One of `ENTITY_TYPES`.
 * @param options - For deals, the pipeline.
 * @returns The level.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed policy or principal, an
 * unknown action or entity type, or a `pipelineId` that is not a non-empty string.
 *
 * @example
 * ```ts
 * const policy = createAccessPolicy({
 *   roles: [
 *     { id: 'sales', name: 'Sales', permissions: { deal: { read: 'department' } }, dealPipelines: { vip: { read: 'own' } } },
 *     { id: 'support', name: 'Support', permissions: { deal: { read: 'own' }, contact: { read: 'all' } } },
 *   ],
 * });
 * const ana = { userId: 'u-ana', roleIds: ['sales', 'support'], departmentIds: [], isAdmin: false };
 * getAccessLevel(policy, ana, 'read', 'contact'); //=> 'all'
 * getAccessLevel(policy, ana, 'read', 'deal'); //=> 'department'
 * getAccessLevel(policy, ana, 'read', 'deal', { pipelineId: 'vip' }); //=> 'own'
 * getAccessLevel(policy, ana, 'delete', 'deal'); //=> 'none'
 * getAccessLevel(policy, { ...ana, isAdmin: true }, 'delete', 'deal'); //=> 'all'
 * getAccessLevel(policy, ana, 'write' as never, 'deal'); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function getAccessLevel(
  policy: AccessPolicy,
  principal: Principal,
  action: AccessAction,
  entityType: EntityType,
  options?: PipelineOptions,
): AccessLevel {
  checkPolicy(policy);
  assertPrincipal(principal);
  checkAction(action);
  checkEntityType(entityType);
  return effectiveLevel(policy, principal, action, entityType, pipelineOption(options));
}
