import { issue, squeezeWhitespace, ValidationError } from '../../kernel/index.js';
import type { NameField } from './parse-name-format.js';

/** The four parts of a name, squeezed; a missing part is `''`. */
export type NameParts = Readonly<Record<NameField, string>>;

const FIELDS: readonly NameField[] = ['honorific', 'firstName', 'secondName', 'lastName'];

/**
 * Reads the parts of a person name, squeezing white space. `undefined` and `null` (as databases
 * hand them over) count as missing.
 *
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when `person` is not an object, or is an
 * array, or a part is neither a string nor missing.
 */
export function readNameParts(person: unknown): NameParts {
  if (typeof person !== 'object' || person === null || Array.isArray(person)) {
    const message = 'A person name must be an object with honorific, firstName, secondName and lastName.';
    throw new ValidationError('INVALID_ARGUMENT', message, { issues: [issue('INVALID_ARGUMENT', message, ['person'])] });
  }
  const parts: Record<NameField, string> = { honorific: '', firstName: '', secondName: '', lastName: '' };
  for (const field of FIELDS) {
    const value: unknown = (person as Readonly<Record<string, unknown>>)[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      const message = `${field} must be a string when present.`;
      throw new ValidationError('INVALID_ARGUMENT', message, { issues: [issue('INVALID_ARGUMENT', message, [field])] });
    }
    parts[field] = squeezeWhitespace(value);
  }
  return parts;
}
