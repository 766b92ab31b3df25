import type { Issue } from '../kernel/index.js';
import { issue, ValidationError } from '../kernel/index.js';
import { isId, isIdList, isObject } from './_internal/checks.js';

/**
 * The person a check is made for: their user id, the roles they hold, the departments they are a
 * direct member of, and whether they are an administrator (who can do and see everything). Hosts
 * build it from their session; crm-kit never looks it up.
 */
export interface Principal {
  readonly userId: string;
  /** Ids of the roles held; ids the policy does not know grant nothing. */
  readonly roleIds: readonly string[];
  /** Ids of the departments the person belongs to directly (not the ones above or below). */
  readonly departmentIds: readonly string[];
  /** Administrators can do everything and see every field. */
  readonly isAdmin: boolean;
}

/**
 * Checks that a value from outside (a session, a token, JSON) is a {@link Principal}: a non-empty
 * `userId`, arrays of non-empty ids for `roleIds` and `departmentIds`, and a boolean `isAdmin`.
 * Every function of the access module runs this check on the principal it is given.
 *
 * @param value - The value to check.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` with one issue per problem.
 *
 * @example
 * ```ts
 * const fromSession: unknown = JSON.parse('{"userId":"u-ana","roleIds":["sales"],"departmentIds":[],"isAdmin":false}');
 * assertPrincipal(fromSession);
 * fromSession.userId; //=> 'u-ana'
 * assertPrincipal({ userId: 'u-ana', roleIds: 'sales', departmentIds: [], isAdmin: false }); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function assertPrincipal(value: unknown): asserts value is Principal {
  const issues = principalIssues(value);
  if (issues.length > 0) {
    throw new ValidationError('INVALID_ARGUMENT', `Malformed principal (${issues.length} problem(s)); see issues.`, { issues });
  }
}

/** The problems of a value that should be a {@link Principal}; none when it is one. */
function principalIssues(value: unknown): Issue[] {
  if (!isObject(value) || Array.isArray(value)) {
    return [issue('INVALID_ARGUMENT', 'A principal is an object { userId, roleIds, departmentIds, isAdmin }.')];
  }
  const issues: Issue[] = [];
  if (!isId(value.userId)) issues.push(issue('INVALID_ARGUMENT', 'userId must be a non-empty string.', ['userId']));
  if (!isIdList(value.roleIds)) {
    issues.push(issue('INVALID_ARGUMENT', 'roleIds must be an array of non-empty strings.', ['roleIds']));
  }
  if (!isIdList(value.departmentIds)) {
    issues.push(issue('INVALID_ARGUMENT', 'departmentIds must be an array of non-empty strings.', ['departmentIds']));
  }
  if (typeof value.isAdmin !== 'boolean') issues.push(issue('INVALID_ARGUMENT', 'isAdmin must be true or false.', ['isAdmin']));
  return issues;
}
