import type { FieldRegistry } from '../fields/index.js';
import { getCustomField, listStandardFields } from '../fields/index.js';
import type { Issue, PathSegment } from '../kernel/index.js';
import { isPlainRecord, isStorableText, issue, ValidationError } from '../kernel/index.js';

/**
 * The schemes a web form fills, each a set of records made from one submission: a lead; a
 * contact; a contact and their company; a deal with its contact (and company); a quote with its
 * contact (and company). Any of them may add an invoice (`withInvoice`), except the lead, which is
 * not yet a client.
 *
 * @example
 * ```ts
 * WEB_FORM_SCHEMES.includes('deal+contact+company'); //=> true
 * ```
 */
export const WEB_FORM_SCHEMES = ['lead', 'contact', 'contact+company', 'deal+contact', 'deal+contact+company', 'quote+contact', 'quote+contact+company'] as const;

/** One of {@link WEB_FORM_SCHEMES}. */
export type WebFormScheme = (typeof WEB_FORM_SCHEMES)[number];

/** The entity types a web form writes. */
export type IntakeEntityType = 'lead' | 'contact' | 'company' | 'deal' | 'quote' | 'invoice';

/**
 * How a form field's text becomes its target's value: one line of text, long text, an item of a
 * multi-field (`phones`, `emails`, `websites`), a calendar day, a whole number or a yes/no.
 */
export type WebFormFieldKind = 'line' | 'text' | 'phone' | 'email' | 'website' | 'date' | 'integer' | 'boolean';

/**
 * The standard fields a public form may fill, per entity type, with how its text is read. What is
 * not here (the responsible person, stages, amounts, links, flags, source and UTM, which the
 * submission stamps itself) no form can set.
 */
const MAPPABLE: Readonly<Record<IntakeEntityType, Readonly<Record<string, WebFormFieldKind>>>> = {
  lead: { title: 'line', honorific: 'line', firstName: 'line', secondName: 'line', lastName: 'line', birthdate: 'date', position: 'line', companyTitle: 'line', phones: 'phone', emails: 'email', websites: 'website', comments: 'text' },
  contact: { honorific: 'line', firstName: 'line', secondName: 'line', lastName: 'line', birthdate: 'date', position: 'line', phones: 'phone', emails: 'email', websites: 'website', comments: 'text' },
  company: { title: 'line', employees: 'integer', phones: 'phone', emails: 'email', websites: 'website', comments: 'text' },
  deal: { title: 'line', comments: 'text' },
  quote: { title: 'line', comments: 'text' },
  invoice: { title: 'line', comments: 'text' },
};

/** The kind of each custom field type a form may fill. */
const CUSTOM_KINDS: Readonly<Record<string, WebFormFieldKind>> = {
  string: 'line',
  text: 'text',
  url: 'line',
  email: 'line',
  phone: 'line',
  enumeration: 'line',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
};

/** The entity types of each scheme, in the order their records are made. */
export const SCHEME_ENTITIES: Readonly<Record<WebFormScheme, readonly IntakeEntityType[]>> = {
  lead: ['lead'],
  contact: ['contact'],
  'contact+company': ['company', 'contact'],
  'deal+contact': ['contact', 'deal'],
  'deal+contact+company': ['company', 'contact', 'deal'],
  'quote+contact': ['contact', 'quote'],
  'quote+contact+company': ['company', 'contact', 'quote'],
};

/** The longest text a form field takes unless it says otherwise: one line, and long text. */
const DEFAULT_MAX_LENGTH: Readonly<Record<'line' | 'text', number>> = { line: 255, text: 5_000 };
/** The most a form field may allow (what its target holds), and the most fields a form has. */
const MOST_LENGTH: Readonly<Record<'line' | 'text', number>> = { line: 255, text: 65_535 };
const MOST_FIELDS = 100;

/** One field of a web form as given to {@link defineWebForm}. */
export interface WebFormFieldInput {
  /** The key of the value in a submission: a letter, then letters, digits, `_` or `-` (at most 64). */
  readonly name: string;
  /** Which entity of the scheme and which of its fields: a mappable standard field or `custom.<code>`. */
  readonly target: { readonly entity: IntakeEntityType; readonly field: string };
  /** The label in each of the form's languages (the language code as key). */
  readonly labels: Readonly<Record<string, string>>;
  readonly required?: boolean | undefined;
  /** The longest text taken: 255 for one line and 5,000 for long text unless given (at most what the field holds: 255, or 65,535 for long text). */
  readonly maxLength?: number | undefined;
}

/** Who a submission's records are assigned to: one person, or a queue taken in turn. */
export type WebFormResponsible = { readonly userId: string } | { readonly queue: readonly string[] };

/** A web form as given to {@link defineWebForm}. */
export interface WebFormInput {
  readonly id: string;
  readonly name: string;
  readonly scheme: WebFormScheme;
  readonly withInvoice?: boolean | undefined;
  /** The languages of its labels and messages; the first is the default. */
  readonly languages: readonly string[];
  readonly fields: readonly WebFormFieldInput[];
  readonly responsible: WebFormResponsible;
  /** The registries whose custom fields it may fill, by entity type (`createFieldRegistry`). */
  readonly registries?: Readonly<Partial<Record<IntakeEntityType, FieldRegistry>>> | undefined;
}

/** A checked form field: its kind and length limit decided. */
export interface WebFormField {
  readonly name: string;
  readonly target: { readonly entity: IntakeEntityType; readonly field: string };
  readonly labels: Readonly<Record<string, string>>;
  readonly required: boolean;
  readonly kind: WebFormFieldKind;
  /** For text kinds, the longest value taken. */
  readonly maxLength: number;
}

/** A checked web form, frozen: what {@link planSubmission} reads. */
export interface WebForm {
  readonly id: string;
  readonly name: string;
  readonly scheme: WebFormScheme;
  readonly withInvoice: boolean;
  readonly languages: readonly string[];
  readonly fields: readonly WebFormField[];
  readonly responsible: WebFormResponsible;
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Checks a web form and returns it frozen, with each field's kind and length limit decided. A
 * form can only fill what a stranger on the internet may set: the fields it maps, each a standard
 * field a person would type (names, phones, e-mails, websites, titles, comments, ...) or a custom
 * field of a simple type in the registry given; never the responsible person, a stage, an amount,
 * a link or the source, which the submission decides.
 *
 * @param input - The form (a form it returned is returned as it is).
 * @returns The form, frozen.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` whose `issues` list every problem: `UNKNOWN_FIELD`
 * for a target a form may not fill (or of an entity outside the scheme), `DUPLICATE_FIELD` for a
 * name or a target used twice, `REQUIRED` for a label missing in one of the languages.
 *
 * @example
 * ```ts
 * const form = defineWebForm({
 *   id: 'contact-us', name: 'Contact us', scheme: 'contact', languages: ['en', 'es'],
 *   fields: [
 *     { name: 'name', target: { entity: 'contact', field: 'firstName' }, labels: { en: 'Name', es: 'Nombre' }, required: true },
 *     { name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail', es: 'Correo' }, required: true },
 *     { name: 'message', target: { entity: 'contact', field: 'comments' }, labels: { en: 'Message', es: 'Mensaje' }, maxLength: 2000 },
 *   ],
 *   responsible: { queue: ['u-ana', 'u-leo'] },
 * });
 * form.fields.map((field) => field.kind); //=> ['line', 'email', 'text']
 * defineWebForm({ ...form, fields: [{ name: 'owner', target: { entity: 'contact', field: 'assignedById' }, labels: { en: 'Owner', es: 'Responsable' } }] }); // throws INVALID_ARGUMENT
 * ```
 */
export function defineWebForm(input: WebFormInput): WebForm {
  if (isWebForm(input)) return input;
  if (!isPlainRecord(input)) throw invalid([issue('INVALID_ARGUMENT', 'A web form is an object: { id, name, scheme, languages, fields, responsible }.')]);
  const issues: Issue[] = [];
  const text = (value: unknown, path: PathSegment[], what: string): string => {
    if (typeof value !== 'string' || value.trim() === '' || !isStorableText(value) || value.length > 255) issues.push(issue('INVALID_VALUE', `${what} is a non-empty text of at most 255 characters.`, path));
    return typeof value === 'string' ? value : '';
  };
  const id = text(input.id, ['id'], 'The id');
  const name = text(input.name, ['name'], 'The name');
  const scheme = input.scheme;
  if (!(WEB_FORM_SCHEMES as readonly unknown[]).includes(scheme)) issues.push(issue('INVALID_VALUE', `The scheme is one of ${WEB_FORM_SCHEMES.join(', ')}.`, ['scheme']));
  const withInvoice = input.withInvoice ?? false;
  if (typeof withInvoice !== 'boolean' || (withInvoice && scheme === 'lead')) issues.push(issue('INVALID_VALUE', 'withInvoice is true or false, and a lead form has no invoice.', ['withInvoice']));
  const languages = Array.isArray(input.languages) ? Array.from(input.languages as readonly unknown[]) : [];
  if (languages.length === 0 || languages.length > 20 || !languages.every((code) => typeof code === 'string' && LANGUAGE.test(code)) || new Set(languages).size !== languages.length) {
    issues.push(issue('INVALID_VALUE', "languages lists distinct language codes ('en', 'es', 'pt-BR'), the default first.", ['languages']));
  }
  const entities: readonly IntakeEntityType[] = (WEB_FORM_SCHEMES as readonly unknown[]).includes(scheme) ? [...SCHEME_ENTITIES[scheme], ...(withInvoice ? (['invoice'] as const) : [])] : [];
  const registries: unknown = input.registries ?? {};
  if (!isPlainRecord(registries)) issues.push(issue('INVALID_VALUE', 'registries maps entity types to field registries.', ['registries']));
  const responsible = checkResponsible(input.responsible, issues);
  const given = Array.isArray(input.fields) ? Array.from(input.fields as readonly unknown[]) : undefined;
  if (given === undefined || given.length === 0 || given.length > MOST_FIELDS) issues.push(issue('INVALID_VALUE', `fields lists from 1 to ${String(MOST_FIELDS)} fields.`, ['fields']));
  const names = new Set<string>();
  const targets = new Set<string>();
  const fields = (given ?? []).flatMap((field, index): WebFormField[] => {
    const path: PathSegment[] = ['fields', index];
    if (!isPlainRecord(field) || !isPlainRecord(field.target) || !isPlainRecord(field.labels)) {
      issues.push(issue('INVALID_VALUE', 'A field is { name, target: { entity, field }, labels, required?, maxLength? }.', path));
      return [];
    }
    const fieldName = field.name;
    if (typeof fieldName !== 'string' || !FIELD_NAME.test(fieldName)) issues.push(issue('INVALID_VALUE', 'A field name is a letter, then letters, digits, _ or - (at most 64).', [...path, 'name']));
    else if (names.has(fieldName)) issues.push(issue('DUPLICATE_FIELD', 'Two fields have this name.', [...path, 'name']));
    else names.add(fieldName);
    const { entity, field: code } = field.target;
    const kind = typeof code === 'string' && entities.includes(entity as IntakeEntityType) ? kindOf(entity as IntakeEntityType, code, isPlainRecord(registries) ? registries : {}) : undefined;
    // Without a valid scheme there is no entity to check a target against: the scheme's issue says it.
    if (kind === undefined && entities.length > 0) issues.push(issue('UNKNOWN_FIELD', 'A form fills a field a person would type, of an entity of its scheme.', [...path, 'target']));
    const targetKey = `${String(entity)}.${String(code)}`;
    if (kind !== undefined && targets.has(targetKey)) issues.push(issue('DUPLICATE_FIELD', 'Two fields fill the same target.', [...path, 'target']));
    targets.add(targetKey);
    for (const language of languages) {
      const label = typeof language === 'string' ? field.labels[language] : undefined;
      if (typeof label !== 'string' || label.trim() === '' || label.length > 255 || !isStorableText(label)) issues.push(issue('REQUIRED', 'A field has a label in each language of the form.', [...path, 'labels', String(language)]));
    }
    const required = field.required ?? false;
    if (typeof required !== 'boolean') issues.push(issue('INVALID_VALUE', 'required is true or false.', [...path, 'required']));
    const textKind = kind === 'text' ? 'text' : 'line';
    const maxLength = field.maxLength ?? DEFAULT_MAX_LENGTH[textKind];
    // No more than the target holds, so that a value the form takes is never refused by the record.
    const most = MOST_LENGTH[textKind];
    if (typeof maxLength !== 'number' || !Number.isSafeInteger(maxLength) || maxLength < 1 || (kind !== undefined && maxLength > most)) issues.push(issue('INVALID_VALUE', `maxLength is a whole number from 1 to ${String(most)} (what the field holds).`, [...path, 'maxLength']));
    if (kind === undefined || typeof fieldName !== 'string' || typeof maxLength !== 'number' || typeof required !== 'boolean') return [];
    const labels: Record<string, string> = {};
    for (const language of languages) if (typeof language === 'string') labels[language] = String(field.labels[language]);
    return [Object.freeze({ name: fieldName, target: Object.freeze({ entity: entity as IntakeEntityType, field: code as string }), labels: Object.freeze(labels), required, kind, maxLength })];
  });
  if (issues.length > 0) throw invalid(issues);
  const form: WebForm = Object.freeze({ id, name, scheme, withInvoice, languages: Object.freeze(languages as string[]), fields: Object.freeze(fields), responsible });
  DEFINED.add(form);
  return form;
}

// The forms defineWebForm made (frozen): given back to it, they are returned as they are, with the
// custom fields they were checked against.
const DEFINED = new WeakSet<object>();

/** Whether a value is a form {@link defineWebForm} made (the planners take no other). */
export function isWebForm(value: unknown): value is WebForm {
  return typeof value === 'object' && value !== null && DEFINED.has(value);
}

// The kind of a target a form may fill, or undefined.
function kindOf(entity: IntakeEntityType, code: string, registries: Readonly<Record<string, unknown>>): WebFormFieldKind | undefined {
  if (code.startsWith('custom.')) {
    const registry = registries[entity] as FieldRegistry | undefined;
    const definition = registry === undefined ? undefined : getCustomField(registry, code.slice('custom.'.length));
    return definition === undefined || definition.multiple === true ? undefined : CUSTOM_KINDS[definition.type];
  }
  const kind = Object.hasOwn(MAPPABLE[entity], code) ? MAPPABLE[entity][code] : undefined;
  // Only fields the entity has (the table is checked against the registry, in tests too).
  return kind !== undefined && listStandardFields(entity).some((field) => field.code === code) ? kind : undefined;
}

function checkResponsible(value: unknown, issues: Issue[]): WebFormResponsible {
  const isId = (id: unknown): id is string => typeof id === 'string' && id !== '' && id.length <= 255 && isStorableText(id);
  if (isPlainRecord(value) && Object.keys(value).length === 1 && isId(value.userId)) return Object.freeze({ userId: value.userId });
  if (isPlainRecord(value) && Object.keys(value).length === 1 && Array.isArray(value.queue)) {
    const queue = Array.from(value.queue as readonly unknown[]);
    if (queue.length > 0 && queue.length <= 1_000 && queue.every(isId) && new Set(queue).size === queue.length) return Object.freeze({ queue: Object.freeze(queue) });
  }
  issues.push(issue('INVALID_VALUE', 'responsible is { userId } or { queue: [userId, ...] } of distinct ids.', ['responsible']));
  return Object.freeze({ userId: '' });
}

function invalid(issues: readonly Issue[]): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', 'The web form is not valid; see issues.', { issues });
}
