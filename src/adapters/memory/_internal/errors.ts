import { ValidationError } from '../../../kernel/index.js';

/** An `INVALID_ARGUMENT` error; messages name shapes and fields, never stored values. */
export function invalid(message: string): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', message);
}
