import type { z } from 'zod';
import type { ProductRow } from '../product-row.js';
import { productRowsSchema } from '../product-row.js';
import type { CalendarDate } from '../../kernel/index.js';
import { calendarDate, idList, idSchema, lineText, longText, moneySchema } from './values.js';
import type { Money } from '../../money/index.js';

// What invoices and quotes share: the fields of a priced document.

export const DOCUMENT_SHAPE: {
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
export function dueNotBeforeIssue(
  document: { readonly issueDate?: CalendarDate | null | undefined; readonly dueDate?: CalendarDate | null | undefined },
  context: z.core.$RefinementCtx,
): void {
  const { issueDate, dueDate } = document;
  if (typeof issueDate === 'string' && typeof dueDate === 'string' && dueDate < issueDate) {
    context.addIssue({ code: 'custom', path: ['dueDate'], message: 'The due date cannot come before the issue date.' });
  }
}
