import { ValidationError } from './errors.js';
import type { Issue } from './issue.js';

/**
 * The success branch of a {@link Result}.
 */
export interface Success<T> {
  readonly success: true;
  readonly data: T;
}

/**
 * The failure branch of a {@link Result}: at least one {@link Issue}.
 */
export interface Failure {
  readonly success: false;
  readonly issues: readonly Issue[];
}

/**
 * The outcome of an operation whose failure is an expected business outcome (validation, parsing,
 * a transition that needs more input) rather than a broken contract. Narrow on `success`.
 *
 * @example
 * ```ts
 * const parsed: Result<Money> = parseMoney('1.234,50 €', 'EUR', { locale: 'es-ES' });
 * parsed.success ? parsed.data.amount : parsed.issues.map((i) => i.code); //=> '1234.50'
 * ```
 */
export type Result<T> = Success<T> | Failure;

/**
 * Builds a {@link Success}.
 *
 * @param data - The value produced.
 * @returns `{ success: true, data }`.
 *
 * @example
 * ```ts
 * ok(3); //=> { success: true, data: 3 }
 * ```
 */
export function ok<T>(data: T): Success<T> {
  return { success: true, data };
}

/**
 * Builds a {@link Failure} from one or more issues.
 *
 * @param issues - The problems found; at least one.
 * @returns `{ success: false, issues }`.
 *
 * @example
 * ```ts
 * fail(issue('INVALID_DATE', 'Not a calendar date.', ['from'])).issues.length; //=> 1
 * ```
 */
export function fail(issues: Issue | readonly Issue[]): Failure {
  const list = Array.isArray(issues) ? (issues as readonly Issue[]) : [issues as Issue];
  if (list.length === 0 || list.some((item: unknown) => typeof item !== 'object' || item === null)) throw new ValidationError('INVALID_ARGUMENT', 'A failure needs at least one issue.');
  return { success: false, issues: list };
}

/**
 * Returns the data of a successful {@link Result}, or throws a {@link ValidationError} with code
 * `VALIDATION_FAILED` that carries the issues. For callers that treat a failure as a bug.
 *
 * @param result - The result to open.
 * @returns Its data.
 * @throws {@link ValidationError} when `result` is a failure.
 *
 * @example
 * ```ts
 * unwrap(parseMoney('$1,234.50', 'USD', { locale: 'en-US' })); //=> { amount: '1234.50', currency: 'USD' }
 * ```
 */
export function unwrap<T>(result: Result<T>): T {
  const given: unknown = result;
  if (typeof given !== 'object' || given === null || !('success' in given)) {
    throw new ValidationError('INVALID_ARGUMENT', 'unwrap takes a result: { success, data } or { success, issues }.');
  }
  if (result.success) return result.data;
  const first = result.issues[0];
  const where = first !== undefined && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
  throw new ValidationError('VALIDATION_FAILED', `${first?.message ?? 'Invalid input.'}${where}${more}`, {
    issues: result.issues,
  });
}
