import type { CalendarDate } from '../kernel/index.js';
import type { Money } from '../money/index.js';
import type { ProductRow } from './product-row.js';
import type { StoredRecord } from './record.js';

/**
 * The optional fields invoices and quotes share, which people may clear: a commercial document's
 * number and dates, amount and rows, and what it is for.
 */
export interface DocumentFields {
  /** The document number, as the host's numbering gives it. */
  readonly number?: string | undefined;
  readonly title?: string | undefined;
  readonly issueDate?: CalendarDate | undefined;
  /** The day it is due (an invoice) or valid until (a quote); not before `issueDate`. */
  readonly dueDate?: CalendarDate | undefined;
  /** Set by hand, or the total of the product rows (see {@link computeDealAmount}). */
  readonly amount?: Money | undefined;
  /** The tax within `amount`. */
  readonly taxAmount?: Money | undefined;
  readonly productRows?: readonly ProductRow[] | undefined;
  readonly dealId?: string | undefined;
  /** The contacts it is for, in order; the first is the primary one. */
  readonly contactIds?: readonly string[] | undefined;
  readonly companyId?: string | undefined;
  readonly comments?: string | undefined;
}

/** What a commercial document's input and patch add to its fields: its stage, and two flags. */
export interface DocumentInputFields {
  /** The stage; the first of the document's stages by default. */
  readonly stageId?: string | undefined;
  /** `true` when `amount` is typed by hand; otherwise it follows the product rows, when there are any. */
  readonly amountIsManual?: boolean | undefined;
  readonly opened?: boolean | undefined;
}

/**
 * What every stored invoice and quote carries besides its fields: its stage, with the same
 * semantics as a deal's (`closed` when it reaches a final stage), and when and by whom it moved.
 */
export interface StoredDocument extends StoredRecord {
  readonly stageId: string;
  readonly amountIsManual: boolean;
  readonly opened: boolean;
  readonly closed: boolean;
  readonly closedAt?: Date | undefined;
  readonly movedAt: Date;
  readonly movedById: string;
}
