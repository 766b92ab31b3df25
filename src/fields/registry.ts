import type { Issue } from '../kernel/index.js';
import { issue, SystemFieldError, ValidationError } from '../kernel/index.js';
import { checkField } from './define-field.js';
import type { FieldDefinition } from './definition.js';
import type { EntityType } from './entity-types.js';
import { isEntityType } from './entity-types.js';
import type { FieldRegistry } from './registry-types.js';
import type { StandardField } from './standard-field.js';
import { listStandardFields } from './standard-fields.js';

/**
 * What {@link createFieldRegistry} may start from.
 */
export interface FieldRegistryOptions {
  readonly customFields?: readonly FieldDefinition[] | undefined;
  readonly hiddenStandardFields?: readonly string[] | undefined;
}

/**
 * Makes the field registry of an entity type: its standard fields (all shown unless listed as
 * hidden) and its custom fields, each checked like {@link checkField}.
 *
 * @param entityType - The entity type the fields belong to.
 * @param options - Custom fields and hidden standard fields to start with.
 * @returns A frozen registry at revision 0.
 * @throws {@link ValidationError} `INVALID_FIELD_DEFINITION` listing every problem (bad
 * definitions, two fields with one code, unknown or non-hideable standard fields to hide);
 * `INVALID_ARGUMENT` for an unknown entity type.
 *
 * @example
 * ```ts
 * const deals = createFieldRegistry('deal', {
 *   customFields: [{ type: 'money', code: 'margin', labels: { en: 'Margin' } }],
 * });
 * deals.customFields.map((f) => f.code); //=> ['margin']
 * deals.revision; //=> 0
 * ```
 */
export function createFieldRegistry<E extends EntityType>(entityType: E, options: FieldRegistryOptions = {}): FieldRegistry<E> {
  if (!isEntityType(entityType)) throw new ValidationError('INVALID_ARGUMENT', 'Unknown entity type.');
  const given: unknown = options;
  const lists: unknown[] = [options.customFields ?? [], options.hiddenStandardFields ?? []];
  if (typeof given !== 'object' || given === null || !lists.every((list) => Array.isArray(list))) {
    throw new ValidationError('INVALID_ARGUMENT', 'Registry options are { customFields?: [...], hiddenStandardFields?: [...] }.');
  }
  const issues: Issue[] = [];
  const customFields: FieldDefinition[] = [];
  const standard = listStandardFields(entityType);
  (options.customFields ?? []).forEach((definition, index) => {
    const checked = checkField(definition);
    if (!checked.success) {
      issues.push(...checked.issues.map((found) => issue(found.code, found.message, ['customFields', index, ...found.path])));
      return;
    }
    const clash = codeClash(checked.data.code, customFields, standard);
    if (clash !== undefined) issues.push(issue('DUPLICATE_FIELD', clash, ['customFields', index, 'code']));
    else customFields.push(checked.data);
  });
  const hidden = options.hiddenStandardFields ?? [];
  hidden.forEach((code: unknown, index) => {
    const field = standard.find((f) => f.code === code);
    if (field === undefined) issues.push(issue('UNKNOWN_FIELD', 'No standard field has this code.', ['hiddenStandardFields', index]));
    else if (!field.hideable) issues.push(issue('SYSTEM_FIELD', 'This standard field cannot be hidden.', ['hiddenStandardFields', index]));
  });
  if (issues.length > 0) {
    throw new ValidationError('INVALID_FIELD_DEFINITION', `The ${entityType} field registry has ${issues.length} problem(s); see issues.`, { issues });
  }
  return freezeRegistry({ entityType, revision: 0, hiddenStandardFields: [...new Set(hidden)], customFields: sortFields(customFields) });
}

/**
 * Adds a custom field.
 *
 * @param registry - The current registry.
 * @param definition - The new field.
 * @returns The next registry (revision + 1).
 * @throws {@link ValidationError} `INVALID_FIELD_DEFINITION` for a bad definition (issues say
 * why), `DUPLICATE_FIELD` when a standard or custom field already has the code.
 *
 * @example
 * ```ts
 * const next = addCustomField(createFieldRegistry('contact'), { type: 'boolean', code: 'vip', labels: { en: 'VIP' } });
 * next.customFields.length; //=> 1
 * next.revision; //=> 1
 * addCustomField(next, { type: 'string', code: 'vip', labels: { en: 'VIP' } }); // throws DUPLICATE_FIELD
 * ```
 */
export function addCustomField<E extends EntityType>(registry: FieldRegistry<E>, definition: FieldDefinition): FieldRegistry<E> {
  registry = toFieldRegistry(registry);
  const checked = checkOrThrow(definition);
  const clash = codeClash(checked.code, registry.customFields, listStandardFields(registry.entityType));
  if (clash !== undefined) throw new ValidationError('DUPLICATE_FIELD', clash, { issues: [issue('DUPLICATE_FIELD', clash, ['code'])] });
  return next(registry, { customFields: sortFields([...registry.customFields, checked]) });
}

/**
 * Changes the settings of a custom field; its code and type never change (add a new field
 * instead). Values already stored are not touched: the new rules apply from the next write.
 *
 * @param registry - The current registry.
 * @param code - The custom field to change.
 * @param changes - The settings to replace.
 * @returns The next registry.
 * @throws {@link SystemFieldError} `SYSTEM_FIELD` for a standard field; {@link ValidationError}
 * `UNKNOWN_FIELD`, or `INVALID_FIELD_DEFINITION` when the result is not a valid definition or the
 * change touches `code` or `type`.
 *
 * @example
 * ```ts
 * const contacts = createFieldRegistry('contact', { customFields: [{ type: 'string', code: 'nickname', labels: { en: 'Nickname' } }] });
 * const next = updateCustomField(contacts, 'nickname', { maxLength: 40, required: true });
 * next.customFields[0]; //=> { type: 'string', code: 'nickname', labels: { en: 'Nickname' }, maxLength: 40, required: true }
 * ```
 */
export function updateCustomField<E extends EntityType>(
  registry: FieldRegistry<E>,
  code: string,
  changes: Readonly<Record<string, unknown>>,
): FieldRegistry<E> {
  registry = toFieldRegistry(registry);
  const given: unknown = changes;
  if (typeof given !== 'object' || given === null) throw new ValidationError('INVALID_ARGUMENT', 'Changes are an object of settings.');
  const index = customIndex(registry, code, 'changed');
  const current = registry.customFields[index];
  if ('code' in changes || 'type' in changes) {
    throw new ValidationError('INVALID_FIELD_DEFINITION', 'A field keeps its code and type; add a new field instead.', {
      issues: [issue('INVALID_FIELD_DEFINITION', 'A field keeps its code and type.', ['code' in changes ? 'code' : 'type'])],
    });
  }
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) Reflect.deleteProperty(merged, key);
    else Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
  }
  const checked = checkOrThrow(merged as unknown as FieldDefinition);
  const customFields = registry.customFields.map((field, i) => (i === index ? checked : field));
  return next(registry, { customFields: sortFields(customFields) });
}

/**
 * Removes a custom field. Standard fields are never removed, only hidden ({@link hideField}).
 *
 * @param registry - The current registry.
 * @param code - The field to remove.
 * @returns The next registry.
 * @throws {@link SystemFieldError} `SYSTEM_FIELD` for a standard field; {@link ValidationError}
 * `UNKNOWN_FIELD` when no custom field has the code.
 *
 * @example
 * ```ts
 * const leads = createFieldRegistry('lead', { customFields: [{ type: 'url', code: 'landing', labels: { en: 'Landing page' } }] });
 * removeField(leads, 'landing').customFields; //=> []
 * removeField(leads, 'title'); // throws SYSTEM_FIELD
 * ```
 */
export function removeField<E extends EntityType>(registry: FieldRegistry<E>, code: string): FieldRegistry<E> {
  registry = toFieldRegistry(registry);
  const index = customIndex(registry, code, 'removed');
  return next(registry, { customFields: registry.customFields.filter((_, i) => i !== index) });
}

/**
 * Hides a standard or custom field from forms and lists. Hiding is presentation, not security:
 * use a field's `visibility` to keep values from people.
 *
 * @param registry - The current registry.
 * @param code - A standard field that is hideable, or a custom field.
 * @returns The next registry (the same one when the field is already hidden).
 * @throws {@link SystemFieldError} `SYSTEM_FIELD` for a standard field that cannot be hidden;
 * {@link ValidationError} `UNKNOWN_FIELD`.
 *
 * @example
 * ```ts
 * const companies = hideField(createFieldRegistry('company'), 'comments');
 * companies.hiddenStandardFields; //=> ['comments']
 * showField(companies, 'comments').hiddenStandardFields; //=> []
 * ```
 */
export function hideField<E extends EntityType>(registry: FieldRegistry<E>, code: string): FieldRegistry<E> {
  return setHidden(toFieldRegistry(registry), code, true);
}

/**
 * Shows a field hidden by {@link hideField}.
 *
 * @param registry - The current registry.
 * @param code - A standard or custom field.
 * @returns The next registry (the same one when the field is already shown).
 * @throws {@link ValidationError} `UNKNOWN_FIELD`.
 *
 * @example
 * ```ts
 * const contacts = createFieldRegistry('contact', { hiddenStandardFields: ['comments'] });
 * showField(contacts, 'comments').hiddenStandardFields; //=> []
 * ```
 */
export function showField<E extends EntityType>(registry: FieldRegistry<E>, code: string): FieldRegistry<E> {
  return setHidden(toFieldRegistry(registry), code, false);
}

/**
 * The custom field with a code, if any.
 *
 * @param registry - The registry.
 * @param code - A custom field code.
 * @returns Its definition, or `undefined`.
 *
 * @example
 * ```ts
 * const deals = createFieldRegistry('deal', { customFields: [{ type: 'boolean', code: 'urgent', labels: { en: 'Urgent' } }] });
 * getCustomField(deals, 'urgent')?.type; //=> 'boolean'
 * getCustomField(deals, 'missing'); //=> undefined
 * ```
 */
export function getCustomField(registry: FieldRegistry, code: string): FieldDefinition | undefined {
  registry = toFieldRegistry(registry);
  return registry.customFields.find((field) => field.code === code);
}

// Registries made here are checked once; a registry from elsewhere (read back from JSON, built by
// hand) is checked like a new one the first time it is used. Both maps are pure memos.
const checked = new WeakSet<FieldRegistry>();
const adopted = new WeakMap<object, FieldRegistry>();

/**
 * Reads a field registry from elsewhere (JSON, a database): the same object when crm-kit made it,
 * else a registry with the same fields, checked like {@link createFieldRegistry} (remembered for
 * a frozen input, so the check runs once per object). Every function taking a registry goes through it, so a
 * hand-made registry can never slip an unchecked definition past validation or visibility.
 *
 * @param registry - A registry made by crm-kit, or its JSON form.
 * @returns A checked, frozen registry.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a value that is not a registry,
 * `INVALID_FIELD_DEFINITION` when a definition in it is invalid.
 *
 * @example
 * ```ts
 * const deals = createFieldRegistry('deal', { customFields: [{ type: 'boolean', code: 'urgent', labels: { en: 'Urgent' } }] });
 * toFieldRegistry(deals) === deals; //=> true
 * const stored = JSON.parse(JSON.stringify(deals));
 * toFieldRegistry(stored).customFields[0]?.code; //=> 'urgent'
 * toFieldRegistry({ ...stored, customFields: [{ type: 'boolean', code: 'Bad', labels: { en: 'x' } }] }); // throws INVALID_FIELD_DEFINITION
 * ```
 */
export function toFieldRegistry<E extends EntityType = EntityType>(registry: unknown): FieldRegistry<E> {
  if (typeof registry !== 'object' || registry === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'Expected a field registry made by createFieldRegistry.');
  }
  if (checked.has(registry as FieldRegistry)) return registry as FieldRegistry<E>;
  const known = Object.isFrozen(registry) ? adopted.get(registry) : undefined;
  if (known !== undefined) return known as FieldRegistry<E>;
  const given = registry as Partial<FieldRegistry>;
  if (!Array.isArray(given.customFields) || !Array.isArray(given.hiddenStandardFields)) {
    throw new ValidationError('INVALID_ARGUMENT', 'A field registry has customFields and hiddenStandardFields lists.');
  }
  const entityType: unknown = given.entityType;
  const rebuilt = createFieldRegistry(entityType as EntityType, {
    customFields: given.customFields,
    hiddenStandardFields: given.hiddenStandardFields,
  });
  const revision = typeof given.revision === 'number' && Number.isSafeInteger(given.revision) ? given.revision : 0;
  const result = freezeRegistry({ ...rebuilt, revision });
  // Only a frozen input is remembered: one that can still change is checked again next time.
  if (Object.isFrozen(registry)) adopted.set(registry, result);
  return result as FieldRegistry<E>;
}

function setHidden<E extends EntityType>(registry: FieldRegistry<E>, code: string, hidden: boolean): FieldRegistry<E> {
  if (typeof code !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'A field code is a string.');
  const standard = listStandardFields(registry.entityType).find((f) => f.code === code);
  if (standard !== undefined) {
    if (!standard.hideable && hidden) {
      throw new SystemFieldError('SYSTEM_FIELD', `The standard ${registry.entityType} field "${code}" cannot be hidden.`, { field: code });
    }
    const isHidden = registry.hiddenStandardFields.includes(code);
    if (isHidden === hidden) return registry;
    const hiddenStandardFields = hidden
      ? [...registry.hiddenStandardFields, code]
      : registry.hiddenStandardFields.filter((c) => c !== code);
    return next(registry, { hiddenStandardFields });
  }
  const index = customIndex(registry, code, hidden ? 'hidden' : 'shown');
  if ((registry.customFields[index]?.hidden ?? false) === hidden) return registry;
  return updateCustomField(registry, code, { hidden: hidden ? true : undefined });
}

function customIndex(registry: FieldRegistry, code: string, verb: string): number {
  if (typeof code !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'A field code is a string.');
  const index = registry.customFields.findIndex((field) => field.code === code);
  if (index >= 0) return index;
  if (listStandardFields(registry.entityType).some((f) => f.code === code)) {
    throw new SystemFieldError(
      'SYSTEM_FIELD',
      `The standard ${registry.entityType} field "${code}" cannot be ${verb}${verb === 'removed' ? '; hide it instead' : ''}.`,
      { field: code },
    );
  }
  throw new ValidationError('UNKNOWN_FIELD', `No ${registry.entityType} field has this code.`, {
    issues: [issue('UNKNOWN_FIELD', 'No field has this code.', ['code'])],
  });
}

function codeClash(code: string, custom: readonly FieldDefinition[], standard: readonly StandardField[]): string | undefined {
  if (custom.some((field) => field.code === code)) return 'Another custom field already has this code.';
  if (standard.some((field) => field.code === code)) return 'A standard field already has this code.';
  return undefined;
}

function checkOrThrow(definition: FieldDefinition): FieldDefinition {
  const checked = checkField(definition);
  if (checked.success) return checked.data;
  throw new ValidationError('INVALID_FIELD_DEFINITION', 'Invalid field definition; see issues.', { issues: checked.issues });
}

// Fields without a sort position keep their order, after those with one.
function sortFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields
    .map((field, index) => ({ field, index }))
    .sort((a, b) => (a.field.sort ?? Number.POSITIVE_INFINITY) - (b.field.sort ?? Number.POSITIVE_INFINITY) || a.index - b.index)
    .map(({ field }) => field);
}

function next<E extends EntityType>(registry: FieldRegistry<E>, changes: Partial<Pick<FieldRegistry, 'customFields' | 'hiddenStandardFields'>>): FieldRegistry<E> {
  return freezeRegistry({ ...registry, ...changes, revision: registry.revision + 1 });
}

function freezeRegistry<E extends EntityType>(registry: FieldRegistry<E>): FieldRegistry<E> {
  Object.freeze(registry.customFields);
  Object.freeze(registry.hiddenStandardFields);
  checked.add(registry);
  return Object.freeze(registry);
}
