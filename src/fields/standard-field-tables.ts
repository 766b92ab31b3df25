// Every standard field of every entity type, declared once: its code, its type, its labels, and
// the flags that differ from what its type implies (StandardFieldDeclaration). Everything else is
// derived from these tables: `STANDARD_FIELDS` lists them as rows (standard-fields.ts), and
// `entities/` builds each entity's zod forms from them, so the forms have exactly these codes and
// each value schema follows from the field's type (or from the entity, where the type says too
// little). To add a standard field: declare it here, then add it to the entity's interface; the
// compiler points at whatever else must follow.
//
// A table lists an entity type's fields in display order. `'shared'` stands for the declaration
// of that code in SHARED_FIELD_TABLE, which holds the fields several entity types have with one
// meaning and one label. The tables are plain literals (`as const`, no calls, no spreads), so that
// their codes and types reach `entities/` as types under `isolatedDeclarations`.

import type { StandardFieldDeclaration } from './standard-field.js';

/** The fields declared once for several entity types, each with one meaning and one label. */
export const SHARED_FIELD_TABLE = {
  // What every stored record has (ARCHITECTURE.md §3); every table lists them first.
  id: { type: 'id', en: 'ID', es: 'ID', system: true, hideable: false },
  version: { type: 'integer', en: 'Version', es: 'Versión', system: true, hideable: false, filterable: false, sortable: false, exportable: false },
  createdAt: { type: 'datetime', en: 'Created on', es: 'Fecha de creación', system: true },
  updatedAt: { type: 'datetime', en: 'Modified on', es: 'Fecha de modificación', system: true },
  createdById: { type: 'user', en: 'Created by', es: 'Creado por', system: true },
  updatedById: { type: 'user', en: 'Modified by', es: 'Modificado por', system: true },
  assignedById: { type: 'user', en: 'Responsible person', es: 'Persona responsable', hideable: false },
  // Custom values; every table lists them last.
  custom: { type: 'custom', en: 'Custom fields', es: 'Campos personalizados', hideable: false, filterable: false, exportable: false },

  honorific: { type: 'string', en: 'Salutation', es: 'Tratamiento' },
  firstName: { type: 'string', en: 'First name', es: 'Nombre' },
  secondName: { type: 'string', en: 'Second name', es: 'Segundo nombre' },
  lastName: { type: 'string', en: 'Last name', es: 'Apellidos' },
  birthdate: { type: 'date', en: 'Date of birth', es: 'Fecha de nacimiento' },
  position: { type: 'string', en: 'Position', es: 'Cargo' },

  phones: { type: 'multifield', en: 'Phone', es: 'Teléfono' },
  emails: { type: 'multifield', en: 'E-mail', es: 'Correo electrónico' },
  websites: { type: 'multifield', en: 'Website', es: 'Sitio web' },
  messengers: { type: 'multifield', en: 'Messenger', es: 'Mensajería' },
  address: { type: 'address', en: 'Address', es: 'Dirección' },

  utmSource: { type: 'string', en: 'UTM source', es: 'UTM source' },
  utmMedium: { type: 'string', en: 'UTM medium', es: 'UTM medium' },
  utmCampaign: { type: 'string', en: 'UTM campaign', es: 'UTM campaign' },
  utmContent: { type: 'string', en: 'UTM content', es: 'UTM content' },
  utmTerm: { type: 'string', en: 'UTM term', es: 'UTM term' },

  source: { type: 'enumeration', en: 'Source', es: 'Origen' },
  sourceDescription: { type: 'text', en: 'Source information', es: 'Información del origen' },
  comments: { type: 'text', en: 'Comment', es: 'Comentario' },
  externalId: { type: 'string', en: 'External ID', es: 'ID externo' },
  opened: { type: 'boolean', en: 'Available to everyone', es: 'Disponible para todos' },

  amount: { type: 'money', en: 'Amount', es: 'Importe' },
  taxAmount: { type: 'money', en: 'Tax amount', es: 'Importe de impuestos' },
  amountIsManual: { type: 'boolean', en: 'Amount set by hand', es: 'Importe introducido a mano' },
  productRows: { type: 'product-rows', en: 'Products', es: 'Productos', filterable: false, exportable: false },

  leadId: { type: 'link', en: 'Lead', es: 'Prospecto', targets: ['lead'] },
  contactIds: { type: 'links', en: 'Contacts', es: 'Contactos', targets: ['contact'] },
  companyId: { type: 'link', en: 'Company', es: 'Empresa', targets: ['company'] },
  dealId: { type: 'link', en: 'Deal', es: 'Negociación', targets: ['deal'] },

  stageId: { type: 'stage', en: 'Stage', es: 'Etapa', hideable: false },
  closed: { type: 'boolean', en: 'Closed', es: 'Cerrado', system: true },
  closedAt: { type: 'datetime', en: 'Closed on', es: 'Fecha de cierre', system: true },
  movedAt: { type: 'datetime', en: 'Stage changed on', es: 'Fecha de cambio de etapa', system: true },
  movedById: { type: 'user', en: 'Stage changed by', es: 'Etapa cambiada por', system: true },
  isReturnCustomer: { type: 'boolean', en: 'Repeat customer', es: 'Cliente recurrente', system: true },
  issueDate: { type: 'date', en: 'Date issued', es: 'Fecha de emisión' },
} as const;

/** The standard fields of a lead, in display order. */
export const LEAD_FIELD_TABLE = {
  id: 'shared',
  version: 'shared',
  createdAt: 'shared',
  updatedAt: 'shared',
  createdById: 'shared',
  updatedById: 'shared',
  assignedById: 'shared',
  title: { type: 'string', en: 'Lead name', es: 'Nombre del prospecto' },
  status: { type: 'stage', en: 'Status', es: 'Estado', hideable: false },
  statusComment: { type: 'text', en: 'Status comment', es: 'Comentario del estado' },
  source: 'shared',
  sourceDescription: 'shared',
  honorific: 'shared',
  firstName: 'shared',
  secondName: 'shared',
  lastName: 'shared',
  birthdate: 'shared',
  position: 'shared',
  companyTitle: { type: 'string', en: 'Company name', es: 'Nombre de la empresa' },
  phones: 'shared',
  emails: 'shared',
  websites: 'shared',
  messengers: 'shared',
  address: 'shared',
  amount: 'shared',
  comments: 'shared',
  utmSource: 'shared',
  utmMedium: 'shared',
  utmCampaign: 'shared',
  utmContent: 'shared',
  utmTerm: 'shared',
  contactId: { type: 'link', en: 'Contact', es: 'Contacto', targets: ['contact'] },
  companyId: 'shared',
  dealId: 'shared',
  opened: 'shared',
  isReturnCustomer: 'shared',
  movedAt: 'shared',
  movedById: 'shared',
  convertedAt: { type: 'datetime', en: 'Converted on', es: 'Fecha de conversión', system: true },
  externalId: 'shared',
  custom: 'shared',
} as const;

/** The standard fields of a contact, in display order. */
export const CONTACT_FIELD_TABLE = {
  id: 'shared',
  version: 'shared',
  createdAt: 'shared',
  updatedAt: 'shared',
  createdById: 'shared',
  updatedById: 'shared',
  assignedById: 'shared',
  honorific: 'shared',
  firstName: 'shared',
  secondName: 'shared',
  lastName: 'shared',
  position: 'shared',
  birthdate: 'shared',
  type: { type: 'enumeration', en: 'Contact type', es: 'Tipo de contacto' },
  source: 'shared',
  sourceDescription: 'shared',
  companyIds: { type: 'links', en: 'Companies', es: 'Empresas', targets: ['company'] },
  phones: 'shared',
  emails: 'shared',
  websites: 'shared',
  messengers: 'shared',
  address: 'shared',
  comments: 'shared',
  opened: 'shared',
  exportable: { type: 'boolean', en: 'Included in export', es: 'Incluido en la exportación' },
  leadId: 'shared',
  utmSource: 'shared',
  utmMedium: 'shared',
  utmCampaign: 'shared',
  utmContent: 'shared',
  utmTerm: 'shared',
  externalId: 'shared',
  custom: 'shared',
} as const;

/** The standard fields of a company, in display order. */
export const COMPANY_FIELD_TABLE = {
  id: 'shared',
  version: 'shared',
  createdAt: 'shared',
  updatedAt: 'shared',
  createdById: 'shared',
  updatedById: 'shared',
  assignedById: 'shared',
  title: { type: 'string', en: 'Company name', es: 'Nombre de la empresa', hideable: false },
  type: { type: 'enumeration', en: 'Company type', es: 'Tipo de empresa' },
  industry: { type: 'enumeration', en: 'Industry', es: 'Sector' },
  employees: { type: 'integer', en: 'Employees', es: 'Empleados' },
  revenue: { type: 'money', en: 'Annual revenue', es: 'Ingresos anuales' },
  phones: 'shared',
  emails: 'shared',
  websites: 'shared',
  messengers: 'shared',
  address: 'shared',
  comments: 'shared',
  opened: 'shared',
  leadId: 'shared',
  utmSource: 'shared',
  utmMedium: 'shared',
  utmCampaign: 'shared',
  utmContent: 'shared',
  utmTerm: 'shared',
  externalId: 'shared',
  custom: 'shared',
} as const;

/** The standard fields of a deal, in display order. */
export const DEAL_FIELD_TABLE = {
  id: 'shared',
  version: 'shared',
  createdAt: 'shared',
  updatedAt: 'shared',
  createdById: 'shared',
  updatedById: 'shared',
  assignedById: 'shared',
  title: { type: 'string', en: 'Deal name', es: 'Nombre de la negociación', hideable: false },
  pipelineId: { type: 'pipeline', en: 'Pipeline', es: 'Embudo', hideable: false },
  stageId: 'shared',
  probability: { type: 'integer', en: 'Probability, %', es: 'Probabilidad, %' },
  probabilityIsManual: { type: 'boolean', en: 'Probability set by hand', es: 'Probabilidad introducida a mano' },
  amount: 'shared',
  taxAmount: 'shared',
  amountIsManual: 'shared',
  contactIds: 'shared',
  companyId: 'shared',
  leadId: 'shared',
  expectedCloseDate: { type: 'date', en: 'Expected close date', es: 'Fecha prevista de cierre' },
  closed: 'shared',
  closedAt: 'shared',
  lossReasonId: { type: 'enumeration', en: 'Loss reason', es: 'Motivo de pérdida' },
  type: { type: 'enumeration', en: 'Deal type', es: 'Tipo de negociación' },
  source: 'shared',
  sourceDescription: 'shared',
  productRows: 'shared',
  isReturnCustomer: 'shared',
  isRepeatedApproach: { type: 'boolean', en: 'Repeated approach', es: 'Nuevo intento', system: true },
  movedAt: 'shared',
  movedById: 'shared',
  lastActivityAt: { type: 'datetime', en: 'Last activity', es: 'Última actividad', system: true },
  comments: 'shared',
  opened: 'shared',
  utmSource: 'shared',
  utmMedium: 'shared',
  utmCampaign: 'shared',
  utmContent: 'shared',
  utmTerm: 'shared',
  externalId: 'shared',
  custom: 'shared',
} as const;

/** The standard fields of an activity, in display order. */
export const ACTIVITY_FIELD_TABLE = {
  id: 'shared',
  version: 'shared',
  createdAt: 'shared',
  updatedAt: 'shared',
  createdById: 'shared',
  updatedById: 'shared',
  assignedById: 'shared',
  type: { type: 'enumeration', en: 'Activity type', es: 'Tipo de actividad', hideable: false },
  subject: { type: 'string', en: 'Subject', es: 'Asunto', hideable: false },
  description: { type: 'text', en: 'Description', es: 'Descripción' },
  direction: { type: 'enumeration', en: 'Direction', es: 'Dirección' },
  startAt: { type: 'datetime', en: 'Start', es: 'Inicio' },
  endAt: { type: 'datetime', en: 'End', es: 'Fin' },
  deadlineAt: { type: 'datetime', en: 'Deadline', es: 'Fecha límite' },
  completed: { type: 'boolean', en: 'Completed', es: 'Completada' },
  completedAt: { type: 'datetime', en: 'Completed on', es: 'Fecha de finalización', system: true },
  location: { type: 'string', en: 'Location', es: 'Lugar' },
  bindings: {
    type: 'bindings',
    en: 'Linked to', es: 'Vinculada a',
    targets: ['lead', 'contact', 'company', 'deal', 'quote', 'invoice'],
  },
  communications: {
    type: 'multifield',
    en: 'Communications', es: 'Comunicaciones',
    exportable: false,
    // Each communication may name the record its phone, e-mail or handle belongs to.
    targets: ['lead', 'contact', 'company', 'deal', 'quote', 'invoice'],
  },
  externalId: 'shared',
  custom: 'shared',
} as const;

/** The standard fields of an invoice, in display order. */
export const INVOICE_FIELD_TABLE = {
  id: 'shared',
  version: 'shared',
  createdAt: 'shared',
  updatedAt: 'shared',
  createdById: 'shared',
  updatedById: 'shared',
  assignedById: 'shared',
  number: { type: 'string', en: 'Invoice number', es: 'Número de factura' },
  title: { type: 'string', en: 'Invoice name', es: 'Nombre de la factura' },
  stageId: 'shared',
  issueDate: 'shared',
  dueDate: { type: 'date', en: 'Due date', es: 'Fecha de vencimiento' },
  paidDate: { type: 'date', en: 'Date paid', es: 'Fecha de pago' },
  amount: 'shared',
  taxAmount: 'shared',
  amountIsManual: 'shared',
  productRows: 'shared',
  dealId: 'shared',
  contactIds: 'shared',
  companyId: 'shared',
  closed: 'shared',
  closedAt: 'shared',
  movedAt: 'shared',
  movedById: 'shared',
  comments: 'shared',
  opened: 'shared',
  custom: 'shared',
} as const;

/** The standard fields of a quote, in display order: an invoice's, but for the date that closes it. */
export const QUOTE_FIELD_TABLE = {
  id: 'shared',
  version: 'shared',
  createdAt: 'shared',
  updatedAt: 'shared',
  createdById: 'shared',
  updatedById: 'shared',
  assignedById: 'shared',
  number: { type: 'string', en: 'Quote number', es: 'Número de presupuesto' },
  title: { type: 'string', en: 'Quote name', es: 'Nombre del presupuesto' },
  stageId: 'shared',
  issueDate: 'shared',
  dueDate: { type: 'date', en: 'Valid until', es: 'Válido hasta' },
  acceptedDate: { type: 'date', en: 'Date accepted', es: 'Fecha de aceptación' },
  amount: 'shared',
  taxAmount: 'shared',
  amountIsManual: 'shared',
  productRows: 'shared',
  dealId: 'shared',
  contactIds: 'shared',
  companyId: 'shared',
  closed: 'shared',
  closedAt: 'shared',
  movedAt: 'shared',
  movedById: 'shared',
  comments: 'shared',
  opened: 'shared',
  custom: 'shared',
} as const;

type SharedCode = keyof typeof SHARED_FIELD_TABLE;

/**
 * An entity type's table of standard fields: each code maps to its declaration, or to `'shared'`
 * when SHARED_FIELD_TABLE declares it. Every table lists the record fields and `custom` as shared.
 */
export type StandardFieldTable<T> = {
  readonly [K in keyof T]: K extends SharedCode ? StandardFieldDeclaration | 'shared' : StandardFieldDeclaration;
} & Readonly<Record<RecordCode, 'shared'>>;

/** The codes every table lists as shared: the fields of every stored record, and `custom`. */
type RecordCode = 'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdById' | 'updatedById' | 'assignedById' | 'custom';

/** The declaration of the field `K` of the table `T`, resolving `'shared'`. */
export type DeclaredField<T, K extends keyof T> = T[K] extends 'shared' ? (typeof SHARED_FIELD_TABLE)[K & SharedCode] : T[K];

const SHARED: Readonly<Record<string, StandardFieldDeclaration>> = SHARED_FIELD_TABLE;

/**
 * The fields of a table, in its order, each with its declaration (`'shared'` resolved).
 *
 * @param table - An entity type's table from `standard-field-tables.ts`.
 * @returns `[code, declaration]` pairs.
 */
export function declaredFields<T extends StandardFieldTable<T>>(table: T): readonly (readonly [string, StandardFieldDeclaration])[] {
  return Object.entries(table as Readonly<Record<string, StandardFieldDeclaration | 'shared'>>).map(([code, declared]) => {
    const declaration = declared === 'shared' ? SHARED[code] : declared;
    // Unreachable for a table that type-checks (StandardFieldTable).
    if (declaration === undefined) throw new TypeError(`No shared standard field is declared as ${code}.`);
    return [code, declaration] as const;
  });
}
