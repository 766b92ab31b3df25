import type { EntityType } from './entity-types.js';
import { isEntityType } from './entity-types.js';
import type { StandardField, StandardFieldDeclaration, StandardFieldType } from './standard-field.js';
import type { StandardFieldTable } from './standard-field-tables.js';
import {
  ACTIVITY_FIELD_TABLE,
  COMPANY_FIELD_TABLE,
  CONTACT_FIELD_TABLE,
  DEAL_FIELD_TABLE,
  declaredFields,
  INVOICE_FIELD_TABLE,
  LEAD_FIELD_TABLE,
  QUOTE_FIELD_TABLE,
} from './standard-field-tables.js';

// The standard fields of every entity type as rows, derived from the tables of
// `standard-field-tables.ts` (where each field is declared once).

const LISTS: ReadonlySet<StandardFieldType> = new Set(['multifield', 'links', 'bindings', 'product-rows']);
const UNSORTABLE: ReadonlySet<StandardFieldType> = new Set(['text', 'address', 'custom', ...LISTS]);

// Defaults that follow from the type: lists are `multiple` and unsortable, long text and
// addresses are unsortable; everything else is shown, hideable, filterable, sortable, exported.
function row(code: string, declared: StandardFieldDeclaration): StandardField {
  const { type, en, es, targets } = declared;
  return {
    code,
    type,
    labels: { en, es },
    system: declared.system ?? false,
    hideable: declared.hideable ?? true,
    filterable: declared.filterable ?? true,
    sortable: declared.sortable ?? !UNSORTABLE.has(type),
    multiple: LISTS.has(type),
    exportable: declared.exportable ?? true,
    ...(targets === undefined ? {} : { targets: [...targets] }),
  };
}

function rows<T extends StandardFieldTable<T>>(table: T): readonly StandardField[] {
  return declaredFields(table).map(([code, declared]) => row(code, declared));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The standard (built-in) fields of every entity type, in display order: code, type, labels in
 * English and Spanish, and flags (see {@link StandardField}). CSV mapping, exports, forms and
 * UIs read it; the entity schemas are built from the same declarations, so the stored form of
 * each entity has exactly these keys. Deeply frozen.
 *
 * @example
 * ```ts
 * STANDARD_FIELDS.deal.find((f) => f.code === 'stageId')?.labels; //=> { en: 'Stage', es: 'Etapa' }
 * STANDARD_FIELDS.contact.find((f) => f.code === 'phones')?.multiple; //=> true
 * Object.isFrozen(STANDARD_FIELDS.lead[0]); //=> true
 * ```
 */
export const STANDARD_FIELDS: Readonly<Record<EntityType, readonly StandardField[]>> = deepFreeze({
  lead: rows(LEAD_FIELD_TABLE),
  contact: rows(CONTACT_FIELD_TABLE),
  company: rows(COMPANY_FIELD_TABLE),
  deal: rows(DEAL_FIELD_TABLE),
  activity: rows(ACTIVITY_FIELD_TABLE),
  invoice: rows(INVOICE_FIELD_TABLE),
  quote: rows(QUOTE_FIELD_TABLE),
});

/**
 * The standard fields of one entity type, in display order.
 *
 * @param entityType - One of `ENTITY_TYPES`.
 * @returns The frozen list of {@link StandardField}s; empty for an unknown entity type.
 *
 * @example
 * ```ts
 * listStandardFields('company').filter((f) => !f.hideable).map((f) => f.code);
 * //=> ['id', 'version', 'assignedById', 'title', 'custom']
 * listStandardFields('invoice').some((f) => f.code === 'paidDate'); //=> true
 * ```
 */
export function listStandardFields(entityType: EntityType): readonly StandardField[] {
  return isEntityType(entityType) ? STANDARD_FIELDS[entityType] : [];
}
