import type { EntityType } from '../fields/index.js';
import type { AccessAction, AccessLevel } from './levels.js';

/**
 * A level per action; an action left out is `none`.
 */
export type ActionLevels = Partial<Readonly<Record<AccessAction, AccessLevel | undefined>>>;

/**
 * A role's levels per entity type and action; an entity type left out is `none` for every action.
 */
export type RolePermissions = Partial<Readonly<Record<EntityType, ActionLevels | undefined>>>;

/**
 * A role: a name and the level it grants per entity type and action. `dealPipelines` sets deal
 * levels per pipeline id: for a deal of a listed pipeline, an action listed there takes that level
 * instead of the role's `deal` level (lower or higher); actions not listed there keep the `deal`
 * level. Check roles with {@link createAccessPolicy}.
 *
 * @example
 * ```ts
 * const manager: Role = {
 *   id: 'sales-manager',
 *   name: 'Sales manager',
 *   permissions: { deal: { read: 'subdepartments', update: 'department', export: 'department' } },
 *   dealPipelines: { wholesale: { read: 'own', update: 'own' } },
 * };
 * ```
 */
export interface Role {
  readonly id: string;
  readonly name: string;
  readonly permissions: RolePermissions;
  /** Deal levels per pipeline id, overriding `permissions.deal` action by action. */
  readonly dealPipelines?: Readonly<Record<string, ActionLevels | undefined>> | undefined;
}
