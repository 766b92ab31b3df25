import type { z } from 'zod';
import { defineField } from './define-field.js';
import type { FieldDefinition } from './definition.js';
import { valueSchema } from './_internal/value-schema.js';

export { addressSchema, MAX_PATTERN_TEXT_LENGTH, MAX_PATTERN_WORK, MAX_TEXT_LENGTH, moneySchema } from './_internal/value-schema.js';

/**
 * The zod schema of one value of a custom field (one element, for a `multiple` field), after
 * checking the definition like {@link defineField}. Text is length-capped before a pattern runs;
 * money comes out canonical.
 *
 * @param definition - A custom field definition.
 * @returns The schema of a single value.
 * @throws {@link ValidationError} `INVALID_FIELD_DEFINITION` for a bad definition.
 *
 * @example
 * ```ts
 * const seats = compileFieldValue({ type: 'integer', code: 'seats', labels: { en: 'Seats' }, min: 1 });
 * seats.safeParse(3).success; //=> true
 * seats.safeParse(0).success; //=> false
 * seats.safeParse(2.5).success; //=> false
 * ```
 */
export function compileFieldValue(definition: FieldDefinition): z.ZodType {
  return valueSchema(defineField(definition));
}
