import type { CalendarDate } from '../kernel/index.js';
import type { Money } from '../money/index.js';
import type { EntityType } from './entity-types.js';

/**
 * Every type a custom field can have, in one constant list.
 *
 * @example
 * ```ts
 * CUSTOM_FIELD_TYPES.includes('enumeration'); //=> true
 * ```
 */
export const CUSTOM_FIELD_TYPES = [
  'string',
  'integer',
  'number',
  'boolean',
  'date',
  'datetime',
  'enumeration',
  'money',
  'url',
  'email',
  'phone',
  'address',
  'file',
  'user',
  'link',
] as const;

/**
 * One of {@link CUSTOM_FIELD_TYPES}.
 */
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/**
 * The entity types a `link` field can point to.
 *
 * @example
 * ```ts
 * LINK_TARGETS.includes('activity'); //=> false
 * ```
 */
export const LINK_TARGETS = ['lead', 'contact', 'company', 'deal', 'quote', 'invoice'] as const;

/**
 * One of {@link LINK_TARGETS}.
 */
export type LinkTarget = (typeof LINK_TARGETS)[number] & EntityType;

/**
 * Labels per language, keyed by a BCP 47 language tag (`en`, `es`, `pt-BR`).
 */
export type Labels = Readonly<Record<string, string>>;

/**
 * Who may see (and therefore set or clear) a custom field: only the listed users, the members of
 * the listed departments and the holders of the listed roles. Administrators see every field. A
 * field without `visibility` is seen by everyone; a rule that lists nothing is refused by
 * `checkField`, and one that reaches the access checks anyway (read back from storage,
 * say) is read as "nobody": visibility fails closed.
 */
export interface FieldVisibility {
  readonly restrictedTo: {
    readonly userIds?: readonly string[] | undefined;
    readonly departmentIds?: readonly string[] | undefined;
    readonly roleIds?: readonly string[] | undefined;
  };
}

/**
 * Where a field becomes required: from this stage of this pipeline on (the stage order comes from
 * the pipeline). Leave `pipelineId` out for a lead status or a single pipeline.
 */
export interface RequiredFromStage {
  readonly pipelineId?: string | undefined;
  readonly stageId: string;
}

/**
 * What every custom field definition has, whatever its type.
 */
export interface FieldDefinitionBase {
  /** The key of the value in `record.custom`: `^[a-z][a-z0-9_]{0,62}$`, not a reserved word. */
  readonly code: string;
  /** Labels per language; at least one. */
  readonly labels: Labels;
  /** Whether the field holds a list of values (never for `boolean`). Default `false`. */
  readonly multiple?: boolean | undefined;
  /** Whether every record must have a value. Default `false`. */
  readonly required?: boolean | undefined;
  /** Required only once the record reaches a stage (for people who can see the field). */
  readonly requiredFromStage?: RequiredFromStage | undefined;
  /** Who may see the field; everyone when omitted. */
  readonly visibility?: FieldVisibility | undefined;
  /** Position among the entity's fields; lower first. */
  readonly sort?: number | undefined;
  /** Hidden from forms and lists (still readable by those who may see it). Default `false`. */
  readonly hidden?: boolean | undefined;
}

/**
 * A text field.
 */
export interface StringFieldDefinition extends FieldDefinitionBase {
  readonly type: 'string';
  readonly minLength?: number | undefined;
  readonly maxLength?: number | undefined;
  /** A regular expression the whole value must match; refused when it could backtrack catastrophically. */
  readonly pattern?: string | undefined;
  readonly multiline?: boolean | undefined;
  readonly default?: string | undefined;
}

/**
 * A whole-number field.
 */
export interface IntegerFieldDefinition extends FieldDefinitionBase {
  readonly type: 'integer';
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly default?: number | undefined;
}

/**
 * A decimal-number field (not for money: use a `money` field).
 */
export interface NumberFieldDefinition extends FieldDefinitionBase {
  readonly type: 'number';
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  /** The most decimals a value may have. */
  readonly precision?: number | undefined;
  readonly default?: number | undefined;
}

/**
 * A yes/no field; never `multiple`.
 */
export interface BooleanFieldDefinition extends FieldDefinitionBase {
  readonly type: 'boolean';
  readonly multiple?: false | undefined;
  readonly default?: boolean | undefined;
}

/**
 * A calendar-day field (`'YYYY-MM-DD'`).
 */
export interface DateFieldDefinition extends FieldDefinitionBase {
  readonly type: 'date';
  readonly default?: CalendarDate | undefined;
}

/**
 * An instant field; its default is none, the moment of creation (`'now'`), or a fixed instant
 * (ISO 8601 text).
 */
export interface DateTimeFieldDefinition extends FieldDefinitionBase {
  readonly type: 'datetime';
  /** `'now'`, or an ISO 8601 instant with a time zone. */
  readonly default?: string | undefined;
}

/**
 * One option of an enumeration field. The `id` is what records store; labels can change freely.
 */
export interface EnumerationOption {
  readonly id: string;
  readonly labels: Labels;
  readonly sort?: number | undefined;
}

/**
 * A pick-list field; values are option ids.
 *
 * @example
 * ```ts
 * const tier: EnumerationFieldDefinition = {
 *   type: 'enumeration', code: 'tier', labels: { en: 'Tier' },
 *   options: [{ id: 'gold', labels: { en: 'Gold' } }, { id: 'silver', labels: { en: 'Silver' } }],
 *   default: 'silver',
 * };
 * ```
 */
export interface EnumerationFieldDefinition extends FieldDefinitionBase {
  readonly type: 'enumeration';
  readonly options: readonly EnumerationOption[];
  /** The default option id (or ids, for a `multiple` field). */
  readonly default?: string | readonly string[] | undefined;
}

/**
 * A money field; its value is a {@link Money}.
 */
export interface MoneyFieldDefinition extends FieldDefinitionBase {
  readonly type: 'money';
  readonly default?: Money | undefined;
}

/**
 * A web address (`http` or `https`).
 */
export interface UrlFieldDefinition extends FieldDefinitionBase {
  readonly type: 'url';
  readonly default?: string | undefined;
}

/**
 * An e-mail address.
 */
export interface EmailFieldDefinition extends FieldDefinitionBase {
  readonly type: 'email';
  readonly default?: string | undefined;
}

/**
 * A phone number, as typed (normalisation for matching happens in duplicate detection).
 */
export interface PhoneFieldDefinition extends FieldDefinitionBase {
  readonly type: 'phone';
  readonly default?: string | undefined;
}

/**
 * A postal address; its value is an address object (street lines, city, region, postal code,
 * country code).
 */
export interface AddressFieldDefinition extends FieldDefinitionBase {
  readonly type: 'address';
}

/**
 * A reference to a file the host stores; crm-kit keeps only the reference.
 */
export interface FileFieldDefinition extends FieldDefinitionBase {
  readonly type: 'file';
  /** The largest file size accepted, in bytes. */
  readonly maxBytes?: number | undefined;
  /** Accepted media types, such as `application/pdf` or `image/*`. */
  readonly mediaTypes?: readonly string[] | undefined;
}

/**
 * An employee (a user id of the host).
 */
export interface UserFieldDefinition extends FieldDefinitionBase {
  readonly type: 'user';
  readonly default?: string | undefined;
}

/**
 * A binding to other CRM records of one or several entity types.
 */
export interface LinkFieldDefinition extends FieldDefinitionBase {
  readonly type: 'link';
  readonly targets: readonly LinkTarget[];
}

/**
 * A custom field definition: a discriminated union on `type`, checked by {@link defineField}.
 */
export type FieldDefinition =
  | StringFieldDefinition
  | IntegerFieldDefinition
  | NumberFieldDefinition
  | BooleanFieldDefinition
  | DateFieldDefinition
  | DateTimeFieldDefinition
  | EnumerationFieldDefinition
  | MoneyFieldDefinition
  | UrlFieldDefinition
  | EmailFieldDefinition
  | PhoneFieldDefinition
  | AddressFieldDefinition
  | FileFieldDefinition
  | UserFieldDefinition
  | LinkFieldDefinition;
