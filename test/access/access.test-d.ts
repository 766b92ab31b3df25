// Type tests, checked by `tsc` in `npm run typecheck`: misuse must not compile.
import { expectTypeOf } from 'vitest';
import { can, createAccessPolicy, getAccessLevel, projectRecord, buildRecordScope } from 'crm-kit';
import type { AccessLevel, FieldRegistry, Principal, RecordScope, Role } from 'crm-kit';

declare const registry: FieldRegistry;
const policy = createAccessPolicy({ roles: [] });
const ana: Principal = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };

expectTypeOf(getAccessLevel(policy, ana, 'read', 'deal')).toEqualTypeOf<AccessLevel>();
expectTypeOf(buildRecordScope(policy, ana, 'read', 'deal')).toEqualTypeOf<RecordScope>();

// @ts-expect-error a level is one of ACCESS_LEVELS
const typo: Role = { id: 'r', name: 'R', permissions: { deal: { read: 'everything' } } };
// @ts-expect-error an action is one of ACCESS_ACTIONS
const write: Role = { id: 'r', name: 'R', permissions: { deal: { write: 'all' } } };
// @ts-expect-error an entity type is one of ENTITY_TYPES
const plural: Role = { id: 'r', name: 'R', permissions: { deals: { read: 'all' } } };
// @ts-expect-error a principal says whether it is an administrator
const vague: Principal = { userId: 'u', roleIds: [], departmentIds: [] };
// @ts-expect-error a record to check names its responsible person
can(policy, ana, 'read', 'deal', { opened: true });
// @ts-expect-error actions are not free text
can(policy, ana, 'write', 'deal');

// Projection keeps the record's own type.
const deal = { id: 'd-1', title: 'Boilers', custom: { region: 'north' } };
expectTypeOf(projectRecord(registry, ana, deal)).toEqualTypeOf<typeof deal>();

export { typo, write, plural, vague };
