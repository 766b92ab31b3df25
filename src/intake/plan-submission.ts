import type { ActivityInput, Contact } from '../entities/index.js';
import { listStandardFields } from '../fields/index.js';
import type { Issue, Result } from '../kernel/index.js';
import { fail, invalidArgument, isCalendarDate, isInstant, isPlainRecord, isStorableText, issue, ok } from '../kernel/index.js';
import type { IntakeEntityType, WebForm, WebFormField } from './web-form.js';
import { isWebForm, SCHEME_ENTITIES } from './web-form.js';
import { clip, LONG_TEXT } from './_internal/text.js';

/** The UTM parameters of the page a form was sent from. */
export interface PageUtm {
  readonly source?: string | undefined;
  readonly medium?: string | undefined;
  readonly campaign?: string | undefined;
  readonly content?: string | undefined;
  readonly term?: string | undefined;
}

/** What the host knows of a submission beyond its values. */
export interface SubmissionContext {
  readonly at: Date;
  /** A new id for each record made, asked in order with its entity type (the records, then the activity). */
  readonly newId: (entityType: IntakeEntityType | 'activity') => string;
  /** Who the records are assigned to: the form's person, or the next of its queue. */
  readonly responsibleId: string;
  /** The language of the messages; the form's first when omitted or not one of the form's. */
  readonly language?: string | undefined;
  /** The page the form was sent from: its address and UTM parameters. */
  readonly page?: { readonly url?: string | undefined; readonly utm?: PageUtm | undefined } | undefined;
  /**
   * The contact the sender is already known as (the duplicates module's match on the submitted
   * e-mail or phone, which the service makes): linked and completed instead of made again.
   */
  readonly knownContact?: Contact | undefined;
  /**
   * The submission's reference, kept as the activity's `externalId`: the service finds a form
   * posted twice by it (`webform:<form id>:<idempotency key>`).
   */
  readonly reference?: string | undefined;
}

/** A record a submission makes: its entity type, its new id and its input. */
export interface PlannedCreate {
  readonly entityType: IntakeEntityType;
  readonly id: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/**
 * What a submission writes, decided in full: the records to make, in order (a company before the
 * contact naming it, the contact before the deal), what it adds to a known contact, and the
 * activity that records it.
 */
export interface SubmissionPlan {
  readonly creates: readonly PlannedCreate[];
  /**
   * What the submission adds to the known contact: values of fields it has none in, and phones,
   * e-mails and websites it does not hold yet; never a change of a value it has. Absent when there
   * is nothing to add.
   */
  readonly contactUpdate?: { readonly id: string; readonly changes: Readonly<Record<string, unknown>> } | undefined;
  /** The activity recording the submission, bound to every record it made or completed. */
  readonly activity: { readonly id: string; readonly input: ActivityInput };
}

/** The values of a submission, by entity type, as the records' inputs take them. */
export type SubmissionValues = Readonly<Partial<Record<IntakeEntityType, Readonly<Record<string, unknown>>>>>;

const MOST_VALUES = 10;
const MOST_ISSUES = 50;
const MULTI_FIELD_OF = { phone: 'phones', email: 'emails', website: 'websites' } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const INTEGER = /^-?\d{1,15}$/;
const BOOLEAN_TEXT: Readonly<Record<string, boolean>> = { true: true, on: true, yes: true, '1': true, false: false, off: false, no: false, '0': false };

type MessageKey = 'notAnObject' | 'unknownField' | 'required' | 'tooLong' | 'badText' | 'oneValue' | 'tooMany' | 'email' | 'phone' | 'date' | 'integer' | 'boolean' | 'notText';

// The messages a sender reads, in English and Spanish (other languages read English); `{label}`
// is the field's label in the language, `{n}` a limit. They never repeat what was sent.
const MESSAGES: Readonly<Record<'en' | 'es', Readonly<Record<MessageKey, string>>>> = {
  en: {
    notAnObject: 'A submission is an object of field names and values.',
    unknownField: 'This form has no field of this name.',
    required: '"{label}" is required.',
    tooLong: '"{label}" takes at most {n} characters.',
    badText: '"{label}" holds characters that cannot be stored.',
    oneValue: '"{label}" takes one value.',
    tooMany: '"{label}" takes at most {n} values.',
    email: '"{label}" is not an e-mail address.',
    phone: '"{label}" is not a phone number.',
    date: '"{label}" is not a date (YYYY-MM-DD).',
    integer: '"{label}" is not a whole number.',
    boolean: '"{label}" is not yes or no.',
    notText: '"{label}" is not text.',
  },
  es: {
    notAnObject: 'Un envío es un objeto de nombres de campo y valores.',
    unknownField: 'Este formulario no tiene ningún campo con este nombre.',
    required: '«{label}» es obligatorio.',
    tooLong: '«{label}» admite como máximo {n} caracteres.',
    badText: '«{label}» contiene caracteres que no se pueden guardar.',
    oneValue: '«{label}» admite un solo valor.',
    tooMany: '«{label}» admite como máximo {n} valores.',
    email: '«{label}» no es una dirección de correo.',
    phone: '«{label}» no es un número de teléfono.',
    date: '«{label}» no es una fecha (AAAA-MM-DD).',
    integer: '«{label}» no es un número entero.',
    boolean: '«{label}» no es sí o no.',
    notText: '«{label}» no es texto.',
  },
};

/**
 * Reads a submission against its form: every value of a field the form has, checked as the
 * public internet sends it (text only, within the field's length, of its kind), and put where
 * the field maps it. A key the form does not have is refused, not ignored; an empty text is no
 * value. Messages are in the language asked for (English or Spanish; English for others).
 *
 * @param form - The form, from {@link defineWebForm}.
 * @param payload - The submitted values by field name: text, or a list of texts for phones,
 * e-mails and websites (at most 10); yes/no fields also take `true` and `false`.
 * @param language - The language of the messages; the form's first by default.
 * @returns The values by entity type, as record inputs take them; or the issues, one per field
 * (at most 50), each at the field's name.
 *
 * @example
 * ```ts
 * const form = defineWebForm({ id: 'f', name: 'Contact us', scheme: 'contact', languages: ['es', 'en'], responsible: { userId: 'u-ana' }, fields: [
 *   { name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { es: 'Correo', en: 'E-mail' }, required: true },
 *   { name: 'note', target: { entity: 'contact', field: 'comments' }, labels: { es: 'Nota', en: 'Note' }, maxLength: 5 },
 * ] });
 * readSubmission(form, { email: 'ana@example.com' }); //=> { success: true, data: { contact: { emails: [{ value: 'ana@example.com', kind: 'work' }] } } }
 * readSubmission(form, { note: 'far too long', owner: 'u-eve' }); //=> { success: false, issues: [{ code: 'UNKNOWN_FIELD', path: ['owner'], message: 'Este formulario no tiene ningún campo con este nombre.' }, { code: 'REQUIRED', path: ['email'], message: '«Correo» es obligatorio.' }, { code: 'LIMIT_EXCEEDED', path: ['note'], message: '«Nota» admite como máximo 5 caracteres.' }] }
 * ```
 */
export function readSubmission(form: WebForm, payload: unknown, language?: string): Result<SubmissionValues> {
  if (!isWebForm(form)) throw invalidArgument('A submission is read against a form from defineWebForm.');
  if (language !== undefined && typeof language !== 'string') throw invalidArgument('language is a language code.');
  const messages = messagesFor(form, language);
  if (!isPlainRecord(payload)) return fail([issue('INVALID_VALUE', messages.notAnObject, [])]);
  const issues: Issue[] = [];
  const byName = new Map(form.fields.map((field) => [field.name, field] as const));
  for (const key of Object.keys(payload)) {
    if (issues.length >= MOST_ISSUES) break;
    if (!byName.has(key)) issues.push(issue('UNKNOWN_FIELD', messages.unknownField, [key]));
  }
  const values: Partial<Record<IntakeEntityType, Record<string, unknown>>> = {};
  for (const field of form.fields) {
    if (issues.length >= MOST_ISSUES) break;
    const given = Object.hasOwn(payload, field.name) ? payload[field.name] : undefined;
    const say = (code: Issue['code'], key: MessageKey): void => {
      issues.push(issue(code, messages[key].replace('{label}', labelOf(field, form, language)).replace('{n}', String(key === 'tooMany' ? MOST_VALUES : field.maxLength)), [field.name]));
    };
    const read = readValues(field, given, say);
    if (read === undefined) continue;
    if (read.length === 0) {
      if (field.required) say('REQUIRED', 'required');
      continue;
    }
    const entity = (values[field.target.entity] ??= {});
    put(entity, field, read);
  }
  return issues.length > 0 ? fail(issues) : ok(values);
}

// The values a field was sent, each checked and read as its kind: [] for none, undefined when an
// issue was told.
function readValues(field: WebFormField, given: unknown, say: (code: Issue['code'], key: MessageKey) => void): unknown[] | undefined {
  if (given === undefined || given === null) return [];
  const multi = field.kind === 'phone' || field.kind === 'email' || field.kind === 'website';
  if (Array.isArray(given)) {
    if (!multi) return say('INVALID_VALUE', 'oneValue'), undefined;
    if (given.length > MOST_VALUES) return say('LIMIT_EXCEEDED', 'tooMany'), undefined;
  }
  const list: readonly unknown[] = Array.isArray(given) ? Array.from(given as readonly unknown[]) : [given];
  const out: unknown[] = [];
  for (const one of list) {
    if (field.kind === 'boolean' && typeof one === 'boolean') {
      out.push(one);
      continue;
    }
    if (typeof one !== 'string') return say('INVALID_VALUE', 'notText'), undefined;
    if (one.length > field.maxLength) return say('LIMIT_EXCEEDED', 'tooLong'), undefined;
    if (!isStorableText(one)) return say('INVALID_TEXT', 'badText'), undefined;
    const text = one.trim();
    if (text === '') continue;
    const value = valueOf(field, text);
    if (value === undefined) return say('INVALID_VALUE', field.kind as MessageKey), undefined;
    out.push(value);
  }
  return out;
}

// A text read as a field's kind, or undefined when it is not one.
function valueOf(field: WebFormField, text: string): unknown {
  switch (field.kind) {
    case 'line':
    case 'text':
    case 'website':
      return text;
    case 'email':
      return EMAIL.test(text) ? text : undefined;
    case 'phone':
      // Digits and what people write around them; at least three digits.
      return /^[+()\d\s./-]*(?:(?:ext|x)\.?\s*\d+)?$/i.test(text) && (text.match(/\d/g) ?? []).length >= 3 ? text : undefined;
    case 'date':
      return isCalendarDate(text) ? text : undefined;
    case 'integer':
      return INTEGER.test(text) ? Number(text) : undefined;
    case 'boolean':
      return Object.hasOwn(BOOLEAN_TEXT, text.toLowerCase()) ? BOOLEAN_TEXT[text.toLowerCase()] : undefined;
  }
}

function put(entity: Record<string, unknown>, field: WebFormField, values: readonly unknown[]): void {
  const { kind } = field;
  if (kind === 'phone' || kind === 'email' || kind === 'website') {
    entity[MULTI_FIELD_OF[kind]] = values.map((value) => ({ value, kind: 'work' }));
    return;
  }
  const code = field.target.field;
  if (code.startsWith('custom.')) {
    const custom = (entity.custom ??= {}) as Record<string, unknown>;
    custom[code.slice('custom.'.length)] = values[0];
  } else entity[code] = values[0];
}

function messagesFor(form: WebForm, language: string | undefined): Readonly<Record<MessageKey, string>> {
  const chosen = language !== undefined && form.languages.includes(language) ? language : form.languages[0];
  return chosen?.split('-')[0] === 'es' ? MESSAGES.es : MESSAGES.en;
}

function labelOf(field: WebFormField, form: WebForm, language: string | undefined): string {
  const chosen = language !== undefined && form.languages.includes(language) ? language : (form.languages[0] ?? '');
  return field.labels[chosen] ?? field.name;
}

const UTM_FIELDS = { source: 'utmSource', medium: 'utmMedium', campaign: 'utmCampaign', content: 'utmContent', term: 'utmTerm' } as const;

/**
 * Plans what one submission of a web form writes, as {@link readSubmission} reads it: the records
 * of the form's scheme, linked to each other (the contact to its company, the deal or quote to
 * both, the invoice to all), each assigned to `context.responsibleId`, stamped with the source
 * `WEBFORM`, the page's UTM parameters and the form's name; and an activity of type `web_form`
 * recording what was sent. Nothing from the submission can set a field the form does not map, the
 * responsible person or an id.
 *
 * A sender the host already knows (`context.knownContact`, found by the duplicates module's match
 * on the e-mail or phone sent) is not made again: the other records link to that contact, and the
 * plan adds to it only what it lacks (fields without a value; phones, e-mails and websites it does
 * not hold), so a form is never a way to change someone's record. A lead from a known contact
 * names that contact (a repeat lead).
 *
 * @param form - The form, from {@link defineWebForm}.
 * @param payload - The submitted values by field name.
 * @param context - The instant, the new ids, the responsible person, the language, the page and the
 * known contact.
 * @returns The plan, or the sender's issues (as {@link readSubmission}).
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a context that is not valid (a host error).
 *
 * @example
 * ```ts
 * const form = defineWebForm({ id: 'demo', name: 'Book a demo', scheme: 'deal+contact', languages: ['en'], responsible: { queue: ['u-ana', 'u-leo'] }, fields: [
 *   { name: 'name', target: { entity: 'contact', field: 'firstName' }, labels: { en: 'Name' }, required: true },
 *   { name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail' }, required: true },
 * ] });
 * let n = 0;
 * const context = { at: new Date('2026-03-02T10:00:00Z'), newId: () => `r-${String(++n)}`, responsibleId: 'u-leo', page: { utm: { source: 'newsletter' } } };
 * const plan = planSubmission(form, { name: 'Ana', email: 'ana@example.com' }, context);
 * plan.success && plan.data.creates.map((create) => [create.entityType, create.id]); //=> [['contact', 'r-1'], ['deal', 'r-2']]
 * plan.success && plan.data.creates[1]?.input; //=> { title: 'Book a demo', contactIds: ['r-1'], assignedById: 'u-leo', source: 'WEBFORM', sourceDescription: 'Web form: Book a demo', utmSource: 'newsletter' }
 * ```
 */
export function planSubmission(form: WebForm, payload: unknown, context: SubmissionContext): Result<SubmissionPlan> {
  return planIntake(form, payload, context, (summary) => ({
    type: 'web_form',
    subject: `Web form: ${form.name}`,
    source: 'WEBFORM',
    sourceDescription: `Web form: ${form.name}`,
    description: summary,
    startAt: context.at,
  }));
}

/**
 * Plans a callback form's submission (a form with a phone): as {@link planSubmission}, stamped
 * with the source `CALLBACK` and recorded as a `callback_request` activity. The service then makes
 * the callback request (`createCallbackRequest`) bound to the lead or contact.
 *
 * @param form - The callback form, from {@link defineWebForm}.
 * @param payload - The submitted values by field name.
 * @param context - As {@link planSubmission}'s.
 * @returns The plan, or the sender's issues.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a context that is not valid.
 *
 * @example
 * ```ts
 * const form = defineWebForm({ id: 'call-me', name: 'Call me back', scheme: 'lead', languages: ['en'], responsible: { userId: 'u-ana' }, fields: [
 *   { name: 'phone', target: { entity: 'lead', field: 'phones' }, labels: { en: 'Phone' }, required: true },
 * ] });
 * let n = 0;
 * const plan = planCallbackSubmission(form, { phone: '+34 600 123 456' }, { at: new Date('2026-03-02T10:00:00Z'), newId: () => `r-${String(++n)}`, responsibleId: 'u-ana' });
 * plan.success && [plan.data.creates[0]?.input.source, plan.data.activity.input.type]; //=> ['CALLBACK', 'callback_request']
 * ```
 */
export function planCallbackSubmission(form: WebForm, payload: unknown, context: SubmissionContext): Result<SubmissionPlan> {
  return planIntake(form, payload, context, (summary) => ({
    type: 'callback_request',
    subject: `Callback request: ${form.name}`,
    source: 'CALLBACK',
    sourceDescription: `Callback form: ${form.name}`,
    description: summary,
    startAt: context.at,
  }));
}

/** How an intake is recorded: its activity, and the source its records are stamped with. */
export interface IntakeRecording {
  readonly type: string;
  readonly subject: string;
  readonly source: string;
  readonly sourceDescription: string;
  readonly description: string;
  readonly startAt: Date;
  readonly endAt?: Date | undefined;
}

/**
 * Plans the records of a form's scheme from a payload, recorded as `recordingOf` says from the
 * summary of what was sent: web forms and chat contact forms share everything else.
 */
export function planIntake(form: WebForm, payload: unknown, context: SubmissionContext, recordingOf: (summary: string) => IntakeRecording): Result<SubmissionPlan> {
  if (!isWebForm(form)) throw invalidArgument('A submission is planned with a form from defineWebForm.');
  checkContext(context);
  const read = readSubmission(form, payload, context.language);
  if (!read.success) return read;
  const values = read.data;
  const known = context.knownContact;
  const ids: Partial<Record<IntakeEntityType, string>> = {};
  const entities = [...SCHEME_ENTITIES[form.scheme], ...(form.withInvoice ? (['invoice'] as const) : [])];
  const recording = recordingOf(describe(form, payload as Readonly<Record<string, unknown>>));
  const stamps = stampsOf(recording, context);
  const creates: PlannedCreate[] = [];
  for (const entityType of entities) {
    if (entityType === 'contact' && known !== undefined) {
      ids.contact = known.id;
      continue;
    }
    // A company is made only from what the sender said of it.
    if (entityType === 'company' && values.company === undefined) continue;
    const id = context.newId(entityType);
    if (typeof id !== 'string' || id === '') throw invalidArgument('newId gives a non-empty text id.');
    ids[entityType] = id;
    const input: Record<string, unknown> = { ...(needsTitle(entityType) ? { title: form.name } : {}), ...values[entityType], ...linksOf(entityType, ids, known) };
    input.assignedById = context.responsibleId;
    for (const [code, value] of Object.entries(stamps)) if (hasField(entityType, code)) input[code] = value;
    creates.push(Object.freeze({ entityType, id, input: Object.freeze(input) }));
  }
  const contactUpdate = known === undefined ? undefined : completionOf(known, values.contact ?? {});
  const activityId = context.newId('activity');
  if (typeof activityId !== 'string' || activityId === '') throw invalidArgument('newId gives a non-empty text id.');
  const bindings = entities.flatMap((entityType) => {
    const id = ids[entityType];
    return id === undefined ? [] : [{ entityType, id }];
  });
  const activity: ActivityInput = {
    type: recording.type,
    ...(context.reference === undefined ? {} : { externalId: context.reference }),
    subject: recording.subject,
    description: recording.description,
    completed: true,
    startAt: recording.startAt,
    ...(recording.endAt === undefined ? {} : { endAt: recording.endAt }),
    assignedById: context.responsibleId,
    bindings,
  };
  return ok(Object.freeze({ creates: Object.freeze(creates), ...(contactUpdate === undefined ? {} : { contactUpdate }), activity: Object.freeze({ id: activityId, input: activity }) }));
}

function checkContext(context: unknown): asserts context is SubmissionContext {
  if (!isPlainRecord(context) || !isInstant(context.at) || typeof context.newId !== 'function' || typeof context.responsibleId !== 'string' || context.responsibleId === '') {
    throw invalidArgument('A submission context is { at: Date, newId(), responsibleId, language?, page?, knownContact? }.');
  }
  if (context.knownContact !== undefined && !(isPlainRecord(context.knownContact) && typeof context.knownContact.id === 'string')) throw invalidArgument('knownContact is a stored contact.');
  if (context.reference !== undefined && (typeof context.reference !== 'string' || context.reference === '' || context.reference.length > 255 || !isStorableText(context.reference))) {
    throw invalidArgument('reference is a non-empty text of at most 255 characters.');
  }
}

function hasField(entityType: IntakeEntityType, code: string): boolean {
  return listStandardFields(entityType).some((field) => field.code === code);
}

// Leads, deals, quotes and invoices are titled after the form unless it maps their title.
function needsTitle(entityType: IntakeEntityType): boolean {
  return entityType !== 'contact' && entityType !== 'company';
}

// How each record of a scheme names the others: the contact its company, the deal or quote the
// contact and company, the invoice all of them; a lead names a known contact.
function linksOf(entityType: IntakeEntityType, ids: Partial<Record<IntakeEntityType, string>>, known: Contact | undefined): Record<string, unknown> {
  const links: Record<string, unknown> = {};
  const { company, contact, deal } = ids;
  switch (entityType) {
    case 'lead':
      if (known !== undefined) links.contactId = known.id;
      break;
    case 'contact':
      if (company !== undefined) links.companyIds = [company];
      break;
    case 'deal':
    case 'quote':
    case 'invoice':
      if (contact !== undefined) links.contactIds = [contact];
      if (company !== undefined) links.companyId = company;
      if (entityType !== 'deal' && deal !== undefined) links.dealId = deal;
      break;
    case 'company':
      break;
  }
  return links;
}

// The source, its description and the page's UTM parameters, for the records that have them.
function stampsOf(recording: IntakeRecording, context: SubmissionContext): Record<string, string> {
  const stamps: Record<string, string> = { source: recording.source, sourceDescription: recording.sourceDescription };
  const utm = context.page?.utm;
  if (isPlainRecord(utm)) {
    for (const [key, code] of Object.entries(UTM_FIELDS)) {
      const value = utm[key];
      // What a page's address carried: kept when it is storable text a field can hold.
      if (typeof value === 'string' && value.trim() !== '' && value.length <= 255 && isStorableText(value)) stamps[code] = value.trim();
    }
  }
  return stamps;
}

// What a submission adds to a known contact: fields it has no value in, and multi-field values
// it does not hold (compared without case and spaces).
function completionOf(known: Contact, values: Readonly<Record<string, unknown>>): { readonly id: string; readonly changes: Readonly<Record<string, unknown>> } | undefined {
  const record = known as unknown as Readonly<Record<string, unknown>>;
  const changes: Record<string, unknown> = {};
  for (const [code, value] of Object.entries(values)) {
    if (code === 'custom') {
      const held = isPlainRecord(record.custom) ? record.custom : {};
      const added = Object.entries(value as Readonly<Record<string, unknown>>).filter(([key]) => held[key] === undefined || held[key] === null || held[key] === '');
      if (added.length > 0) changes.custom = { ...held, ...Object.fromEntries(added) };
      continue;
    }
    if (code === 'phones' || code === 'emails' || code === 'websites') {
      const held = Array.isArray(record[code]) ? (record[code] as readonly { readonly value: string }[]) : [];
      const seen = new Set(held.map((item) => squash(item.value)));
      const fresh = (value as readonly { readonly value: string }[]).filter((item) => !seen.has(squash(item.value)));
      if (fresh.length > 0) changes[code] = [...held, ...fresh];
      continue;
    }
    const current = record[code];
    if (current === undefined || current === null || current === '') changes[code] = value;
  }
  return Object.keys(changes).length === 0 ? undefined : Object.freeze({ id: known.id, changes: Object.freeze(changes) });
}

function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

// The activity's description: each field sent, by its label in the form's first language, as text.
function describe(form: WebForm, payload: Readonly<Record<string, unknown>>): string {
  const lines: string[] = [];
  for (const field of form.fields) {
    const value = Object.hasOwn(payload, field.name) ? payload[field.name] : undefined;
    if (value === undefined || value === null || value === '') continue;
    // Values read by readSubmission: texts, lists of texts, booleans.
    const text = (Array.isArray(value) ? (value as readonly unknown[]) : [value]).map((one) => (typeof one === 'string' ? one : JSON.stringify(one))).join(', ');
    lines.push(`${labelOf(field, form, undefined)}: ${text.trim()}`);
  }
  // What a description holds: a long message sent in full is cut there, never refused.
  return clip(lines.join('\n'), LONG_TEXT);
}
