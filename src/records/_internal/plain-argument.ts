import { isSealed, snapshotInput } from '../../kernel/index.js';

/**
 * A planner's argument as one data-only copy: a getter, a Proxy or a class instance is
 * `NOT_PLAIN_DATA` and never answers two checks differently, and the plan never holds (so never
 * freezes) an object of the caller's. Sealed data (a service's snapshot, a stored record) is
 * frozen plain data already and is used as it is.
 */
export function plainArgument<T>(value: T, what: string): T {
  return isSealed(value) ? value : snapshotInput(value, what);
}
