import type { CustomValues } from '../fields/index.js';

/**
 * What every stored record carries (ARCHITECTURE.md §3): its id, a `version` bumped by every
 * write (for optimistic concurrency), when and by whom it was created and last changed, its own
 * responsible person, and its custom values.
 */
export interface StoredRecord {
  readonly id: string;
  /** A whole number from 1, bumped by every write. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly createdById: string;
  readonly updatedById: string;
  /** The responsible person; set on each record on its own, never copied to linked records. */
  readonly assignedById: string;
  /** Custom values keyed by field code, checked against the entity's field registry. */
  readonly custom: CustomValues;
}

/**
 * What every input and patch may carry besides the entity's own fields: the responsible person
 * (the host fills it, usually with the creator, when an input leaves it out) and custom values.
 */
export interface RecordInput {
  readonly assignedById?: string | undefined;
  readonly custom?: CustomValues | undefined;
}

/**
 * The patch form of a set of optional fields: each may be left out (unchanged) or `null`
 * (cleared).
 */
export type Clearable<T> = { readonly [K in keyof T]?: Exclude<T[K], undefined> | null | undefined };

/**
 * The id a record has in another system (the CRM it was imported from, an ERP): free text up to
 * 255 characters, kept as given. Imports find records by it, so importing the same file twice
 * updates or skips instead of creating again.
 */
export interface ExternalIdField {
  readonly externalId?: string | undefined;
}

/**
 * UTM tags of the campaign that brought a lead, contact, company or deal (`utm_source`,
 * `utm_medium`, `utm_campaign`, `utm_content`, `utm_term`), up to 255 characters each.
 */
export interface UtmFields {
  readonly utmSource?: string | undefined;
  readonly utmMedium?: string | undefined;
  readonly utmCampaign?: string | undefined;
  readonly utmContent?: string | undefined;
  readonly utmTerm?: string | undefined;
}
