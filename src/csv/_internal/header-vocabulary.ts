// The headers people's files carry for each field, in English and Spanish: what `suggestMapping`
// tries after a field's code and labels. Headers are compared by `headerKey`, so one spelling per
// wording is enough ("E-mail", "e mail" and "EMAIL" are one key); accents, case and punctuation
// never need a variant here.

import type { EntityType } from '../../fields/index.js';
import { foldText, invalidArgument, LimitError, LIMITS } from '../../kernel/index.js';
import type { AddressPart, ColumnTarget, MultiFieldCode, ReferenceBy } from '../mapping.js';

/** The longest header accepted, in characters after folding. */
export const MAX_HEADER_LENGTH = 1_000;

const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const LETTER_DIGIT = /(\p{L})(\p{N})/gu;
const DIGIT_LETTER = /(\p{N})(\p{L})/gu;

/**
 * A folded text (`foldText`) with every run of punctuation a single space and digits apart from
 * letters. Numbered headers are parsed in this form.
 *
 * @param folded - Text already folded by `foldText`.
 * @returns The spaced form.
 *
 * @example
 * ```ts
 * spacedFromFolded(foldText('E-mail2 (Work)')); //=> 'e mail 2 work'
 * ```
 */
export function spacedFromFolded(folded: string): string {
  return folded.replace(NOT_WORD, ' ').replace(LETTER_DIGIT, '$1 $2').replace(DIGIT_LETTER, '$1 $2').trim();
}

/**
 * The form headers and names are compared in: letters and digits only, folded.
 *
 * @param spaced - A spaced form ({@link spacedFromFolded}).
 * @returns The key.
 *
 * @example
 * ```ts
 * keyFromSpaced('e mail 2 work'); //=> 'email2work'
 * ```
 */
export function keyFromSpaced(spaced: string): string {
  return spaced.replaceAll(' ', '');
}

/**
 * The comparison key of a header, or of a name from the vocabulary, a label or a code.
 *
 * @param text - Any text.
 * @returns Its key: `'E-mail'`, `'e mail'` and `'EMAIL'` share one.
 * @throws ValidationError `INVALID_ARGUMENT` when `text` is not a string.
 *
 * @example
 * ```ts
 * headerKey('  Teléfono (móvil) '); //=> 'telefonomovil'
 * headerKey('__proto__'); //=> 'proto'
 * ```
 */
export function headerKey(text: string): string {
  return keyFromSpaced(spacedFromFolded(foldText(text)));
}

/** One header of a file in the forms the matching reads. */
export interface HeaderForms {
  /** Trimmed, as the mapping reports it. */
  readonly header: string;
  /** Folded, punctuation squeezed, digits apart from letters. */
  readonly spaced: string;
  /** `spaced` without spaces: the lookup key. */
  readonly key: string;
}

/**
 * Checks a list of headers and folds each one.
 *
 * @param headers - A file's header row, as the caller gave it.
 * @returns Each header's forms, in column order.
 * @throws LimitError `LIMIT_EXCEEDED` (`LIMITS.listItems`) for more than 1000 headers;
 * ValidationError `INVALID_ARGUMENT` for a list that is not of strings, or a header longer than
 * {@link MAX_HEADER_LENGTH} once folded (no limit in `LIMITS` is about headers).
 *
 * @example
 * ```ts
 * readHeaders([' E-mail ']); //=> [{ header: 'E-mail', spaced: 'e mail', key: 'email' }]
 * ```
 */
export function readHeaders(headers: unknown): readonly HeaderForms[] {
  if (!Array.isArray(headers)) throw invalidArgument('headers is a list of strings.');
  if (headers.length > LIMITS.listItems) throw new LimitError('listItems', 'The list of headers');
  return headers.map((header: unknown, column) => {
    if (typeof header !== 'string') throw invalidArgument(`The header of column ${column} is not a string.`);
    const folded = foldText(header);
    if (folded.length > MAX_HEADER_LENGTH) throw invalidArgument(`The header of column ${column} is longer than ${MAX_HEADER_LENGTH} characters.`);
    const spaced = spacedFromFolded(folded);
    return { header: header.trim(), spaced, key: keyFromSpaced(spaced) };
  });
}

/** Header names that mean one target, for some entity types or for every type that has it. */
export interface HeaderSynonym {
  readonly names: readonly string[];
  readonly target: ColumnTarget;
  /** Only in files of these entity types; every type whose fields hold the target when left out. */
  readonly entityTypes?: readonly EntityType[] | undefined;
}

/** The kind a multi-field column of no stated kind fills ("Phone", "E-mail"). */
export const DEFAULT_VALUE_KINDS: Readonly<Record<MultiFieldCode, string>> = {
  phones: 'work',
  emails: 'work',
  websites: 'work',
  // A messenger has no "work" kind; the service is rarely in the header of a generic column.
  messengers: 'other',
};

/**
 * Base words of numbered multi-field columns ("Phone 1 - Value", "E-mail 2 Address"), by key.
 */
export const MULTI_FIELD_BASES: ReadonlyMap<string, MultiFieldCode> = /* @__PURE__ */ keyedMap<MultiFieldCode>([
  ['phones', ['Phone', 'Phones', 'Telephone', 'Tel', 'Phone number', 'Teléfono', 'Teléfonos', 'Número de teléfono']],
  ['emails', ['E-mail', 'E-mails', 'Mail', 'E-mail address', 'Correo', 'Correo electrónico', 'Correos electrónicos']],
  ['websites', ['Website', 'Websites', 'Web', 'Web page', 'URL', 'Sitio web', 'Página web']],
  ['messengers', ['IM', 'Messenger', 'Messengers', 'Mensajería', 'Chat']],
]);

/** The part of a numbered multi-field item a column holds, by the key of the header's tail. */
export const ITEM_PARTS: ReadonlyMap<string, 'value' | 'kind'> = /* @__PURE__ */ keyedMap<'value' | 'kind'>([
  // Outlook's "E-mail 2 Address" holds the value.
  ['value', ['Value', 'Address', 'Number', 'Valor', 'Dirección', 'Número']],
  // Google writes "Type" in older files and "Label" in newer ones; IM items name their service.
  ['kind', ['Type', 'Label', 'Kind', 'Service', 'Tipo', 'Etiqueta', 'Servicio', 'Clase']],
]);

/** Base words of numbered address columns ("Address 1 - City"), by key. */
export const ADDRESS_BASES: ReadonlySet<string> = /* @__PURE__ */ keyedSet(['Address', 'Addresses', 'Dirección', 'Domicilio']);

function keyedSet(names: readonly string[]): ReadonlySet<string> {
  return new Set(names.map(headerKey));
}

function keyedMap<V>(groups: readonly (readonly [V, readonly string[]])[]): ReadonlyMap<string, V> {
  return new Map(groups.flatMap(([value, names]) => names.map((name) => [headerKey(name), value] as const)));
}

const PEOPLE: readonly EntityType[] = ['lead', 'contact'];
const DOCUMENTS: readonly EntityType[] = ['invoice', 'quote'];
const SALES: readonly EntityType[] = ['deal', 'invoice', 'quote'];

function field(code: string): ColumnTarget {
  return { kind: 'field', field: code };
}

function reference(code: string, by: ReferenceBy): ColumnTarget {
  return { kind: 'reference', field: code, by };
}

/** The record of one entity type an activity is bound to. */
function binding(entityType: EntityType, by: ReferenceBy): ColumnTarget {
  return { kind: 'reference', field: 'bindings', by, entityType };
}

function address(part: AddressPart): ColumnTarget {
  return { kind: 'address', part };
}

function entry(target: ColumnTarget, names: readonly string[], entityTypes?: readonly EntityType[]): HeaderSynonym {
  return entityTypes === undefined ? { names, target } : { names, target, entityTypes };
}

// A company named in a row: the words are the same in every file, the target depends on the
// entity type (a contact links to companies, a deal to one, a lead keeps the name as text).
const COMPANY_WORDS = [
  'Company', 'Company name', 'Organization', 'Organisation', 'Organization name', 'Account', 'Account name', 'Business name',
  'Associated company', 'Empresa', 'Nombre de la empresa', 'Razón social', 'Organización', 'Cuenta', 'Nombre comercial',
];
const COMPANY_ID_WORDS = ['Company ID', 'Company external ID', 'Organization ID', 'Account ID', 'ID de la empresa', 'ID empresa'];
const CONTACT_WORDS = ['Contact', 'Contact name', 'Contact person', 'Contacto', 'Nombre del contacto', 'Persona de contacto'];
const CONTACT_ID_WORDS = ['Contact ID', 'Contact external ID', 'ID del contacto', 'ID de contacto'];
const DEAL_WORDS = ['Deal', 'Deal name', 'Opportunity', 'Negociación', 'Negocio', 'Oportunidad', 'Trato'];
const DEAL_ID_WORDS = ['Deal ID', 'Opportunity ID', 'ID de la negociación', 'ID del negocio', 'ID de la oportunidad'];
const LEAD_ID_WORDS = ['Lead ID', 'ID del prospecto', 'ID del lead'];
const CURRENCY_WORDS = ['Currency', 'Currency code', 'Moneda', 'Divisa', 'Código de moneda'];

function buildSynonyms(): readonly HeaderSynonym[] {
  return [
    // The id a record had in the file's source: this CRM's ids are never imported.
    entry(field('externalId'), ['ID', 'Record ID', 'External ID', 'ID externo', 'Identificador', 'Identificador externo', 'Source ID', 'Legacy ID', 'Código externo']),
    entry(field('externalId'), ['Contact ID', 'ID de contacto', 'ID del contacto'], ['contact']),
    entry(field('externalId'), ['Company ID', 'ID de la empresa', 'ID empresa'], ['company']),
    entry(field('externalId'), DEAL_ID_WORDS, ['deal']),
    entry(field('externalId'), LEAD_ID_WORDS, ['lead']),
    entry(field('externalId'), ['Activity ID', 'ID de la actividad'], ['activity']),

    // Names.
    entry({ kind: 'fullName' }, ['Name', 'Full name', 'Display name', 'Contact name', 'Nombre completo', 'Nombre y apellidos', 'Nombre del contacto'], PEOPLE),
    entry(field('title'), ['Name', 'Title', 'Título', 'Nombre', ...COMPANY_WORDS], ['company']),
    entry(field('title'), ['Name', 'Title', 'Deal title', 'Opportunity name', 'Título', 'Nombre', 'Nombre del negocio', 'Nombre del trato', 'Nombre de la oportunidad', ...DEAL_WORDS], ['deal']),
    entry(field('title'), ['Title', 'Lead', 'Lead title', 'Título', 'Prospecto', 'Nombre del lead'], ['lead']),
    entry(field('title'), ['Name', 'Title', 'Nombre', 'Título'], DOCUMENTS),
    entry(field('subject'), ['Title', 'Name', 'Título', 'Nombre', 'Tema'], ['activity']),
    entry(field('firstName'), ['First', 'First name', 'Given name', 'Forename', 'Nombre de pila', 'Nombres', 'Primer nombre']),
    entry(field('lastName'), ['Last', 'Last name', 'Surname', 'Family name', 'Apellido', 'Apellidos', 'Primer apellido', 'Apellido paterno']),
    entry(field('secondName'), ['Middle', 'Middle name', 'Additional name', 'Second name', 'Segundo nombre']),
    entry(field('honorific'), ['Salutation', 'Prefix', 'Name prefix', 'Honorific', 'Tratamiento', 'Saludo', 'Título de cortesía']),
    entry(field('position'), ['Job title', 'Job', 'Job position', 'Position', 'Occupation', 'Profession', 'Designation', 'Organization title', 'Puesto', 'Puesto de trabajo', 'Cargo', 'Ocupación', 'Profesión']),
    entry(field('birthdate'), ['Birthday', 'Birth date', 'Birthdate', 'Date of birth', 'DOB', 'Fecha de nacimiento', 'Fecha nacimiento', 'Cumpleaños', 'Nacimiento']),

    // Links named in a row.
    entry(field('companyTitle'), COMPANY_WORDS, ['lead']),
    entry(reference('companyIds', 'name'), COMPANY_WORDS, ['contact']),
    entry(reference('companyId', 'name'), COMPANY_WORDS, SALES),
    entry(reference('companyIds', 'externalId'), COMPANY_ID_WORDS, ['contact']),
    entry(reference('companyId', 'externalId'), COMPANY_ID_WORDS, ['lead', ...SALES]),
    entry(reference('contactIds', 'name'), CONTACT_WORDS, SALES),
    entry(reference('contactId', 'name'), CONTACT_WORDS, ['lead']),
    entry(reference('contactIds', 'externalId'), CONTACT_ID_WORDS, SALES),
    entry(reference('contactId', 'externalId'), CONTACT_ID_WORDS, ['lead']),
    entry(reference('contactIds', 'email'), ['Contact e-mail', 'Contact e-mail address', 'E-mail del contacto', 'Correo del contacto', 'Correo electrónico del contacto'], SALES),
    entry(reference('contactIds', 'phone'), ['Contact phone', 'Contact phone number', 'Teléfono del contacto'], SALES),
    entry(reference('dealId', 'name'), DEAL_WORDS, ['lead', ...DOCUMENTS]),
    entry(reference('dealId', 'externalId'), DEAL_ID_WORDS, ['lead', ...DOCUMENTS]),
    entry(reference('leadId', 'externalId'), LEAD_ID_WORDS, ['contact', 'company', 'deal']),
    // The records an activity is bound to.
    entry(binding('contact', 'name'), CONTACT_WORDS, ['activity']),
    entry(binding('contact', 'externalId'), CONTACT_ID_WORDS, ['activity']),
    entry(binding('contact', 'email'), ['Contact e-mail', 'Contact e-mail address', 'E-mail del contacto', 'Correo del contacto', 'Correo electrónico del contacto'], ['activity']),
    entry(binding('contact', 'phone'), ['Contact phone', 'Contact phone number', 'Teléfono del contacto'], ['activity']),
    entry(binding('company', 'name'), COMPANY_WORDS, ['activity']),
    entry(binding('company', 'externalId'), COMPANY_ID_WORDS, ['activity']),
    entry(binding('deal', 'name'), DEAL_WORDS, ['activity']),
    entry(binding('deal', 'externalId'), DEAL_ID_WORDS, ['activity']),
    entry(binding('lead', 'name'), ['Lead', 'Lead name', 'Prospecto', 'Nombre del prospecto'], ['activity']),
    entry(binding('lead', 'externalId'), LEAD_ID_WORDS, ['activity']),

    // What every party and deal has.
    entry(field('assignedById'), [
      'Responsible', 'Responsible person', 'Responsible user', 'Owner', 'Contact owner', 'Company owner', 'Deal owner', 'Lead owner', 'Account owner',
      'Record owner', 'Assigned to', 'Assignee', 'Sales rep', 'Salesperson', 'Responsable', 'Persona responsable', 'Asignado a', 'Propietario', 'Comercial', 'Vendedor',
    ]),
    entry(field('description'), ['Notes', 'Note', 'Description', 'Comments', 'Comment', 'Body', 'Notas', 'Nota', 'Descripción', 'Comentarios', 'Comentario'], ['activity']),
    entry(field('comments'), ['Notes', 'Note', 'Comments', 'Comment', 'Remarks', 'Description', 'Notas', 'Nota', 'Comentarios', 'Comentario', 'Observaciones', 'Observación', 'Descripción']),
    entry(field('source'), ['Source', 'Lead source', 'Contact source', 'Deal source', 'Origin', 'Channel', 'Origen', 'Fuente', 'Canal', 'Canal de origen', 'Procedencia']),
    entry(field('sourceDescription'), ['Source details', 'Source description', 'Source information', 'Información del origen', 'Detalles del origen', 'Descripción del origen']),
    entry(field('type'), ['Type', 'Tipo'], ['contact', 'company', 'deal', 'activity']),
    entry(field('opened'), ['Available to everyone', 'Public', 'Shared', 'Disponible para todos', 'Público', 'Compartido']),
    entry(field('exportable'), ['Included in export', 'Export', 'Exportar', 'Incluido en la exportación']),
    entry(field('utmCampaign'), ['Campaign', 'Campaña']),

    // Companies.
    entry(field('industry'), ['Industry', 'Sector', 'Industria', 'Actividad', 'Sector de actividad', 'Vertical']),
    entry(field('employees'), ['Employees', 'Number of employees', 'No. of employees', 'Employee count', 'Headcount', 'Empleados', 'Número de empleados', 'Nº de empleados', 'Nº empleados', 'Plantilla', 'Trabajadores']),
    entry(field('revenue'), ['Revenue', 'Annual revenue', 'Turnover', 'Annual turnover', 'Ingresos', 'Ingresos anuales', 'Facturación', 'Facturación anual', 'Volumen de negocio']),

    // Money: the amount, and the currency of the amount (of the revenue in a company's file).
    entry(field('amount'), ['Amount', 'Value', 'Deal value', 'Deal amount', 'Opportunity amount', 'Total', 'Total amount', 'Sum', 'Income', 'Importe', 'Valor', 'Monto', 'Importe total', 'Suma']),
    entry({ kind: 'currency', field: 'amount' }, [...CURRENCY_WORDS, 'Amount currency', 'Deal currency', 'Moneda del importe']),
    entry({ kind: 'currency', field: 'revenue' }, [...CURRENCY_WORDS, 'Revenue currency', 'Moneda de los ingresos'], ['company']),
    entry(field('taxAmount'), ['Tax', 'Tax amount', 'VAT', 'Sales tax', 'Impuesto', 'Impuestos', 'IVA', 'Importe del impuesto']),

    // Stages and pipelines.
    entry(field('stageId'), ['Stage', 'Deal stage', 'Pipeline stage', 'Status', 'Etapa', 'Fase', 'Estado', 'Etapa del negocio'], SALES),
    entry(field('status'), ['Stage', 'Lead status', 'Lead stage', 'Etapa', 'Fase', 'Estado del prospecto', 'Estado del lead'], ['lead']),
    entry(field('probability'), ['Probability', 'Win probability', 'Probabilidad', 'Probabilidad de éxito']),
    entry(field('expectedCloseDate'), [
      'Close date', 'Closing date', 'Expected close date', 'Expected closing date', 'Estimated close date',
      'Fecha de cierre', 'Fecha cierre', 'Fecha de cierre prevista', 'Fecha prevista de cierre', 'Fecha estimada de cierre',
    ]),
    entry(field('lossReasonId'), ['Loss reason', 'Lost reason', 'Closed lost reason', 'Motivo de pérdida', 'Razón de pérdida']),

    // The address, part by part.
    entry(address('street'), [
      'Street', 'Street 1', 'Street address', 'Address', 'Address line 1', 'Business street', 'Mailing street', 'Billing street', 'Street, building',
      'Calle', 'Calle y número', 'Dirección', 'Dirección 1', 'Dirección postal', 'Domicilio', 'Línea de dirección 1',
    ]),
    entry(address('street2'), [
      'Street 2', 'Address line 2', 'Address 2', 'Address (line 2)', 'Extended address', 'Apartment', 'Suite', 'Business street 2',
      'Dirección 2', 'Dirección (línea 2)', 'Línea de dirección 2', 'Piso', 'Piso y puerta',
    ]),
    entry(address('city'), ['City', 'Town', 'Municipality', 'Business city', 'Mailing city', 'Billing city', 'Ciudad', 'Localidad', 'Población', 'Municipio']),
    entry(address('region'), [
      'Province', 'State', 'Region', 'County', 'State/Province', 'State/Region', 'Business state', 'Mailing state', 'Billing state',
      'Provincia', 'Región', 'Estado', 'Estado/Provincia', 'Comunidad autónoma',
    ]),
    entry(address('postalCode'), [
      'Postal code', 'Post code', 'Postcode', 'ZIP', 'ZIP code', 'ZIP/Postal code', 'Business postal code', 'Mailing ZIP', 'Billing ZIP',
      'Código postal', 'CP', 'Cód. postal',
    ]),
    entry(address('countryCode'), [
      'Country', 'Country/Region', 'Country code', 'Nation', 'Business country', 'Business country/region', 'Mailing country', 'Billing country',
      'País', 'Código de país', 'Código del país', 'Nación',
    ]),

    // Activities.
    entry(field('startAt'), ['Start', 'Start date', 'Start time', 'Starts', 'Begin', 'Date', 'Fecha', 'Inicio', 'Fecha de inicio', 'Hora de inicio', 'Comienzo'], ['activity']),
    entry(field('endAt'), ['End', 'End date', 'End time', 'Ends', 'Fin', 'Fecha de fin', 'Hora de fin'], ['activity']),
    entry(field('deadlineAt'), ['Deadline', 'Due', 'Due date', 'Fecha límite', 'Vencimiento', 'Fecha de vencimiento'], ['activity']),
    entry(field('completed'), ['Completed', 'Done', 'Completada', 'Completado', 'Realizada', 'Hecho', 'Finalizada'], ['activity']),
    entry(field('location'), ['Location', 'Place', 'Where', 'Lugar', 'Ubicación']),
    entry(field('direction'), ['Direction', 'Dirección']),

    // Invoices and quotes.
    entry(field('number'), ['Number', 'No.', 'Invoice number', 'Invoice No.', 'Invoice #', 'Número', 'Nº', 'Número de factura', 'Nº de factura', 'Nº factura', 'Factura'], ['invoice']),
    entry(field('number'), ['Number', 'No.', 'Quote number', 'Quote No.', 'Quotation number', 'Número', 'Nº', 'Número de presupuesto', 'Nº de presupuesto', 'Presupuesto'], ['quote']),
    entry(field('issueDate'), ['Date', 'Issue date', 'Date issued', 'Invoice date', 'Quote date', 'Fecha', 'Fecha de emisión', 'Fecha de factura', 'Fecha del presupuesto']),
    entry(field('dueDate'), ['Due date', 'Due', 'Payment due', 'Fecha de vencimiento', 'Vencimiento'], ['invoice']),
    entry(field('dueDate'), ['Valid until', 'Expiry date', 'Expiration date', 'Válido hasta', 'Fecha de validez', 'Validez'], ['quote']),
    entry(field('paidDate'), ['Date paid', 'Paid date', 'Payment date', 'Paid on', 'Fecha de pago', 'Pagada el']),
    entry(field('acceptedDate'), ['Date accepted', 'Accepted on', 'Fecha de aceptación']),

    ...buildMultiFieldSynonyms(),
  ];
}

interface MultiFieldWords {
  readonly field: MultiFieldCode;
  /** The field's own words: alone they mean an item of the default kind. */
  readonly bases: readonly string[];
  /** Words that mean the field only beside a kind word ("Personal page", "Página personal"). */
  readonly withKind?: readonly string[];
  /** Words that say the kind, before or after a base ("Work Phone", "Teléfono del trabajo"). */
  readonly kinds: readonly (readonly [string, readonly string[]])[];
  /** Words that say both the field and the kind ("Mobile", "Fax", "LinkedIn"). */
  readonly alone: readonly (readonly [string, readonly string[]])[];
}

const MULTI_FIELD_WORDS: readonly MultiFieldWords[] = [
  {
    field: 'phones',
    bases: [
      'Phone', 'Telephone', 'Tel', 'Phone number', 'Telephone number', 'Main phone', 'Primary phone',
      'Teléfono', 'Tfno', 'Telf', 'Número de teléfono', 'Teléfono principal',
    ],
    kinds: [
      ['work', ['Work', 'Business', 'Office', 'Company', 'Trabajo', 'Del trabajo', 'De trabajo', 'Oficina', 'Laboral', 'De la empresa']],
      ['mobile', ['Mobile', 'Cell', 'Cellular', 'Móvil', 'Celular']],
      ['home', ['Home', 'Personal', 'Private', 'Particular', 'De casa', 'Casa']],
      ['fax', ['Fax']],
      ['pager', ['Pager', 'Buscapersonas']],
      ['other', ['Other', 'Otro']],
    ],
    alone: [
      ['mobile', ['Mobile', 'Cell', 'Móvil', 'Celular', 'Mobile number', 'Personal mobile', 'Work mobile', 'Número de móvil', 'Móvil personal', 'Móvil de trabajo', 'Móvil del trabajo']],
      ['fax', ['Fax', 'Fax number', 'Número de fax', 'Business fax', 'Work fax', 'Home fax', 'Other fax', 'Fax del trabajo']],
      ['pager', ['Pager', 'Buscapersonas']],
    ],
  },
  {
    field: 'emails',
    bases: ['E-mail', 'Mail', 'E-mail address', 'Correo', 'Correo electrónico', 'Dirección de correo', 'Dirección de correo electrónico'],
    kinds: [
      ['work', ['Work', 'Business', 'Office', 'Company', 'Trabajo', 'Del trabajo', 'De trabajo', 'Corporativo', 'Laboral']],
      ['home', ['Home', 'Personal', 'Private', 'Particular']],
      ['mailing', ['Newsletter', 'Mailing', 'Para boletines', 'Boletín']],
      ['other', ['Other', 'Otro']],
    ],
    alone: [],
  },
  {
    field: 'websites',
    bases: ['Website', 'Web site', 'Web', 'Web page', 'Homepage', 'URL', 'Website URL', 'Sitio web', 'Página web'],
    withKind: ['Page', 'Página', 'Site', 'Sitio'],
    kinds: [
      ['work', ['Corporate', 'Company', 'Business', 'Work', 'Corporativo', 'Corporativa', 'De la empresa']],
      ['home', ['Personal', 'Home', 'Private', 'Particular']],
      ['facebook', ['Facebook']],
      ['instagram', ['Instagram']],
      ['linkedin', ['LinkedIn']],
      ['twitter', ['Twitter']],
      ['vk', ['VK', 'VKontakte']],
      ['other', ['Other', 'Otro', 'Otra']],
    ],
    alone: [
      ['facebook', ['Facebook']],
      ['instagram', ['Instagram']],
      ['linkedin', ['LinkedIn']],
      ['twitter', ['Twitter']],
    ],
  },
  {
    field: 'messengers',
    bases: ['Messenger', 'IM', 'Instant messenger', 'Mensajería', 'Mensajería instantánea'],
    kinds: [
      ['telegram', ['Telegram']],
      ['whatsapp', ['WhatsApp']],
      ['viber', ['Viber']],
      ['skype', ['Skype']],
      ['facebook', ['Facebook']],
      ['other', ['Other', 'Otro', 'Otra']],
    ],
    alone: [
      ['telegram', ['Telegram']],
      ['whatsapp', ['WhatsApp']],
      ['viber', ['Viber']],
      ['signal', ['Signal']],
      ['skype', ['Skype']],
      ['wechat', ['WeChat']],
    ],
  },
];

// "Work Phone", "Phone (work)", "Teléfono del trabajo": a base and a kind word, in either order.
function buildMultiFieldSynonyms(): readonly HeaderSynonym[] {
  return MULTI_FIELD_WORDS.flatMap(({ field: code, bases, withKind = [], kinds, alone }) => [
    entry({ kind: 'multiField', field: code, valueKind: DEFAULT_VALUE_KINDS[code] }, bases),
    ...alone.map(([valueKind, words]) => entry({ kind: 'multiField', field: code, valueKind }, words)),
    ...kinds.map(([valueKind, words]) =>
      entry(
        { kind: 'multiField', field: code, valueKind },
        words.flatMap((word) => [...bases, ...withKind].flatMap((base) => [`${word} ${base}`, `${base} ${word}`])),
      ),
    ),
  ]);
}

/**
 * Headers files often carry that no field holds. They are known words, not misspellings, so no
 * near-miss is looked for them: "Lead score" is not "Lead source", nor "CIF" "City".
 */
export const UNMAPPED_HEADERS: readonly string[] = [
  'Gender', 'Sex', 'Género', 'Sexo', 'Age', 'Edad', 'Nickname', 'Apodo', 'Photo', 'Picture', 'Avatar', 'Foto', 'Imagen',
  'Tags', 'Labels', 'Categories', 'Category', 'Group', 'Groups', 'Etiquetas', 'Categorías', 'Categoría', 'Grupo', 'Grupos',
  'Language', 'Idioma', 'Time zone', 'Timezone', 'Zona horaria', 'Marital status', 'Estado civil', 'Spouse', 'Cónyuge', 'Children', 'Hijos',
  'Tax ID', 'VAT number', 'VAT ID', 'NIF', 'CIF', 'DNI', 'NIE', 'RFC', 'CUIT', 'Customer number', 'Client number', 'Número de cliente', 'Código de cliente',
  'Score', 'Lead score', 'Rating', 'Puntuación', 'Segment', 'Segmento', 'Team', 'Equipo', 'Department', 'Departamento',
  'Latitude', 'Longitude', 'Latitud', 'Longitud', 'Created', 'Modified', 'Updated', 'Created by', 'Modified by', 'Date created', 'Date modified',
  'Last modified', 'Last activity', 'Last activity date', 'Creado', 'Modificado', 'Creado por', 'Modificado por', 'Fecha de alta', 'Fecha de baja',
  'Última actividad', 'Última modificación',
  // The pipeline of imported deals is chosen for the whole import, never read from a column.
  'Pipeline', 'Sales pipeline', 'Pipeline name', 'Funnel', 'Sales funnel', 'Embudo', 'Embudo de ventas',
];

/**
 * Every synonym, in the order they are tried: the first entry that holds a key for the file's
 * entity type, and whose target the person may write, wins.
 */
export const HEADER_SYNONYMS: readonly HeaderSynonym[] = /* @__PURE__ */ buildSynonyms();
