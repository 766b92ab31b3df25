import type { Clock, Result } from '../kernel/index.js';
import { fail, ok, ValidationError } from '../kernel/index.js';
import { money } from '../money/index.js';
import { toFieldRegistry } from './registry.js';
import type { CustomFieldsOptions, RecordForm } from './compile-custom-fields.js';
import { compileCustomFields } from './compile-custom-fields.js';
import type { FieldRegistry } from './registry-types.js';
import { fromZodIssues } from './zod-issues.js';

/**
 * A record's custom values, keyed by field code. Built with `Object.create(null)` by crm-kit, so
 * a key can never reach `Object.prototype`.
 */
export type CustomValues = Readonly<Record<string, unknown>>;

/**
 * Validates a record's custom values against its registry. Issues have paths
 * `['custom', code, ...]`, so that a form can show them beside the field.
 *
 * @param registry - The entity's field registry.
 * @param form - `input`, `patch` or `stored`.
 * @param custom - The values to check.
 * @param options - Fields the person cannot see (never required of them).
 * @returns The values as parsed (money canonical), in a data-only bag, or the issues
 * (`REQUIRED`, `UNKNOWN_FIELD`, `INVALID_VALUE`).
 *
 * @example
 * ```ts
 * const deals = createFieldRegistry('deal', { customFields: [{ type: 'money', code: 'margin', labels: { en: 'Margin' } }] });
 * const checked = validateCustomFields(deals, 'input', { margin: { amount: '12.5', currency: 'EUR' } });
 * checked.success && checked.data.margin; //=> { amount: '12.50', currency: 'EUR' }
 * const wrong = validateCustomFields(deals, 'input', { margin: 12.5 });
 * wrong.success ? [] : wrong.issues.map((i) => [i.code, ...i.path]); //=> [['INVALID_VALUE', 'custom', 'margin']]
 * ```
 */
export function validateCustomFields(
  registry: FieldRegistry,
  form: RecordForm,
  custom: unknown,
  options: CustomFieldsOptions = {},
): Result<CustomValues> {
  const parsed = compileCustomFields(registry, form, options).safeParse(custom);
  if (!parsed.success) return fail(fromZodIssues(parsed.error.issues, custom, ['custom']));
  return ok(toBag(parsed.data));
}

/**
 * Fills the defaults of the custom fields a new record leaves empty: each field's `default`,
 * and for a datetime field whose default is `'now'`, the clock's current instant.
 *
 * @param registry - The entity's field registry.
 * @param custom - The values given at creation.
 * @param clock - Where `'now'` comes from.
 * @returns A new data-only bag with the defaults added; given values are never replaced.
 *
 * @example
 * ```ts
 * const deals = createFieldRegistry('deal', { customFields: [
 *   { type: 'boolean', code: 'urgent', labels: { en: 'Urgent' }, default: false },
 *   { type: 'datetime', code: 'received_at', labels: { en: 'Received' }, default: 'now' },
 * ] });
 * const filled = applyFieldDefaults(deals, {}, fixedClock('2026-05-01T09:00:00Z'));
 * filled.urgent; //=> false
 * (filled.received_at as Date).toISOString(); //=> '2026-05-01T09:00:00.000Z'
 * ```
 */
export function applyFieldDefaults(registry: FieldRegistry, custom: CustomValues, clock: Clock): CustomValues {
  registry = toFieldRegistry(registry);
  if (typeof (clock as Partial<Clock> | null | undefined)?.now !== 'function') {
    throw new ValidationError('INVALID_ARGUMENT', 'applyFieldDefaults needs a clock with now().');
  }
  const bag = toBag(custom);
  for (const field of registry.customFields) {
    if (!('default' in field) || field.default === undefined || bag[field.code] !== undefined) continue;
    let value: unknown = field.default;
    if (field.type === 'datetime') value = field.default === 'now' ? clock.now() : new Date(field.default);
    if (field.type === 'money') value = money(field.default.amount, field.default.currency);
    if (field.multiple === true && !Array.isArray(value)) value = [value];
    Object.defineProperty(bag, field.code, { value, enumerable: true, writable: true, configurable: true });
  }
  return bag;
}

function toBag(values: unknown): Record<string, unknown> {
  const bag: Record<string, unknown> = {};
  if (typeof values !== 'object' || values === null) return bag;
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return bag;
}
