import { describe, expect, it } from 'vitest';
import { createOrgChart, isCrmError, listDepartmentMembers, listDepartmentsBelow, ValidationError } from 'crm-kit';
import type { OrgChart, OrgChartInput } from 'crm-kit';

// Built inside each test, not when the file loads: a refusal while loading would hide the tests.
const chart = (): OrgChart =>
  createOrgChart({
    departments: [
      { id: 'sales', name: 'Sales', memberIds: ['u-lea'] },
      { id: 'spain', name: 'Spain', parentId: 'sales', memberIds: ['u-ana', 'u-leo'] },
      { id: 'madrid', name: 'Madrid', parentId: 'spain', memberIds: ['u-eva', 'u-ana'] },
      { id: 'france', name: 'France', parentId: 'sales' },
      { id: 'support', name: 'Support', memberIds: ['u-sam'] },
    ],
  });

function issuesOf(input: unknown): { code: string; path: readonly (string | number)[] }[] {
  try {
    createOrgChart(input as OrgChartInput);
  } catch (error) {
    expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
    return (error as ValidationError).issues.map(({ code, path }) => ({ code, path }));
  }
  throw new Error('expected createOrgChart to throw');
}

describe('createOrgChart', () => {
  it('keeps departments in the order given and lists each member once', () => {
    const built = createOrgChart({ departments: [{ id: 'b', name: 'B', memberIds: ['u1', 'u1', 'u2'] }, { id: 'a', name: 'A' }] });
    expect(built).toEqual({ departments: [{ id: 'b', name: 'B', memberIds: ['u1', 'u2'] }, { id: 'a', name: 'A', memberIds: [] }] });
  });

  it('returns a copy that later changes to the input do not reach', () => {
    const memberIds = ['u1'];
    const built = createOrgChart({ departments: [{ id: 'a', name: 'A', memberIds }] });
    memberIds.push('u2');
    expect(built.departments[0]?.memberIds).toEqual(['u1']);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(chart()))).toEqual(chart());
    expect(structuredClone(chart())).toEqual(chart());
  });

  it('leaves parentId out of a top-level department rather than storing it as undefined', () => {
    const built = createOrgChart({ departments: [{ id: 'a', name: 'A', parentId: undefined }, { id: 'b', name: 'B', parentId: 'a' }] });
    expect(built.departments.map((department) => Object.keys(department))).toEqual([
      ['id', 'name', 'memberIds'],
      ['id', 'name', 'parentId', 'memberIds'],
    ]);
  });

  it('refuses a parent that is not in the chart', () => {
    expect(issuesOf({ departments: [{ id: 'a', name: 'A', parentId: 'ghost' }] })).toEqual([
      { code: 'INVALID_ARGUMENT', path: ['departments', 0, 'parentId'] },
    ]);
  });

  it('refuses a department that is its own parent', () => {
    expect(issuesOf({ departments: [{ id: 'a', name: 'A', parentId: 'a' }] })).toEqual([
      { code: 'INVALID_ARGUMENT', path: ['departments', 0, 'parentId'] },
    ]);
  });

  it('reports every department on a cycle of parents, and only those', () => {
    const issues = issuesOf({
      departments: [
        { id: 'a', name: 'A', parentId: 'c' },
        { id: 'b', name: 'B', parentId: 'a' },
        { id: 'c', name: 'C', parentId: 'b' },
        { id: 'tail', name: 'Tail', parentId: 'a' },
        { id: 'root', name: 'Root' },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([
      ['departments', 0, 'parentId'],
      ['departments', 1, 'parentId'],
      ['departments', 2, 'parentId'],
    ]);
  });

  it('reports the departments on a cycle, not one listed earlier whose parent is on it', () => {
    const issues = issuesOf({
      departments: [
        { id: 'tail', name: 'Tail', parentId: 'a' },
        { id: 'a', name: 'A', parentId: 'b' },
        { id: 'b', name: 'B', parentId: 'a' },
      ],
    });
    expect(issues).toEqual([
      { code: 'INVALID_ARGUMENT', path: ['departments', 1, 'parentId'] },
      { code: 'INVALID_ARGUMENT', path: ['departments', 2, 'parentId'] },
    ]);
  });

  it('refuses two departments with one id', () => {
    expect(issuesOf({ departments: [{ id: 'a', name: 'A' }, { id: 'a', name: 'Again' }] })).toEqual([
      { code: 'INVALID_ARGUMENT', path: ['departments', 1, 'id'] },
    ]);
  });

  it('reports every malformed department at once, with its path', () => {
    const issues = issuesOf({
      departments: [{ id: '', name: 'A' }, { id: 'b', name: 7 }, { id: 'c', name: 'C', memberIds: ['u1', ''] }, 'd', { id: 'e', name: 'E', parentId: 3 }],
    });
    expect(issues.map((i) => i.path)).toEqual([
      ['departments', 0, 'id'],
      ['departments', 1, 'name'],
      ['departments', 2, 'memberIds'],
      ['departments', 3],
      ['departments', 4, 'parentId'],
    ]);
  });

  it.each([[undefined], [null], [{}], [{ departments: 'sales' }], [[]]])('refuses %j as input', (input) => {
    expect(issuesOf(input)).toHaveLength(1);
  });
});

describe('listDepartmentMembers', () => {
  it('lists the direct members of a department', () => {
    expect(listDepartmentMembers(chart(), 'spain')).toEqual(['u-ana', 'u-leo']);
    expect(listDepartmentMembers(chart(), 'france')).toEqual([]);
  });

  it('adds the members of every department below, each once, when asked', () => {
    expect(listDepartmentMembers(chart(), 'sales', { includeSubdepartments: true })).toEqual(['u-lea', 'u-ana', 'u-leo', 'u-eva']);
  });

  it('refuses a department that is not in the chart', () => {
    expect(() => listDepartmentMembers(chart(), 'lisbon')).toThrow(ValidationError);
    expect(() => listDepartmentMembers(chart(), '')).toThrow(ValidationError);
  });
});

describe('listDepartmentsBelow', () => {
  it('lists every department below, nearest first, without the department itself', () => {
    expect(listDepartmentsBelow(chart(), 'sales')).toEqual(['spain', 'france', 'madrid']);
    expect(listDepartmentsBelow(chart(), 'spain')).toEqual(['madrid']);
    expect(listDepartmentsBelow(chart(), 'support')).toEqual([]);
  });

  it('refuses a department that is not in the chart, and a chart that is not one', () => {
    expect(() => listDepartmentsBelow(chart(), 'lisbon')).toThrow(ValidationError);
    expect(() => listDepartmentsBelow({} as never, 'sales')).toThrow(ValidationError);
  });

  it('terminates on a hand-built chart with a cycle', () => {
    const looped = { departments: [{ id: 'a', name: 'A', parentId: 'b', memberIds: [] }, { id: 'b', name: 'B', parentId: 'a', memberIds: [] }] };
    expect(listDepartmentsBelow(looped, 'a')).toEqual(['b']);
  });
});
