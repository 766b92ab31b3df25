import { describe, expect, it } from 'vitest';
import { assertCan, can, createAccessPolicy, isCrmError, isInScope, buildRecordScope } from 'crm-kit';
import type { AccessLevel, AccessPolicy, Principal, RecordScope } from 'crm-kit';

// sales ─┬─ spain ── madrid
//        └─ france
// support
const orgChart = {
  departments: [
    { id: 'sales', name: 'Sales', memberIds: ['u-boss'] },
    { id: 'spain', name: 'Spain', parentId: 'sales', memberIds: ['u-ana', 'u-leo'] },
    { id: 'madrid', name: 'Madrid', parentId: 'spain', memberIds: ['u-eva'] },
    { id: 'france', name: 'France', parentId: 'sales', memberIds: ['u-zoe'] },
    { id: 'support', name: 'Support', memberIds: ['u-sam'] },
  ],
};

const policyWith = (level: AccessLevel): AccessPolicy =>
  createAccessPolicy({ roles: [{ id: 'r', name: 'R', permissions: { contact: { read: level } } }], orgChart });

const ana: Principal = { userId: 'u-ana', roleIds: ['r'], departmentIds: ['spain'], isAdmin: false };

const owners = ['u-ana', 'u-leo', 'u-eva', 'u-boss', 'u-zoe', 'u-sam'] as const;
/** The owners whose records a level lets Ana read, closed and opened. */
const reach = (level: AccessLevel, opened = false): string[] =>
  owners.filter((assignedById) => can(policyWith(level), ana, 'read', 'contact', { assignedById, opened }));

describe('can, record by record', () => {
  it('none reaches no record', () => {
    expect(reach('none')).toEqual([]);
    expect(reach('none', true)).toEqual([]);
  });

  it('own reaches only records the principal is responsible for', () => {
    expect(reach('own')).toEqual(['u-ana']);
  });

  it('department also reaches records of the members of the principal’s departments, not those below', () => {
    expect(reach('department')).toEqual(['u-ana', 'u-leo']);
  });

  it('subdepartments also reaches records of members of every department below, not above or beside', () => {
    expect(reach('subdepartments')).toEqual(['u-ana', 'u-leo', 'u-eva']);
  });

  it('open also reaches every record marked opened, and only those beyond subdepartments', () => {
    expect(reach('open')).toEqual(['u-ana', 'u-leo', 'u-eva']);
    expect(reach('open', true)).toEqual([...owners]);
    expect(reach('subdepartments', true)).toEqual(['u-ana', 'u-leo', 'u-eva']);
  });

  it('all reaches every record', () => {
    expect(reach('all')).toEqual([...owners]);
    expect(can(policyWith('all'), ana, 'read', 'contact', { assignedById: 'u-stranger' })).toBe(true);
  });

  it('counts the departments of every department the principal belongs to', () => {
    const both = { ...ana, departmentIds: ['madrid', 'support'] };
    expect(owners.filter((assignedById) => can(policyWith('department'), both, 'read', 'contact', { assignedById }))).toEqual([
      'u-ana',
      'u-eva',
      'u-sam',
    ]);
  });

  it('reaches nothing through a department the chart does not know', () => {
    const lost = { ...ana, userId: 'u-new', departmentIds: ['lisbon'] };
    expect(owners.filter((assignedById) => can(policyWith('subdepartments'), lost, 'read', 'contact', { assignedById }))).toEqual([]);
  });

  it('checks an add against the record about to be created', () => {
    const policy = createAccessPolicy({ roles: [{ id: 'r', name: 'R', permissions: { lead: { add: 'own' } } }] });
    expect(can(policy, ana, 'add', 'lead', { assignedById: 'u-ana' })).toBe(true);
    expect(can(policy, ana, 'add', 'lead', { assignedById: 'u-leo' })).toBe(false);
  });

  it('lets administrators do everything', () => {
    const admin = { ...ana, roleIds: [], isAdmin: true };
    expect(can(policyWith('none'), admin, 'delete', 'invoice', { assignedById: 'u-sam' })).toBe(true);
    expect(can(policyWith('none'), admin, 'import', 'lead')).toBe(true);
  });
});

describe('can for deals per pipeline', () => {
  const policy = createAccessPolicy({
    roles: [
      {
        id: 'sales',
        name: 'Sales',
        permissions: { deal: { read: 'department', update: 'own' } },
        dealPipelines: { vip: { read: 'own' }, bulk: { read: 'all', update: 'none' } },
      },
    ],
    orgChart,
  });
  const seller = { ...ana, roleIds: ['sales'] };

  it('uses the level of the deal’s pipeline', () => {
    expect(can(policy, seller, 'read', 'deal', { assignedById: 'u-leo', pipelineId: 'vip' })).toBe(false);
    expect(can(policy, seller, 'read', 'deal', { assignedById: 'u-sam', pipelineId: 'bulk' })).toBe(true);
    expect(can(policy, seller, 'update', 'deal', { assignedById: 'u-ana', pipelineId: 'bulk' })).toBe(false);
  });

  it('uses the deal level for pipelines without an override and deals without a pipeline', () => {
    expect(can(policy, seller, 'read', 'deal', { assignedById: 'u-leo', pipelineId: 'retail' })).toBe(true);
    expect(can(policy, seller, 'read', 'deal', { assignedById: 'u-leo' })).toBe(true);
    expect(can(policy, seller, 'read', 'deal', { assignedById: 'u-sam' })).toBe(false);
  });

  it('without a record, allows an action that some pipeline allows', () => {
    const bulkOnly = createAccessPolicy({ roles: [{ id: 'b', name: 'B', permissions: {}, dealPipelines: { bulk: { export: 'own' } } }] });
    const exporter = { ...ana, roleIds: ['b'] };
    expect(can(bulkOnly, exporter, 'export', 'deal')).toBe(true);
    expect(can(bulkOnly, exporter, 'export', 'deal', { assignedById: 'u-ana', pipelineId: 'retail' })).toBe(false);
    expect(can(bulkOnly, exporter, 'delete', 'deal')).toBe(false);
  });

  it('without a record, refuses when the only pipeline override says none too', () => {
    const closed = createAccessPolicy({ roles: [{ id: 'c', name: 'C', permissions: { deal: { update: 'own' } }, dealPipelines: { vip: { read: 'none' } } }] });
    expect(can(closed, { ...ana, roleIds: ['c'] }, 'read', 'deal')).toBe(false);
    expect(can(closed, { ...ana, roleIds: ['c'] }, 'update', 'deal')).toBe(true);
  });

  it('does not apply a pipeline whose id is the text "undefined" to deals without a pipeline', () => {
    const odd = createAccessPolicy({ roles: [{ id: 'o', name: 'O', permissions: { deal: { read: 'own' } }, dealPipelines: { undefined: { read: 'all' } } }] });
    const holder = { ...ana, roleIds: ['o'] };
    expect(can(odd, holder, 'read', 'deal', { assignedById: 'u-leo' })).toBe(false);
    expect(can(odd, holder, 'read', 'deal', { assignedById: 'u-leo', pipelineId: 'undefined' })).toBe(true);
  });

  it('without a record, refuses when every pipeline and the deal level say none', () => {
    const closed = createAccessPolicy({ roles: [{ id: 'c', name: 'C', permissions: { deal: { read: 'own' } }, dealPipelines: { vip: { read: 'none' } } }] });
    expect(can(closed, { ...ana, roleIds: ['c'] }, 'read', 'deal')).toBe(true);
    expect(can(closed, { ...ana, roleIds: ['c'] }, 'update', 'deal')).toBe(false);
  });
});

describe('can refuses malformed input', () => {
  it.each([
    ['a record without a responsible person', { opened: true }],
    ['an empty responsible person', { assignedById: '' }],
    ['an opened flag that is not boolean', { assignedById: 'u-ana', opened: 'yes' }],
    ['an empty pipeline id', { assignedById: 'u-ana', pipelineId: '' }],
    ['a record that is not an object', 'u-ana'],
  ])('%s is INVALID_ARGUMENT', (_, record) => {
    expect(() => can(policyWith('all'), ana, 'read', 'contact', record as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error,
    );
  });
});

describe('assertCan', () => {
  it('returns quietly when allowed', () => {
    expect(() => {
      assertCan(policyWith('own'), ana, 'read', 'contact', { assignedById: 'u-ana' });
    }).not.toThrow();
  });

  it('throws FORBIDDEN naming the action and entity type, never the record', () => {
    try {
      assertCan(policyWith('own'), ana, 'read', 'contact', { assignedById: 'u-secret-owner', pipelineId: 'p-secret' });
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'FORBIDDEN')).toBe(true);
      expect((error as Error).message).toBe('[crm-kit] You may not read this contact.');
    }
    expect(() => {
      assertCan(policyWith('own'), ana, 'export', 'contact');
    }).toThrow('[crm-kit] You may not export contact records.');
  });
});

describe('buildRecordScope', () => {
  const scopeAt = (level: AccessLevel): RecordScope => buildRecordScope(policyWith(level), ana, 'read', 'contact');

  it('maps each level to the records it reaches', () => {
    expect(scopeAt('none')).toEqual({ kind: 'none' });
    expect(scopeAt('own')).toEqual({ kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: false });
    expect(scopeAt('department')).toEqual({ kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-leo'], includeOpened: false });
    expect(scopeAt('subdepartments')).toEqual({ kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-eva', 'u-leo'], includeOpened: false });
    expect(scopeAt('open')).toEqual({ kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-eva', 'u-leo'], includeOpened: true });
    expect(scopeAt('all')).toEqual({ kind: 'all' });
  });

  it('always includes the principal, even outside every department', () => {
    const lone = { ...ana, userId: 'u-new', departmentIds: [] };
    expect(buildRecordScope(policyWith('subdepartments'), lone, 'read', 'contact')).toEqual({
      kind: 'restricted',
      assignedToAnyOf: ['u-new'],
      includeOpened: false,
    });
  });

  it('is all for administrators', () => {
    expect(buildRecordScope(policyWith('none'), { ...ana, isAdmin: true }, 'delete', 'deal')).toEqual({ kind: 'all' });
  });

  describe('for deals', () => {
    const policy = createAccessPolicy({
      roles: [
        {
          id: 'sales',
          name: 'Sales',
          permissions: { deal: { read: 'own', update: 'own' } },
          dealPipelines: { vip: { read: 'none' }, bulk: { read: 'all' }, same: { read: 'own' }, other: { update: 'all' } },
        },
      ],
      orgChart,
    });
    const seller = { ...ana, roleIds: ['sales'] };
    const own = { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: false } as const;

    it('splits by pipeline where the roles set other levels, listing only pipelines that differ', () => {
      expect(buildRecordScope(policy, seller, 'read', 'deal')).toEqual({
        kind: 'byPipeline',
        pipelines: [
          { pipelineId: 'bulk', scope: { kind: 'all' } },
          { pipelineId: 'vip', scope: { kind: 'none' } },
        ],
        otherPipelines: own,
      });
    });

    it('is one plain scope when asked for one pipeline', () => {
      expect(buildRecordScope(policy, seller, 'read', 'deal', { pipelineId: 'vip' })).toEqual({ kind: 'none' });
      expect(buildRecordScope(policy, seller, 'read', 'deal', { pipelineId: 'retail' })).toEqual(own);
    });

    it('is one plain scope when no pipeline changes the level for that action', () => {
      expect(buildRecordScope(policy, seller, 'delete', 'deal')).toEqual({ kind: 'none' });
      expect(buildRecordScope(createAccessPolicy({ roles: [{ id: 'x', name: 'X', permissions: { deal: { read: 'all' } } }] }), { ...ana, roleIds: ['x'] }, 'read', 'deal')).toEqual({ kind: 'all' });
    });

    it('agrees with can for deals of every pipeline and without one', () => {
      const scope = buildRecordScope(policy, seller, 'read', 'deal');
      for (const pipelineId of [undefined, 'vip', 'bulk', 'same', 'other', 'retail']) {
        for (const assignedById of owners) {
          const record = pipelineId === undefined ? { assignedById } : { assignedById, pipelineId };
          expect(isInScope(scope, record)).toBe(can(policy, seller, 'read', 'deal', record));
        }
      }
    });
  });
});

describe('isInScope', () => {
  it('treats opened records as in scope only when the scope includes them', () => {
    const scope = { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: false } as const;
    expect(isInScope(scope, { assignedById: 'u-leo', opened: true })).toBe(false);
    expect(isInScope({ ...scope, includeOpened: true }, { assignedById: 'u-leo', opened: true })).toBe(true);
  });

  it('falls back to the other pipelines’ scope for a deal without a pipeline', () => {
    const scope = { kind: 'byPipeline', pipelines: [{ pipelineId: 'vip', scope: { kind: 'all' } }], otherPipelines: { kind: 'none' } } as const;
    expect(isInScope(scope, { assignedById: 'u-ana' })).toBe(false);
    expect(isInScope(scope, { assignedById: 'u-ana', pipelineId: 'vip' })).toBe(true);
  });

  it.each([
    [undefined],
    [{ kind: 'some' }],
    [{ kind: 'restricted', assignedToAnyOf: 'u-ana', includeOpened: false }],
    [{ kind: 'restricted', assignedToAnyOf: ['u-ana'] }],
    [{ kind: 'byPipeline', pipelines: {}, otherPipelines: { kind: 'all' } }],
    [{ kind: 'byPipeline', pipelines: [], otherPipelines: { kind: 'most' } }],
  ])('refuses the malformed scope %j', (scope) => {
    expect(() => isInScope(scope as never, { assignedById: 'u-ana' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });
});

describe('hand-built policies', () => {
  it('read defensively: junk departments and roles reach nothing and never crash', () => {
    const policy = {
      roles: [null, { id: 'r', name: 'R', permissions: { contact: { read: 'subdepartments' } } }, { id: 'r2', permissions: 'all' }],
      orgChart: { departments: [null, { id: 'spain', name: 'Spain', memberIds: ['u-leo'] }, { id: 'x', name: 'X', parentId: 'spain', memberIds: 'u-eva' }] },
    } as unknown as AccessPolicy;
    const who = { ...ana, roleIds: ['r', 'r2'] };
    expect(can(policy, who, 'read', 'contact', { assignedById: 'u-leo' })).toBe(true);
    expect(can(policy, who, 'read', 'contact', { assignedById: 'u-eva' })).toBe(false);
    expect(buildRecordScope(policy, who, 'read', 'contact')).toEqual({ kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-leo'], includeOpened: false });
  });
});
