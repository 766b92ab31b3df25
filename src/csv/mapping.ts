import type { ReferenceBy } from '../crm/index.js';
import type { EntityType } from '../fields/index.js';

export type { ReferenceBy };

/**
 * The multi-fields a column can fill an item of.
 */
export type MultiFieldCode = 'phones' | 'emails' | 'websites' | 'messengers';

/**
 * The parts of an address a column can fill.
 */
export type AddressPart = 'street' | 'street2' | 'city' | 'region' | 'postalCode' | 'countryCode';

/**
 * What one column of a file fills in a record.
 *
 * - `field`: a standard field by its code, or a custom field as `custom.<code>`. A money field's
 *   column holds the amount; its currency comes from a `currency` column, else from the import's
 *   default currency.
 * - `currency`: the currency (ISO 4217 code) of the money field `field`.
 * - `fullName`: a whole person name, split with the CRM's name format.
 * - `multiField`: one item of a multi-field. A column of one fixed kind ("Mobile Phone") gives
 *   `valueKind`; files that number their items ("Phone 1 - Type", "Phone 1 - Value") give `item`
 *   and which `part` of it the column holds, and the kind is read from the `kind` part's cell.
 * - `address`: one part of the record's address.
 * - `reference`: a link field (`companyId`, `contactIds`, an activity's `bindings`) filled by
 *   finding the record the cell names, `by` how it names it; `entityType` says which type of
 *   record for `bindings` (the other link fields know theirs).
 * - `ignore`: read and kept for the rejected-rows file, but not imported.
 */
export type ColumnTarget =
  | { readonly kind: 'field'; readonly field: string }
  | { readonly kind: 'currency'; readonly field: string }
  | { readonly kind: 'fullName' }
  | {
      readonly kind: 'multiField';
      readonly field: MultiFieldCode;
      readonly valueKind?: string | undefined;
      readonly item?: number | undefined;
      readonly part?: 'value' | 'kind' | undefined;
    }
  | { readonly kind: 'address'; readonly part: AddressPart }
  | { readonly kind: 'reference'; readonly field: string; readonly by: ReferenceBy; readonly entityType?: EntityType | undefined }
  | { readonly kind: 'ignore' };

/**
 * How a suggestion found a column's target: the field's code, one of its labels, a known synonym,
 * a preset for a known file, or a near-miss of any of those.
 */
export type MatchedBy = 'code' | 'label' | 'synonym' | 'preset' | 'fuzzy';

/**
 * One mapped column: its position and header, what it fills, and how sure the suggestion was.
 */
export interface ColumnMapping {
  /** The column's position, from 0. */
  readonly column: number;
  /** The column's header as read (after trimming). */
  readonly header: string;
  readonly target: ColumnTarget;
  /** From 0 to 1: 1 for an exact code, label, synonym or preset match, less for a near-miss. */
  readonly confidence: number;
  readonly matchedBy: MatchedBy;
}

/**
 * A column no target was found for.
 */
export interface UnmappedColumn {
  readonly column: number;
  readonly header: string;
}

/**
 * How the columns of a file map to the fields of one entity type: plain data a UI shows, lets a
 * person edit, and hands to the import as it is.
 */
export interface CsvMapping {
  readonly entityType: EntityType;
  readonly columns: readonly ColumnMapping[];
  readonly unmapped: readonly UnmappedColumn[];
}
