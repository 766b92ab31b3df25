import fc from 'fast-check';
import { ACCESS_ACTIONS, ACCESS_LEVELS, ENTITY_TYPES } from 'crm-kit';
import type { AccessAction, AccessLevel, AccessRecord, ActionLevels, EntityType, OrgChartInput, Principal, Role } from 'crm-kit';

// Small fixed universes, so that random policies, principals and records meet each other often.
export const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'] as const;
export const DEPARTMENTS = ['d0', 'd1', 'd2', 'd3', 'd4'] as const;
export const ROLE_IDS = ['r0', 'r1', 'r2', 'r3'] as const;
export const PIPELINES = ['p0', 'p1', 'p2'] as const;

export const level: fc.Arbitrary<AccessLevel> = fc.constantFrom(...ACCESS_LEVELS);
export const action: fc.Arbitrary<AccessAction> = fc.constantFrom(...ACCESS_ACTIONS);
// Deals carry the per-pipeline rules, so they come up more often.
export const entityType: fc.Arbitrary<EntityType> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('deal' as const) },
  { weight: 2, arbitrary: fc.constantFrom(...ENTITY_TYPES) },
);

const actionLevels: fc.Arbitrary<ActionLevels> = fc.record(
  Object.fromEntries(ACCESS_ACTIONS.map((a) => [a, level])) as Record<AccessAction, fc.Arbitrary<AccessLevel>>,
  { requiredKeys: [] },
);

export const role = (id: string): fc.Arbitrary<Role> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(`Role ${id}`),
    permissions: fc.record(
      Object.fromEntries(ENTITY_TYPES.map((type) => [type, actionLevels])) as Record<EntityType, fc.Arbitrary<ActionLevels>>,
      { requiredKeys: [] },
    ),
    dealPipelines: fc.option(
      fc.record(Object.fromEntries(PIPELINES.map((p) => [p, actionLevels])) as Record<string, fc.Arbitrary<ActionLevels>>, {
        requiredKeys: [],
      }),
      { nil: undefined },
    ),
  });

export const roles: fc.Arbitrary<Role[]> = fc.tuple(...ROLE_IDS.map(role));

/** A forest: each department's parent is an earlier one (or none), members drawn from USERS. */
export const orgChart: fc.Arbitrary<OrgChartInput> = fc
  .tuple(
    ...DEPARTMENTS.map((id, index) =>
      fc.record({
        parent: index === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...DEPARTMENTS.slice(0, index)), { nil: undefined }),
        memberIds: fc.subarray([...USERS]),
      }).map(({ parent, memberIds }) => ({ id, name: `Department ${id}`, memberIds, ...(parent === undefined ? {} : { parentId: parent }) })),
    ),
  )
  .map((departments) => ({ departments }));

/** Principals, including unknown roles and departments and an outsider; administrators now and then. */
export const principal: fc.Arbitrary<Principal> = fc.record({
  userId: fc.constantFrom(...USERS, 'u-outsider'),
  roleIds: fc.subarray([...ROLE_IDS, 'r-ghost']),
  departmentIds: fc.subarray([...DEPARTMENTS, 'd-ghost']),
  isAdmin: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

export const nonAdmin: fc.Arbitrary<Principal> = principal.map((p) => ({ ...p, isAdmin: false }));

/** Every combination that matters to a check: each owner (and strangers), opened or not, each pipeline or none. */
export const RECORDS: readonly AccessRecord[] = [...USERS, 'u-outsider', 'u-stranger'].flatMap((assignedById) =>
  [undefined, false, true].flatMap((opened) =>
    [undefined, ...PIPELINES, 'p-other'].map((pipelineId) => ({
      assignedById,
      ...(opened === undefined ? {} : { opened }),
      ...(pipelineId === undefined ? {} : { pipelineId }),
    })),
  ),
);
