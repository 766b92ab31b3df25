import { fromZodIssues } from '../fields/index.js';
import type { EntityType, FieldRegistry, RecordForm } from '../fields/index.js';
import type { Result } from '../kernel/index.js';
import { fail, ok } from '../kernel/index.js';
import type { EntityRecord } from './entity-schema.js';
import { entitySchema } from './entity-schema.js';

/**
 * Validates an entity in one form against its field registry (see {@link entitySchema}) and
 * returns crm-kit issues instead of zod's: `REQUIRED` for a missing required value,
 * `UNKNOWN_FIELD` for each unknown key (the key last in the path), `INVALID_VALUE` for anything
 * else. Messages name the rule, never the value.
 *
 * @param registry - The field registry of the entity type.
 * @param form - `'input'` (create), `'patch'` (update) or `'stored'`.
 * @param value - What to check.
 * @returns The parsed record (money canonical, defaults filled, custom values in a prototype-free
 * bag) or the issues.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an unknown entity type or form.
 *
 * @example
 * ```ts
 * const companies = createFieldRegistry('company');
 * const checked = validateEntity(companies, 'input', { title: 'Acme', employees: 12 });
 * checked.success && checked.data.opened; //=> false
 *
 * const wrong = validateEntity(companies, 'input', { employees: -1, nickname: 'ACME' });
 * wrong.success ? [] : wrong.issues.map((i) => [i.code, ...i.path]);
 * //=> [['REQUIRED', 'title'], ['INVALID_VALUE', 'employees'], ['UNKNOWN_FIELD', 'nickname']]
 * ```
 */
export function validateEntity<E extends EntityType, F extends RecordForm>(
  registry: FieldRegistry & { readonly entityType: E },
  form: F,
  value: unknown,
): Result<EntityRecord<E, F>> {
  const parsed = entitySchema(registry, form).safeParse(value);
  return parsed.success ? ok(parsed.data) : fail(fromZodIssues(parsed.error.issues, value));
}
