import { describe, expect, it } from 'vitest';
import { assertRecordScope, buildRecordScope, can, createAccessPolicy, isInScope } from 'crm-kit';
import type { AccessLevel, AccessPolicy, Principal } from 'crm-kit';
import { codeOf } from '../support/errors.js';

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

describe('assertRecordScope', () => {
  const own = { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: false } as const;

  it.each([
    ['all', { kind: 'all' }],
    ['none', { kind: 'none' }],
    ['restricted', own],
    ['restricted to nobody listed', { kind: 'restricted', assignedToAnyOf: [], includeOpened: true }],
    ['split by pipeline', { kind: 'byPipeline', pipelines: [{ pipelineId: 'vip', scope: own }, { pipelineId: 'bulk', scope: { kind: 'all' } }], otherPipelines: { kind: 'none' } }],
    ['split by no pipeline', { kind: 'byPipeline', pipelines: [], otherPipelines: own }],
  ])('accepts a scope that is %s', (_, scope) => {
    expect(() => {
      assertRecordScope(scope);
    }).not.toThrow();
  });

  it('accepts every scope buildRecordScope makes', () => {
    const levels = ['none', 'own', 'department', 'subdepartments', 'open', 'all'] as const;
    for (const base of levels) {
      for (const vip of levels) {
        const scope = buildRecordScope(dealPolicy(base, vip), ana, 'read', 'deal');
        expect(() => {
          assertRecordScope(scope);
        }).not.toThrow();
      }
    }
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a kind alone', 'all'],
    ['an unknown kind', { kind: 'some' }],
    ['all with more keys', { kind: 'all', assignedToAnyOf: [] }],
    ['none with more keys', { kind: 'none', includeOpened: false }],
    ['restricted without its list', { kind: 'restricted', includeOpened: false }],
    ['restricted with a list that is not one', { kind: 'restricted', assignedToAnyOf: 'u-ana', includeOpened: false }],
    ['restricted with an id that is not text', { kind: 'restricted', assignedToAnyOf: ['u-ana', 7], includeOpened: false }],
    ['restricted without includeOpened', { kind: 'restricted', assignedToAnyOf: ['u-ana'] }],
    ['restricted with includeOpened as text', { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: 'no' }],
    ['restricted with a fourth key', { ...own, pipelineId: 'vip' }],
    ['an unknown kind with the fields of restricted', { kind: 'some', assignedToAnyOf: ['u-ana'], includeOpened: false }],
    ['all with the fields of restricted', { kind: 'all', assignedToAnyOf: ['u-ana'], includeOpened: false }],
    ['restricted with a fourth key in place of one', { kind: 'restricted', assignedToAnyOf: ['u-ana'], opened: false }],
    ['byPipeline without pipelines', { kind: 'byPipeline', otherPipelines: { kind: 'all' } }],
    ['byPipeline with pipelines that are not a list', { kind: 'byPipeline', pipelines: {}, otherPipelines: { kind: 'all' } }],
    ['byPipeline with a fourth key', { kind: 'byPipeline', pipelines: [], otherPipelines: { kind: 'all' }, extra: 1 }],
    ['byPipeline without otherPipelines', { kind: 'byPipeline', pipelines: [], other: { kind: 'all' } }],
    ['byPipeline with a malformed otherPipelines', { kind: 'byPipeline', pipelines: [], otherPipelines: { kind: 'most' } }],
    ['byPipeline with an entry that is not an object', { kind: 'byPipeline', pipelines: ['vip'], otherPipelines: { kind: 'all' } }],
    ['byPipeline with an entry without a pipeline id', { kind: 'byPipeline', pipelines: [{ scope: own, id: 'vip' }], otherPipelines: { kind: 'all' } }],
    ['byPipeline with a pipeline id that is not text', { kind: 'byPipeline', pipelines: [{ pipelineId: 7, scope: own }], otherPipelines: { kind: 'all' } }],
    ['byPipeline with an entry of three keys', { kind: 'byPipeline', pipelines: [{ pipelineId: 'vip', scope: own, note: 'x' }], otherPipelines: { kind: 'all' } }],
    ['byPipeline with a malformed entry scope', { kind: 'byPipeline', pipelines: [{ pipelineId: 'vip', scope: { kind: 'all', x: 1 } }], otherPipelines: { kind: 'all' } }],
    ['byPipeline nested in an entry', { kind: 'byPipeline', pipelines: [{ pipelineId: 'vip', scope: { kind: 'byPipeline', pipelines: [], otherPipelines: { kind: 'all' } } }], otherPipelines: { kind: 'all' } }],
  ])('refuses %s with INVALID_ARGUMENT', (_, scope) => {
    expect(codeOf(() => {
      assertRecordScope(scope);
    })).toBe('INVALID_ARGUMENT');
  });
});
