import { describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, compareAccessLevels, createAccessPolicy, isAccessAction, isAccessLevel, isCrmError, getAccessLevel } from 'crm-kit';
import type { AccessPolicyInput, Principal, Role, ValidationError } from 'crm-kit';

const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };

function issuesOf(input: unknown): { path: readonly (string | number)[] }[] {
  try {
    createAccessPolicy(input as AccessPolicyInput);
  } catch (error) {
    expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
    return (error as ValidationError).issues.map(({ path }) => ({ path }));
  }
  throw new Error('expected createAccessPolicy to throw');
}

describe('levels and actions', () => {
  it('orders levels from none to all', () => {
    expect(ACCESS_LEVELS).toEqual(['none', 'own', 'department', 'subdepartments', 'open', 'all']);
    expect([...ACCESS_LEVELS].reverse().sort(compareAccessLevels)).toEqual(ACCESS_LEVELS);
  });

  it('recognises only known levels and actions', () => {
    expect(isAccessLevel('all')).toBe(true);
    expect(isAccessLevel('ALL')).toBe(false);
    expect(isAccessAction('import')).toBe(true);
    expect(isAccessAction('toString')).toBe(false);
    expect(() => compareAccessLevels('own', 'mine' as never)).toThrow(/ACCESS_LEVELS/);
  });
});

describe('createAccessPolicy', () => {
  it('keeps roles and an empty org chart when none is given', () => {
    const role: Role = { id: 'sales', name: 'Sales', permissions: { deal: { read: 'all' } } };
    expect(createAccessPolicy({ roles: [role] })).toEqual({ roles: [role], orgChart: { departments: [] } });
  });

  it('drops levels left undefined instead of keeping undefined keys, and adds no dealPipelines a role does not have', () => {
    const policy = createAccessPolicy({
      roles: [
        { id: 'sales', name: 'Sales', permissions: { deal: undefined, lead: { read: undefined, update: 'own' } }, dealPipelines: { vip: undefined, bulk: { read: 'all' } } },
        { id: 'plain', name: 'Plain', permissions: {} },
      ],
    });
    const [sales, plain] = policy.roles;
    expect(Object.keys(sales?.permissions ?? {})).toEqual(['lead']);
    expect(Object.keys(sales?.permissions.lead ?? {})).toEqual(['update']);
    expect(Object.keys(sales?.dealPipelines ?? {})).toEqual(['bulk']);
    expect(Object.keys(plain ?? {})).toEqual(['id', 'name', 'permissions']);
  });

  it('holds levels as ordinary data properties, which a settings screen may change on its copy', () => {
    const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { deal: { read: 'own' } }, dealPipelines: { vip: { read: 'all' } } }] });
    const [sales] = policy.roles;
    for (const [bag, key] of [[sales?.permissions, 'deal'], [sales?.permissions.deal, 'read'], [sales?.dealPipelines, 'vip'], [sales?.dealPipelines?.vip, 'read']] as const) {
      expect(Object.getOwnPropertyDescriptor(bag, key)).toMatchObject({ enumerable: true, writable: true, configurable: true });
    }
  });

  it('counts only valid roles when looking for two roles with one id', () => {
    expect(issuesOf({ roles: [{ id: 'x', name: 7, permissions: {} }, { id: 'x', name: 'X', permissions: {} }] })).toEqual([{ path: ['roles', 0, 'name'] }]);
  });

  it('returns a copy that later changes to the input do not reach', () => {
    const levels = { read: 'own' as const };
    const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { deal: levels } }] });
    (levels as { read: string }).read = 'all';
    expect(getAccessLevel(policy, ana, 'read', 'deal')).toBe('own');
  });

  it('survives a JSON round trip with the same answers', () => {
    const policy = createAccessPolicy({
      roles: [{ id: 'sales', name: 'Sales', permissions: { deal: { read: 'department' } }, dealPipelines: { vip: { read: 'own' } } }],
      orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana'] }] },
    });
    const copy = JSON.parse(JSON.stringify(policy)) as typeof policy;
    expect(copy).toEqual(policy);
    expect(getAccessLevel(copy, ana, 'read', 'deal', { pipelineId: 'vip' })).toBe('own');
  });

  it('treats an own "__proto__" pipeline id as an ordinary key', () => {
    const dealPipelines = JSON.parse('{"__proto__": {"read": "all"}}') as Record<string, { read: 'all' }>;
    const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: {}, dealPipelines }] });
    expect(getAccessLevel(policy, ana, 'read', 'deal', { pipelineId: '__proto__' })).toBe('all');
    expect(getAccessLevel(policy, ana, 'read', 'deal', { pipelineId: 'constructor' })).toBe('none');
    expect(Object.getPrototypeOf(policy.roles[0]?.dealPipelines)).toBe(Object.prototype);
  });

  it('reports an unknown entity type, action or level with its path', () => {
    expect(
      issuesOf({
        roles: [
          {
            id: 'sales',
            name: 'Sales',
            permissions: { deals: { read: 'all' }, deal: { write: 'all', read: 'everything', update: 'own' } },
            dealPipelines: { vip: { read: 'mine' } },
          },
        ],
      }),
    ).toEqual([
      { path: ['roles', 0, 'permissions', 'deals'] },
      { path: ['roles', 0, 'permissions', 'deal', 'write'] },
      { path: ['roles', 0, 'permissions', 'deal', 'read'] },
      { path: ['roles', 0, 'dealPipelines', 'vip', 'read'] },
    ]);
  });

  it('refuses roles without an id or name, and two roles with one id', () => {
    expect(
      issuesOf({
        roles: [
          { id: '', name: 'No id', permissions: {} },
          { id: 'x', permissions: {} },
          { id: 'sales', name: 'Sales', permissions: {} },
          { id: 'sales', name: 'Sales again', permissions: {} },
          'admin',
          { id: 'y', name: 'Y', permissions: [] },
          { id: 'z', name: 'Z', permissions: {}, dealPipelines: [] },
          { id: 'w', name: 'W', permissions: { lead: 'all' } },
        ],
      }),
    ).toEqual([
      { path: ['roles', 0, 'id'] },
      { path: ['roles', 1, 'name'] },
      { path: ['roles', 3, 'id'] },
      { path: ['roles', 4] },
      { path: ['roles', 5, 'permissions'] },
      { path: ['roles', 6, 'dealPipelines'] },
      { path: ['roles', 7, 'permissions', 'lead'] },
    ]);
  });

  it('reports the org chart’s problems together with the roles’, under orgChart', () => {
    expect(
      issuesOf({
        roles: [{ id: 'r', name: 'R', permissions: { lead: { read: 'x' } } }],
        orgChart: { departments: [{ id: 'a', name: 'A', parentId: 'a' }] },
      }),
    ).toEqual([{ path: ['roles', 0, 'permissions', 'lead', 'read'] }, { path: ['orgChart', 'departments', 0, 'parentId'] }]);
  });

  it.each([[undefined], [{}], [{ roles: {} }]])('refuses %j as input', (input) => {
    expect(() => createAccessPolicy(input as never)).toThrow(/createAccessPolicy takes/);
  });
});

describe('getAccessLevel', () => {
  const policy = createAccessPolicy({
    roles: [
      { id: 'sales', name: 'Sales', permissions: { deal: { read: 'department', update: 'own' }, lead: { read: 'own' } } },
      { id: 'support', name: 'Support', permissions: { deal: { read: 'own', delete: 'own' }, lead: { read: 'open' } } },
      {
        id: 'wholesale',
        name: 'Wholesale',
        permissions: { deal: { read: 'own' } },
        dealPipelines: { bulk: { read: 'all', update: 'none' }, tiny: { read: 'none' } },
      },
    ],
  });
  const person = (...roleIds: string[]): Principal => ({ userId: 'u-ana', roleIds, departmentIds: [], isAdmin: false });

  it('is none for an action no role lists', () => {
    expect(getAccessLevel(policy, person('sales'), 'delete', 'deal')).toBe('none');
    expect(getAccessLevel(policy, person('sales'), 'read', 'invoice')).toBe('none');
    expect(getAccessLevel(policy, person(), 'read', 'deal')).toBe('none');
  });

  it('takes the highest level any held role grants', () => {
    expect(getAccessLevel(policy, person('sales', 'support'), 'read', 'deal')).toBe('department');
    expect(getAccessLevel(policy, person('sales', 'support'), 'read', 'lead')).toBe('open');
    expect(getAccessLevel(policy, person('support', 'sales'), 'delete', 'deal')).toBe('own');
  });

  it('lets a role’s pipeline level replace its deal level, higher or lower, for deals of that pipeline', () => {
    expect(getAccessLevel(policy, person('wholesale'), 'read', 'deal', { pipelineId: 'bulk' })).toBe('all');
    expect(getAccessLevel(policy, person('wholesale'), 'read', 'deal', { pipelineId: 'tiny' })).toBe('none');
    expect(getAccessLevel(policy, person('wholesale'), 'read', 'deal', { pipelineId: 'retail' })).toBe('own');
    expect(getAccessLevel(policy, person('wholesale'), 'read', 'deal')).toBe('own');
  });

  it('keeps the deal level for actions a pipeline override does not list', () => {
    expect(getAccessLevel(policy, person('wholesale', 'sales'), 'update', 'deal', { pipelineId: 'bulk' })).toBe('own');
    expect(getAccessLevel(policy, person('wholesale'), 'update', 'deal', { pipelineId: 'tiny' })).toBe('none');
  });

  it('still takes the highest level across roles when one role lowers a pipeline', () => {
    expect(getAccessLevel(policy, person('wholesale', 'sales'), 'read', 'deal', { pipelineId: 'tiny' })).toBe('department');
  });

  it('ignores pipeline ids for entity types other than deals', () => {
    expect(getAccessLevel(policy, person('wholesale', 'support'), 'read', 'lead', { pipelineId: 'bulk' })).toBe('open');
  });

  it('gives administrators all, whatever their roles', () => {
    expect(getAccessLevel(policy, { ...person(), isAdmin: true }, 'import', 'quote')).toBe('all');
    expect(getAccessLevel(policy, { ...person('wholesale'), isAdmin: true }, 'read', 'deal', { pipelineId: 'tiny' })).toBe('all');
  });

  it('grants nothing for a role id the policy does not know', () => {
    expect(getAccessLevel(policy, person('ghost'), 'read', 'deal')).toBe('none');
  });

  it('reads a hand-built policy defensively: an unknown level counts as none', () => {
    const handBuilt = { roles: [{ id: 'sales', name: 'Sales', permissions: { deal: { read: 'everything' } } }], orgChart: { departments: [] } };
    expect(getAccessLevel(handBuilt as never, person('sales'), 'read', 'deal')).toBe('none');
  });

  it.each([
    ['an unknown action', () => getAccessLevel(policy, person('sales'), 'write' as never, 'deal')],
    ['an inherited name as action', () => getAccessLevel(policy, person('sales'), 'toString' as never, 'deal')],
    ['an unknown entity type', () => getAccessLevel(policy, person('sales'), 'read', 'deals' as never)],
    ['an empty pipeline id', () => getAccessLevel(policy, person('sales'), 'read', 'deal', { pipelineId: '' })],
    ['options that are not an object', () => getAccessLevel(policy, person('sales'), 'read', 'deal', 'bulk' as never)],
    ['a policy that is not one', () => getAccessLevel({ roles: [] } as never, person('sales'), 'read', 'deal')],
  ])('refuses %s with INVALID_ARGUMENT', (_, call) => {
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });

  it.each([
    ['no principal', undefined, [[]]],
    ['an empty user id', { userId: '', roleIds: [], departmentIds: [], isAdmin: false }, [['userId']]],
    ['role ids that are not a list', { userId: 'u', roleIds: 'sales', departmentIds: [], isAdmin: false }, [['roleIds']]],
    ['department ids with a blank', { userId: 'u', roleIds: [], departmentIds: [''], isAdmin: false }, [['departmentIds']]],
    ['isAdmin as text', { userId: 'u', roleIds: [], departmentIds: [], isAdmin: 'yes' }, [['isAdmin']]],
    ['everything missing', {}, [['userId'], ['roleIds'], ['departmentIds'], ['isAdmin']]],
  ])('refuses a malformed principal (%s) with every issue', (_, principal, paths) => {
    try {
      getAccessLevel(policy, principal as never, 'read', 'deal');
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(paths);
    }
  });
});
