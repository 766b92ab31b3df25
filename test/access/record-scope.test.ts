import { describe, expect, it } from 'vitest';
import { buildRecordScope, can, createAccessPolicy, isInScope } from 'crm-kit';
import type { AccessLevel, AccessPolicy, Principal } from 'crm-kit';

// sales ── spain (u-ana, u-leo) ── madrid (u-eva)
const orgChart = {
  departments: [
    { id: 'sales', name: 'Sales', memberIds: ['u-boss'] },
    { id: 'spain', name: 'Spain', parentId: 'sales', memberIds: ['u-ana', 'u-leo'] },
    { id: 'madrid', name: 'Madrid', parentId: 'spain', memberIds: ['u-eva'] },
  ],
};
const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['spain'], isAdmin: false };
const owners = ['u-ana', 'u-leo', 'u-eva', 'u-boss'] as const;

/** A policy whose deal level for reading is `base`, and `vip` for the vip pipeline. */
const dealPolicy = (base: AccessLevel, vip: AccessLevel): AccessPolicy =>
  createAccessPolicy({
    roles: [{ id: 'sales', name: 'Sales', permissions: { deal: { read: base } }, dealPipelines: { vip: { read: vip } } }],
    orgChart,
  });

describe('buildRecordScope for deals split by pipeline', () => {
  it('keeps a narrower pipeline scope whose team is a prefix of the other pipelines’ team, so colleagues’ deals stay out', () => {
    // Ana's own team ['u-ana'] is the first element of her department's ['u-ana', 'u-leo'].
    const scope = buildRecordScope(dealPolicy('department', 'own'), ana, 'read', 'deal');
    expect(scope).toEqual({
      kind: 'byPipeline',
      pipelines: [{ pipelineId: 'vip', scope: { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: false } }],
      otherPipelines: { kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-leo'], includeOpened: false },
    });
    expect(isInScope(scope, { assignedById: 'u-leo', pipelineId: 'vip' })).toBe(false);
    expect(isInScope(scope, { assignedById: 'u-leo', pipelineId: 'retail' })).toBe(true);
  });

  it('keeps a wider pipeline scope whose team extends the other pipelines’ team', () => {
    const scope = buildRecordScope(dealPolicy('own', 'department'), ana, 'read', 'deal');
    expect(scope).toEqual({
      kind: 'byPipeline',
      pipelines: [{ pipelineId: 'vip', scope: { kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-leo'], includeOpened: false } }],
      otherPipelines: { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: false },
    });
    expect(isInScope(scope, { assignedById: 'u-leo', pipelineId: 'vip' })).toBe(true);
    expect(isInScope(scope, { assignedById: 'u-leo' })).toBe(false);
  });

  it('keeps a pipeline scope that differs only in including opened deals', () => {
    // subdepartments and open reach the same team; open also reaches every opened deal.
    const scope = buildRecordScope(dealPolicy('subdepartments', 'open'), ana, 'read', 'deal');
    expect(scope).toEqual({
      kind: 'byPipeline',
      pipelines: [{ pipelineId: 'vip', scope: { kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-eva', 'u-leo'], includeOpened: true } }],
      otherPipelines: { kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-eva', 'u-leo'], includeOpened: false },
    });
    expect(isInScope(scope, { assignedById: 'u-boss', opened: true, pipelineId: 'vip' })).toBe(true);
    expect(isInScope(scope, { assignedById: 'u-boss', opened: true, pipelineId: 'retail' })).toBe(false);
  });

  it('leaves out a pipeline whose override gives the very same scope', () => {
    for (const level of ['none', 'own', 'department', 'subdepartments', 'open', 'all'] as const) {
      expect(buildRecordScope(dealPolicy(level, level), ana, 'read', 'deal')).toEqual(buildRecordScope(dealPolicy(level, level), ana, 'read', 'deal', { pipelineId: 'retail' }));
    }
  });

  it('agrees with can for every pair of levels, deal by deal', () => {
    const levels = ['none', 'own', 'department', 'subdepartments', 'open', 'all'] as const;
    for (const base of levels) {
      for (const vip of levels) {
        const policy = dealPolicy(base, vip);
        const scope = buildRecordScope(policy, ana, 'read', 'deal');
        for (const pipelineId of [undefined, 'vip', 'retail']) {
          for (const assignedById of owners) {
            for (const opened of [false, true]) {
              const record = pipelineId === undefined ? { assignedById, opened } : { assignedById, opened, pipelineId };
              expect(isInScope(scope, record)).toBe(can(policy, ana, 'read', 'deal', record));
            }
          }
        }
        if (base === vip) expect(scope.kind).not.toBe('byPipeline');
        else expect(scope.kind).toBe('byPipeline');
      }
    }
  });
});
