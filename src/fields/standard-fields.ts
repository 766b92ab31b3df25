import type { EntityType } from './entity-types.js';
import { isEntityType } from './entity-types.js';
import type { StandardField, StandardFieldType } from './standard-field.js';

// The standard fields of every entity type, as data. The keys of each entity's stored schema in
// `entities/` are exactly these codes (a test holds the two together).

type Flags = Partial<Pick<StandardField, 'system' | 'hideable' | 'filterable' | 'sortable' | 'multiple' | 'exportable'>>;

const LISTS: ReadonlySet<StandardFieldType> = new Set(['multifield', 'links', 'bindings', 'product-rows']);
const UNSORTABLE: ReadonlySet<StandardFieldType> = new Set(['text', 'address', 'custom', ...LISTS]);

// Defaults that follow from the type: lists are `multiple` and unsortable, long text and
// addresses are unsortable; everything else is shown, hideable, filterable, sortable, exported.
function field(
  code: string,
  type: StandardFieldType,
  en: string,
  es: string,
  flags: Flags = {},
  targets?: readonly string[],
): StandardField {
  const multiple = flags.multiple ?? LISTS.has(type);
  return {
    code,
    type,
    labels: { en, es },
    system: flags.system ?? false,
    hideable: flags.hideable ?? true,
    filterable: flags.filterable ?? true,
    sortable: flags.sortable ?? !UNSORTABLE.has(type),
    multiple,
    exportable: flags.exportable ?? true,
    ...(targets === undefined ? {} : { targets }),
  };
}

const FIXED: Flags = { hideable: false };
const SYSTEM: Flags = { system: true };

const id = field('id', 'id', 'ID', 'ID', { system: true, hideable: false });
const version = field('version', 'integer', 'Version', 'Versión', { system: true, hideable: false, filterable: false, sortable: false, exportable: false });
const custom = field('custom', 'custom', 'Custom fields', 'Campos personalizados', {
  hideable: false,
  filterable: false,
  exportable: false,
});
const createdAt = field('createdAt', 'datetime', 'Created on', 'Fecha de creación', SYSTEM);
const updatedAt = field('updatedAt', 'datetime', 'Modified on', 'Fecha de modificación', SYSTEM);
const createdById = field('createdById', 'user', 'Created by', 'Creado por', SYSTEM);
const updatedById = field('updatedById', 'user', 'Modified by', 'Modificado por', SYSTEM);
const assignedById = field('assignedById', 'user', 'Responsible person', 'Persona responsable', FIXED);

/** The fields every stored record has (ARCHITECTURE.md §3). */
const RECORD = [id, version, createdAt, updatedAt, createdById, updatedById, assignedById] as const;

const personName = [
  field('honorific', 'string', 'Salutation', 'Tratamiento'),
  field('firstName', 'string', 'First name', 'Nombre'),
  field('secondName', 'string', 'Second name', 'Segundo nombre'),
  field('lastName', 'string', 'Last name', 'Apellidos'),
] as const;

const multiFields = [
  field('phones', 'multifield', 'Phone', 'Teléfono'),
  field('emails', 'multifield', 'E-mail', 'Correo electrónico'),
  field('websites', 'multifield', 'Website', 'Sitio web'),
  field('messengers', 'multifield', 'Messenger', 'Mensajería'),
] as const;

const utm = [
  field('utmSource', 'string', 'UTM source', 'UTM source'),
  field('utmMedium', 'string', 'UTM medium', 'UTM medium'),
  field('utmCampaign', 'string', 'UTM campaign', 'UTM campaign'),
  field('utmContent', 'string', 'UTM content', 'UTM content'),
  field('utmTerm', 'string', 'UTM term', 'UTM term'),
] as const;

const address = field('address', 'address', 'Address', 'Dirección', { sortable: false });
const comments = field('comments', 'text', 'Comment', 'Comentario');
const opened = field('opened', 'boolean', 'Available to everyone', 'Disponible para todos');
const source = field('source', 'enumeration', 'Source', 'Origen');
const sourceDescription = field('sourceDescription', 'text', 'Source information', 'Información del origen');
const birthdate = field('birthdate', 'date', 'Date of birth', 'Fecha de nacimiento');
const position = field('position', 'string', 'Position', 'Cargo');
const amount = field('amount', 'money', 'Amount', 'Importe');
const taxAmount = field('taxAmount', 'money', 'Tax amount', 'Importe de impuestos');
const amountIsManual = field('amountIsManual', 'boolean', 'Amount set by hand', 'Importe introducido a mano');
const productRows = field('productRows', 'product-rows', 'Products', 'Productos', { filterable: false, exportable: false });
const closed = field('closed', 'boolean', 'Closed', 'Cerrado', SYSTEM);
const closedAt = field('closedAt', 'datetime', 'Closed on', 'Fecha de cierre', SYSTEM);
const movedAt = field('movedAt', 'datetime', 'Stage changed on', 'Fecha de cambio de etapa', SYSTEM);
const movedById = field('movedById', 'user', 'Stage changed by', 'Etapa cambiada por', SYSTEM);
const isReturnCustomer = field('isReturnCustomer', 'boolean', 'Repeat customer', 'Cliente recurrente', SYSTEM);
const leadId = field('leadId', 'link', 'Lead', 'Prospecto', {}, ['lead']);
const contactIds = field('contactIds', 'links', 'Contacts', 'Contactos', {}, ['contact']);
const companyId = field('companyId', 'link', 'Company', 'Empresa', {}, ['company']);
const dealId = field('dealId', 'link', 'Deal', 'Negociación', {}, ['deal']);
const stageId = field('stageId', 'stage', 'Stage', 'Etapa', FIXED);

const LEAD: readonly StandardField[] = [
  ...RECORD,
  field('title', 'string', 'Lead name', 'Nombre del prospecto'),
  field('status', 'stage', 'Status', 'Estado', FIXED),
  field('statusComment', 'text', 'Status comment', 'Comentario del estado'),
  source,
  sourceDescription,
  ...personName,
  birthdate,
  position,
  field('companyTitle', 'string', 'Company name', 'Nombre de la empresa'),
  ...multiFields,
  address,
  amount,
  comments,
  ...utm,
  field('contactId', 'link', 'Contact', 'Contacto', {}, ['contact']),
  companyId,
  dealId,
  opened,
  isReturnCustomer,
  movedAt,
  movedById,
  field('convertedAt', 'datetime', 'Converted on', 'Fecha de conversión', SYSTEM),
  custom,
];

const CONTACT: readonly StandardField[] = [
  ...RECORD,
  ...personName,
  position,
  birthdate,
  field('type', 'enumeration', 'Contact type', 'Tipo de contacto'),
  source,
  sourceDescription,
  field('companyIds', 'links', 'Companies', 'Empresas', {}, ['company']),
  ...multiFields,
  address,
  comments,
  opened,
  field('exportable', 'boolean', 'Included in export', 'Incluido en la exportación'),
  leadId,
  ...utm,
  custom,
];

const COMPANY: readonly StandardField[] = [
  ...RECORD,
  field('title', 'string', 'Company name', 'Nombre de la empresa', FIXED),
  field('type', 'enumeration', 'Company type', 'Tipo de empresa'),
  field('industry', 'enumeration', 'Industry', 'Sector'),
  field('employees', 'integer', 'Employees', 'Empleados'),
  field('revenue', 'money', 'Annual revenue', 'Ingresos anuales'),
  ...multiFields,
  address,
  comments,
  opened,
  leadId,
  ...utm,
  custom,
];

const DEAL: readonly StandardField[] = [
  ...RECORD,
  field('title', 'string', 'Deal name', 'Nombre de la negociación', FIXED),
  field('pipelineId', 'pipeline', 'Pipeline', 'Embudo', FIXED),
  stageId,
  field('probability', 'integer', 'Probability, %', 'Probabilidad, %'),
  field('probabilityIsManual', 'boolean', 'Probability set by hand', 'Probabilidad introducida a mano'),
  amount,
  taxAmount,
  amountIsManual,
  contactIds,
  companyId,
  leadId,
  field('expectedCloseDate', 'date', 'Expected close date', 'Fecha prevista de cierre'),
  closed,
  closedAt,
  field('lossReasonId', 'enumeration', 'Loss reason', 'Motivo de pérdida'),
  field('type', 'enumeration', 'Deal type', 'Tipo de negociación'),
  source,
  sourceDescription,
  productRows,
  isReturnCustomer,
  field('isRepeatedApproach', 'boolean', 'Repeated approach', 'Nuevo intento', SYSTEM),
  movedAt,
  movedById,
  field('lastActivityAt', 'datetime', 'Last activity', 'Última actividad', SYSTEM),
  comments,
  opened,
  ...utm,
  custom,
];

const ACTIVITY: readonly StandardField[] = [
  ...RECORD,
  field('type', 'enumeration', 'Activity type', 'Tipo de actividad', FIXED),
  field('subject', 'string', 'Subject', 'Asunto', FIXED),
  field('description', 'text', 'Description', 'Descripción'),
  field('direction', 'enumeration', 'Direction', 'Dirección'),
  field('startAt', 'datetime', 'Start', 'Inicio'),
  field('endAt', 'datetime', 'End', 'Fin'),
  field('deadlineAt', 'datetime', 'Deadline', 'Fecha límite'),
  field('completed', 'boolean', 'Completed', 'Completada'),
  field('completedAt', 'datetime', 'Completed on', 'Fecha de finalización', SYSTEM),
  field('location', 'string', 'Location', 'Lugar'),
  field('bindings', 'bindings', 'Linked to', 'Vinculada a', { exportable: false }, ['lead', 'contact', 'company', 'deal', 'quote', 'invoice']),
  field('communications', 'multifield', 'Communications', 'Comunicaciones', { exportable: false }),
  custom,
];

// Invoices and quotes share their fields but for the date that closes them.
function documentFields(kind: 'invoice' | 'quote'): readonly StandardField[] {
  const isInvoice = kind === 'invoice';
  return [
    ...RECORD,
    field('number', 'string', isInvoice ? 'Invoice number' : 'Quote number', isInvoice ? 'Número de factura' : 'Número de presupuesto'),
    isInvoice ? field('title', 'string', 'Invoice name', 'Nombre de la factura') : field('title', 'string', 'Quote name', 'Nombre del presupuesto'),
    stageId,
    field('issueDate', 'date', 'Date issued', 'Fecha de emisión'),
    isInvoice ? field('dueDate', 'date', 'Due date', 'Fecha de vencimiento') : field('dueDate', 'date', 'Valid until', 'Válido hasta'),
    isInvoice ? field('paidDate', 'date', 'Date paid', 'Fecha de pago') : field('acceptedDate', 'date', 'Date accepted', 'Fecha de aceptación'),
    amount,
    taxAmount,
    amountIsManual,
    productRows,
    dealId,
    contactIds,
    companyId,
    closed,
    closedAt,
    movedAt,
    movedById,
    comments,
    opened,
    custom,
  ];
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
 * UIs read it; the stored form of each entity has exactly these keys. Deeply frozen.
 *
 * @example
 * ```ts
 * STANDARD_FIELDS.deal.find((f) => f.code === 'stageId')?.labels; //=> { en: 'Stage', es: 'Etapa' }
 * STANDARD_FIELDS.contact.find((f) => f.code === 'phones')?.multiple; //=> true
 * Object.isFrozen(STANDARD_FIELDS.lead[0]); //=> true
 * ```
 */
export const STANDARD_FIELDS: Readonly<Record<EntityType, readonly StandardField[]>> = deepFreeze({
  lead: LEAD,
  contact: CONTACT,
  company: COMPANY,
  deal: DEAL,
  activity: ACTIVITY,
  invoice: documentFields('invoice'),
  quote: documentFields('quote'),
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
