import type { z } from 'zod';
import type { CalendarDate } from '../kernel/index.js';
import type { Money } from '../money/index.js';
import { documentForms } from './_internal/document.js';
import type { Defaulted, EntityForms } from './_internal/forms.js';
import { exactly, STATIC_CUSTOM } from './_internal/forms.js';
import { calendarDate } from './_internal/values.js';
import type { ProductRow } from './product-row.js';
import type { Clearable, RecordInput, StoredRecord } from './record.js';

/**
 * The optional fields of an invoice, which people may clear.
 *
 * @example
 * ```ts
 * const fields: InvoiceFields = { number: 'INV-2026-0042', issueDate: '2026-03-01', dueDate: '2026-03-31', dealId: 'd-1', companyId: 'c-1' };
 * ```
 */
export interface InvoiceFields {
  /** The invoice number, as the host's numbering gives it. */
  readonly number?: string | undefined;
  readonly title?: string | undefined;
  readonly issueDate?: CalendarDate | undefined;
  /** Not before `issueDate`. */
  readonly dueDate?: CalendarDate | undefined;
  readonly paidDate?: CalendarDate | undefined;
  /** The amount to pay: set by hand, or the total of the product rows (see {@link dealAmountFrom}). */
  readonly amount?: Money | undefined;
  /** The tax within `amount`. */
  readonly taxAmount?: Money | undefined;
  readonly productRows?: readonly ProductRow[] | undefined;
  readonly dealId?: string | undefined;
  /** The contacts billed, in order; the first is the primary one. */
  readonly contactIds?: readonly string[] | undefined;
  readonly companyId?: string | undefined;
  readonly comments?: string | undefined;
}

/**
 * An invoice as it is created. The stage defaults to the first stage of the invoice stages;
 * `amountIsManual` and `opened` default to `false`.
 *
 * @example
 * ```ts
 * const input: InvoiceInput = { number: 'INV-2026-0042', issueDate: '2026-03-01', dueDate: '2026-03-31', amount: { amount: '2268', currency: 'EUR' }, amountIsManual: true };
 * invoiceInputSchema.parse(input).amount; //=> { amount: '2268.00', currency: 'EUR' }
 * ```
 */
export interface InvoiceInput extends InvoiceFields, RecordInput {
  readonly stageId?: string | undefined;
  readonly amountIsManual?: boolean | undefined;
  readonly opened?: boolean | undefined;
}

/**
 * A change to an invoice: every field optional; `null` clears a field of {@link InvoiceFields}.
 *
 * @example
 * ```ts
 * const patch: InvoicePatch = { paidDate: '2026-03-20' };
 * ```
 */
export interface InvoicePatch extends Clearable<InvoiceFields>, RecordInput {
  readonly stageId?: string | undefined;
  readonly amountIsManual?: boolean | undefined;
  readonly opened?: boolean | undefined;
}

/**
 * A stored invoice. Its stages have the same semantics as a deal's: `closed` when it reaches a
 * final stage (paid or cancelled).
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-01T09:00:00Z');
 * const invoice: Invoice = {
 *   id: 'i-1', version: 1, createdAt: at, updatedAt: at, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {},
 *   number: 'INV-2026-0042', stageId: 'DRAFT', amountIsManual: false, opened: false, closed: false, movedAt: at, movedById: 'u-1',
 * };
 * invoiceSchema.safeParse(invoice).success; //=> true
 * ```
 */
export interface Invoice extends StoredRecord, InvoiceFields {
  readonly stageId: string;
  readonly amountIsManual: boolean;
  readonly opened: boolean;
  readonly closed: boolean;
  readonly closedAt?: Date | undefined;
  readonly movedAt: Date;
  readonly movedById: string;
}

const forms = /* @__PURE__ */ documentForms({ paidDate: calendarDate });

/** How invoices build their three forms around a `custom` slot. */
export const invoiceForms: EntityForms<InvoiceInput, InvoicePatch, Invoice> = {
  input: (custom) => exactly<InvoiceInput, Defaulted<InvoiceInput, 'amountIsManual' | 'opened'>>()(forms.input(custom)),
  patch: (custom) => exactly<InvoicePatch>()(forms.patch(custom)),
  stored: (custom) => exactly<Invoice>()(forms.stored(custom)),
};

/**
 * The zod schema of a new invoice ({@link InvoiceInput}); unknown keys are refused and `custom`
 * is any bag keyed by field codes. To check custom values too, use `entitySchema(registry, 'input')`.
 *
 * @example
 * ```ts
 * invoiceInputSchema.safeParse({ issueDate: '2026-03-01', dueDate: '2026-03-31' }).success; //=> true
 * invoiceInputSchema.safeParse({ issueDate: '2026-03-01', dueDate: '2026-02-28' }).success; //=> false
 * invoiceInputSchema.safeParse({ issueDate: '01/03/2026' }).success; //=> false
 * ```
 */
export const invoiceInputSchema: z.ZodType<InvoiceInput> = /* @__PURE__ */ (() => invoiceForms.input(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a change to an invoice ({@link InvoicePatch}).
 *
 * @example
 * ```ts
 * invoicePatchSchema.safeParse({ paidDate: null }).success; //=> true
 * invoicePatchSchema.safeParse({ acceptedDate: '2026-03-20' }).success; //=> false
 * ```
 */
export const invoicePatchSchema: z.ZodType<InvoicePatch> = /* @__PURE__ */ (() => invoiceForms.patch(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a stored invoice ({@link Invoice}).
 *
 * @example
 * ```ts
 * invoiceSchema.safeParse({ number: 'INV-1' }).success; //=> false
 * ```
 */
export const invoiceSchema: z.ZodType<Invoice> = /* @__PURE__ */ (() => invoiceForms.stored(STATIC_CUSTOM.stored))();
