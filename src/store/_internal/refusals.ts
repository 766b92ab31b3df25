import type { Issue, PathSegment } from '../../kernel/index.js';
import { issue, ValidationError } from '../../kernel/index.js';

// How a query or an aggregate spec is refused: the message says what is wrong, the issue where,
// never with the field text or the value.

/** `INVALID_ARGUMENT` for a malformed query or aggregate spec. */
export function malformed(subject: 'query' | 'aggregate', message: string, path: readonly PathSegment[]): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', `The ${subject} is malformed: ${message}`, { issues: [issue('INVALID_ARGUMENT', message, path)] });
}

/** `UNKNOWN_FIELD` for a field a query or an aggregate spec cannot use. */
export function unknownField(subject: 'query' | 'aggregate', path: readonly PathSegment[], message = 'No field of this entity has this name.'): ValidationError {
  const found: Issue = issue('UNKNOWN_FIELD', message, path);
  return new ValidationError('UNKNOWN_FIELD', `The ${subject} names a field it cannot use: ${message}`, { issues: [found] });
}
