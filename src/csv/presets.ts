import type { EntityType } from '../fields/index.js';
import { headerKey, readHeaders } from './_internal/header-vocabulary.js';
import type { CsvEncoding } from './encoding.js';
import type { AddressPart, ColumnTarget, MultiFieldCode, ReferenceBy } from './mapping.js';
import type { CsvDelimiter } from './read-csv.js';
import type { DateFormat } from './read-rows.js';

/**
 * The products whose CSV exports crm-kit recognises by their headers.
 */
export type CsvPresetName = 'google-contacts' | 'outlook' | 'bitrix24-en' | 'bitrix24-es' | 'hubspot';

/**
 * One header a product writes and what it fills. A header that means different things in the
 * product's files of different entity types ("Company" on a contact, on a deal) names the
 * `entityTypes` it is for.
 */
export interface CsvPresetColumn {
  readonly header: string;
  readonly target: ColumnTarget;
  /** Only in files of these entity types; in every file of the preset when left out. */
  readonly entityTypes?: readonly EntityType[] | undefined;
}

/**
 * What one product's CSV export looks like: the headers it writes and what each fills, and the
 * dialect of its files where the product fixes it (left out where it depends on the exporting
 * person's locale or settings, so that the file is sniffed instead). Columns the product writes
 * but no field holds, and read-only columns such as creation dates, are `{ kind: 'ignore' }`:
 * recognised, kept in the rejected-rows file, not imported.
 */
export interface CsvPreset {
  readonly name: CsvPresetName;
  /** The product's name, for a person choosing a preset. */
  readonly label: string;
  /** The entity types the product exports files of. */
  readonly entityTypes: readonly EntityType[];
  readonly columns: readonly CsvPresetColumn[];
  /** How the product writes dates. */
  readonly dateFormat?: DateFormat | undefined;
  readonly delimiter?: CsvDelimiter | undefined;
  readonly encoding?: CsvEncoding | undefined;
}

const IGNORE: ColumnTarget = { kind: 'ignore' };

function field(code: string): ColumnTarget {
  return { kind: 'field', field: code };
}

function reference(code: string, by: ReferenceBy): ColumnTarget {
  return { kind: 'reference', field: code, by };
}

function address(part: AddressPart): ColumnTarget {
  return { kind: 'address', part };
}

function multi(code: MultiFieldCode, valueKind: string): ColumnTarget {
  return { kind: 'multiField', field: code, valueKind };
}

function item(code: MultiFieldCode, index: number, part: 'value' | 'kind'): ColumnTarget {
  return { kind: 'multiField', field: code, item: index, part };
}

type Row = readonly [header: string, target: ColumnTarget];

function rows(list: readonly Row[], entityTypes?: readonly EntityType[]): readonly CsvPresetColumn[] {
  return list.map(([header, target]) => (entityTypes === undefined ? { header, target } : { header, target, entityTypes }));
}

/**
 * "E-mail 1 - Value" and its kind, for items 1 to `count`: Google writes the kind as "Type" in
 * files exported before 2023 and as "Label" since.
 */
function numbered(base: string, code: MultiFieldCode, count: number): readonly Row[] {
  return Array.from({ length: count }, (_, index): Row[] => [
    [`${base} ${index + 1} - Type`, item(code, index + 1, 'kind')],
    [`${base} ${index + 1} - Label`, item(code, index + 1, 'kind')],
    [`${base} ${index + 1} - Value`, item(code, index + 1, 'value')],
  ]).flat();
}

function googleContacts(): CsvPreset {
  return {
    name: 'google-contacts',
    label: 'Google Contacts',
    entityTypes: ['contact'],
    dateFormat: 'YYYY-MM-DD',
    delimiter: ',',
    encoding: 'utf-8',
    columns: rows([
      // Files exported since 2023.
      ['First Name', field('firstName')],
      ['Middle Name', field('secondName')],
      ['Last Name', field('lastName')],
      ['Phonetic First Name', IGNORE],
      ['Phonetic Middle Name', IGNORE],
      ['Phonetic Last Name', IGNORE],
      ['Name Prefix', field('honorific')],
      ['Name Suffix', IGNORE],
      ['Nickname', IGNORE],
      ['File As', IGNORE],
      ['Organization Name', reference('companyIds', 'name')],
      ['Organization Title', field('position')],
      ['Organization Department', IGNORE],
      ['Birthday', field('birthdate')],
      ['Notes', field('comments')],
      ['Photo', IGNORE],
      ['Labels', IGNORE],
      ...numbered('E-mail', 'emails', 3),
      ...numbered('Phone', 'phones', 3),
      ...numbered('Website', 'websites', 2),
      // One address per record: the first; "Formatted" repeats its parts on one line.
      ['Address 1 - Label', IGNORE],
      ['Address 1 - Formatted', IGNORE],
      ['Address 1 - Street', address('street')],
      ['Address 1 - City', address('city')],
      ['Address 1 - PO Box', IGNORE],
      ['Address 1 - Region', address('region')],
      ['Address 1 - Postal Code', address('postalCode')],
      ['Address 1 - Country', address('countryCode')],
      ['Address 1 - Extended Address', address('street2')],
      // Files exported before 2023: "Name" is made of the parts that follow it, which are imported instead.
      ['Name', IGNORE],
      ['Given Name', field('firstName')],
      ['Additional Name', field('secondName')],
      ['Family Name', field('lastName')],
      ['Yomi Name', IGNORE],
      ['Given Name Yomi', IGNORE],
      ['Additional Name Yomi', IGNORE],
      ['Family Name Yomi', IGNORE],
      ['Initials', IGNORE],
      ['Short Name', IGNORE],
      ['Maiden Name', IGNORE],
      ['Gender', IGNORE],
      ['Location', IGNORE],
      ['Billing Information', IGNORE],
      ['Directory Server', IGNORE],
      ['Mileage', IGNORE],
      ['Occupation', IGNORE],
      ['Hobby', IGNORE],
      ['Sensitivity', IGNORE],
      ['Priority', IGNORE],
      ['Subject', IGNORE],
      ['Language', IGNORE],
      ['Group Membership', IGNORE],
      ['Address 1 - Type', IGNORE],
      // An IM item's "Type" is home or work; its "Service" is the messenger.
      ['IM 1 - Type', IGNORE],
      ['IM 1 - Service', item('messengers', 1, 'kind')],
      ['IM 1 - Value', item('messengers', 1, 'value')],
      ['Organization 1 - Type', IGNORE],
      ['Organization 1 - Name', reference('companyIds', 'name')],
      ['Organization 1 - Yomi Name', IGNORE],
      ['Organization 1 - Title', field('position')],
      ['Organization 1 - Department', IGNORE],
      ['Organization 1 - Symbol', IGNORE],
      ['Organization 1 - Location', IGNORE],
      ['Organization 1 - Job Description', IGNORE],
    ]),
  };
}

function outlook(): CsvPreset {
  return {
    name: 'outlook',
    label: 'Microsoft Outlook',
    entityTypes: ['contact'],
    // Dates and the encoding follow the exporting computer's regional settings.
    delimiter: ',',
    columns: rows([
      // Outlook's "Title" is the salutation (Mr., Dr.); the job is "Job Title".
      ['Title', field('honorific')],
      ['First Name', field('firstName')],
      ['Middle Name', field('secondName')],
      ['Last Name', field('lastName')],
      ['Suffix', IGNORE],
      ['Company', reference('companyIds', 'name')],
      ['Department', IGNORE],
      ['Job Title', field('position')],
      // One address per record: the business one, as a CRM keeps it; home and other addresses are not imported.
      ['Business Street', address('street')],
      ['Business Street 2', address('street2')],
      ['Business Street 3', IGNORE],
      ['Business City', address('city')],
      ['Business State', address('region')],
      ['Business Postal Code', address('postalCode')],
      ['Business Country/Region', address('countryCode')],
      ['Business Country', address('countryCode')],
      ['Business Address PO Box', IGNORE],
      ['Home Street', IGNORE],
      ['Home Street 2', IGNORE],
      ['Home Street 3', IGNORE],
      ['Home City', IGNORE],
      ['Home State', IGNORE],
      ['Home Postal Code', IGNORE],
      ['Home Country/Region', IGNORE],
      ['Home Country', IGNORE],
      ['Home Address PO Box', IGNORE],
      ['Other Street', IGNORE],
      ['Other Street 2', IGNORE],
      ['Other Street 3', IGNORE],
      ['Other City', IGNORE],
      ['Other State', IGNORE],
      ['Other Postal Code', IGNORE],
      ['Other Country/Region', IGNORE],
      ['Other Country', IGNORE],
      ['Other Address PO Box', IGNORE],
      ["Assistant's Phone", IGNORE],
      ['Business Fax', multi('phones', 'fax')],
      ['Business Phone', multi('phones', 'work')],
      ['Business Phone 2', multi('phones', 'work')],
      ['Callback', IGNORE],
      ['Car Phone', multi('phones', 'other')],
      ['Company Main Phone', multi('phones', 'work')],
      ['Home Fax', multi('phones', 'fax')],
      ['Home Phone', multi('phones', 'home')],
      ['Home Phone 2', multi('phones', 'home')],
      ['ISDN', IGNORE],
      ['Mobile Phone', multi('phones', 'mobile')],
      ['Other Fax', multi('phones', 'fax')],
      ['Other Phone', multi('phones', 'other')],
      ['Pager', multi('phones', 'pager')],
      ['Primary Phone', multi('phones', 'work')],
      ['Radio Phone', IGNORE],
      ['TTY/TDD Phone', IGNORE],
      ['Telex', IGNORE],
      ['Account', IGNORE],
      ['Anniversary', IGNORE],
      ["Assistant's Name", IGNORE],
      ['Billing Information', IGNORE],
      ['Birthday', field('birthdate')],
      ['Categories', IGNORE],
      ['Children', IGNORE],
      ['Directory Server', IGNORE],
      ['E-mail Address', multi('emails', 'work')],
      // "E-mail Type" is the address type (SMTP), not work or home.
      ['E-mail Type', IGNORE],
      ['E-mail Display Name', IGNORE],
      ['E-mail 2 Address', item('emails', 2, 'value')],
      ['E-mail 2 Type', IGNORE],
      ['E-mail 2 Display Name', IGNORE],
      ['E-mail 3 Address', item('emails', 3, 'value')],
      ['E-mail 3 Type', IGNORE],
      ['E-mail 3 Display Name', IGNORE],
      ['Gender', IGNORE],
      ['Government ID Number', IGNORE],
      ['Hobby', IGNORE],
      ['Initials', IGNORE],
      ['Internet Free Busy', IGNORE],
      ['Keywords', IGNORE],
      ['Language', IGNORE],
      ['Location', IGNORE],
      ["Manager's Name", IGNORE],
      ['Mileage', IGNORE],
      ['Notes', field('comments')],
      ['Office Location', IGNORE],
      ['Organizational ID Number', IGNORE],
      ['Priority', IGNORE],
      ['Private', IGNORE],
      ['Profession', IGNORE],
      ['Referred By', IGNORE],
      ['Sensitivity', IGNORE],
      ['Spouse', IGNORE],
      ['User 1', IGNORE],
      ['User 2', IGNORE],
      ['User 3', IGNORE],
      ['User 4', IGNORE],
      ['Web Page', multi('websites', 'work')],
    ]),
  };
}

function hubspot(): CsvPreset {
  return {
    name: 'hubspot',
    label: 'HubSpot',
    entityTypes: ['contact'],
    delimiter: ',',
    encoding: 'utf-8',
    columns: rows([
      ['Record ID', field('externalId')],
      ['First Name', field('firstName')],
      ['Last Name', field('lastName')],
      ['Email', multi('emails', 'work')],
      ['Phone Number', multi('phones', 'work')],
      ['Mobile Phone Number', multi('phones', 'mobile')],
      ['Fax Number', multi('phones', 'fax')],
      ['Job Title', field('position')],
      ['Company Name', reference('companyIds', 'name')],
      ['Associated Company', reference('companyIds', 'name')],
      ['Street Address', address('street')],
      ['City', address('city')],
      ['State/Region', address('region')],
      ['Postal Code', address('postalCode')],
      ['Country/Region', address('countryCode')],
      ['Website URL', multi('websites', 'work')],
      ['Contact owner', field('assignedById')],
      // HubSpot's own stages of the contact, and dates it keeps itself.
      ['Lifecycle Stage', IGNORE],
      ['Lead Status', IGNORE],
      ['Create Date', IGNORE],
      ['Last Modified Date', IGNORE],
      ['Last Activity Date', IGNORE],
    ]),
  };
}

/** The words of one language of Bitrix24's interface, for the headers of its exports. */
interface Bitrix24Words {
  readonly id: string;
  readonly responsible: readonly string[];
  readonly comment: string;
  readonly source: string;
  readonly sourceInformation: string;
  readonly opened: string;
  readonly readOnly: readonly string[];
  readonly currency: string;
  readonly salutation: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly secondName: string;
  readonly birthdate: string;
  readonly position: string;
  readonly photo: string;
  readonly phones: readonly Row[];
  readonly emails: readonly Row[];
  readonly websites: readonly Row[];
  readonly street: string;
  readonly street2: string;
  readonly city: string;
  /** Bitrix24's region is the district below the province; no address part holds it. */
  readonly district: string;
  readonly province: string;
  readonly postalCode: string;
  readonly country: string;
  readonly company: string;
  readonly contact: string;
  readonly contactType: string;
  readonly exportable: string;
  readonly companyName: string;
  readonly companyType: string;
  readonly industry: string;
  readonly employees: string;
  readonly revenue: string;
  readonly dealName: string;
  readonly pipeline: string;
  readonly stage: string;
  readonly amount: string;
  readonly probability: string;
  readonly startDate: string;
  readonly expectedCloseDate: string;
  readonly dealType: string;
  readonly closed: string;
  readonly leadName: string;
  readonly status: string;
}

function messengers(): readonly Row[] {
  return [
    ['Telegram', multi('messengers', 'telegram')],
    ['WhatsApp', multi('messengers', 'whatsapp')],
    ['Viber', multi('messengers', 'viber')],
    ['Skype', multi('messengers', 'skype')],
  ];
}

function bitrix24Columns(words: Bitrix24Words): readonly CsvPresetColumn[] {
  return [
    ...rows([
      [words.id, field('externalId')],
      ...words.responsible.map((header): Row => [header, field('assignedById')]),
      [words.comment, field('comments')],
      [words.opened, field('opened')],
      ...words.readOnly.map((header): Row => [header, IGNORE]),
    ]),
    ...rows([[words.source, field('source')], [words.sourceInformation, field('sourceDescription')]], ['lead', 'contact', 'deal']),
    ...rows([[words.currency, { kind: 'currency', field: 'amount' }]], ['lead', 'deal']),
    ...rows([[words.currency, { kind: 'currency', field: 'revenue' }]], ['company']),
    ...rows(
      [
        [words.salutation, field('honorific')],
        [words.firstName, field('firstName')],
        [words.lastName, field('lastName')],
        [words.secondName, field('secondName')],
        [words.birthdate, field('birthdate')],
        [words.position, field('position')],
      ],
      ['lead', 'contact'],
    ),
    ...rows(
      [
        ...words.phones,
        ...words.emails,
        ...words.websites,
        ...messengers(),
        [words.street, address('street')],
        [words.street2, address('street2')],
        [words.city, address('city')],
        [words.district, IGNORE],
        [words.province, address('region')],
        [words.postalCode, address('postalCode')],
        [words.country, address('countryCode')],
      ],
      ['lead', 'contact', 'company'],
    ),
    ...rows([[words.amount, field('amount')]], ['lead', 'deal']),
    ...rows(
      [
        [words.company, reference('companyIds', 'name')],
        [words.contactType, field('type')],
        [words.exportable, field('exportable')],
        [words.photo, IGNORE],
      ],
      ['contact'],
    ),
    ...rows(
      [
        [words.companyName, field('title')],
        [words.companyType, field('type')],
        [words.industry, field('industry')],
        [words.employees, field('employees')],
        [words.revenue, field('revenue')],
      ],
      ['company'],
    ),
    ...rows(
      [
        [words.dealName, field('title')],
        // The pipeline of imported deals is the import's option, never a column.
        [words.pipeline, IGNORE],
        [words.stage, field('stageId')],
        [words.probability, field('probability')],
        [words.startDate, IGNORE],
        [words.expectedCloseDate, field('expectedCloseDate')],
        [words.company, reference('companyId', 'name')],
        [words.contact, reference('contactIds', 'name')],
        [words.dealType, field('type')],
        [words.closed, IGNORE],
      ],
      ['deal'],
    ),
    ...rows(
      [
        [words.leadName, field('title')],
        [words.status, field('status')],
        [words.companyName, field('companyTitle')],
      ],
      ['lead'],
    ),
  ];
}

function bitrix24English(): Bitrix24Words {
  return {
    id: 'ID',
    responsible: ['Responsible', 'Responsible person'],
    comment: 'Comment',
    source: 'Source',
    sourceInformation: 'Source information',
    opened: 'Available to everyone',
    readOnly: ['Created', 'Modified', 'Created by', 'Modified by'],
    currency: 'Currency',
    salutation: 'Salutation',
    firstName: 'First name',
    lastName: 'Last name',
    secondName: 'Second name',
    birthdate: 'Date of birth',
    position: 'Position',
    photo: 'Photo',
    phones: [
      ['Work Phone', multi('phones', 'work')],
      ['Mobile', multi('phones', 'mobile')],
      ['Fax', multi('phones', 'fax')],
      ['Home Phone', multi('phones', 'home')],
      ['Pager', multi('phones', 'pager')],
      ['Other Phone', multi('phones', 'other')],
    ],
    emails: [
      ['Work E-mail', multi('emails', 'work')],
      ['Home E-mail', multi('emails', 'home')],
      ['Other E-mail', multi('emails', 'other')],
    ],
    websites: [
      ['Corporate website', multi('websites', 'work')],
      ['Personal page', multi('websites', 'home')],
      ['Other website', multi('websites', 'other')],
    ],
    street: 'Address',
    street2: 'Address (line 2)',
    city: 'City',
    district: 'Region',
    province: 'State / Province',
    postalCode: 'Zip',
    country: 'Country',
    company: 'Company',
    contact: 'Contact',
    contactType: 'Contact type',
    exportable: 'Included in export',
    companyName: 'Company name',
    companyType: 'Company type',
    industry: 'Industry',
    employees: 'Employees',
    revenue: 'Annual revenue',
    dealName: 'Deal name',
    pipeline: 'Pipeline',
    stage: 'Stage',
    amount: 'Amount',
    probability: 'Probability',
    startDate: 'Start date',
    expectedCloseDate: 'Expected close date',
    dealType: 'Deal type',
    closed: 'Closed',
    leadName: 'Lead name',
    status: 'Status',
  };
}

function bitrix24Spanish(): Bitrix24Words {
  return {
    id: 'ID',
    responsible: ['Responsable', 'Persona responsable'],
    comment: 'Comentario',
    source: 'Origen',
    sourceInformation: 'Información del origen',
    opened: 'Disponible para todos',
    readOnly: ['Creado', 'Modificado', 'Creado por', 'Modificado por'],
    currency: 'Moneda',
    salutation: 'Tratamiento',
    firstName: 'Nombre',
    lastName: 'Apellido',
    secondName: 'Segundo nombre',
    birthdate: 'Fecha de nacimiento',
    position: 'Cargo',
    photo: 'Foto',
    phones: [
      ['Teléfono de trabajo', multi('phones', 'work')],
      ['Móvil', multi('phones', 'mobile')],
      ['Fax', multi('phones', 'fax')],
      ['Teléfono particular', multi('phones', 'home')],
      ['Buscapersonas', multi('phones', 'pager')],
      ['Otro teléfono', multi('phones', 'other')],
    ],
    emails: [
      ['Correo electrónico de trabajo', multi('emails', 'work')],
      ['Correo electrónico personal', multi('emails', 'home')],
      ['Otro correo electrónico', multi('emails', 'other')],
    ],
    websites: [
      ['Sitio web corporativo', multi('websites', 'work')],
      ['Página personal', multi('websites', 'home')],
      ['Otro sitio web', multi('websites', 'other')],
    ],
    street: 'Dirección',
    street2: 'Dirección (línea 2)',
    city: 'Ciudad',
    district: 'Región',
    province: 'Estado / Provincia',
    postalCode: 'Código postal',
    country: 'País',
    company: 'Empresa',
    contact: 'Contacto',
    contactType: 'Tipo de contacto',
    exportable: 'Incluido en la exportación',
    companyName: 'Nombre de la empresa',
    companyType: 'Tipo de empresa',
    industry: 'Sector',
    employees: 'Empleados',
    revenue: 'Ingresos anuales',
    dealName: 'Nombre de la negociación',
    pipeline: 'Embudo',
    stage: 'Etapa',
    amount: 'Importe',
    probability: 'Probabilidad',
    startDate: 'Fecha de inicio',
    expectedCloseDate: 'Fecha prevista de cierre',
    dealType: 'Tipo de negociación',
    closed: 'Cerrado',
    leadName: 'Nombre del prospecto',
    status: 'Estado',
  };
}

const BITRIX24_TYPES: readonly EntityType[] = ['lead', 'contact', 'company', 'deal'];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function buildPresets(): Readonly<Record<CsvPresetName, CsvPreset>> {
  return deepFreeze({
    'google-contacts': googleContacts(),
    outlook: outlook(),
    // Bitrix24's date format and delimiter follow the portal's language and region settings.
    'bitrix24-en': { name: 'bitrix24-en', label: 'Bitrix24 (English)', entityTypes: BITRIX24_TYPES, columns: bitrix24Columns(bitrix24English()) },
    'bitrix24-es': { name: 'bitrix24-es', label: 'Bitrix24 (español)', entityTypes: BITRIX24_TYPES, columns: bitrix24Columns(bitrix24Spanish()) },
    hubspot: hubspot(),
  });
}

/**
 * The CSV exports crm-kit knows, by {@link CsvPresetName}: for each, the headers the product
 * writes and what each fills (see {@link CsvPreset}). `suggestMapping(headers, { entityType,
 * preset })` maps a file's columns by its preset's table first. Deeply frozen.
 *
 * @example
 * ```ts
 * CSV_PRESETS.outlook.columns.find((column) => column.header === 'Title')?.target;
 * //=> { kind: 'field', field: 'honorific' }
 * CSV_PRESETS['bitrix24-es'].entityTypes; //=> ['lead', 'contact', 'company', 'deal']
 * Object.isFrozen(CSV_PRESETS.hubspot.columns[0]); //=> true
 * ```
 */
export const CSV_PRESETS: Readonly<Record<CsvPresetName, CsvPreset>> = /* @__PURE__ */ buildPresets();

// The order detectPreset weighs them in (a tie recognises none, so the order only makes it stable).
const PRESET_NAMES: readonly CsvPresetName[] = ['google-contacts', 'outlook', 'bitrix24-en', 'bitrix24-es', 'hubspot'];

/**
 * Recognises the product a CSV file was exported from by its headers: the preset that holds more
 * than half of the file's headers (compared folded, as `suggestMapping` compares them), and more
 * of them than any other preset holds. A file that two presets hold equally well, or that fewer
 * than two headers tie to a preset, is not recognised.
 *
 * @param headers - The file's header row.
 * @returns The preset's name, or `undefined` when no single preset fits.
 * @throws LimitError `LIMIT_EXCEEDED` for more than 1000 headers; ValidationError
 * `INVALID_ARGUMENT` when `headers` is not a list of strings or a header is longer than 1000
 * characters.
 *
 * @example
 * ```ts
 * detectPreset(['First Name', 'Middle Name', 'Last Name', 'E-mail 1 - Label', 'E-mail 1 - Value']); //=> 'google-contacts'
 * detectPreset(['Record ID', 'First Name', 'Last Name', 'Email', 'Contact owner']); //=> 'hubspot'
 * detectPreset(['ID', 'Nombre', 'Apellido', 'Móvil', 'Persona responsable']); //=> 'bitrix24-es'
 * detectPreset(['First Name', 'Last Name']); //=> undefined
 * ```
 */
export function detectPreset(headers: readonly string[]): CsvPresetName | undefined {
  const keys = new Set(readHeaders(headers).map((forms) => forms.key).filter((key) => key !== ''));
  let best: CsvPresetName | undefined;
  let bestCount = 0;
  let tied = false;
  for (const name of PRESET_NAMES) {
    const known = new Set(CSV_PRESETS[name].columns.map((column) => headerKey(column.header)));
    const count = [...keys].filter((key) => known.has(key)).length;
    if (count > bestCount) [best, bestCount, tied] = [name, count, false];
    else if (count === bestCount) tied = true;
  }
  return best !== undefined && !tied && bestCount >= 2 && bestCount * 2 > keys.size ? best : undefined;
}
