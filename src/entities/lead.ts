import type { z } from 'zod';
import type { Address } from '../fields/index.js';
import { LEAD_FIELD_TABLE } from '../fields/index.js';
import type { CalendarDate } from '../kernel/index.js';
import type { Money } from '../money/index.js';
import type { PersonName } from '../names/index.js';
import type { Defaulted, EntityForms } from './_internal/forms.js';
import { exactly, STATIC_CUSTOM } from './_internal/forms.js';
import { standardForms } from './_internal/standard-forms.js';
import type { MultiFields } from './multi-fields.js';
import type { Clearable, ExternalIdField, RecordInput, StoredRecord, UtmFields } from './record.js';

/**
 * The fields of a lead that people fill and may clear: who the potential client is, how to reach
 * them, where they came from, and — for a *repeat lead* — the known contact or company.
 */
export interface LeadFields extends PersonName, MultiFields, UtmFields, ExternalIdField {
  readonly title?: string | undefined;
  /** Why the lead is in its status (for example, why it is junk). */
  readonly statusComment?: string | undefined;
  /** One of {@link SOURCES}, or a host's own upper-snake code. */
  readonly source?: string | undefined;
  readonly sourceDescription?: string | undefined;
  readonly birthdate?: CalendarDate | undefined;
  readonly position?: string | undefined;
  readonly companyTitle?: string | undefined;
  readonly address?: Address | undefined;
  /** What the lead may be worth. */
  readonly amount?: Money | undefined;
  readonly comments?: string | undefined;
  /** The known contact this lead came from (a repeat lead), or the contact it converted into. */
  readonly contactId?: string | undefined;
  /** The known company this lead came from (a repeat lead), or the company it converted into. */
  readonly companyId?: string | undefined;
  /** The deal this lead converted into (set by conversion). */
  readonly dealId?: string | undefined;
}

/**
 * A lead as it is created. `status` defaults to the first status of the lead status list;
 * `opened` to `false`.
 *
 * @example
 * ```ts
 * const input: LeadInput = { title: 'Callback request', phones: [{ value: '+34 600 123 456', kind: 'mobile' }], source: 'CALLBACK' };
 * leadInputSchema.parse(input).opened; //=> false
 * ```
 */
export interface LeadInput extends LeadFields, RecordInput {
  /** The status id, such as `NEW`, `IN_PROCESS`, `PROCESSED`, `CONVERTED` or `JUNK`. */
  readonly status?: string | undefined;
  /** Visible to everyone whose permission level is "open". */
  readonly opened?: boolean | undefined;
}

/**
 * A change to a lead: every field optional; `null` clears a field of {@link LeadFields}.
 */
export interface LeadPatch extends Clearable<LeadFields>, RecordInput {
  readonly status?: string | undefined;
  readonly opened?: boolean | undefined;
}

/**
 * A stored lead.
 *
 * @example
 * ```ts
 * const lead: Lead = {
 *   id: '7', version: 1, createdAt: new Date('2026-02-01T09:00:00Z'), updatedAt: new Date('2026-02-01T09:00:00Z'),
 *   createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {},
 *   title: 'Website enquiry', status: 'NEW', opened: false,
 *   isReturnCustomer: false, movedAt: new Date('2026-02-01T09:00:00Z'), movedById: 'u-1',
 * };
 * leadSchema.safeParse(lead).success; //=> true
 * ```
 */
export interface Lead extends StoredRecord, LeadFields {
  readonly status: string;
  readonly opened: boolean;
  /** Set when the lead was created for a known contact or company (a repeat lead). */
  readonly isReturnCustomer: boolean;
  /** When the status last changed (the creation time at first). */
  readonly movedAt: Date;
  /** Who last changed the status. */
  readonly movedById: string;
  /**
   * When the lead was converted (a system field: set by the conversion, never typed). A lead with
   * it is not converted again, whatever its status.
   */
  readonly convertedAt?: Date | undefined;
}

const forms = /* @__PURE__ */ standardForms(LEAD_FIELD_TABLE, {
  schemas: {},
  presence: { status: 'filled', opened: { default: false }, convertedAt: 'optional' },
});

/** How leads build their three forms around a `custom` slot. */
export const leadForms: EntityForms<LeadInput, LeadPatch, Lead> = {
  input: (custom) => exactly<LeadInput, Defaulted<LeadInput, 'opened'>>()(forms.input(custom)),
  patch: (custom) => exactly<LeadPatch>()(forms.patch(custom)),
  stored: (custom) => exactly<Lead>()(forms.stored(custom)),
};

/**
 * The zod schema of a new lead ({@link LeadInput}); unknown keys are refused and `custom` is any
 * bag keyed by field codes. To check custom values too, use `entitySchema(registry, 'input')`.
 *
 * @example
 * ```ts
 * leadInputSchema.safeParse({ firstName: 'Ana', source: 'WEBFORM' }).success; //=> true
 * leadInputSchema.safeParse({ firstName: 'Ana', nickname: 'Anita' }).success; //=> false
 * ```
 */
export const leadInputSchema: z.ZodType<LeadInput> = /* @__PURE__ */ (() => leadForms.input(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a change to a lead ({@link LeadPatch}).
 *
 * @example
 * ```ts
 * leadPatchSchema.safeParse({ position: null }).success; //=> true
 * leadPatchSchema.safeParse({ status: null }).success; //=> false
 * ```
 */
export const leadPatchSchema: z.ZodType<LeadPatch> = /* @__PURE__ */ (() => leadForms.patch(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a stored lead ({@link Lead}).
 *
 * @example
 * ```ts
 * leadSchema.safeParse({ id: '7', title: 'Website enquiry' }).success; //=> false
 * ```
 */
export const leadSchema: z.ZodType<Lead> = /* @__PURE__ */ (() => leadForms.stored(STATIC_CUSTOM.stored))();
