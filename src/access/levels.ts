import { ValidationError } from '../kernel/index.js';

/**
 * The permission levels a role can grant, from least to most: `none`; `own` (records the person
 * is responsible for); `department` (also those of the members of their departments);
 * `subdepartments` (also those of the members of every department below them); `open` (also
 * every record marked `opened`); `all`. Each level includes every record of the levels before it.
 *
 * @example
 * ```ts
 * ACCESS_LEVELS.indexOf('department') < ACCESS_LEVELS.indexOf('open'); //=> true
 * ACCESS_LEVELS[0]; //=> 'none'
 * ```
 */
export const ACCESS_LEVELS = ['none', 'own', 'department', 'subdepartments', 'open', 'all'] as const;

/**
 * One of {@link ACCESS_LEVELS}.
 */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/**
 * The actions a role grants a level for, per entity type. `export` governs exports and `import`
 * governs imports; `add` is checked against the record being created (its responsible person).
 *
 * @example
 * ```ts
 * ACCESS_ACTIONS.includes('export'); //=> true
 * ```
 */
export const ACCESS_ACTIONS = ['read', 'add', 'update', 'delete', 'export', 'import'] as const;

/**
 * One of {@link ACCESS_ACTIONS}.
 */
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/**
 * Tells whether a value is one of {@link ACCESS_LEVELS}.
 *
 * @param value - Anything.
 * @returns `true` for a known level.
 *
 * @example
 * ```ts
 * isAccessLevel('open'); //=> true
 * isAccessLevel('everything'); //=> false
 * ```
 */
export function isAccessLevel(value: unknown): value is AccessLevel {
  // Stryker disable next-line ConditionalExpression: includes finds no non-string in a list of strings
  return typeof value === 'string' && (ACCESS_LEVELS as readonly string[]).includes(value);
}

/**
 * Tells whether a value is one of {@link ACCESS_ACTIONS}.
 *
 * @param value - Anything.
 * @returns `true` for a known action.
 *
 * @example
 * ```ts
 * isAccessAction('delete'); //=> true
 * isAccessAction('write'); //=> false
 * ```
 */
export function isAccessAction(value: unknown): value is AccessAction {
  // Stryker disable next-line ConditionalExpression: includes finds no non-string in a list of strings
  return typeof value === 'string' && (ACCESS_ACTIONS as readonly string[]).includes(value);
}

/**
 * Compares two levels by how many records they reach: negative when `a` grants less than `b`,
 * zero when they are the same level, positive when `a` grants more. Sorts levels from `none` to
 * `all`.
 *
 * @param a - A level.
 * @param b - Another level.
 * @returns A negative number, zero or a positive number.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when either is not a level.
 *
 * @example
 * ```ts
 * compareAccessLevels('own', 'open') < 0; //=> true
 * const levels: AccessLevel[] = ['all', 'none', 'department'];
 * levels.sort(compareAccessLevels); //=> ['none', 'department', 'all']
 * compareAccessLevels('own', 'mine'); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function compareAccessLevels(a: AccessLevel, b: AccessLevel): number {
  return rankOf(a) - rankOf(b);
}

function rankOf(level: AccessLevel): number {
  const rank = (ACCESS_LEVELS as readonly string[]).indexOf(level);
  if (rank < 0) throw new ValidationError('INVALID_ARGUMENT', 'Unknown access level: use one of ACCESS_LEVELS.');
  return rank;
}
