import type { Labels } from './definition.js';

/**
 * Every type a standard (built-in) field can have: the custom field types plus the shapes only
 * standard fields take.
 *
 * @example
 * ```ts
 * STANDARD_FIELD_TYPES.includes('multifield'); //=> true
 * ```
 */
export const STANDARD_FIELD_TYPES = [
  'id',
  'string',
  'text',
  'integer',
  'number',
  'boolean',
  'date',
  'datetime',
  'enumeration',
  'money',
  'url',
  'email',
  'user',
  'address',
  'multifield',
  'link',
  'links',
  'bindings',
  'stage',
  'pipeline',
  'product-rows',
  'custom',
] as const;

/**
 * One of {@link STANDARD_FIELD_TYPES}.
 */
export type StandardFieldType = (typeof STANDARD_FIELD_TYPES)[number];

/**
 * A standard field of an entity type, as data that CSV mapping, exports, forms and UIs read.
 *
 * - `system`: maintained by crm-kit (ids, versions, timestamps); never written by people.
 * - `hideable`: can be hidden from forms and lists; standard fields are never removed.
 * - `filterable` / `sortable`: stores accept it in `where` / `sort`.
 * - `multiple`: holds a list.
 * - `exportable`: offered as an export column.
 */
export interface StandardField {
  readonly code: string;
  readonly type: StandardFieldType;
  readonly labels: Labels & { readonly en: string; readonly es: string };
  readonly system: boolean;
  readonly hideable: boolean;
  readonly filterable: boolean;
  readonly sortable: boolean;
  readonly multiple: boolean;
  readonly exportable: boolean;
  /**
   * For `link`, `links` and `bindings` fields, and the multi-field `communications` whose items may
   * name a record: the entity types they point to.
   */
  readonly targets?: readonly string[] | undefined;
}

/**
 * A standard field as `standard-field-tables.ts` declares it: its type, its labels (`en`, `es`),
 * and only the flags that differ from what the type implies (lists are `multiple` and unsortable,
 * long text, addresses and custom values unsortable; everything else is not `system`, hideable,
 * filterable, sortable and exportable).
 */
export interface StandardFieldDeclaration {
  readonly type: StandardFieldType;
  /** The English label. */
  readonly en: string;
  /** The Spanish label. */
  readonly es: string;
  readonly system?: boolean;
  readonly hideable?: boolean;
  readonly filterable?: boolean;
  readonly sortable?: boolean;
  readonly exportable?: boolean;
  readonly targets?: readonly string[];
}
