import * as z from 'zod';
import { DEAL_FIELD_TABLE } from '../fields/index.js';
import type { CalendarDate } from '../kernel/index.js';
import type { Money } from '../money/index.js';
import type { Defaulted, EntityForms } from './_internal/forms.js';
import { exactly, STATIC_CUSTOM } from './_internal/forms.js';
import { standardForms } from './_internal/standard-forms.js';
import { idSchema } from './_internal/values.js';
import type { ProductRow } from './product-row.js';
import { productRowsSchema } from './product-row.js';
import type { Clearable, ExternalIdField, RecordInput, StoredRecord, UtmFields } from './record.js';

/**
 * The optional fields of a deal, which people may clear.
 */
export interface DealFields extends UtmFields, ExternalIdField {
  /** The chance of winning, a whole percentage from 0 to 100. */
  readonly probability?: number | undefined;
  /** What the deal is worth: set by hand, or the total of its product rows (see {@link computeDealAmount}). */
  readonly amount?: Money | undefined;
  /** The tax within `amount`. */
  readonly taxAmount?: Money | undefined;
  /** The contacts of the deal, in order; the first is the primary one. */
  readonly contactIds?: readonly string[] | undefined;
  readonly companyId?: string | undefined;
  /** The lead this deal was converted from. */
  readonly leadId?: string | undefined;
  readonly expectedCloseDate?: CalendarDate | undefined;
  /** Why a lost deal was lost: an id from the host's list of loss reasons. */
  readonly lossReasonId?: string | undefined;
  /** One of {@link DEAL_TYPES}, or a host's own upper-snake code. */
  readonly type?: string | undefined;
  /** One of {@link SOURCES}, or a host's own upper-snake code. */
  readonly source?: string | undefined;
  readonly sourceDescription?: string | undefined;
  /** The products, all priced in one currency. */
  readonly productRows?: readonly ProductRow[] | undefined;
  readonly comments?: string | undefined;
}

/**
 * A deal as it is created: `title` is required; the pipeline and stage default to the host's
 * default pipeline and its first stage; `amountIsManual`, `probabilityIsManual` and `opened` default
 * to `false`.
 *
 * @example
 * ```ts
 * const input: DealInput = { title: '20 laptops', amount: { amount: '20000', currency: 'EUR' }, contactIds: ['12'] };
 * dealInputSchema.parse(input).amount; //=> { amount: '20000.00', currency: 'EUR' }
 * ```
 */
export interface DealInput extends DealFields, RecordInput {
  readonly title: string;
  readonly pipelineId?: string | undefined;
  readonly stageId?: string | undefined;
  /** `true` when `amount` is typed by hand; otherwise it follows the product rows, when there are any. */
  readonly amountIsManual?: boolean | undefined;
  /** `true` when `probability` is typed by hand; otherwise it follows the default of the deal's stage. */
  readonly probabilityIsManual?: boolean | undefined;
  /** Visible to everyone whose permission level is "open". */
  readonly opened?: boolean | undefined;
}

/**
 * A change to a deal: every field optional; `null` clears a field of {@link DealFields}.
 */
export interface DealPatch extends Clearable<DealFields>, RecordInput {
  readonly title?: string | undefined;
  readonly pipelineId?: string | undefined;
  readonly stageId?: string | undefined;
  readonly amountIsManual?: boolean | undefined;
  readonly probabilityIsManual?: boolean | undefined;
  readonly opened?: boolean | undefined;
}

/**
 * A stored deal. Besides what people set, it carries what the pipeline logic maintains: whether
 * it is closed and when, the repeat flags, and when and by whom its stage last changed.
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-02T11:00:00Z');
 * const deal: Deal = {
 *   id: 'd-1', version: 1, createdAt: at, updatedAt: at, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {},
 *   title: '20 laptops', pipelineId: 'sales', stageId: 'NEW', amountIsManual: false, probabilityIsManual: false, opened: false, closed: false,
 *   isReturnCustomer: false, isRepeatedApproach: false, movedAt: at, movedById: 'u-1',
 * };
 * dealSchema.safeParse(deal).success; //=> true
 * ```
 */
export interface Deal extends StoredRecord, DealFields {
  readonly title: string;
  readonly pipelineId: string;
  readonly stageId: string;
  readonly amountIsManual: boolean;
  /** `true` when `probability` was typed by hand: stage moves keep it until a final stage sets its own. */
  readonly probabilityIsManual: boolean;
  readonly opened: boolean;
  /** Whether the deal is in a final stage (won or lost). */
  readonly closed: boolean;
  /** When it reached its final stage. */
  readonly closedAt?: Date | undefined;
  /** The client already has a won deal. */
  readonly isReturnCustomer: boolean;
  /** The client has other deals, none of them won. */
  readonly isRepeatedApproach: boolean;
  /** When the stage last changed (the creation time at first). */
  readonly movedAt: Date;
  /** Who last changed the stage. */
  readonly movedById: string;
  /** When the last activity bound to the deal happened. */
  readonly lastActivityAt?: Date | undefined;
}

const forms = /* @__PURE__ */ (() =>
  standardForms(DEAL_FIELD_TABLE, {
    schemas: { probability: z.number().int().min(0).max(100), lossReasonId: idSchema, productRows: productRowsSchema },
    presence: {
      title: 'required',
      pipelineId: 'filled',
      stageId: 'filled',
      probabilityIsManual: { default: false },
      amountIsManual: { default: false },
      opened: { default: false },
      closedAt: 'optional',
      lastActivityAt: 'optional',
    },
  }))();

/** How deals build their three forms around a `custom` slot. */
export const dealForms: EntityForms<DealInput, DealPatch, Deal> = {
  input: (custom) => exactly<DealInput, Defaulted<DealInput, 'amountIsManual' | 'probabilityIsManual' | 'opened'>>()(forms.input(custom)),
  patch: (custom) => exactly<DealPatch>()(forms.patch(custom)),
  stored: (custom) => exactly<Deal>()(forms.stored(custom)),
};

/**
 * The zod schema of a new deal ({@link DealInput}); unknown keys are refused and `custom` is any
 * bag keyed by field codes. To check custom values too, use `entitySchema(registry, 'input')`.
 *
 * @example
 * ```ts
 * dealInputSchema.safeParse({ title: 'Renewal', probability: 40 }).success; //=> true
 * dealInputSchema.safeParse({ title: 'Renewal', probability: 140 }).success; //=> false
 * dealInputSchema.safeParse({ title: 'Renewal', contactIds: ['12', '12'] }).success; //=> false
 * dealInputSchema.safeParse({ title: 'Renewal', closed: true }).success; //=> false
 * ```
 */
export const dealInputSchema: z.ZodType<DealInput> = /* @__PURE__ */ (() => dealForms.input(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a change to a deal ({@link DealPatch}).
 *
 * @example
 * ```ts
 * dealPatchSchema.safeParse({ productRows: null, amountIsManual: true }).success; //=> true
 * dealPatchSchema.safeParse({ stageId: null }).success; //=> false
 * ```
 */
export const dealPatchSchema: z.ZodType<DealPatch> = /* @__PURE__ */ (() => dealForms.patch(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a stored deal ({@link Deal}).
 *
 * @example
 * ```ts
 * dealSchema.safeParse({ title: '20 laptops' }).success; //=> false
 * ```
 */
export const dealSchema: z.ZodType<Deal> = /* @__PURE__ */ (() => dealForms.stored(STATIC_CUSTOM.stored))();
