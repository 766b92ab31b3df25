import type { CrmErrorCode } from './codes.js';

/**
 * One step of a path into a value: an object key or an array index.
 */
export type PathSegment = string | number;

/**
 * One problem found in an input, as plain data: a stable code, where it is, and a message for
 * people. Messages name fields and positions, never values the reader may not see.
 */
export interface Issue {
  readonly code: CrmErrorCode;
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/**
 * Builds an {@link Issue}.
 *
 * @param code - Its stable code.
 * @param message - What is wrong, for people; never a value the reader may not see.
 * @param path - Where it is; the root when omitted.
 * @returns The issue as plain data.
 *
 * @example
 * ```ts
 * issue('INVALID_AMOUNT', 'Not a decimal number.', ['rows', 3, 'price']);
 * //=> { code: 'INVALID_AMOUNT', path: ['rows', 3, 'price'], message: 'Not a decimal number.' }
 * ```
 */
export function issue(code: CrmErrorCode, message: string, path: readonly PathSegment[] = []): Issue {
  return { code, path, message };
}
