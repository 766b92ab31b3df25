import * as z from 'zod';
import type { Address } from '../fields/index.js';
import { COMPANY_FIELD_TABLE } from '../fields/index.js';
import type { Money } from '../money/index.js';
import type { Defaulted, EntityForms } from './_internal/forms.js';
import { exactly, STATIC_CUSTOM } from './_internal/forms.js';
import { standardForms } from './_internal/standard-forms.js';
import type { MultiFields } from './multi-fields.js';
import type { Clearable, ExternalIdField, RecordInput, StoredRecord, UtmFields } from './record.js';

/**
 * The optional fields of a company, which people may clear.
 */
export interface CompanyFields extends MultiFields, UtmFields, ExternalIdField {
  /** One of {@link COMPANY_TYPES}, or a host's own upper-snake code. */
  readonly type?: string | undefined;
  /** One of {@link INDUSTRIES}, or a host's own upper-snake code. */
  readonly industry?: string | undefined;
  /** The head count, a whole number from 0. */
  readonly employees?: number | undefined;
  /** Annual revenue. */
  readonly revenue?: Money | undefined;
  readonly address?: Address | undefined;
  readonly comments?: string | undefined;
  /** The lead this company was converted from. */
  readonly leadId?: string | undefined;
}

/**
 * A company as it is created: `title` is required; `opened` defaults to `false`.
 *
 * @example
 * ```ts
 * const input: CompanyInput = { title: 'Acme Ibérica SL', websites: [{ value: 'https://acme.example', kind: 'work' }] };
 * companyInputSchema.parse(input).opened; //=> false
 * ```
 */
export interface CompanyInput extends CompanyFields, RecordInput {
  readonly title: string;
  /** Visible to everyone whose permission level is "open". */
  readonly opened?: boolean | undefined;
}

/**
 * A change to a company: every field optional; `null` clears a field of {@link CompanyFields}
 * (the title can be changed, not cleared).
 */
export interface CompanyPatch extends Clearable<CompanyFields>, RecordInput {
  readonly title?: string | undefined;
  readonly opened?: boolean | undefined;
}

/**
 * A stored company.
 *
 * @example
 * ```ts
 * const company: Company = {
 *   id: 'c-1', version: 1, createdAt: new Date('2026-01-05T10:00:00Z'), updatedAt: new Date('2026-01-05T10:00:00Z'),
 *   createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {}, title: 'Acme Ibérica SL', opened: true,
 * };
 * companySchema.safeParse(company).success; //=> true
 * ```
 */
export interface Company extends StoredRecord, CompanyFields {
  readonly title: string;
  readonly opened: boolean;
}

const forms = /* @__PURE__ */ (() =>
  standardForms(COMPANY_FIELD_TABLE, {
    schemas: { employees: z.number().int().min(0) },
    presence: { title: 'required', opened: { default: false } },
  }))();

/** How companies build their three forms around a `custom` slot. */
export const companyForms: EntityForms<CompanyInput, CompanyPatch, Company> = {
  input: (custom) => exactly<CompanyInput, Defaulted<CompanyInput, 'opened'>>()(forms.input(custom)),
  patch: (custom) => exactly<CompanyPatch>()(forms.patch(custom)),
  stored: (custom) => exactly<Company>()(forms.stored(custom)),
};

/**
 * The zod schema of a new company ({@link CompanyInput}); unknown keys are refused and `custom`
 * is any bag keyed by field codes. To check custom values too, use `entitySchema(registry, 'input')`.
 *
 * @example
 * ```ts
 * companyInputSchema.safeParse({ title: 'Acme' }).success; //=> true
 * companyInputSchema.safeParse({ industry: 'IT' }).success; //=> false
 * companyInputSchema.safeParse({ title: 'Acme', employees: 12.5 }).success; //=> false
 * ```
 */
export const companyInputSchema: z.ZodType<CompanyInput> = /* @__PURE__ */ (() => companyForms.input(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a change to a company ({@link CompanyPatch}).
 *
 * @example
 * ```ts
 * companyPatchSchema.safeParse({ revenue: null }).success; //=> true
 * companyPatchSchema.safeParse({ title: null }).success; //=> false
 * ```
 */
export const companyPatchSchema: z.ZodType<CompanyPatch> = /* @__PURE__ */ (() => companyForms.patch(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a stored company ({@link Company}).
 *
 * @example
 * ```ts
 * companySchema.safeParse({ title: 'Acme' }).success; //=> false
 * ```
 */
export const companySchema: z.ZodType<Company> = /* @__PURE__ */ (() => companyForms.stored(STATIC_CUSTOM.stored))();
