import * as z from 'zod';
import type { ProductRow } from '../product-row.js';
import { productRowsSchema } from '../product-row.js';
import type { CalendarDate } from '../../kernel/index.js';
import type { OptionalCustom, StoredCustom } from './forms.js';
import { clearable, optional, RECORD_SHAPE, unclearable } from './forms.js';
import type { PlainObject } from './values.js';
import { calendarDate, idList, idSchema, instant, lineText, longText, moneySchema, plainObject } from './values.js';
import type { Money } from '../../money/index.js';

// What invoices and quotes share: the fields of a priced document.

const DOCUMENT_SHAPE: {
  number: z.ZodString;
  title: z.ZodString;
  issueDate: z.ZodType<CalendarDate, CalendarDate>;
  dueDate: z.ZodType<CalendarDate, CalendarDate>;
  amount: z.ZodType<Money, { amount: string; currency: string }>;
  taxAmount: z.ZodType<Money, { amount: string; currency: string }>;
  productRows: z.ZodArray<z.ZodType<ProductRow>>;
  dealId: z.ZodString;
  contactIds: z.ZodArray<z.ZodString>;
  companyId: z.ZodString;
  comments: z.ZodString;
} = {
  number: lineText,
  title: lineText,
  issueDate: calendarDate,
  dueDate: calendarDate,
  amount: moneySchema,
  taxAmount: moneySchema,
  productRows: productRowsSchema,
  dealId: idSchema,
  contactIds: idList,
  companyId: idSchema,
  comments: longText,
};

/** A document is not due before it is issued (checked when both dates are given). */
function dueNotBeforeIssue(document: object, context: z.core.$RefinementCtx): void {
  const { issueDate, dueDate } = document as { readonly issueDate?: unknown; readonly dueDate?: unknown };
  if (typeof issueDate === 'string' && typeof dueDate === 'string' && dueDate < issueDate) {
    context.addIssue({ code: 'custom', path: ['dueDate'], message: 'The due date cannot come before the issue date.' });
  }
}

/** The dates a kind of document adds to {@link DOCUMENT_SHAPE}. */
export type DateShape = Readonly<Record<string, z.ZodType<CalendarDate, CalendarDate>>>;
type Fields<D> = typeof DOCUMENT_SHAPE & D;
type Optional<S extends Readonly<Record<string, z.ZodType>>> = { -readonly [K in keyof S]: z.ZodOptional<S[K]> };
type Cleared<S extends Readonly<Record<string, z.ZodType>>> = { -readonly [K in keyof S]: z.ZodOptional<z.ZodNullable<S[K]>> };
interface Kept {
  closed: z.ZodBoolean;
  closedAt: z.ZodOptional<z.ZodDate>;
  movedAt: z.ZodDate;
  movedById: z.ZodString;
}

/** The three zod forms of a priced document, before each entity checks them against its types. */
export interface DocumentForms<D extends DateShape> {
  readonly input: (custom: OptionalCustom) => PlainObject<
    Optional<Fields<D>> & {
      stageId: z.ZodOptional<z.ZodString>;
      amountIsManual: z.ZodDefault<z.ZodBoolean>;
      opened: z.ZodDefault<z.ZodBoolean>;
      assignedById: z.ZodOptional<z.ZodString>;
      custom: OptionalCustom;
    }
  >;
  readonly patch: (custom: OptionalCustom) => PlainObject<
    Cleared<Fields<D>> & {
      stageId: z.ZodOptional<z.ZodString>;
      amountIsManual: z.ZodOptional<z.ZodBoolean>;
      opened: z.ZodOptional<z.ZodBoolean>;
      assignedById: z.ZodOptional<z.ZodString>;
      custom: OptionalCustom;
    }
  >;
  readonly stored: (custom: StoredCustom) => PlainObject<
    typeof RECORD_SHAPE &
      Optional<Fields<D>> &
      Kept & { stageId: z.ZodString; amountIsManual: z.ZodBoolean; opened: z.ZodBoolean; custom: StoredCustom }
  >;
}

/**
 * The zod forms of a priced document (invoice or quote), given the date only it has (`paidDate`,
 * `acceptedDate`): the stage, `amountIsManual` and `opened` (both default `false` on input), the
 * pipeline-kept fields when stored, and a due date not before the issue date. Each entity wraps
 * them in `exactly<...>()` against its own types.
 */
export function documentForms<D extends DateShape>(dates: D): DocumentForms<D> {
  const fields = { ...DOCUMENT_SHAPE, ...dates };
  return {
    input: (custom: OptionalCustom) =>
      plainObject({
        ...optional(fields),
        stageId: idSchema.optional(),
        amountIsManual: z.boolean().default(false),
        opened: z.boolean().default(false),
        assignedById: idSchema.optional(),
        custom,
      }).superRefine(dueNotBeforeIssue),
    patch: (custom: OptionalCustom) =>
      plainObject({
        ...clearable(fields),
        stageId: unclearable(idSchema),
        amountIsManual: unclearable(z.boolean()),
        opened: unclearable(z.boolean()),
        assignedById: unclearable(idSchema),
        custom,
      }).superRefine(dueNotBeforeIssue),
    stored: (custom: StoredCustom) =>
      plainObject({
        ...RECORD_SHAPE,
        ...optional(fields),
        stageId: idSchema,
        amountIsManual: z.boolean(),
        opened: z.boolean(),
        closed: z.boolean(),
        closedAt: instant.optional(),
        movedAt: instant,
        movedById: idSchema,
        custom,
      }).superRefine(dueNotBeforeIssue),
  };
}
