import type { PermissionNeed, Principal } from '../access/index.js';
import { assertPrincipal, listVisibleFields } from '../access/index.js';
import type { Company, CompanyInput, Contact, ContactInput, Deal, DealInput, Lead, LeadFields, StoredRecord } from '../entities/index.js';
import { STANDARD_FIELDS } from '../fields/index.js';
import type { Issue, Result } from '../kernel/index.js';
import { fail, invalidArgument, isEmptyValue, isInstant, isPlainRecord, issue, ok, toInstant } from '../kernel/index.js';
import type { Pipeline } from '../pipelines/index.js';
import { planTransition } from '../pipelines/index.js';
import type { ClientDeal, DomainEvent, RecordEvent, RecordPlan, RecordRules } from '../records/index.js';
import { combineWrites, planCreateRecord, planSystemUpdate, toRecordEvent } from '../records/index.js';
import type { NotCarriedReason } from './carry-custom-values.js';
import { carryCustomValues } from './carry-custom-values.js';

/**
 * The seven ways a lead converts (DOMAIN.md, "Lead conversion and repeat clients"): the records
 * it becomes, joined by `+`.
 *
 * @example
 * ```ts
 * LEAD_CONVERSION_SCHEMES.length; //=> 7
 * LEAD_CONVERSION_SCHEMES[0]; //=> 'deal+contact+company'
 * ```
 */
export const LEAD_CONVERSION_SCHEMES = [
  'deal+contact+company',
  'deal+contact',
  'deal+company',
  'deal',
  'contact+company',
  'contact',
  'company',
] as const;

/**
 * One of {@link LEAD_CONVERSION_SCHEMES}.
 */
export type LeadConversionScheme = (typeof LEAD_CONVERSION_SCHEMES)[number];

/**
 * A record a lead converts into, named by its role in the plan (ids do not exist yet).
 */
export type LeadConversionRole = 'contact' | 'company' | 'deal';

/**
 * A lead field a conversion can read: a field of {@link LeadFields}, or `opened` and
 * `assignedById`.
 */
export type LeadMappedField = keyof LeadFields | 'opened' | 'assignedById';

/**
 * How one field of a target is filled from the lead: from the first lead field in `from` that has
 * a value.
 */
export interface LeadFieldMapping<T> {
  readonly to: keyof T & string;
  readonly from: readonly LeadMappedField[];
}

/**
 * The standard-field mapping of a lead conversion, per target.
 */
export interface LeadConversionFieldMap {
  readonly contact: readonly LeadFieldMapping<ContactInput>[];
  readonly company: readonly LeadFieldMapping<CompanyInput>[];
  readonly deal: readonly LeadFieldMapping<DealInput>[];
}

const same = <T>(...fields: readonly (LeadMappedField & keyof T)[]): LeadFieldMapping<T>[] =>
  fields.map((field) => Object.freeze({ to: field, from: Object.freeze([field]) }));

const UTM = ['utmSource', 'utmMedium', 'utmCampaign', 'utmContent', 'utmTerm'] as const;
const MULTI = ['phones', 'emails', 'websites', 'messengers'] as const;

/**
 * Which lead fields fill which fields of a new contact, company or deal. A company is titled by
 * the lead's company title (else its title); a deal by the lead's title (else its company title)
 * and priced by its amount. Custom fields are carried by code besides (same type, values the
 * target accepts). Hosts may read it to show where each value goes.
 *
 * @example
 * ```ts
 * LEAD_CONVERSION_FIELD_MAP.company.find((m) => m.to === 'title')?.from; //=> ['companyTitle', 'title']
 * LEAD_CONVERSION_FIELD_MAP.deal.some((m) => m.to === 'amount'); //=> true
 * LEAD_CONVERSION_FIELD_MAP.contact.some((m) => m.to === 'emails'); //=> true
 * ```
 */
export const LEAD_CONVERSION_FIELD_MAP: LeadConversionFieldMap = /* @__PURE__ */ (() => Object.freeze({
  contact: Object.freeze([
    ...same<ContactInput>('honorific', 'firstName', 'secondName', 'lastName', 'position', 'birthdate'),
    ...same<ContactInput>(...MULTI, 'address', 'source', 'sourceDescription', 'comments', ...UTM, 'opened', 'assignedById'),
  ]),
  company: Object.freeze([
    Object.freeze({ to: 'title', from: Object.freeze(['companyTitle', 'title'] as const) }),
    ...same<CompanyInput>(...MULTI, 'address', 'comments', ...UTM, 'opened', 'assignedById'),
  ]),
  deal: Object.freeze([
    Object.freeze({ to: 'title', from: Object.freeze(['title', 'companyTitle'] as const) }),
    ...same<DealInput>('amount', 'source', 'sourceDescription', 'comments', ...UTM, 'opened', 'assignedById'),
  ]),
}))();

/**
 * Values typed in the conversion form, per target. They replace the mapped values; `undefined`
 * clears one; `custom` is merged by code, and only fields the person converting can see may be set
 * or cleared (others are `FIELD_NOT_VISIBLE` issues). Link fields are set by the plan: one given
 * here is an `INVALID_VALUE` issue.
 */
export interface LeadConversionOverrides {
  readonly contact?: { readonly [K in keyof ContactInput]?: ContactInput[K] | undefined } | undefined;
  readonly company?: { readonly [K in keyof CompanyInput]?: CompanyInput[K] | undefined } | undefined;
  readonly deal?: { readonly [K in keyof DealInput]?: DealInput[K] | undefined } | undefined;
}

/**
 * The rules of the four entity types a conversion touches, each from `defineRecordRules`: the
 * lead's (its status list), the contact's and company's, and the deal's (its pipelines).
 */
export interface LeadConversionRules {
  readonly lead: RecordRules<'lead'>;
  readonly contact: RecordRules<'contact'>;
  readonly company: RecordRules<'company'>;
  readonly deal: RecordRules<'deal'>;
}

/**
 * The ids the records a conversion creates get, one per role it creates (see
 * {@link leadConversionTargets}).
 */
export interface LeadConversionIds {
  readonly contact?: string | undefined;
  readonly company?: string | undefined;
  readonly deal?: string | undefined;
}

/**
 * What {@link planLeadConversion} needs besides the lead and the scheme.
 *
 * - `at`: the instant of the conversion (the lead's `convertedAt`).
 * - `ids`: the ids of the records it creates.
 * - `pipelineId`: the deal pipeline (default: the first of the deal rules).
 * - `existing`: a known contact or company to link instead of creating one (as stored). A repeat
 *   lead names its own (`contactId`, `companyId`): pass those records here (or others to link
 *   instead); leaving them out is `INVALID_ARGUMENT`, since they would be created anew.
 * - `overrides`: values typed in the conversion form.
 * - `clientDeals`: the client's other deals, for the new deal's repeat flags.
 */
export interface LeadConversionOptions {
  readonly at: Date;
  readonly ids: LeadConversionIds;
  readonly pipelineId?: string | undefined;
  readonly existing?: { readonly contact?: Contact | undefined; readonly company?: Company | undefined } | undefined;
  readonly overrides?: LeadConversionOverrides | undefined;
  readonly clientDeals?: readonly ClientDeal[] | undefined;
}

/**
 * A custom value of the lead that one target does not get, and why (never the value). Only lead
 * fields the person can see are listed; a target field they cannot see is reported like a missing
 * one (`no-target-field`).
 */
export interface NotCarriedField {
  readonly target: LeadConversionRole;
  readonly code: string;
  readonly reason: NotCarriedReason;
}

/**
 * The event a conversion appends on the lead: the scheme and the ids of the records the lead
 * became or was linked to.
 */
export type LeadConvertedEvent = DomainEvent<
  'leadConverted',
  { readonly scheme: LeadConversionScheme; readonly contactId?: string | undefined; readonly companyId?: string | undefined; readonly dealId?: string | undefined }
>;

/**
 * A lead conversion, planned: every record as it will be stored (the records it creates, complete
 * with their stage, probability, repeat flags and links; the lead in its success status with
 * `convertedAt` and its links; an existing contact that gains the new company), the writes and
 * events (each record's own, the lead's `movedToFinal` and `leadConverted`), the permissions it
 * needs (`update` on the lead, `add` on each created record, `update` on a contact it changes),
 * and the custom values that were not carried. The application layer checks `needs` and applies
 * the writes in one unit of work; nothing else is decided after the plan.
 */
export interface LeadConversionPlan {
  readonly scheme: LeadConversionScheme;
  readonly lead: Lead;
  readonly contact?: Contact | undefined;
  readonly company?: Company | undefined;
  readonly deal?: Deal | undefined;
  readonly inserts: RecordPlan['inserts'];
  readonly updates: RecordPlan['updates'];
  readonly deletes: RecordPlan['deletes'];
  readonly events: readonly (RecordEvent | LeadConvertedEvent)[];
  readonly needs: readonly PermissionNeed[];
  readonly notCarried: readonly NotCarriedField[];
}

type Bag = Record<string, unknown>;


function put(bag: Bag, key: string, value: unknown): void {
  Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
}

function isScheme(value: unknown): value is LeadConversionScheme {
  return (LEAD_CONVERSION_SCHEMES as readonly unknown[]).includes(value);
}

const ROLES = ['contact', 'company', 'deal'] as const;
const OPTION_KEYS: ReadonlySet<string> = new Set(['at', 'ids', 'pipelineId', 'existing', 'overrides', 'clientDeals']);

/** The standard link fields of each target: set by the plan, never typed in the form. */
const TARGET_LINK_FIELDS: Readonly<Record<LeadConversionRole, ReadonlySet<string>>> = {
  contact: /* @__PURE__ */ linkFieldsOf('contact'),
  company: /* @__PURE__ */ linkFieldsOf('company'),
  deal: /* @__PURE__ */ linkFieldsOf('deal'),
};

function linkFieldsOf(role: LeadConversionRole): ReadonlySet<string> {
  return new Set(STANDARD_FIELDS[role].filter((field) => field.type === 'link' || field.type === 'links').map((field) => field.code));
}

/** The lead's value of a mapping: from its first source field with a value. */
function mappedValue(lead: Readonly<Bag>, from: readonly LeadMappedField[]): unknown {
  const source = from.find((field) => !isEmptyValue(lead[field]));
  return source === undefined ? undefined : lead[source];
}

/**
 * Which records a conversion creates and which it links: the scheme's contact and company are
 * linked when known (given, or the repeat lead's own) and created otherwise; a deal is always
 * created; a contact and a company the scheme does not name are still linked when known. The
 * application layer allocates ids for `create` and loads the records of `link`.
 *
 * @param scheme - One of {@link LEAD_CONVERSION_SCHEMES}.
 * @param known - The ids of a known contact and company (given, or the lead's `contactId` / `companyId`).
 * @returns The roles to create, and the ids to link per role.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an unknown scheme.
 *
 * @example
 * ```ts
 * leadConversionTargets('deal+contact+company', { companyId: '41' }); //=> { create: ['contact', 'deal'], link: { company: '41' } }
 * leadConversionTargets('deal', { contactId: '9' }); //=> { create: ['deal'], link: { contact: '9' } }
 * ```
 */
export function leadConversionTargets(
  scheme: LeadConversionScheme,
  known: { readonly contactId?: string | undefined; readonly companyId?: string | undefined },
): { readonly create: readonly LeadConversionRole[]; readonly link: { readonly contact?: string; readonly company?: string } } {
  // Stryker disable next-line StringLiteral: message text
  if (!isScheme(scheme)) throw invalidArgument(`The scheme is one of ${LEAD_CONVERSION_SCHEMES.join(', ')}.`);
  const roles = scheme.split('+') as LeadConversionRole[];
  const link: { contact?: string; company?: string } = {};
  if (typeof known.contactId === 'string' && known.contactId !== '') link.contact = known.contactId;
  if (typeof known.companyId === 'string' && known.companyId !== '') link.company = known.companyId;
  return { create: ROLES.filter((role) => roles.includes(role) && (role === 'deal' || link[role] === undefined)), link };
}

interface Drafting {
  readonly draft: Bag;
  readonly notCarried: readonly NotCarriedField[];
  readonly issues: readonly Issue[];
}

const NOT_VISIBLE = 'You cannot see this field, so you cannot set or clear it.';

function draftFor(role: LeadConversionRole, lead: Lead, rules: LeadConversionRules, principal: Principal, override: unknown): Drafting {
  const fields = lead as unknown as Readonly<Bag>;
  const draft: Bag = {};
  for (const { to, from } of LEAD_CONVERSION_FIELD_MAP[role] as readonly LeadFieldMapping<unknown>[]) {
    const value = mappedValue(fields, from);
    if (value !== undefined) put(draft, to, value);
  }
  if (role === 'deal' && draft.amount !== undefined) draft.amountIsManual = true;
  const target = rules[role].registry;
  const carried = carryCustomValues(rules.lead.registry, target, principal, lead.custom);
  const custom: Bag = { ...carried.custom };
  const notCarried = carried.notCarried.map(({ code, reason }): NotCarriedField => ({ target: role, code, reason }));
  const issues: Issue[] = [];
  if (override !== undefined) {
    // Stryker disable next-line StringLiteral: message text
    if (!isPlainRecord(override)) throw invalidArgument(`overrides.${role} is an object of field values.`);
    const visible = new Set(listVisibleFields(target, principal).map((definition) => definition.code));
    for (const [key, value] of Object.entries(override)) {
      if (TARGET_LINK_FIELDS[role].has(key)) {
        // Stryker disable next-line StringLiteral: message text
        issues.push(issue('INVALID_VALUE', 'Links are set by the conversion and cannot be typed in the form.', ['overrides', role, key]));
      } else if (key === 'custom') {
        if (value === undefined) continue;
        // Stryker disable next-line StringLiteral: message text
        if (!isPlainRecord(value)) throw invalidArgument(`overrides.${role}.custom is a plain object keyed by field code.`);
        for (const [code, one] of Object.entries(value)) {
          // Like assertCanWriteFields: a code the person cannot see, or that does not exist, is refused alike.
          if (!visible.has(code)) issues.push(issue('FIELD_NOT_VISIBLE', NOT_VISIBLE, ['overrides', role, 'custom', code]));
          else if (one === undefined) Reflect.deleteProperty(custom, code);
          else put(custom, code, one);
        }
      } else if (value === undefined) Reflect.deleteProperty(draft, key);
      else put(draft, key, value);
    }
  }
  put(draft, 'custom', custom);
  return { draft, notCarried, issues };
}

function prefixed(role: LeadConversionRole | 'lead', issues: readonly Issue[]): Issue[] {
  return issues.map((found) => issue(found.code, found.message, [role, ...found.path]));
}

function checkLead(value: unknown): Lead {
  if (!isPlainRecord(value) || typeof value.id !== 'string' || typeof value.status !== 'string' || !isPlainRecord(value.custom)) {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument('The lead must be a stored lead with an id, a status and custom values.');
  }
  // A malformed convertedAt is a broken record, not a sign the lead was converted.
  const { convertedAt } = value;
  if (convertedAt !== undefined && !isInstant(convertedAt)) {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument("The lead's convertedAt is a valid Date when set.");
  }
  return value as unknown as Lead;
}

/** An existing contact or company as stored: linked by its id, and a contact may gain a company. */
function checkExisting(role: 'contact' | 'company', value: unknown): void {
  if (value === undefined) return;
  if (
    !isPlainRecord(value) ||
    typeof value.id !== 'string' ||
    value.id === '' ||
    !Number.isSafeInteger(value.version) ||
    !isPlainRecord(value.custom) ||
    (value.companyIds !== undefined && !Array.isArray(value.companyIds))
  ) {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument(`existing.${role} is a stored ${role} with an id, a version and custom values.`);
  }
}

function readOptions(options: unknown): LeadConversionOptions {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw invalidArgument('planLeadConversion takes options { at, ids, pipelineId?, existing?, overrides?, clientDeals? }.');
  // Stryker disable next-line StringLiteral: message text
  if (Object.keys(options).some((key) => !OPTION_KEYS.has(key))) throw invalidArgument('The options of planLeadConversion are at, ids, pipelineId, existing, overrides and clientDeals.');
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options.ids)) throw invalidArgument('ids is { contact?, company?, deal? }.');
  const { existing, overrides } = options;
  if (existing !== undefined && (!isPlainRecord(existing) || Object.keys(existing).some((key) => key !== 'contact' && key !== 'company'))) {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument('existing is { contact?, company? }.');
  }
  const known = existing ?? {};
  // Stryker disable next-line StringLiteral: message text
  checkExisting('contact', known.contact);
  // Stryker disable next-line StringLiteral: message text
  checkExisting('company', known.company);
  if (overrides !== undefined && (!isPlainRecord(overrides) || Object.keys(overrides).some((key) => !(ROLES as readonly string[]).includes(key)))) {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument('overrides is { contact?, company?, deal? }.');
  }
  return options as unknown as LeadConversionOptions;
}

/**
 * Plans the conversion of a lead into one of the {@link LEAD_CONVERSION_SCHEMES}, as one person
 * converts it, complete: what gets stored is exactly what the plan holds.
 *
 * - The records it creates are planned by `planCreateRecord`, so they are what a create would
 *   make (stage, probability, `closed`, `movedAt`, repeat flags, amounts, defaults), from drafts
 *   carrying the lead's values ({@link LEAD_CONVERSION_FIELD_MAP}; custom fields by code with
 *   `carryCustomValues`, where the person can see both sides) and then `overrides`. The deal starts
 *   in an in-progress stage of the chosen pipeline.
 * - Known records are linked instead of created (see {@link leadConversionTargets}); an existing
 *   contact gains the new company in `companyIds` (a contact without companies included).
 * - Links are set on every side: the deal gets `contactIds`, `companyId` and `leadId`; a created
 *   contact and company get `leadId`; the lead gets `contactId`, `companyId` and `dealId`.
 * - The lead moves to its success status (as `planTransition` plans it) with `convertedAt`.
 *
 * Returned issues: `INVALID_ARGUMENT` for an unknown scheme; `INVALID_STAGE_TRANSITION` for a lead
 * already converted (its `convertedAt` is set, at `['convertedAt']`; or it is in its success
 * status, at `['status']`) or a deal stage that is not an in-progress stage of the pipeline;
 * `INVALID_VALUE` at `['overrides', role, field]` for a link field in the overrides, at
 * `['pipelineId']` for a pipeline that is not one of the deal rules', and at `['deal', 'pipelineId']`
 * for a deal override naming another pipeline;
 * `FIELD_NOT_VISIBLE` at `['overrides', role, 'custom', code]` for a custom override the person
 * cannot see (or that does not exist); every issue of the created records and of the lead's move,
 * with paths starting with the role. Permissions are not judged here: they are listed in
 * `needs`, for `assertPermissions` (the write) or `findMissingPermissions` (a preview).
 *
 * @param rules - The rules of the lead, contact, company and deal types.
 * @param principal - Who converts.
 * @param lead - The stored lead.
 * @param scheme - One of {@link LEAD_CONVERSION_SCHEMES}.
 * @param options - Instant, ids, pipeline, existing records, overrides and client deals; see
 * {@link LeadConversionOptions}.
 * @returns The plan, or every issue found.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed rules, principal, lead or
 * options (unknown option or override keys included), or a created role without its id;
 * `INVALID_DATE` for an invalid `at`; {@link FieldNotVisibleError} as `planCreateRecord`.
 *
 * @example
 * ```ts
 * const rules = { lead: defineRecordRules('lead'), contact: defineRecordRules('contact'), company: defineRecordRules('company'), deal: defineRecordRules('deal') };
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * const at = new Date('2026-03-02T10:00:00Z');
 * const lead = unwrap(planCreateRecord(rules.lead, ana, { title: 'Website enquiry', firstName: 'Ana', lastName: 'García', companyTitle: 'Acme Ibérica' }, { id: '7', at })).record;
 *
 * const plan = unwrap(planLeadConversion(rules, ana, lead, 'deal+contact+company', { at, ids: { contact: '11', company: '12', deal: '13' } }));
 * [plan.company?.title, plan.deal?.stageId, plan.deal?.companyId, plan.deal?.contactIds]; //=> ['Acme Ibérica', 'NEW', '12', ['11']]
 * [plan.lead.status, plan.lead.dealId, plan.lead.convertedAt]; //=> ['CONVERTED', '13', at]
 * plan.events.map((e) => e.type); //=> ['created', 'created', 'created', 'movedToFinal', 'leadConverted']
 *
 * const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'own' }, contact: { add: 'own' }, company: { add: 'own' } } }] });
 * findMissingPermissions(policy, { ...ana, roleIds: ['sales'] }, plan.needs).map((need) => [need.action, need.entityType]); //=> [['add', 'deal']]
 *
 * const twice = planLeadConversion(rules, ana, plan.lead, 'contact', { at, ids: { contact: '14' } });
 * twice.success ? [] : twice.issues.map((i) => [i.code, ...i.path]); //=> [['INVALID_STAGE_TRANSITION', 'convertedAt']]
 * ```
 */
export function planLeadConversion(
  rules: LeadConversionRules,
  principal: Principal,
  lead: Lead,
  scheme: LeadConversionScheme,
  options: LeadConversionOptions,
): Result<LeadConversionPlan> {
  // Each entry must be the rules of its own type: a company's rules given as the contact's would plan a company.
  if (!isPlainRecord(rules) || (['lead', ...ROLES] as const).some((role) => !isPlainRecord(rules[role]) || rules[role].entityType !== role)) {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument('rules is { lead, contact, company, deal } from defineRecordRules.');
  }
  assertPrincipal(principal);
  // Stryker disable next-line StringLiteral: message text
  if (!isScheme(scheme)) return fail(issue('INVALID_ARGUMENT', 'Unknown conversion scheme.', ['scheme']));
  const checkedLead = checkLead(lead);
  const { ids, existing = {}, overrides = {}, clientDeals } = readOptions(options);
  // Stryker disable next-line StringLiteral: message text
  const at = toInstant(options.at, 'at');
  // Stryker disable next-line StringLiteral: message text
  if (checkedLead.convertedAt !== undefined) return fail(issue('INVALID_STAGE_TRANSITION', 'The lead has already been converted.', ['convertedAt']));
  const statuses = rules.lead.pipelines[0];
  const success = statuses?.stages.find((stage) => stage.semantic === 'success');
  // Stryker disable next-line StringLiteral: message text
  if (statuses === undefined || success === undefined) throw invalidArgument('The lead rules have a status list with a success status.');
  // Stryker disable next-line StringLiteral: message text
  if (checkedLead.status === success.id) return fail(issue('INVALID_STAGE_TRANSITION', 'The lead has already been converted.', ['status']));
  // A repeat lead links to its own contact and company: left out, they would be created anew and
  // the lead's links overwritten.
  if ((checkedLead.contactId !== undefined && existing.contact === undefined) || (checkedLead.companyId !== undefined && existing.company === undefined)) {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument("A repeat lead's own contact and company are given in existing (or others to link instead).");
  }

  const issues: Issue[] = [];
  const targets = leadConversionTargets(scheme, { contactId: existing.contact?.id, companyId: existing.company?.id });
  const idOf: Partial<Record<LeadConversionRole, string>> = { ...targets.link };
  for (const role of targets.create) {
    const id = ids[role];
    // Stryker disable next-line StringLiteral: message text
    if (typeof id !== 'string' || id === '') throw invalidArgument(`The created ${role} needs its id in ids.${role}.`);
    idOf[role] = id;
  }
  const pipeline: Pipeline | undefined = options.pipelineId === undefined ? rules.deal.pipelines[0] : rules.deal.pipelines.find((candidate) => candidate.id === options.pipelineId);
  // Stryker disable next-line StringLiteral: message text
  if (pipeline === undefined) issues.push(issue('INVALID_VALUE', 'Not a deal pipeline of this CRM.', ['pipelineId']));

  const plans: RecordPlan[] = [];
  const records: Partial<Record<LeadConversionRole, StoredRecord | undefined>> = { ...existing };
  const notCarried: NotCarriedField[] = [];
  for (const role of targets.create) {
    const drafting = draftFor(role, checkedLead, rules, principal, overrides[role]);
    notCarried.push(...drafting.notCarried);
    issues.push(...drafting.issues);
    const { draft } = drafting;
    put(draft, 'leadId', checkedLead.id);
    if (role === 'contact' && idOf.company !== undefined) put(draft, 'companyIds', [idOf.company]);
    if (role === 'deal') {
      if (idOf.contact !== undefined) put(draft, 'contactIds', [idOf.contact]);
      if (idOf.company !== undefined) put(draft, 'companyId', idOf.company);
      if (pipeline === undefined) continue;
      if (draft.pipelineId !== undefined && draft.pipelineId !== pipeline.id) {
        // Stryker disable next-line StringLiteral: message text
        issues.push(issue('INVALID_VALUE', 'The deal is created in the pipeline given to the conversion.', ['deal', 'pipelineId']));
        continue;
      }
      put(draft, 'pipelineId', pipeline.id);
      // The first in-progress stage by `sort`, as every function of the pipelines module reads stages.
      const stageId = draft.stageId ?? [...pipeline.stages].filter((stage) => stage.semantic === 'process').sort((a, b) => a.sort - b.sort)[0]?.id;
      if (!pipeline.stages.some((stage) => stage.id === stageId && stage.semantic === 'process')) {
        // Stryker disable next-line StringLiteral: message text
        issues.push(issue('INVALID_STAGE_TRANSITION', "A converted lead's deal starts in an in-progress stage of its pipeline.", ['deal', 'stageId']));
        continue;
      }
    }
    const planned = planCreateRecord(rules[role], principal, draft, { id: idOf[role] ?? '', at, clientDeals: role === 'deal' ? clientDeals : undefined });
    if (!planned.success) {
      issues.push(...prefixed(role, planned.issues));
      continue;
    }
    plans.push(planned.data);
    records[role] = planned.data.record;
  }

  // An existing contact gains the company (none yet reads as none, not as "unknown").
  const contact = existing.contact;
  if (contact !== undefined && idOf.company !== undefined && !(contact.companyIds ?? []).includes(idOf.company)) {
    const linked = planSystemUpdate(rules.contact, principal, contact, { companyIds: [...(contact.companyIds ?? []), idOf.company] }, { at });
    if (linked.success) {
      plans.push(linked.data);
      records.contact = linked.data.record;
    } else {
      issues.push(...prefixed('contact', linked.issues));
    }
  }

  const moved = planTransition(checkedLead, success.id, { pipeline: statuses, at, byId: principal.userId, principal, registry: rules.lead.registry });
  if (!moved.success) issues.push(...prefixed('lead', moved.issues));
  if (issues.length > 0 || !moved.success) return fail(dedupe(issues));

  const links: Bag = { convertedAt: at };
  for (const role of ROLES) if (idOf[role] !== undefined) links[`${role}Id`] = idOf[role];
  const convertedLead = planSystemUpdate(rules.lead, principal, checkedLead, { ...moved.data.patch, ...links }, { at, events: [toRecordEvent(moved.data.event)] });
  if (!convertedLead.success) return fail(prefixed('lead', convertedLead.issues));
  plans.push(convertedLead.data);

  const converted: LeadConvertedEvent = {
    type: 'leadConverted',
    entityType: 'lead',
    entityId: checkedLead.id,
    at,
    byId: principal.userId,
    data: { scheme, ...(idOf.contact === undefined ? {} : { contactId: idOf.contact }), ...(idOf.company === undefined ? {} : { companyId: idOf.company }), ...(idOf.deal === undefined ? {} : { dealId: idOf.deal }) },
  };
  const writes = combineWrites<RecordEvent | LeadConvertedEvent>([...plans, { inserts: [], updates: [], deletes: [], events: [converted], needs: [] }]);
  // Only values of lead fields the person can see: the rest would reveal a hidden field's code
  // and that it holds a value. A target field they cannot see reads like a missing one.
  const visible = new Set(listVisibleFields(rules.lead.registry, principal).map((definition) => definition.code));
  const shown = notCarried
    .filter((dropped) => visible.has(dropped.code))
    .map((dropped): NotCarriedField => (dropped.reason === 'not-visible' ? { ...dropped, reason: 'no-target-field' } : dropped));
  return ok({
    scheme,
    lead: convertedLead.data.record,
    ...(records.contact === undefined ? {} : { contact: records.contact as Contact }),
    ...(records.company === undefined ? {} : { company: records.company as Company }),
    ...(records.deal === undefined ? {} : { deal: records.deal as Deal }),
    ...writes,
    notCarried: shown,
  });
}

/** Issues with the code and path of one already listed (a field required twice) are left out. */
function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((found) => {
    const key = `${found.code} ${JSON.stringify(found.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
