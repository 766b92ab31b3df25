import type { z } from 'zod';
import { QUOTE_FIELD_TABLE } from '../fields/index.js';
import type { CalendarDate } from '../kernel/index.js';
import { DOCUMENT_SPEC } from './_internal/document.js';
import type { Defaulted, EntityForms } from './_internal/forms.js';
import { exactly, STATIC_CUSTOM } from './_internal/forms.js';
import { standardForms } from './_internal/standard-forms.js';
import type { DocumentFields, DocumentInputFields, StoredDocument } from './commercial-document.js';
import type { Clearable, RecordInput } from './record.js';

/**
 * The optional fields of a quote, which people may clear.
 */
export interface QuoteFields extends DocumentFields {
  /** The day the client accepted it. */
  readonly acceptedDate?: CalendarDate | undefined;
}

/**
 * A quote as it is created. The stage defaults to the first stage of the quote stages;
 * `amountIsManual` and `opened` default to `false`.
 *
 * @example
 * ```ts
 * const input: QuoteInput = { number: 'Q-2026-0007', issueDate: '2026-03-01', dueDate: '2026-03-15', amount: { amount: '2268', currency: 'EUR' }, amountIsManual: true };
 * quoteInputSchema.parse(input).amount; //=> { amount: '2268.00', currency: 'EUR' }
 * ```
 */
export interface QuoteInput extends QuoteFields, DocumentInputFields, RecordInput {}

/**
 * A change to a quote: every field optional; `null` clears a field of {@link QuoteFields}.
 */
export interface QuotePatch extends Clearable<QuoteFields>, DocumentInputFields, RecordInput {}

/**
 * A stored quote. Its stages have the same semantics as a deal's: `closed` when it reaches a
 * final stage (accepted or declined).
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-01T09:00:00Z');
 * const quote: Quote = {
 *   id: 'q-1', version: 1, createdAt: at, updatedAt: at, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {},
 *   number: 'Q-2026-0007', stageId: 'DRAFT', amountIsManual: false, opened: false, closed: false, movedAt: at, movedById: 'u-1',
 * };
 * quoteSchema.safeParse(quote).success; //=> true
 * ```
 */
export interface Quote extends StoredDocument, QuoteFields {}

const forms = /* @__PURE__ */ standardForms(QUOTE_FIELD_TABLE, DOCUMENT_SPEC);

/** How quotes build their three forms around a `custom` slot. */
export const quoteForms: EntityForms<QuoteInput, QuotePatch, Quote> = {
  input: (custom) => exactly<QuoteInput, Defaulted<QuoteInput, 'amountIsManual' | 'opened'>>()(forms.input(custom)),
  patch: (custom) => exactly<QuotePatch>()(forms.patch(custom)),
  stored: (custom) => exactly<Quote>()(forms.stored(custom)),
};

/**
 * The zod schema of a new quote ({@link QuoteInput}); unknown keys are refused and `custom`
 * is any bag keyed by field codes. To check custom values too, use `entitySchema(registry, 'input')`.
 *
 * @example
 * ```ts
 * quoteInputSchema.safeParse({ issueDate: '2026-03-01', dueDate: '2026-03-31' }).success; //=> true
 * quoteInputSchema.safeParse({ issueDate: '2026-03-01', dueDate: '2026-02-28' }).success; //=> false
 * quoteInputSchema.safeParse({ issueDate: '01/03/2026' }).success; //=> false
 * ```
 */
export const quoteInputSchema: z.ZodType<QuoteInput> = /* @__PURE__ */ (() => quoteForms.input(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a change to a quote ({@link QuotePatch}).
 *
 * @example
 * ```ts
 * quotePatchSchema.safeParse({ acceptedDate: null }).success; //=> true
 * quotePatchSchema.safeParse({ paidDate: '2026-03-20' }).success; //=> false
 * ```
 */
export const quotePatchSchema: z.ZodType<QuotePatch> = /* @__PURE__ */ (() => quoteForms.patch(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a stored quote ({@link Quote}).
 *
 * @example
 * ```ts
 * quoteSchema.safeParse({ number: 'Q-1' }).success; //=> false
 * ```
 */
export const quoteSchema: z.ZodType<Quote> = /* @__PURE__ */ (() => quoteForms.stored(STATIC_CUSTOM.stored))();
