import type { z } from 'zod';
import type { CustomValues, EntityType, FieldRegistry, RecordForm } from '../fields/index.js';
import { compileCustomFields, isEntityType, RECORD_FORMS } from '../fields/index.js';
import { ValidationError } from '../kernel/index.js';
import type { EntityForms, OptionalCustom, StoredCustom } from './_internal/forms.js';
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
 *
 * @example
 * ```ts
 * type NewDeal = EntityRecordTypes['deal']['input']; // DealInput
 * ```
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
 *
 * @example
 * ```ts
 * const contact: EntityRecord<'contact', 'input'> = { firstName: 'Ana' };
 * ```
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

// Custom values come out in a prototype-free bag (ARCHITECTURE.md §3).
function toBag(values: unknown): CustomValues {
  const bag = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(values as object)) {
    Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return bag;
}

// The `custom` slot of each form for a registry. An input without `custom` is read as `{}`, so
// that required custom fields are reported; a patch may leave `custom` out; a stored record has it.
function customSlot(registry: FieldRegistry, form: RecordForm): OptionalCustom | StoredCustom {
  const compiled = compileCustomFields(registry, form);
  if (form === 'input') return compiled.prefault({}).transform(toBag) as unknown as OptionalCustom;
  if (form === 'patch') return compiled.transform(toBag).optional() as unknown as OptionalCustom;
  return compiled.transform(toBag) as unknown as StoredCustom;
}

// Registries are frozen and every change makes a new one, so a schema can be kept for as long as
// its registry lives: this WeakMap is a pure memo, the module's only state.
const cache = new WeakMap<FieldRegistry, Partial<Record<RecordForm, z.ZodType>>>();

/**
 * The zod schema of an entity in one form, with its `custom` bag checked against the field
 * registry: unknown custom codes refused, each value checked by its definition, required custom
 * fields required on input (custom issues have paths `['custom', code, ...]`). Built once per
 * registry and form, then reused.
 *
 * @param registry - The field registry of the entity type; its `entityType` picks the entity.
 * @param form - `'input'` (create), `'patch'` (update) or `'stored'`.
 * @returns The schema; it parses to the matching type (`DealInput`, `ContactPatch`, `Lead`, ...).
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an unknown entity type or form.
 *
 * @example
 * ```ts
 * const deals = createFieldRegistry('deal', { customFields: [{ type: 'integer', code: 'seats', labels: { en: 'Seats' }, required: true }] });
 * const schema = entitySchema(deals, 'input');
 * schema.safeParse({ title: '20 laptops', custom: { seats: 20 } }).success; //=> true
 * schema.safeParse({ title: '20 laptops' }).success; //=> false
 * schema.safeParse({ title: '20 laptops', custom: { seats: 20, colour: 'red' } }).success; //=> false
 * entitySchema(deals, 'input') === schema; //=> true
 * ```
 */
export function entitySchema<E extends EntityType, F extends RecordForm>(
  registry: FieldRegistry & { readonly entityType: E },
  form: F,
): z.ZodType<EntityRecord<E, F>> {
  const given: unknown = registry;
  const { entityType, customFields } = (typeof given === 'object' && given !== null ? given : {}) as {
    entityType?: unknown;
    customFields?: unknown;
  };
  if (!isEntityType(entityType) || !Array.isArray(customFields)) {
    throw new ValidationError('INVALID_ARGUMENT', 'Expected the field registry of a known entity type.');
  }
  if (!RECORD_FORMS.includes(form)) throw new ValidationError('INVALID_ARGUMENT', 'The form is one of input, patch or stored.');
  let forms = cache.get(registry);
  if (forms === undefined) {
    forms = {};
    cache.set(registry, forms);
  }
  let schema = forms[form];
  if (schema === undefined) {
    const builders = FORMS[entityType] as AnyForms;
    const slot = customSlot(registry, form);
    schema =
      form === 'stored'
        ? builders.stored(slot as StoredCustom)
        : form === 'patch'
          ? builders.patch(slot as OptionalCustom)
          : builders.input(slot as OptionalCustom);
    forms[form] = schema;
  }
  return schema as z.ZodType<EntityRecord<E, F>>;
}
