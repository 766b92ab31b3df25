import type { z } from 'zod';
import type { CrmErrorCode, Issue, PathSegment } from '../kernel/index.js';
import { CRM_ERROR_CODES, issue, ValidationError } from '../kernel/index.js';

const CODES: ReadonlySet<string> = /* @__PURE__ */ new Set(CRM_ERROR_CODES);

/**
 * Turns zod issues into crm-kit {@link Issue}s: a missing value is `REQUIRED` (whatever schema
 * noticed it: a type, an enumeration, a union), a key no field has is `UNKNOWN_FIELD` (one issue
 * per key, the key last in the path), anything else `INVALID_VALUE`. Messages describe the rule that failed, never the value.
 *
 * @param issues - The issues of a failed `safeParse`.
 * @param input - What was parsed, to tell a missing value from a wrong one.
 * @param prefix - Prepended to every path, such as `['custom']`.
 * @returns crm-kit issues, in zod's order.
 *
 * @example
 * ```ts
 * const deals = createFieldRegistry('deal', { customFields: [{ type: 'integer', code: 'seats', labels: { en: 'Seats' }, required: true }] });
 * const input = { colour: 'red' };
 * const parsed = compileCustomFields(deals, 'input').safeParse(input);
 * parsed.success ? [] : fromZodIssues(parsed.error.issues, input, ['custom']).map((i) => [i.code, ...i.path]);
 * //=> [['REQUIRED', 'custom', 'seats'], ['UNKNOWN_FIELD', 'custom', 'colour']]
 * ```
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown, prefix: readonly PathSegment[] = []): Issue[] {
  const given: unknown[] = [issues, prefix];
  if (!given.every((list) => Array.isArray(list))) throw new ValidationError('INVALID_ARGUMENT', 'fromZodIssues takes the issues of a failed safeParse.');
  const result: Issue[] = [];
  for (const found of issues) {
    if (typeof found !== 'object' || !Array.isArray((found as Partial<z.core.$ZodIssue> | null)?.path)) {
      throw new ValidationError('INVALID_ARGUMENT', 'fromZodIssues takes the issues of a failed safeParse.');
    }
    const path = found.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
    if (found.code === 'unrecognized_keys') {
      for (const key of found.keys) result.push(issue('UNKNOWN_FIELD', 'No field has this code.', [...prefix, ...path, key]));
      continue;
    }
    const requested = found.code === 'custom' ? (found.params as { code?: unknown } | undefined)?.code : undefined;
    const code: CrmErrorCode =
      typeof requested === 'string' && CODES.has(requested)
        ? (requested as CrmErrorCode)
        : found.code !== 'custom' && valueAt(input, path) === undefined
          ? 'REQUIRED'
          : 'INVALID_VALUE';
    result.push(issue(code, code === 'REQUIRED' && found.code !== 'custom' ? 'A value is required.' : found.message, [...prefix, ...path]));
  }
  return result;
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}
