import { isCrmError } from 'crm-kit';
import type { CrmErrorCode } from 'crm-kit';

/** What a call threw, or undefined when it returned. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The crm-kit code a call threw; 'no error' when it returned, 'not a crm-kit error' for anything else. */
export function codeOf(run: () => unknown): CrmErrorCode | 'no error' | 'not a crm-kit error' {
  const error = thrownBy(run);
  if (error === undefined) return 'no error';
  return isCrmError(error) ? error.code : 'not a crm-kit error';
}

/** The crm-kit code an async call rejected with; 'no error' when it resolved, 'not a crm-kit error' for anything else. */
export async function codeOfAsync(run: () => unknown): Promise<CrmErrorCode | 'no error' | 'not a crm-kit error'> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return isCrmError(error) ? error.code : 'not a crm-kit error';
  }
}
