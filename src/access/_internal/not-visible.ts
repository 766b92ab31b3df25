import { FieldNotVisibleError } from '../../kernel/index.js';

// A code is echoed in the message only when it looks like a field code: the message is built for
// people and logs, and a key from a request could be anything.
const SLUG = /^[a-z][a-z0-9_]{0,62}$/;

/** The error for touching a field the principal cannot see (or that does not exist for them). */
export function notVisible(code: string, what: 'set' | 'clear' | 'filter'): FieldNotVisibleError {
  const named = SLUG.test(code) ? `"${code}"` : 'named in this request';
  const verb = what === 'filter' ? 'filter, sort or group on it' : what === 'set' ? 'set it' : 'clear it';
  return new FieldNotVisibleError('FIELD_NOT_VISIBLE', `No custom field ${named} is visible to you, so you cannot ${verb}.`, {
    field: code,
  });
}
