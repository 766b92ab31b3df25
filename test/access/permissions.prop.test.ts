import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS, ACCESS_LEVELS, can, createAccessPolicy, ENTITY_TYPES, isInScope, getAccessLevel, buildRecordScope } from 'crm-kit';
import type { AccessAction, AccessPolicy, EntityType, Principal, Role } from 'crm-kit';
import { action, entityType, level, nonAdmin, orgChart, PIPELINES, principal, RECORDS, ROLE_IDS, roles } from './arbitraries.js';

const policyArb = fc.tuple(roles, orgChart).map(([r, chart]) => createAccessPolicy({ roles: r, orgChart: chart }));

/** The records of the test universe a principal may act on. */
function reached(policy: AccessPolicy, who: Principal, act: AccessAction, type: EntityType): boolean[] {
  return RECORDS.map((record) => can(policy, who, act, type, record));
}

describe('permission properties', () => {
  it('a record is in the scope of an action exactly when can allows the action on it', () => {
    fc.assert(
      fc.property(policyArb, principal, action, entityType, fc.option(fc.constantFrom(...PIPELINES, 'p-other'), { nil: undefined }), (policy, who, act, type, pipelineId) => {
        const scope = buildRecordScope(policy, who, act, type, pipelineId === undefined ? {} : { pipelineId });
        const records = pipelineId === undefined ? RECORDS : RECORDS.map((r) => ({ ...r, pipelineId }));
        expect(records.map((record) => isInScope(scope, record))).toEqual(records.map((record) => can(policy, who, act, type, record)));
      }),
    );
  });

  it('can without a record says yes exactly when some record could be in scope', () => {
    fc.assert(
      fc.property(policyArb, principal, action, entityType, (policy, who, act, type) => {
        expect(can(policy, who, act, type)).toBe(reached(policy, who, act, type).some(Boolean));
      }),
    );
  });

  it('a higher level never grants fewer records than a lower one', () => {
    fc.assert(
      fc.property(orgChart, nonAdmin, action, entityType, level, level, fc.boolean(), (chart, who, act, type, a, b, viaPipeline) => {
        const [low, high] = ACCESS_LEVELS.indexOf(a) <= ACCESS_LEVELS.indexOf(b) ? [a, b] : [b, a];
        const policyAt = (granted: typeof a): AccessPolicy => {
          const role: Role = viaPipeline
            ? { id: 'r', name: 'R', permissions: {}, dealPipelines: { p0: { [act]: granted } } }
            : { id: 'r', name: 'R', permissions: { [type]: { [act]: granted } } };
          return createAccessPolicy({ roles: [role], orgChart: chart });
        };
        const holder = { ...who, roleIds: ['r'] };
        const kind = viaPipeline ? 'deal' : type;
        const lower = reached(policyAt(low), holder, act, kind);
        const higher = reached(policyAt(high), holder, act, kind);
        lower.forEach((allowed, index) => {
          if (allowed) expect(higher[index]).toBe(true);
        });
        const lowScope = buildRecordScope(policyAt(low), holder, act, kind);
        const highScope = buildRecordScope(policyAt(high), holder, act, kind);
        for (const record of RECORDS) if (isInScope(lowScope, record)) expect(isInScope(highScope, record)).toBe(true);
      }),
    );
  });

  it('adding a role never removes access, for can and for the record scope', () => {
    fc.assert(
      fc.property(policyArb, nonAdmin, fc.constantFrom(...ROLE_IDS), action, entityType, (policy, who, extra, act, type) => {
        const more = { ...who, roleIds: [...who.roleIds, extra] };
        expect(!can(policy, who, act, type) || can(policy, more, act, type)).toBe(true);
        const before = reached(policy, who, act, type);
        const after = reached(policy, more, act, type);
        before.forEach((allowed, index) => {
          if (allowed) expect(after[index]).toBe(true);
        });
        const scopeBefore = buildRecordScope(policy, who, act, type);
        const scopeAfter = buildRecordScope(policy, more, act, type);
        for (const record of RECORDS) if (isInScope(scopeBefore, record)) expect(isInScope(scopeAfter, record)).toBe(true);
      }),
    );
  });

  it('several roles give the highest level any one of them grants', () => {
    fc.assert(
      fc.property(policyArb, nonAdmin, action, entityType, fc.option(fc.constantFrom(...PIPELINES), { nil: undefined }), (policy, who, act, type, pipelineId) => {
        const options = pipelineId === undefined ? {} : { pipelineId };
        const each = who.roleIds.map((id) => ACCESS_LEVELS.indexOf(getAccessLevel(policy, { ...who, roleIds: [id] }, act, type, options)));
        expect(getAccessLevel(policy, who, act, type, options)).toBe(ACCESS_LEVELS[Math.max(0, ...each)]);
      }),
    );
  });

  it('administrators can do everything', () => {
    fc.assert(
      fc.property(policyArb, principal, (policy, who) => {
        const admin = { ...who, isAdmin: true };
        for (const act of ACCESS_ACTIONS) {
          for (const type of ENTITY_TYPES) {
            expect(getAccessLevel(policy, admin, act, type)).toBe('all');
            expect(buildRecordScope(policy, admin, act, type)).toEqual({ kind: 'all' });
            expect(can(policy, admin, act, type)).toBe(true);
          }
        }
        expect(RECORDS.every((record) => can(policy, admin, 'delete', 'deal', record))).toBe(true);
      }),
    );
  });
});
