import type { z } from 'zod';
import { productRowsSchema } from '../product-row.js';
import type { FormsSpec } from './standard-forms.js';

// What invoices and quotes share besides their fields: the schema of their product rows, how their
// forms treat their fields, and a due date not before the issue date.

/** A document is not due before it is issued (checked when both dates are given). */
function dueNotBeforeIssue(document: object, context: z.core.$RefinementCtx): void {
  const { issueDate, dueDate } = document as { readonly issueDate?: unknown; readonly dueDate?: unknown };
  if (typeof issueDate === 'string' && typeof dueDate === 'string' && dueDate < issueDate) {
    context.addIssue({ code: 'custom', path: ['dueDate'], message: 'The due date cannot come before the issue date.' });
  }
}

/**
 * How the forms of a priced document (invoice or quote) treat its fields: product rows are
 * {@link productRowsSchema}, the stage is filled in when left out, `amountIsManual` and `opened` default to `false`, `closedAt` is set only once
 * the document reaches a final stage.
 */
export const DOCUMENT_SPEC: FormsSpec<
  { readonly productRows: typeof productRowsSchema },
  {
    readonly stageId: 'filled';
    readonly amountIsManual: { readonly default: false };
    readonly opened: { readonly default: false };
    readonly closedAt: 'optional';
  }
> = {
  schemas: { productRows: productRowsSchema },
  presence: { stageId: 'filled', amountIsManual: { default: false }, opened: { default: false }, closedAt: 'optional' },
  check: dueNotBeforeIssue,
};
