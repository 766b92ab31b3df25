import { describe, expect, it } from 'vitest';
import {
  assertCanFilterOn,
  assertCanWriteFields,
  buildRecordScope,
  can,
  canSeeField,
  compareAccessLevels,
  createAccessPolicy,
  createFieldRegistry,
  createOrgChart,
  getAccessLevel,
  isCrmError,
  isInScope,
  listDepartmentMembers,
  listDepartmentsBelow,
  projectRecord,
} from 'crm-kit';
import type { Issue, Principal } from 'crm-kit';
import { thrownBy } from '../support/errors.js';

const PREFIX = '[crm-kit] ';
const policy = createAccessPolicy({ roles: [{ id: 'r', name: 'R', permissions: { contact: { read: 'all' } } }] });
const ana: Principal = { userId: 'u-ana', roleIds: ['r'], departmentIds: [], isAdmin: false };
const registry = createFieldRegistry('deal', { customFields: [{ type: 'string', code: 'region', labels: { en: 'Region' } }] });

/** What a refusal tells: its code, whether its message says something, and its issues' codes, paths and whether they say something. */
function refusal(run: () => unknown): { code: string; explained: boolean; issues?: { code: string; path: Issue['path']; explained: boolean }[] } {
  const error = thrownBy(run);
  if (!isCrmError(error)) throw new Error(`expected a crm-kit error, got ${String(error)}`);
  const explained = error.message.startsWith(PREFIX) && error.message.length > PREFIX.length + 10;
  const issues = (error as { issues?: readonly Issue[] }).issues;
  if (issues === undefined || issues.length === 0) return { code: error.code, explained };
  return { code: error.code, explained, issues: issues.map((found) => ({ code: found.code, path: found.path, explained: found.message.length > 10 })) };
}

const plain = (code: string): { code: string; explained: boolean } => ({ code, explained: true });
const withIssues = (code: string, ...paths: Issue['path'][]): ReturnType<typeof refusal> => ({
  code,
  explained: true,
  issues: paths.map((path) => ({ code, path, explained: true })),
});

describe('every refusal says what is wrong, with a stable code, and every issue too', () => {
  it.each([
    ['a policy that is nothing', () => can(null as never, ana, 'read', 'contact'), plain('INVALID_ARGUMENT')],
    ['a policy whose roles are not a list', () => can({ roles: 'r', orgChart: { departments: [] } } as never, ana, 'read', 'contact'), plain('INVALID_ARGUMENT')],
    ['a policy without an org chart', () => can({ roles: [] } as never, ana, 'read', 'contact'), plain('INVALID_ARGUMENT')],
    ['a policy whose departments are not a list', () => can({ roles: [], orgChart: { departments: {} } } as never, ana, 'read', 'contact'), plain('INVALID_ARGUMENT')],
    ['an unknown action', () => can(policy, ana, 'write' as never, 'contact'), plain('INVALID_ARGUMENT')],
    ['an unknown entity type', () => can(policy, ana, 'read', 'contacts' as never), plain('INVALID_ARGUMENT')],
    ['options that are not an object', () => getAccessLevel(policy, ana, 'read', 'deal', 'vip' as never), plain('INVALID_ARGUMENT')],
    ['an empty pipeline id option', () => buildRecordScope(policy, ana, 'read', 'deal', { pipelineId: '' }), plain('INVALID_ARGUMENT')],
    ['a record that is null', () => can(policy, ana, 'read', 'contact', null as never), plain('INVALID_ARGUMENT')],
    ['a record that is a list', () => can(policy, ana, 'read', 'contact', [{ assignedById: 'u-ana' }] as never), plain('INVALID_ARGUMENT')],
    ['a record without a responsible person', () => can(policy, ana, 'read', 'contact', {} as never), plain('INVALID_ARGUMENT')],
    ['a record with an opened flag as text', () => can(policy, ana, 'read', 'contact', { assignedById: 'u-ana', opened: 'yes' } as never), plain('INVALID_ARGUMENT')],
    ['a record with an empty pipeline id', () => can(policy, ana, 'read', 'contact', { assignedById: 'u-ana', pipelineId: '' }), plain('INVALID_ARGUMENT')],
    ['a malformed scope', () => isInScope({ kind: 'some' } as never, { assignedById: 'u-ana' }), plain('INVALID_ARGUMENT')],
    ['an unknown level to compare', () => compareAccessLevels('own', 'mine' as never), plain('INVALID_ARGUMENT')],
    ['a principal that is not an object', () => can(policy, 'u-ana' as never, 'read', 'contact'), withIssues('INVALID_ARGUMENT', [])],
    ['a principal that is a list', () => can(policy, [] as never, 'read', 'contact'), withIssues('INVALID_ARGUMENT', [])],
    ['a principal with nothing right', () => can(policy, {} as never, 'read', 'contact'), withIssues('INVALID_ARGUMENT', ['userId'], ['roleIds'], ['departmentIds'], ['isAdmin'])],
    ['roles that are not a list', () => createAccessPolicy({ roles: {} } as never), plain('INVALID_ARGUMENT')],
    [
      'roles with every kind of problem',
      () =>
        createAccessPolicy({
          roles: [
            'admin',
            { id: '', name: 7, permissions: [] },
            { id: 'x', name: 'X', permissions: { deals: {}, deal: 'all' }, dealPipelines: [] },
            { id: 'y', name: 'Y', permissions: { deal: { write: 'all', read: 'most' } } },
            { id: 'ok', name: 'OK', permissions: {} },
            { id: 'ok', name: 'OK again', permissions: {} },
          ],
        } as never),
      withIssues(
        'INVALID_ARGUMENT',
        ['roles', 0],
        ['roles', 1, 'id'],
        ['roles', 1, 'name'],
        ['roles', 1, 'permissions'],
        ['roles', 2, 'permissions', 'deals'],
        ['roles', 2, 'permissions', 'deal'],
        ['roles', 2, 'dealPipelines'],
        ['roles', 3, 'permissions', 'deal', 'write'],
        ['roles', 3, 'permissions', 'deal', 'read'],
        ['roles', 5, 'id'],
      ),
    ],
    ['an org chart that is not one', () => createOrgChart({} as never), withIssues('INVALID_ARGUMENT', [])],
    [
      'departments with every kind of problem',
      () =>
        createOrgChart({
          departments: [
            'sales',
            { id: '', name: 7 },
            { id: 'a', name: 'A', parentId: '', memberIds: [''] },
            { id: 'b', name: 'B', parentId: 'ghost' },
            { id: 'b', name: 'B again' },
            { id: 'c', name: 'C', parentId: 'c' },
          ],
        } as never),
      withIssues(
        'INVALID_ARGUMENT',
        ['departments', 0],
        ['departments', 1, 'id'],
        ['departments', 1, 'name'],
        ['departments', 2, 'parentId'],
        ['departments', 2, 'memberIds'],
        ['departments', 3, 'parentId'],
        ['departments', 4, 'id'],
        ['departments', 5, 'parentId'],
      ),
    ],
    ['an org chart problem inside a policy', () => createAccessPolicy({ roles: [], orgChart: { departments: 'sales' } } as never), withIssues('INVALID_ARGUMENT', ['orgChart'])],
    ['a department not in the chart', () => listDepartmentMembers(createOrgChart({ departments: [{ id: 'sales', name: 'Sales' }] }), 'lisbon'), plain('INVALID_ARGUMENT')],
    ['a chart that is not one', () => listDepartmentsBelow({ departments: 'sales' } as never, 'sales'), plain('INVALID_ARGUMENT')],
    ['a field definition without a code', () => canSeeField({} as never, ana), plain('INVALID_ARGUMENT')],
    ['a record to project that is not an object', () => projectRecord(registry, ana, null as never), plain('INVALID_ARGUMENT')],
    ['custom values to project that are a list', () => projectRecord(registry, ana, { custom: ['x'] } as never), plain('INVALID_ARGUMENT')],
    ['a patch that is not an object', () => { assertCanWriteFields(registry, ana, null as never); }, plain('INVALID_ARGUMENT')],
    ['custom values to write that are not a plain object', () => { assertCanWriteFields(registry, ana, { custom: ['x'] } as never); }, plain('INVALID_ARGUMENT')],
    ['an empty field path', () => { assertCanFilterOn(registry, ana, ''); }, plain('INVALID_ARGUMENT')],
    ['a bare custom path', () => { assertCanFilterOn(registry, ana, 'custom.'); }, plain('INVALID_ARGUMENT')],
    ['an unknown standard path', () => { assertCanFilterOn(registry, ana, 'nonsense'); }, plain('UNKNOWN_FIELD')],
    ['a hidden custom path', () => { assertCanFilterOn(registry, ana, 'custom.margin'); }, plain('FIELD_NOT_VISIBLE')],
  ])('%s', (_, run, expected) => {
    expect(refusal(run)).toEqual(expected);
  });
});
