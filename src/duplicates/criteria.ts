import type { FieldRegistry } from '../fields/index.js';

/**
 * The comparators duplicate detection knows, each with its own levels of agreement (see
 * {@link DuplicateExplanation}):
 *
 * - `exact`: the same value after trimming and case folding, or not.
 * - `text`: the same folded text, one edit apart, similar (Jaro-Winkler ≥ 0.92), somewhat similar (≥ 0.8).
 * - `personName`: the same name, the same words in another order, a missing name with the rest the
 *   same (a record with only a last name against a fuller one), one edit apart, similar (first and
 *   last names each one edit, Jaro-Winkler ≥ 0.92, an initial, or a dropped second surname), only
 *   the last name similar, only the first name similar.
 * - `companyTitle`: titles without legal forms, punctuation, case and accents: the same, all the
 *   words of one in the other, similar, half the words shared.
 * - `phone`: a shared number in E.164 (or the same digits when a number has no country), one digit
 *   off. The same number with two different extensions is two lines of one switchboard: different.
 * - `email`: a shared address, the same mailbox name at a misspelt domain. Shared mailboxes
 *   (`info@`, `sales@`, `ventas@`, `kontakt@`, ...) say which company, not which person: they are
 *   not compared.
 * - `date`: the same day, day and month swapped, one digit off, the same year.
 * - `address`: part by part (street, city, postal code, region, country); a missing part neither
 *   helps nor hurts.
 * - `number`: the same number, within 1 %, within 10 %.
 *
 * @example
 * ```ts
 * COMPARATORS.includes('phone'); //=> true
 * ```
 */
export const COMPARATORS = ['exact', 'text', 'personName', 'companyTitle', 'phone', 'email', 'date', 'address', 'number'] as const;

/** One of {@link COMPARATORS}. */
export type Comparator = (typeof COMPARATORS)[number];

/**
 * The entity types duplicate detection and merging work on.
 *
 * @example
 * ```ts
 * DUPLICATE_ENTITY_TYPES; //=> ['lead', 'contact', 'company', 'deal']
 * ```
 */
export const DUPLICATE_ENTITY_TYPES = ['lead', 'contact', 'company', 'deal'] as const;

/** One of {@link DUPLICATE_ENTITY_TYPES}. */
export type DuplicateEntityType = (typeof DUPLICATE_ENTITY_TYPES)[number];

/**
 * One thing duplicate detection compares: a standard field (`'phones'`, `'birthdate'`,
 * `'address'`), a custom one (`'custom.ssn'`), or the virtual field `'name'` (a person's whole
 * name: first, second and last). The comparator is chosen by the field's type unless given.
 *
 * @example
 * ```ts
 * const criteria: DuplicateCriterion[] = [{ field: 'name' }, { field: 'birthdate' }, { field: 'custom.ssn', comparator: 'exact' }];
 * ```
 */
export interface DuplicateCriterion {
  readonly field: string;
  readonly comparator?: Comparator | undefined;
}

/**
 * What duplicate control compares by default (DOMAIN.md): leads by name, company title, phones and
 * e-mails; contacts by name, phones and e-mails; companies by title, phones and e-mails; deals by
 * title, company and contacts. Criteria given to {@link findDuplicates} replace these.
 *
 * @example
 * ```ts
 * DEFAULT_DUPLICATE_CRITERIA.contact.map((criterion) => criterion.field); //=> ['name', 'phones', 'emails']
 * ```
 */
export const DEFAULT_DUPLICATE_CRITERIA: Readonly<Record<DuplicateEntityType, readonly DuplicateCriterion[]>> = /* @__PURE__ */ Object.freeze({
  lead: /* @__PURE__ */ Object.freeze([{ field: 'name' }, { field: 'companyTitle' }, { field: 'phones' }, { field: 'emails' }]),
  contact: /* @__PURE__ */ Object.freeze([{ field: 'name' }, { field: 'phones' }, { field: 'emails' }]),
  company: /* @__PURE__ */ Object.freeze([{ field: 'title' }, { field: 'phones' }, { field: 'emails' }]),
  deal: /* @__PURE__ */ Object.freeze([{ field: 'title' }, { field: 'companyId' }, { field: 'contactIds' }]),
});

/**
 * What a scan, an index and {@link matchKeysOf} are told about the records they read: their
 * entity type, what to compare, and how to read phones and custom fields. Keys and forms made with
 * the same options meet; made with different ones, they do not.
 */
export interface DuplicateCriteriaOptions {
  /** The entity type of every record. */
  readonly entityType: DuplicateEntityType;
  /** What to compare; replaces the type's {@link DEFAULT_DUPLICATE_CRITERIA}. */
  readonly criteria?: readonly DuplicateCriterion[] | undefined;
  /** The entity type's field registry: needed to compare a custom field without naming its comparator. */
  readonly fields?: FieldRegistry | undefined;
  /** The region national phone numbers belong to (ISO 3166 alpha-2, such as `'ES'`). */
  readonly defaultRegion?: string | undefined;
}

/**
 * How many records may share a match key before it stops proposing pairs and stops counting as
 * evidence (a switchboard number, `info@`), unless a scan, check or import is given its own
 * `stopLimit`.
 *
 * @example
 * ```ts
 * DEFAULT_STOP_LIMIT; //=> 100
 * ```
 */
export const DEFAULT_STOP_LIMIT = 100;
