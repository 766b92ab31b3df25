import type { z } from 'zod';
import { INVOICE_FIELD_TABLE } from '../fields/index.js';
import type { CalendarDate } from '../kernel/index.js';
import { DOCUMENT_SPEC } from './_internal/document.js';
import type { Defaulted, EntityForms } from './_internal/forms.js';
import { exactly, STATIC_CUSTOM } from './_internal/forms.js';
import { standardForms } from './_internal/standard-forms.js';
import type { DocumentFields, DocumentInputFields, StoredDocument } from './commercial-document.js';
import type { Clearable, RecordInput } from './record.js';

/**
 * The optional fields of an invoice, which people may clear.
 */
export interface InvoiceFields extends DocumentFields {
  /** The day it was paid. */
  readonly paidDate?: CalendarDate | undefined;
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
export interface InvoiceInput extends InvoiceFields, DocumentInputFields, RecordInput {}

/**
 * A change to an invoice: every field optional; `null` clears a field of {@link InvoiceFields}.
 */
export interface InvoicePatch extends Clearable<InvoiceFields>, DocumentInputFields, RecordInput {}

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
export interface Invoice extends StoredDocument, InvoiceFields {}

const forms = /* @__PURE__ */ standardForms(INVOICE_FIELD_TABLE, DOCUMENT_SPEC);

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
