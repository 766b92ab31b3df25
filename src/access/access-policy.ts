import type { Issue, PathSegment } from '../kernel/index.js';
import { issue, ValidationError } from '../kernel/index.js';
import { isEntityType } from '../fields/index.js';
import { defineValue, isId, isObject } from './_internal/checks.js';
import { isAccessAction, isAccessLevel } from './levels.js';
import type { OrgChart, OrgChartInput } from './org-chart.js';
import { readOrgChart } from './org-chart.js';
import type { ActionLevels, Role, RolePermissions } from './role.js';

/**
 * Everything permission checks read besides the principal: the roles and the org chart. Plain,
 * serialisable data; build it with {@link createAccessPolicy}, keep it beside your settings and
 * pass it to {@link getAccessLevel}, {@link can} and {@link buildRecordScope}.
 *
 * @example
 * ```ts
 * const policy: AccessPolicy = createAccessPolicy({ roles: [{ id: 'viewer', name: 'Viewer', permissions: { contact: { read: 'all' } } }] });
 * policy.orgChart.departments; //=> []
 * ```
 */
export interface AccessPolicy {
  readonly roles: readonly Role[];
  readonly orgChart: OrgChart;
}

/**
 * What {@link createAccessPolicy} takes.
 */
export interface AccessPolicyInput {
  readonly roles: readonly Role[];
  /** The departments; none when omitted (then `department` levels reach only one's own records). */
  readonly orgChart?: OrgChart | OrgChartInput | undefined;
}

/**
 * Checks roles and an org chart and builds an {@link AccessPolicy}. Every problem is reported at
 * once, with its path: a role without an id or name, two roles with one id, `permissions` keyed
 * by something other than an entity type, an action that is not in `ACCESS_ACTIONS`, a level that
 * is not in `ACCESS_LEVELS`, malformed `dealPipelines`, and every problem
 * {@link createOrgChart} finds in the chart (under `orgChart`). The result is a fresh copy: later
 * changes to the input do not reach it.
 *
 * @param input - The roles and, optionally, the org chart.
 * @returns The policy.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` listing every problem in `issues`.
 *
 * @example
 * ```ts
 * const policy = createAccessPolicy({
 *   roles: [{ id: 'sales', name: 'Sales', permissions: { deal: { read: 'department' } } }],
 *   orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo'] }] },
 * });
 * policy.roles[0]?.permissions.deal?.read; //=> 'department'
 * createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { deal: { read: 'everything' } } }] }); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function createAccessPolicy(input: AccessPolicyInput): AccessPolicy {
  const given: unknown = isObject(input) ? input.roles : undefined;
  if (!Array.isArray(given)) throw new ValidationError('INVALID_ARGUMENT', 'createAccessPolicy takes { roles: [...], orgChart? }.');
  const issues: Issue[] = [];
  const roles: Role[] = [];
  const ids = new Set<string>();
  (given as readonly unknown[]).forEach((value, index) => {
    const role = readRole(value, ['roles', index], issues);
    if (role === undefined) return;
    if (ids.has(role.id)) {
      issues.push(issue('INVALID_ARGUMENT', 'Two roles share this id.', ['roles', index, 'id']));
      return;
    }
    ids.add(role.id);
    roles.push(role);
  });
  const read = readOrgChart(input.orgChart ?? { departments: [] }, ['orgChart']);
  issues.push(...read.issues);
  if (issues.length > 0) {
    throw new ValidationError('INVALID_ARGUMENT', `${issues.length} access policy problem(s); see issues.`, { issues });
  }
  return { roles, orgChart: read.chart };
}

function readRole(value: unknown, path: readonly PathSegment[], issues: Issue[]): Role | undefined {
  if (!isObject(value) || Array.isArray(value)) {
    issues.push(issue('INVALID_ARGUMENT', 'A role is { id, name, permissions, dealPipelines? }.', path));
    return undefined;
  }
  const before = issues.length;
  if (!isId(value.id)) issues.push(issue('INVALID_ARGUMENT', 'A role id is a non-empty string.', [...path, 'id']));
  if (typeof value.name !== 'string') issues.push(issue('INVALID_ARGUMENT', 'A role name is text.', [...path, 'name']));
  const permissions: RolePermissions = {};
  if (!isPlainBag(value.permissions)) {
    issues.push(issue('INVALID_ARGUMENT', 'permissions is an object of levels per entity type and action.', [...path, 'permissions']));
  } else {
    for (const [entityType, levels] of Object.entries(value.permissions)) {
      if (!isEntityType(entityType)) {
        issues.push(issue('INVALID_ARGUMENT', 'Not an entity type: use one of ENTITY_TYPES.', [...path, 'permissions', entityType]));
        continue;
      }
      const read = readActionLevels(levels, [...path, 'permissions', entityType], issues);
      if (read !== undefined) defineValue(permissions, entityType, read);
    }
  }
  let dealPipelines: Record<string, ActionLevels | undefined> | undefined;
  if (value.dealPipelines !== undefined) {
    if (!isPlainBag(value.dealPipelines)) {
      issues.push(issue('INVALID_ARGUMENT', 'dealPipelines is an object of levels per pipeline id and action.', [...path, 'dealPipelines']));
    } else {
      dealPipelines = {};
      for (const [pipelineId, levels] of Object.entries(value.dealPipelines)) {
        const read = readActionLevels(levels, [...path, 'dealPipelines', pipelineId], issues);
        if (read !== undefined) defineValue(dealPipelines, pipelineId, read);
      }
    }
  }
  if (issues.length > before) return undefined;
  return {
    id: value.id as string,
    name: value.name as string,
    permissions,
    ...(dealPipelines === undefined ? {} : { dealPipelines }),
  };
}

function readActionLevels(value: unknown, path: readonly PathSegment[], issues: Issue[]): ActionLevels | undefined {
  if (value === undefined) return undefined;
  if (!isPlainBag(value)) {
    issues.push(issue('INVALID_ARGUMENT', 'Levels are an object { read?, add?, update?, delete?, export?, import? }.', path));
    return undefined;
  }
  const levels: ActionLevels = {};
  for (const [action, level] of Object.entries(value)) {
    if (!isAccessAction(action)) {
      issues.push(issue('INVALID_ARGUMENT', 'Not an action: use one of ACCESS_ACTIONS.', [...path, action]));
    } else if (level === undefined) {
      continue;
    } else if (!isAccessLevel(level)) {
      issues.push(issue('INVALID_ARGUMENT', 'Not a level: use one of ACCESS_LEVELS.', [...path, action]));
    } else {
      defineValue(levels, action, level);
    }
  }
  return levels;
}

function isPlainBag(value: unknown): value is Readonly<Record<string, unknown>> {
  return isObject(value) && !Array.isArray(value);
}
