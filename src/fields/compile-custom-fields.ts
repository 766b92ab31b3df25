import * as z from 'zod';
import type { FieldDefinition } from './definition.js';
import { exceedsPatternWork, patternSizeOf, record, valueSchema } from './_internal/value-schema.js';
import type { FieldRegistry } from './registry-types.js';
import { toFieldRegistry } from './registry.js';
import { ValidationError } from '../kernel/index.js';

/**
 * The three shapes a record takes: `input` when it is created (required fields must have a value,
 * a `multiple` required field at least one), `patch` when it is updated (every field may be left
 * out; `null` clears a field that is not required), and `stored` as read back (every field may be
 * missing: records can predate a field or its `required` flag).
 */
export type RecordForm = 'input' | 'patch' | 'stored';

/**
 * Every {@link RecordForm}, in one constant list.
 *
 * @example
 * ```ts
 * RECORD_FORMS; //=> ['input', 'patch', 'stored']
 * ```
 */
export const RECORD_FORMS: readonly RecordForm[] = /* @__PURE__ */ Object.freeze(['input', 'patch', 'stored'] as const);

/**
 * Options of {@link compileCustomFields} and {@link validateCustomFields}.
 */
export interface CustomFieldsOptions {
  /**
   * Codes of fields the person cannot see (see `listVisibleFields` in access). They are never
   * required of that person, as DOMAIN rules say; writing them is refused by the access checks.
   */
  readonly hidden?: readonly string[] | undefined;
}

// Registries are frozen, and a change makes a new one: a compiled schema can be kept for as long as
// its registry lives. This pure memo is the only state of the module.
const compiled = new WeakMap<FieldRegistry, Map<string, z.ZodType>>();

/**
 * The zod schema of a record's `custom` bag for a registry: one key per custom field, unknown keys
 * refused, each value checked by its definition; the bag must be a plain object, so no key can come
 * from a crafted prototype. Compiled once per registry, form and set of hidden fields.
 *
 * @param registry - The entity's field registry.
 * @param form - `input`, `patch` or `stored` (see {@link RecordForm}).
 * @param options - Fields the person cannot see, which are then never required.
 * @returns A strict schema of plain objects; its issues have paths `[code, ...]`.
 *
 * @example
 * ```ts
 * const deals = createFieldRegistry('deal', {
 *   customFields: [{ type: 'integer', code: 'seats', labels: { en: 'Seats' }, required: true, min: 1 }],
 * });
 * compileCustomFields(deals, 'input').safeParse({ seats: 5 }).success; //=> true
 * compileCustomFields(deals, 'input').safeParse({}).success; //=> false
 * compileCustomFields(deals, 'patch').safeParse({}).success; //=> true
 * compileCustomFields(deals, 'stored').safeParse({ seats: 5, colour: 'red' }).success; //=> false
 * ```
 */
export function compileCustomFields(registry: FieldRegistry, form: RecordForm, options: CustomFieldsOptions = {}): z.ZodType {
  registry = toFieldRegistry(registry);
  if (!RECORD_FORMS.includes(form)) throw new ValidationError('INVALID_ARGUMENT', `A record form is one of ${RECORD_FORMS.join(', ')}.`);
  const hidden: unknown = (options as CustomFieldsOptions | null)?.hidden ?? [];
  if (!Array.isArray(hidden) || !hidden.every((code) => typeof code === 'string')) {
    throw new ValidationError('INVALID_ARGUMENT', 'hidden lists field codes.');
  }
  const hiddenCodes = new Set(hidden as readonly string[]);
  const key = `${form}|${[...hiddenCodes].sort().join(',')}`;
  let forms = compiled.get(registry);
  if (forms === undefined) {
    forms = new Map();
    compiled.set(registry, forms);
  }
  const cached = forms.get(key);
  if (cached !== undefined) return cached;
  const shape: Record<string, z.ZodType> = {};
  for (const definition of registry.customFields) {
    const slot = compileSlot(hiddenCodes.has(definition.code) ? { ...definition, required: false } : definition, form);
    Object.defineProperty(shape, definition.code, { value: slot, enumerable: true });
  }
  const schema = record(shape);
  forms.set(key, schema);
  return schema;
}

function compileSlot(definition: FieldDefinition, form: RecordForm): z.ZodType {
  const element = valueSchema(definition);
  const required = definition.required === true;
  const list = z.array(element).min(required && form !== 'stored' ? 1 : 0);
  // The whole list's matching cost is bounded before any element is matched.
  const size = definition.multiple === true ? patternSizeOf(definition) : undefined;
  const bounded =
    size !== undefined
      ? z
          .custom<unknown[]>((values) => !Array.isArray(values) || !exceedsPatternWork(size, values), {
            params: { code: 'LIMIT_EXCEEDED' },
            error: 'The values hold more text than the pattern may be matched against at once.',
            abort: true,
          })
          .pipe(list)
      : list;
  const value = definition.multiple === true ? bounded : element;
  if (form === 'input') return required ? value : value.optional();
  if (form === 'stored') return value.optional();
  if (!required) return value.nullable().optional();
  // A patch may leave a required field alone, never clear it.
  return value
    .nullable()
    .optional()
    .superRefine((given, context) => {
      if (given === null) context.addIssue({ code: 'custom', message: 'A required field cannot be cleared.', params: { code: 'REQUIRED' } });
    });
}
