import * as z from 'zod';
import type { Address } from '../fields/index.js';
import { addressSchema } from '../fields/index.js';
import type { CalendarDate } from '../kernel/index.js';
import type { PersonName } from '../names/index.js';
import type { Defaulted, EntityForms } from './_internal/forms.js';
import { clearable, exactly, optional, RECORD_SHAPE, STATIC_CUSTOM, unclearable } from './_internal/forms.js';
import { calendarDate, idList, idSchema, lineText, longText, plainObject, upperCode } from './_internal/values.js';
import type { MultiFields } from './multi-fields.js';
import { MULTI_FIELDS_SHAPE } from './multi-fields.js';
import type { Clearable, RecordInput, StoredRecord, UtmFields } from './record.js';
import { PERSON_NAME_SHAPE, UTM_SHAPE } from './record.js';

/**
 * The fields of a contact (a person) that people fill and may clear.
 */
export interface ContactFields extends PersonName, MultiFields, UtmFields {
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

const FIELDS = /* @__PURE__ */ (() => ({
  ...PERSON_NAME_SHAPE,
  position: lineText,
  birthdate: calendarDate,
  type: upperCode,
  source: upperCode,
  sourceDescription: longText,
  companyIds: idList,
  ...MULTI_FIELDS_SHAPE,
  address: addressSchema,
  comments: longText,
  leadId: idSchema,
  ...UTM_SHAPE,
}))();

/** How contacts build their three forms around a `custom` slot. */
export const contactForms: EntityForms<ContactInput, ContactPatch, Contact> = {
  input: (custom) =>
    exactly<ContactInput, Defaulted<ContactInput, 'opened' | 'exportable'>>()(
      plainObject({
        ...optional(FIELDS),
        opened: z.boolean().default(false),
        exportable: z.boolean().default(true),
        assignedById: idSchema.optional(),
        custom,
      }),
    ),
  patch: (custom) =>
    exactly<ContactPatch>()(
      plainObject({
        ...clearable(FIELDS),
        opened: unclearable(z.boolean()),
        exportable: unclearable(z.boolean()),
        assignedById: unclearable(idSchema),
        custom,
      }),
    ),
  stored: (custom) =>
    exactly<Contact>()(
      plainObject({ ...RECORD_SHAPE, ...optional(FIELDS), opened: z.boolean(), exportable: z.boolean(), custom }),
    ),
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
