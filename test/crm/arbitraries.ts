import fc from 'fast-check';
import { ACCESS_LEVELS, checkPipeline, unwrap } from 'crm-kit';
import type { AccessLevel, ActionLevels, FieldDefinition, OrgChartInput, Pipeline, Principal, Role } from 'crm-kit';

// Small fixed universes, so that random charts, roles, records and callers meet often.
export const USERS = ['u0', 'u1', 'u2', 'u3'] as const;
/** A responsible person no department has. */
export const STRANGER = 'u-stranger';
export const DEPARTMENTS = ['d0', 'd1', 'd2'] as const;
export const ROLE_IDS = ['r0', 'r1'] as const;
export const ADMIN: Principal = { userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true };

export type Kind = 'contact' | 'deal';
export const KINDS: readonly Kind[] = ['contact', 'deal'];

/** A deal pipeline with two in-progress stages, a success stage and a failure stage, ids prefixed with its own. */
export function simplePipeline(id: string): Pipeline {
  return unwrap(
    checkPipeline({
      id,
      entityType: 'deal',
      name: `Pipeline ${id}`,
      stages: [
        { id: `${id}-NEW`, name: 'New', sort: 10, color: '#111111', semantic: 'process' },
        { id: `${id}-WORK`, name: 'Work', sort: 20, color: '#222222', semantic: 'process' },
        { id: `${id}-WON`, name: 'Won', sort: 30, color: '#333333', semantic: 'success' },
        { id: `${id}-LOST`, name: 'Lost', sort: 40, color: '#444444', semantic: 'failure' },
      ],
    }),
  );
}

/** The two deal pipelines of the permission and write properties: p1 is the one roles may override. */
export const PIPELINES: readonly Pipeline[] = [simplePipeline('p0'), simplePipeline('p1')];
export const STAGE_IDS: readonly string[] = PIPELINES.flatMap((pipeline) => pipeline.stages.map((stage) => stage.id));

/** 2–3 departments, each under an earlier one or at the top, members drawn from USERS. */
export const orgChartArb: fc.Arbitrary<OrgChartInput> = fc
  .tuple(
    fc.integer({ min: 2, max: DEPARTMENTS.length }),
    fc.tuple(
      ...DEPARTMENTS.map((id, index) =>
        fc
          .record({
            parent: index === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...DEPARTMENTS.slice(0, index)), { nil: undefined }),
            memberIds: fc.subarray([...USERS]),
          })
          .map(({ parent, memberIds }) => ({ id, name: `Department ${id}`, memberIds, ...(parent === undefined ? {} : { parentId: parent }) })),
      ),
    ),
  )
  .map(([count, departments]) => ({ departments: departments.slice(0, count) }));

/** Any level; `permissive` leans towards `all`, so that writes get through often. */
function levelArb(permissive = false): fc.Arbitrary<AccessLevel> {
  const any = fc.constantFrom(...ACCESS_LEVELS);
  return permissive ? fc.oneof({ weight: 2, arbitrary: fc.constant('all' as const) }, { weight: 1, arbitrary: any }) : any;
}

function actionLevelsArb(permissive: boolean): fc.Arbitrary<ActionLevels> {
  const level = levelArb(permissive);
  return fc.record({ read: level, add: level, update: level, delete: level });
}

/** A role with levels for contacts and deals, and now and then other deal levels in pipeline p1. */
function roleArb(id: string, permissive = false): fc.Arbitrary<Role> {
  const level = levelArb(permissive);
  return fc.record({
    id: fc.constant(id),
    name: fc.constant(`Role ${id}`),
    permissions: fc.record({ contact: actionLevelsArb(permissive), deal: actionLevelsArb(permissive) }),
    dealPipelines: fc.option(fc.record({ p1: fc.record({ read: level, add: level, update: level, delete: level }, { requiredKeys: [] }) }), { nil: undefined }),
  });
}

export function rolesArb(permissive = false): fc.Arbitrary<Role[]> {
  return fc.tuple(...ROLE_IDS.map((id) => roleArb(id, permissive)));
}

/**
 * Departments a user's session names beyond what the chart says, now and then: another one, or one
 * the chart does not have (a stale session); principals are whatever the host hands over.
 */
export const claimedDepartmentsArb: fc.Arbitrary<string[][]> = fc.tuple(
  ...USERS.map(() => fc.oneof({ weight: 4, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray([...DEPARTMENTS, 'd-ghost'], { minLength: 1 }) })),
);

/** The roles each user of USERS holds. */
export const roleAssignmentsArb: fc.Arbitrary<string[][]> = fc.tuple(...USERS.map(() => fc.subarray([...ROLE_IDS])));

/**
 * The callers: each user with their roles and the departments the chart makes them a direct
 * member of (plus any a session claims besides), an outsider holding every role and no
 * department, and an administrator.
 */
export function principalsOf(chart: OrgChartInput, roleIdsOf: readonly (readonly string[])[], claimedOf: readonly (readonly string[])[] = []): Principal[] {
  const users = USERS.map((userId, index): Principal => {
    const members = chart.departments.filter((department) => department.memberIds?.includes(userId) === true).map((department) => department.id);
    return { userId, roleIds: [...(roleIdsOf[index] ?? [])], departmentIds: [...new Set([...members, ...(claimedOf[index] ?? [])])], isAdmin: false };
  });
  return [...users, { userId: 'u-outsider', roleIds: [...ROLE_IDS], departmentIds: [], isAdmin: false }, ADMIN];
}

/** A string custom field, visible to everyone or restricted to some users, departments and roles. */
export function customFieldArb(code: string): fc.Arbitrary<FieldDefinition> {
  const restrictedTo = fc.record(
    { userIds: fc.subarray([...USERS]), departmentIds: fc.subarray([...DEPARTMENTS]), roleIds: fc.subarray([...ROLE_IDS]) },
    { requiredKeys: [] },
  );
  return fc
    .record({ rule: fc.option(restrictedTo, { nil: undefined, freq: 3 }), withDefault: fc.boolean() })
    .map(({ rule, withDefault }): FieldDefinition => ({
      type: 'string',
      code,
      labels: { en: code },
      ...(withDefault ? { default: `${code}:secret:default` } : {}),
      ...(rule === undefined ? {} : { visibility: { restrictedTo: rule } }),
    }));
}

/** Principals for field visibility: any user, departments and roles; an administrator now and then. */
export const visibilityPrincipalArb: fc.Arbitrary<Principal> = fc.record({
  userId: fc.constantFrom(...USERS),
  roleIds: fc.subarray([...ROLE_IDS]),
  departmentIds: fc.subarray([...DEPARTMENTS]),
  isAdmin: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});
