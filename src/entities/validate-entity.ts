import { fromZodIssues } from '../fields/index.js';
import type { EntityType, FieldRegistry, RecordForm } from '../fields/index.js';
import type { Result } from '../kernel/index.js';
import { fail, ok } from '../kernel/index.js';
import type { EntityRecord, EntitySchemaOptions } from './entity-schema.js';
import { entitySchema } from './entity-schema.js';

/**
 * Validates an entity in one form against its field registry (see {@link entitySchema}) and
 * returns crm-kit issues instead of zod's: `REQUIRED` for a missing required value,
 * `UNKNOWN_FIELD` for each unknown key (the key last in the path), `INVALID_VALUE` for anything
 * else. Messages name the rule, never the value.
 *
 * @param registry - The field registry of the entity type.
 * @param form - `'input'` (create), `'patch'` (update) or `'stored'`.
 * @param value - What to check: a plain record (objects with another prototype are refused, so no
 * value is ever read from a prototype).
 * @param options - `principal`: the person the record is checked for; custom fields they cannot
 * see are then never required of them.
 * @returns The parsed record (money canonical, defaults filled, custom values in a data-only
 * bag) or the issues.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an unknown entity type or form, bad
 * options or a malformed principal.
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
 *
 * validateEntity(companies, 'patch', Object.create({ assignedById: 'u-evil' })).success; //=> false
 *
 * const deals = createFieldRegistry('deal', {
 *   customFields: [
 *     { type: 'number', code: 'margin', labels: { en: 'Margin' }, required: true, visibility: { restrictedTo: { roleIds: ['finance'] } } },
 *   ],
 * });
 * const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
 * validateEntity(deals, 'input', { title: 'Renewal' }, { principal: ana }).success; //=> true
 * validateEntity(deals, 'input', { title: 'Renewal' }, { principal: { ...ana, roleIds: ['finance'] } }).success; //=> false
 * ```
 */
export function validateEntity<E extends EntityType, F extends RecordForm>(
  registry: FieldRegistry & { readonly entityType: E },
  form: F,
  value: unknown,
  options?: EntitySchemaOptions,
): Result<EntityRecord<E, F>> {
  const parsed = entitySchema(registry, form, options).safeParse(value);
  return parsed.success ? ok(parsed.data) : fail(fromZodIssues(parsed.error.issues, value));
}
