import type { Issue, PathSegment } from '../kernel/index.js';
import { issue, ValidationError } from '../kernel/index.js';
import { isId, isIdList, isList, isObject } from './_internal/checks.js';
import { membersOfDepartments, withDepartmentsBelow } from './_internal/org.js';

/**
 * A department as given to {@link createOrgChart}: an id, a name, the department it sits under
 * (none for a top-level one), and its members' user ids.
 */
export interface DepartmentInput {
  readonly id: string;
  readonly name: string;
  /** The department directly above; omit for a top-level department. */
  readonly parentId?: string | undefined;
  /** User ids of the direct members; none when omitted. */
  readonly memberIds?: readonly string[] | undefined;
}

/**
 * A department of an {@link OrgChart}, as stored there.
 */
export interface Department {
  readonly id: string;
  readonly name: string;
  readonly parentId?: string | undefined;
  /** User ids of the direct members, each once. */
  readonly memberIds: readonly string[];
}

/**
 * What {@link createOrgChart} takes.
 */
export interface OrgChartInput {
  readonly departments: readonly DepartmentInput[];
}

/**
 * The departments of an organisation as a forest: plain, serialisable data, checked by
 * {@link createOrgChart}. Department levels of permissions read it to find whose records a person
 * reaches.
 *
 * @example
 * ```ts
 * const chart: OrgChart = createOrgChart({ departments: [{ id: 'sales', name: 'Sales', memberIds: ['u-lea'] }] });
 * chart.departments[0]?.memberIds; //=> ['u-lea']
 * ```
 */
export interface OrgChart {
  readonly departments: readonly Department[];
}

/**
 * Checks departments and builds an {@link OrgChart}. Every problem is reported at once, with its
 * position in `departments`: a missing or duplicate id, a name that is not text, member ids that
 * are not a list of non-empty strings, a parent that is not in the chart, and every department on
 * a cycle of parents (including a department that is its own parent).
 *
 * @param input - The departments, in any order.
 * @returns The chart, departments in the order given, each member listed once.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` listing every problem in `issues`.
 *
 * @example
 * ```ts
 * const chart = createOrgChart({
 *   departments: [
 *     { id: 'sales', name: 'Sales', memberIds: ['u-lea'] },
 *     { id: 'madrid', name: 'Madrid', parentId: 'sales', memberIds: ['u-ana', 'u-ana'] },
 *   ],
 * });
 * chart.departments.map((d) => d.memberIds); //=> [['u-lea'], ['u-ana']]
 * createOrgChart({ departments: [{ id: 'a', name: 'A', parentId: 'b' }, { id: 'b', name: 'B', parentId: 'a' }] }); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function createOrgChart(input: OrgChartInput): OrgChart {
  const { chart, issues } = readOrgChart(input, []);
  if (issues.length > 0) {
    throw new ValidationError('INVALID_ARGUMENT', `${issues.length} org chart problem(s); see issues.`, { issues });
  }
  return chart;
}

/**
 * Reads an org chart, collecting issues under `path` instead of throwing: createAccessPolicy
 * reports the chart's and the roles' problems together. Not part of the module's face.
 *
 * @internal
 */
export function readOrgChart(input: unknown, path: readonly PathSegment[]): { chart: OrgChart; issues: Issue[] } {
  const given = isObject(input) ? input.departments : undefined;
  if (!Array.isArray(given)) {
    // Stryker disable next-line ObjectLiteral,ArrayDeclaration: with an issue every caller throws, so this chart is never read
    return { chart: { departments: [] }, issues: [issue('INVALID_ARGUMENT', 'An org chart is { departments: [...] }.', path)] };
  }
  const issues: Issue[] = [];
  const departments: Department[] = [];
  const positions = new Map<string, number>();
  (given as readonly unknown[]).forEach((value, index) => {
    const at = (...rest: PathSegment[]): PathSegment[] => [...path, 'departments', index, ...rest];
    if (!isObject(value) || Array.isArray(value)) {
      issues.push(issue('INVALID_ARGUMENT', 'A department is { id, name, parentId?, memberIds? }.', at()));
      return;
    }
    const before = issues.length;
    if (!isId(value.id)) issues.push(issue('INVALID_ARGUMENT', 'A department id is a non-empty string.', at('id')));
    else if (positions.has(value.id)) issues.push(issue('INVALID_ARGUMENT', 'Two departments share this id.', at('id')));
    if (typeof value.name !== 'string') issues.push(issue('INVALID_ARGUMENT', 'A department name is text.', at('name')));
    if (value.parentId !== undefined && !isId(value.parentId)) {
      issues.push(issue('INVALID_ARGUMENT', 'A parent id is a non-empty string.', at('parentId')));
    }
    if (value.memberIds !== undefined && !isIdList(value.memberIds)) {
      issues.push(issue('INVALID_ARGUMENT', 'memberIds is a list of non-empty user ids.', at('memberIds')));
    }
    if (issues.length > before) return;
    const id = value.id as string;
    const parentId = value.parentId as string | undefined;
    positions.set(id, index);
    const memberIds = [...new Set((value.memberIds ?? []) as readonly string[])];
    departments.push({ id, name: value.name as string, ...(parentId === undefined ? {} : { parentId }), memberIds });
  });
  const parentOf = new Map(departments.map((d) => [d.id, d.parentId]));
  for (const department of departments) {
    if (department.parentId !== undefined && !parentOf.has(department.parentId)) {
      const index = positions.get(department.id) ?? 0;
      issues.push(issue('INVALID_ARGUMENT', 'The parent department is not in the chart.', [...path, 'departments', index, 'parentId']));
    }
  }
  for (const id of departmentsOnCycles(parentOf)) {
    const index = positions.get(id) ?? 0;
    issues.push(issue('INVALID_ARGUMENT', 'The department is its own ancestor: parents form a cycle.', [...path, 'departments', index, 'parentId']));
  }
  // Report in department order; issues of one department keep the order they were found in.
  const position = (found: Issue): number => Number(found.path[path.length + 1]);
  issues.sort((a, b) => position(a) - position(b));
  return { chart: { departments }, issues };
}

/** Ids of the departments that are their own ancestors. Each has one parent, so a walk up finds any cycle. */
function departmentsOnCycles(parentOf: ReadonlyMap<string, string | undefined>): Set<string> {
  const onCycle = new Set<string>();
  const done = new Set<string>();
  for (const start of parentOf.keys()) {
    // Stryker disable next-line ArrayDeclaration: a sentinel before the walk is never a department id, so no cycle or done mark changes
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | undefined = start;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: the weakened walks stop on the path check and find the same cycles; only the done check saves work
    while (current !== undefined && parentOf.has(current) && !done.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      current = parentOf.get(current);
    }
    // Stryker disable next-line ConditionalExpression: undefined is never on the path, so onPath.has alone decides
    if (current !== undefined && onPath.has(current)) {
      for (const id of path.slice(path.indexOf(current))) onCycle.add(id);
    }
    for (const id of path) done.add(id);
  }
  return onCycle;
}

/**
 * Options of {@link listDepartmentMembers}.
 */
export interface ListDepartmentMembersOptions {
  /** Also list the members of every department below. Default `false`. */
  readonly includeSubdepartments?: boolean | undefined;
}

/**
 * The user ids of a department's members, each once: its direct members, or with
 * `includeSubdepartments` also the members of every department below it.
 *
 * @param chart - The org chart.
 * @param departmentId - The department.
 * @param options - Whether to include the departments below.
 * @returns User ids, direct members first, in chart order.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when the department is not in the chart.
 *
 * @example
 * ```ts
 * const chart = createOrgChart({
 *   departments: [
 *     { id: 'sales', name: 'Sales', memberIds: ['u-lea'] },
 *     { id: 'madrid', name: 'Madrid', parentId: 'sales', memberIds: ['u-ana'] },
 *   ],
 * });
 * listDepartmentMembers(chart, 'sales'); //=> ['u-lea']
 * listDepartmentMembers(chart, 'sales', { includeSubdepartments: true }); //=> ['u-lea', 'u-ana']
 * listDepartmentMembers(chart, 'lisbon'); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function listDepartmentMembers(
  chart: OrgChart,
  departmentId: string,
  options: ListDepartmentMembersOptions = {},
): readonly string[] {
  checkKnownDepartment(chart, departmentId);
  const direct = membersOfDepartments(chart, [departmentId]);
  if (options.includeSubdepartments !== true) return direct;
  // Stryker disable next-line MethodExpression: the department's own members are already in direct and the set drops them again
  const below = withDepartmentsBelow(chart, [departmentId]).slice(1);
  return [...new Set([...direct, ...membersOfDepartments(chart, below)])];
}

/**
 * The ids of every department below a department (children, their children, and so on), nearest
 * first; the department itself is not included.
 *
 * @param chart - The org chart.
 * @param departmentId - The department.
 * @returns Department ids, breadth-first, children in chart order.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when the department is not in the chart.
 *
 * @example
 * ```ts
 * const chart = createOrgChart({
 *   departments: [
 *     { id: 'sales', name: 'Sales' },
 *     { id: 'spain', name: 'Spain', parentId: 'sales' },
 *     { id: 'madrid', name: 'Madrid', parentId: 'spain' },
 *     { id: 'france', name: 'France', parentId: 'sales' },
 *   ],
 * });
 * listDepartmentsBelow(chart, 'sales'); //=> ['spain', 'france', 'madrid']
 * listDepartmentsBelow(chart, 'madrid'); //=> []
 * ```
 */
export function listDepartmentsBelow(chart: OrgChart, departmentId: string): readonly string[] {
  checkKnownDepartment(chart, departmentId);
  return withDepartmentsBelow(chart, [departmentId]).slice(1);
}

function checkKnownDepartment(chart: OrgChart, departmentId: string): void {
  const departments: unknown = isObject(chart) ? chart.departments : undefined;
  if (!isList(departments)) {
    throw new ValidationError('INVALID_ARGUMENT', 'An org chart is { departments: [...] }: build it with createOrgChart.');
  }
  if (!isId(departmentId) || !departments.some((d) => isObject(d) && d.id === departmentId)) {
    throw new ValidationError('INVALID_ARGUMENT', 'The department is not in the org chart.');
  }
}
