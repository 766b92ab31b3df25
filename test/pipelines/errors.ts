// The code a call threw, as test/support/errors.ts gives it, but only when the error also says
// what is wrong: a refusal whose message is empty (or whose issues' messages are) is not one a
// person can act on, so it reads as 'unexplained'.
import { isCrmError } from 'crm-kit';
import type { CrmErrorCode, Issue } from 'crm-kit';
import { thrownBy } from '../support/errors.js';

const PREFIX = '[crm-kit] ';

/** Whether an issue's message says something. */
export const isExplained = (found: Pick<Issue, 'message'>): boolean => found.message.trim().length > 8;

/** The crm-kit code a call threw; 'no error' when it returned; 'unexplained' for an error whose message (or an issue's) says nothing. */
export function codeOf(run: () => unknown): CrmErrorCode | 'no error' | 'not a crm-kit error' | 'unexplained' {
  const error = thrownBy(run);
  if (error === undefined) return 'no error';
  if (!isCrmError(error)) return 'not a crm-kit error';
  const issues = (error as { issues?: readonly Issue[] }).issues ?? [];
  if (!error.message.startsWith(PREFIX) || error.message.length <= PREFIX.length + 8 || !issues.every(isExplained)) return 'unexplained';
  return error.code;
}
