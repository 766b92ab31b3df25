import type { z } from 'zod';
import type { Address } from '../fields/index.js';
import { CONTACT_FIELD_TABLE } from '../fields/index.js';
import type { CalendarDate } from '../kernel/index.js';
import type { PersonName } from '../names/index.js';
import type { Defaulted, EntityForms } from './_internal/forms.js';
import { exactly, STATIC_CUSTOM } from './_internal/forms.js';
import { standardForms } from './_internal/standard-forms.js';
import type { MultiFields } from './multi-fields.js';
import type { Clearable, ExternalIdField, RecordInput, StoredRecord, UtmFields } from './record.js';

/**
 * The fields of a contact (a person) that people fill and may clear.
 */
export interface ContactFields extends PersonName, MultiFields, UtmFields, ExternalIdField {
  readonly position?: string | undefined;
  readonly birthdate?: CalendarDate | undefined;
  /** One of {@link CONTACT_TYPES}, or a host's own upper-snake code. */
  readonly type?: string | undefined;
  /** One of {@link SOURCES}, or a host's own upper-snake code. */
  readonly source?: string | undefined;
  readonly sourceDescription?: string | undefined;
  /** The companies the person works for or with; the first is the primary one. */
  readonly companyIds?: readonly string[] | undefined;
  readonly address?: Address | undefined;
  readonly comments?: string | undefined;
  /** The lead this contact was converted from. */
  readonly leadId?: string | undefined;
}

/**
 * A contact as it is created. `opened` defaults to `false`, `exportable` to `true`.
 *
 * @example
 * ```ts
 * const input: ContactInput = { firstName: 'Ana', lastName: 'García', emails: [{ value: 'ana@example.com', kind: 'work' }] };
 * const parsed = contactInputSchema.parse(input);
 * [parsed.opened, parsed.exportable]; //=> [false, true]
 * ```
 */
export interface ContactInput extends ContactFields, RecordInput {
  /** Visible to everyone whose permission level is "open". */
  readonly opened?: boolean | undefined;
  /** "Included in export": `false` keeps the contact out of exports. */
  readonly exportable?: boolean | undefined;
}

/**
 * A change to a contact: every field optional; `null` clears a field of {@link ContactFields}.
 */
export interface ContactPatch extends Clearable<ContactFields>, RecordInput {
  readonly opened?: boolean | undefined;
  readonly exportable?: boolean | undefined;
}

/**
 * A stored contact.
 *
 * @example
 * ```ts
 * const contact: Contact = {
 *   id: '12', version: 3, createdAt: new Date('2026-01-05T10:00:00Z'), updatedAt: new Date('2026-02-01T08:30:00Z'),
 *   createdById: 'u-1', updatedById: 'u-2', assignedById: 'u-2', custom: {},
 *   firstName: 'Ana', lastName: 'García', opened: false, exportable: true,
 * };
 * contactSchema.safeParse(contact).success; //=> true
 * ```
 */
export interface Contact extends StoredRecord, ContactFields {
  readonly opened: boolean;
  readonly exportable: boolean;
}

const forms = /* @__PURE__ */ standardForms(CONTACT_FIELD_TABLE, {
  schemas: {},
  presence: { opened: { default: false }, exportable: { default: true } },
});

/** How contacts build their three forms around a `custom` slot. */
export const contactForms: EntityForms<ContactInput, ContactPatch, Contact> = {
  input: (custom) => exactly<ContactInput, Defaulted<ContactInput, 'opened' | 'exportable'>>()(forms.input(custom)),
  patch: (custom) => exactly<ContactPatch>()(forms.patch(custom)),
  stored: (custom) => exactly<Contact>()(forms.stored(custom)),
};

/**
 * The zod schema of a new contact ({@link ContactInput}); unknown keys are refused and `custom`
 * is any bag keyed by field codes. To check custom values too, use `entitySchema(registry, 'input')`.
 *
 * @example
 * ```ts
 * contactInputSchema.safeParse({ firstName: 'Ana', birthdate: '1990-02-29' }).success; //=> false
 * contactInputSchema.safeParse({ firstName: 'Ana', birthdate: '1992-02-29' }).success; //=> true
 * ```
 */
export const contactInputSchema: z.ZodType<ContactInput> = /* @__PURE__ */ (() => contactForms.input(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a change to a contact ({@link ContactPatch}).
 *
 * @example
 * ```ts
 * contactPatchSchema.safeParse({ companyIds: null }).success; //=> true
 * contactPatchSchema.safeParse({ exportable: null }).success; //=> false
 * ```
 */
export const contactPatchSchema: z.ZodType<ContactPatch> = /* @__PURE__ */ (() => contactForms.patch(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a stored contact ({@link Contact}).
 *
 * @example
 * ```ts
 * contactSchema.safeParse({ firstName: 'Ana' }).success; //=> false
 * ```
 */
export const contactSchema: z.ZodType<Contact> = /* @__PURE__ */ (() => contactForms.stored(STATIC_CUSTOM.stored))();
