import type { z } from 'zod';
import type { Principal } from '../access/index.js';
import { listVisibleFields } from '../access/index.js';
import type { CustomValues, EntityType, FieldRegistry, RecordForm } from '../fields/index.js';
import { compileCustomFields, RECORD_FORMS, toFieldRegistry } from '../fields/index.js';
import { isPlainRecord, ValidationError } from '../kernel/index.js';
import type { EntityForms, OptionalCustom, StoredCustom } from './_internal/forms.js';
import { requiredValue } from './_internal/values.js';
import type { Activity, ActivityInput, ActivityPatch } from './activity.js';
import { activityForms } from './activity.js';
import type { Company, CompanyInput, CompanyPatch } from './company.js';
import { companyForms } from './company.js';
import type { Contact, ContactInput, ContactPatch } from './contact.js';
import { contactForms } from './contact.js';
import type { Deal, DealInput, DealPatch } from './deal.js';
import { dealForms } from './deal.js';
import type { Invoice, InvoiceInput, InvoicePatch } from './invoice.js';
import { invoiceForms } from './invoice.js';
import type { Lead, LeadInput, LeadPatch } from './lead.js';
import { leadForms } from './lead.js';
import type { Quote, QuoteInput, QuotePatch } from './quote.js';
import { quoteForms } from './quote.js';

/**
 * The TypeScript types of every entity type in its three forms: `input` (create), `patch`
 * (update) and `stored`.
 */
export interface EntityRecordTypes {
  readonly lead: { readonly input: LeadInput; readonly patch: LeadPatch; readonly stored: Lead };
  readonly contact: { readonly input: ContactInput; readonly patch: ContactPatch; readonly stored: Contact };
  readonly company: { readonly input: CompanyInput; readonly patch: CompanyPatch; readonly stored: Company };
  readonly deal: { readonly input: DealInput; readonly patch: DealPatch; readonly stored: Deal };
  readonly activity: { readonly input: ActivityInput; readonly patch: ActivityPatch; readonly stored: Activity };
  readonly invoice: { readonly input: InvoiceInput; readonly patch: InvoicePatch; readonly stored: Invoice };
  readonly quote: { readonly input: QuoteInput; readonly patch: QuotePatch; readonly stored: Quote };
}

/**
 * The type of an entity type's record in one form: `EntityRecord<'contact', 'patch'>` is
 * `ContactPatch`. The form defaults to `stored`.
 */
export type EntityRecord<E extends EntityType = EntityType, F extends RecordForm = 'stored'> = EntityRecordTypes[E][F];

type AnyForms = EntityForms<unknown, unknown, unknown>;

const FORMS: { readonly [E in EntityType]: EntityForms<EntityRecordTypes[E]['input'], EntityRecordTypes[E]['patch'], EntityRecordTypes[E]['stored']> } = {
  lead: leadForms,
  contact: contactForms,
  company: companyForms,
  deal: dealForms,
  activity: activityForms,
  invoice: invoiceForms,
  quote: quoteForms,
};

// Custom values come out in a bag whose keys are all defined as data (ARCHITECTURE.md §3), so a
// `__proto__` code can never reach the prototype; `{}` rather than `Object.create(null)`, which V8
// keeps in slow dictionary mode (docs/design-notes.md).
function toBag(values: unknown): CustomValues {
  const bag: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values as object)) {
    Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return bag;
}

/**
 * Who the schema is for. With a `principal`, the custom fields that person cannot see are never
 * required of them (they cannot fill what they cannot see; writing such a field is refused by
 * the access checks, not here).
 */
export interface EntitySchemaOptions {
  readonly principal?: Principal | undefined;
}

// The `custom` slot of each form for a registry. An input without `custom` is read as `{}`, so
// that required custom fields are reported; a patch may leave `custom` out; a stored record has it.
function customSlot(registry: FieldRegistry, form: RecordForm, hidden: readonly string[]): OptionalCustom | StoredCustom {
  const compiled = compileCustomFields(registry, form, { hidden });
  if (form === 'input') return compiled.prefault({}).transform(toBag) as unknown as OptionalCustom;
  if (form === 'patch') return compiled.transform(toBag).optional() as unknown as OptionalCustom;
  return requiredValue(compiled).transform(toBag) as unknown as StoredCustom;
}

// The codes of the custom fields a principal cannot see (sorted: they make the cache key).
function hiddenCodes(registry: FieldRegistry, options: unknown): readonly string[] {
  if (options === undefined) return [];
  if (!isPlainRecord(options)) throw new ValidationError('INVALID_ARGUMENT', 'The options are a plain object such as { principal }.');
  const principal = Object.hasOwn(options, 'principal') ? options.principal : undefined;
  if (principal === undefined) return [];
  const visible = new Set(listVisibleFields(registry, principal as Principal).map((definition) => definition.code));
  return registry.customFields
    .map((definition) => definition.code)
    .filter((code) => !visible.has(code))
    .sort();
}

// Registries are frozen and every change makes a new one, so a schema can be kept for as long as
// its registry lives: this WeakMap is a pure memo, the module's only state. Within a registry,
// schemas are keyed by form and the set of hidden fields.
const cache = new WeakMap<FieldRegistry, Map<string, z.ZodType>>();

/**
 * The zod schema of an entity in one form, with its `custom` bag checked against the field
 * registry: unknown custom codes refused, each value checked by its definition, required custom
 * fields required on input (custom issues have paths `['custom', code, ...]`). Every object in
 * it, the record included, must be a plain record, so no key is ever read from a prototype.
 * With a `principal`, custom fields that person cannot see are not required of them. Built once
 * per registry, form and set of hidden fields, then reused.
 *
 * @param registry - The field registry of the entity type (read with `toFieldRegistry`); its
 * `entityType` picks the entity.
 * @param form - `'input'` (create), `'patch'` (update) or `'stored'`.
 * @param options - `principal`: the person the record is checked for.
 * @returns The schema; it parses to the matching type (`DealInput`, `ContactPatch`, `Lead`, ...).
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an unknown entity type or form, bad
 * options or a malformed principal.
 *
 * @example
 * ```ts
 * const deals = createFieldRegistry('deal', { customFields: [{ type: 'integer', code: 'seats', labels: { en: 'Seats' }, required: true }] });
 * const schema = entitySchema(deals, 'input');
 * schema.safeParse({ title: '20 laptops', custom: { seats: 20 } }).success; //=> true
 * schema.safeParse({ title: '20 laptops' }).success; //=> false
 * schema.safeParse({ title: '20 laptops', custom: { seats: 20, colour: 'red' } }).success; //=> false
 * schema.safeParse(Object.create({ title: '20 laptops', custom: { seats: 20 } })).success; //=> false
 * entitySchema(deals, 'input') === schema; //=> true
 * ```
 */
export function entitySchema<E extends EntityType, F extends RecordForm>(
  registry: FieldRegistry & { readonly entityType: E },
  form: F,
  options?: EntitySchemaOptions,
): z.ZodType<EntityRecord<E, F>> {
  const checked = toFieldRegistry(registry);
  if (!RECORD_FORMS.includes(form)) throw new ValidationError('INVALID_ARGUMENT', 'The form is one of input, patch or stored.');
  const hidden = hiddenCodes(checked, options);
  const key = `${form}|${hidden.join(',')}`;
  let schemas = cache.get(checked);
  if (schemas === undefined) {
    schemas = new Map();
    cache.set(checked, schemas);
  }
  let schema = schemas.get(key);
  if (schema === undefined) {
    const builders = FORMS[checked.entityType] as AnyForms;
    const slot = customSlot(checked, form, hidden);
    schema =
      form === 'stored'
        ? builders.stored(slot as StoredCustom)
        : form === 'patch'
          ? builders.patch(slot as OptionalCustom)
          : builders.input(slot as OptionalCustom);
    schemas.set(key, schema);
  }
  return schema as z.ZodType<EntityRecord<E, F>>;
}
