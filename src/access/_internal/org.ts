import { isList, isObject } from './checks.js';

/** The shape of an OrgChart these readers rely on (kept structural so the module has no import cycle). */
interface ChartShape {
  readonly departments: readonly { readonly id: string; readonly parentId?: string | undefined; readonly memberIds: readonly string[] }[];
}

// These readers are tolerant: a department id the chart does not know has no members and nothing
// below it, and a malformed chart that slipped past createOrgChart cannot loop forever. Unknown
// ids therefore grant nothing rather than failing every check of a stale session.

function departmentsOf(chart: ChartShape): ChartShape['departments'] {
  const departments: unknown = isObject(chart) ? chart.departments : undefined;
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: every caller has checked that departments is a list (checkPolicy, checkKnownDepartment)
  if (!isList(departments)) return [];
  return departments.filter((department): department is ChartShape['departments'][number] => isObject(department));
}

/** Ids of `roots` and of every department below them, each once, roots first then breadth-first. */
export function withDepartmentsBelow(chart: ChartShape, roots: readonly string[]): string[] {
  const children = new Map<string, string[]>();
  for (const department of departmentsOf(chart)) {
    // Stryker disable next-line ConditionalExpression: roots are checked ids, so children listed under undefined are never read
    if (department.parentId === undefined) continue;
    const list = children.get(department.parentId) ?? [];
    list.push(department.id);
    children.set(department.parentId, list);
  }
  const seen = new Set<string>(roots);
  const queue = [...seen];
  // The iterator reads the length at every step, so departments pushed below are visited too.
  for (const id of queue) {
    for (const child of children.get(id) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
  return queue;
}

/** Every member of the given departments, each once, in chart order. */
export function membersOfDepartments(chart: ChartShape, departmentIds: readonly string[]): string[] {
  const wanted = new Set(departmentIds);
  const members = new Set<string>();
  for (const department of departmentsOf(chart)) {
    if (!wanted.has(department.id) || !isList(department.memberIds)) continue;
    for (const member of department.memberIds) members.add(member);
  }
  return [...members];
}

/** Whether `userId` is a member of one of the given departments. */
export function isMemberOfAny(chart: ChartShape, departmentIds: readonly string[], userId: string): boolean {
  const wanted = new Set(departmentIds);
  return departmentsOf(chart).some(
    (department) => wanted.has(department.id) && isList(department.memberIds) && department.memberIds.includes(userId),
  );
}
