import type { AccessPolicy, AccessRecord, Principal } from '../access/index.js';
import { assertPrincipal, can, visibleFields } from '../access/index.js';
import type { Company, CompanyInput, Contact, ContactInput, ContactPatch, DealInput, Lead, LeadFields } from '../entities/index.js';
import { validateEntity } from '../entities/index.js';
import type { FieldRegistry } from '../fields/index.js';
import { STANDARD_FIELDS } from '../fields/index.js';
import type { Issue, Result } from '../kernel/index.js';
import { fail, isPlainRecord, issue, ok, toInstant } from '../kernel/index.js';
import { conversionPipeline, invalid, registryOf } from './_internal/conversion-checks.js';
import type { NotCarriedReason } from './_internal/conversion-custom.js';
import { carryCustomValue } from './_internal/conversion-custom.js';
import { requiredForStartStage } from './_internal/conversion-required.js';
import { isEmptyValue } from './_internal/empty-value.js';
import { isBag, isId } from './_internal/stage-checks.js';
import { stageIn } from './_internal/stage-pipeline.js';
import type { Pipeline } from './pipeline.js';
import type { TransitionPatch, TransitionPlan } from './plan-transition.js';
import { planTransition } from './plan-transition.js';

export type { NotCarriedReason } from './_internal/conversion-custom.js';

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
 *
 * @example
 * ```ts
 * const scheme: LeadConversionScheme = 'deal+contact';
 * ```
 */
export type LeadConversionScheme = (typeof LEAD_CONVERSION_SCHEMES)[number];

/**
 * A record a lead converts into, named by its role in the plan (ids do not exist yet).
 *
 * @example
 * ```ts
 * const role: LeadConversionRole = 'company';
 * ```
 */
export type LeadConversionRole = 'contact' | 'company' | 'deal';

/**
 * A lead field a conversion can read: a field of {@link LeadFields}, or `opened` and
 * `assignedById`.
 *
 * @example
 * ```ts
 * const field: LeadMappedField = 'companyTitle';
 * ```
 */
export type LeadMappedField = keyof LeadFields | 'opened' | 'assignedById';

/**
 * How one field of a target is filled from the lead: from the first lead field in `from` that has
 * a value.
 *
 * @example
 * ```ts
 * const title: LeadFieldMapping<CompanyInput> = { to: 'title', from: ['companyTitle', 'title'] };
 * ```
 */
export interface LeadFieldMapping<T> {
  readonly to: keyof T & string;
  readonly from: readonly LeadMappedField[];
}

/**
 * The standard-field mapping of a lead conversion, per target.
 *
 * @example
 * ```ts
 * const map: LeadConversionFieldMap = { contact: [{ to: 'firstName', from: ['firstName'] }], company: [], deal: [] };
 * ```
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
 *
 * @example
 * ```ts
 * const overrides: LeadConversionOverrides = { deal: { title: 'Fleet renewal', stageId: 'PROPOSAL' }, company: { industry: 'IT' } };
 * ```
 */
export interface LeadConversionOverrides {
  readonly contact?: { readonly [K in keyof ContactInput]?: ContactInput[K] | undefined } | undefined;
  readonly company?: { readonly [K in keyof CompanyInput]?: CompanyInput[K] | undefined } | undefined;
  readonly deal?: { readonly [K in keyof DealInput]?: DealInput[K] | undefined } | undefined;
}

/**
 * The field registries a conversion reads; a missing one stands for an entity type without
 * custom fields.
 *
 * @example
 * ```ts
 * const registries: LeadConversionRegistries = { lead: createFieldRegistry('lead'), deal: createFieldRegistry('deal') };
 * ```
 */
export interface LeadConversionRegistries {
  readonly lead?: FieldRegistry<'lead'> | undefined;
  readonly contact?: FieldRegistry<'contact'> | undefined;
  readonly company?: FieldRegistry<'company'> | undefined;
  readonly deal?: FieldRegistry<'deal'> | undefined;
}

/**
 * What {@link planLeadConversion} needs besides the lead and the scheme.
 *
 * - `statuses`: the lead status list; the lead moves to its success status.
 * - `pipeline`: the deal pipeline, needed when a deal is created; the deal starts in its first
 *   stage unless `overrides.deal.stageId` names another in-progress stage.
 * - `existing`: a known contact or company to link instead of creating one. A lead with
 *   `contactId` / `companyId` (a repeat lead) links to its own without this; pass the contact
 *   record to also add a new company to its `companyIds`.
 * - `principal`: who converts: permissions, and which custom fields are carried, may be typed and
 *   are required (only those they can see).
 * - `byId`: who converts; `principal.userId` when omitted.
 *
 * @example
 * ```ts
 * const options: LeadConversionOptions = {
 *   statuses: DEFAULT_LEAD_STATUSES, pipeline: DEFAULT_DEAL_PIPELINE, at: new Date('2026-03-02T10:00:00Z'),
 *   policy: createAccessPolicy({ roles: [] }), principal: { userId: 'u-1', roleIds: [], departmentIds: [], isAdmin: true },
 *   overrides: { deal: { title: 'Fleet renewal' } },
 * };
 * ```
 */
export interface LeadConversionOptions {
  readonly statuses: Pipeline;
  readonly pipeline?: Pipeline | undefined;
  readonly registries?: LeadConversionRegistries | undefined;
  readonly at: Date;
  readonly byId?: string | undefined;
  readonly principal: Principal;
  readonly policy: AccessPolicy;
  readonly existing?: { readonly contact?: Contact | undefined; readonly company?: Company | undefined } | undefined;
  readonly overrides?: LeadConversionOverrides | undefined;
}

/**
 * A record to create, as a validated input.
 *
 * @example
 * ```ts
 * const target: LeadConversionCreate<CompanyInput> = { action: 'create', draft: { title: 'Acme' } };
 * ```
 */
export interface LeadConversionCreate<T> {
  readonly action: 'create';
  readonly draft: T;
}

/**
 * A known record to link instead of creating one. `companyIds` are an existing contact's
 * companies, when its record was given (a new company is added to them).
 *
 * @example
 * ```ts
 * const target: LeadConversionExisting = { action: 'link', id: 'c-9' };
 * ```
 */
export interface LeadConversionExisting {
  readonly action: 'link';
  readonly id: string;
  readonly companyIds?: readonly string[] | undefined;
}

/**
 * A link to set once every id exists: `owner[field]` gets the id of `target` (added to it when
 * `field` is a list).
 *
 * @example
 * ```ts
 * const link: LeadConversionLink = { owner: 'deal', field: 'contactIds', target: 'contact' };
 * ```
 */
export interface LeadConversionLink {
  readonly owner: LeadConversionRole | 'lead';
  readonly field: 'contactIds' | 'companyIds' | 'companyId' | 'contactId' | 'dealId' | 'leadId';
  readonly target: LeadConversionRole | 'lead';
}

/**
 * A custom value of the lead that one target does not get, and why (never the value).
 *
 * @example
 * ```ts
 * const dropped: NotCarriedField = { target: 'contact', code: 'budget', reason: 'no-target-field' };
 * ```
 */
export interface NotCarriedField {
  readonly target: LeadConversionRole;
  readonly code: string;
  readonly reason: NotCarriedReason;
}

/**
 * One permission a conversion needs.
 *
 * @example
 * ```ts
 * const need: LeadConversionPermission = { action: 'add', entityType: 'deal' };
 * ```
 */
export interface LeadConversionPermission {
  readonly action: 'add' | 'update';
  readonly entityType: LeadConversionRole | 'lead';
}

/**
 * The permissions a planned conversion was checked against, all granted. A missing one does not
 * give a plan: it is a `FORBIDDEN` issue at `[entityType, action]` (such as `['deal', 'add']` or
 * `['lead', 'update']`), returned with every other issue, so a preview can show what is missing.
 *
 * @example
 * ```ts
 * const outcome: LeadConversionPermissions = { checked: [{ action: 'update', entityType: 'lead' }, { action: 'add', entityType: 'deal' }] };
 * ```
 */
export interface LeadConversionPermissions {
  readonly checked: readonly LeadConversionPermission[];
}

/**
 * A lead conversion, planned: what to create or link per role, the links to set once ids exist
 * (drafts already hold those whose ids are known: the lead's, existing records'), the lead's
 * move to its success status (a {@link TransitionPlan}: patch and stage-history event), the
 * instant recorded as the lead's `convertedAt`, the custom values not carried, and the
 * permissions checked. The application layer applies it in one unit of work (see
 * {@link resolveLeadConversion}).
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-02T10:00:00Z');
 * const plan: LeadConversionPlan = {
 *   scheme: 'company', leadId: '7', convertedAt: at,
 *   targets: { company: { action: 'create', draft: { title: 'Acme', opened: false, leadId: '7' } } },
 *   links: [{ owner: 'company', field: 'leadId', target: 'lead' }, { owner: 'lead', field: 'companyId', target: 'company' }],
 *   leadMove: {
 *     patch: { status: 'CONVERTED', movedAt: at, movedById: 'u-1' },
 *     event: {
 *       type: 'movedToFinal', entityType: 'lead', entityId: '7', pipelineId: 'lead', stageId: 'CONVERTED', semantic: 'success',
 *       fromStageId: 'NEW', reopened: false, at, byId: 'u-1',
 *     },
 *     reopened: false,
 *   },
 *   notCarried: [], permissions: { checked: [{ action: 'update', entityType: 'lead' }, { action: 'add', entityType: 'company' }] },
 * };
 * ```
 */
export interface LeadConversionPlan {
  readonly scheme: LeadConversionScheme;
  readonly leadId: string;
  /** The instant of the conversion: the lead's `convertedAt`. */
  readonly convertedAt: Date;
  readonly targets: {
    readonly contact?: LeadConversionCreate<ContactInput> | LeadConversionExisting | undefined;
    readonly company?: LeadConversionCreate<CompanyInput> | LeadConversionExisting | undefined;
    readonly deal?: LeadConversionCreate<DealInput> | undefined;
  };
  readonly links: readonly LeadConversionLink[];
  readonly leadMove: TransitionPlan;
  readonly notCarried: readonly NotCarriedField[];
  readonly permissions: LeadConversionPermissions;
}

type Bag = Record<string, unknown>;

function put(bag: Bag, key: string, value: unknown): void {
  Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
}

function isScheme(value: unknown): value is LeadConversionScheme {
  return (LEAD_CONVERSION_SCHEMES as readonly unknown[]).includes(value);
}

function rolesOf(scheme: LeadConversionScheme): readonly LeadConversionRole[] {
  return scheme.split('+') as LeadConversionRole[];
}

const PLAN_ROLES: ReadonlySet<unknown> = new Set(['lead', 'contact', 'company', 'deal']);

const LINK_FIELDS: ReadonlySet<unknown> = new Set(['contactIds', 'companyIds', 'companyId', 'contactId', 'dealId', 'leadId']);

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
function mappedValue(lead: Readonly<Record<string, unknown>>, from: readonly LeadMappedField[]): unknown {
  const source = from.find((field) => !isEmptyValue(lead[field]));
  return source === undefined ? undefined : lead[source];
}

interface Drafting {
  readonly draft: Bag;
  readonly notCarried: readonly NotCarriedField[];
  readonly issues: readonly Issue[];
}

const NOT_VISIBLE = 'You cannot see this field, so you cannot set or clear it.';

function draftFor(
  role: LeadConversionRole,
  lead: Lead,
  registries: { readonly lead: FieldRegistry; readonly target: FieldRegistry },
  principal: Principal,
  override: unknown,
): Drafting {
  const fields = lead as unknown as Readonly<Record<string, unknown>>;
  const draft: Bag = {};
  for (const { to, from } of LEAD_CONVERSION_FIELD_MAP[role] as readonly LeadFieldMapping<unknown>[]) {
    const value = mappedValue(fields, from);
    if (value !== undefined) put(draft, to, value);
  }
  if (role === 'deal' && draft.amount !== undefined) draft.amountIsManual = true;
  const custom = Object.create(null) as Bag;
  const notCarried: NotCarriedField[] = [];
  const issues: Issue[] = [];
  const leadCustom: unknown = lead.custom;
  for (const [code, value] of Object.entries(isBag(leadCustom) ? leadCustom : {})) {
    if (isEmptyValue(value)) continue;
    const outcome = carryCustomValue(registries.lead, registries.target, principal, code, value);
    if (outcome.carried) put(custom, code, outcome.value);
    else notCarried.push({ target: role, code, reason: outcome.reason });
  }
  if (override !== undefined) {
    if (!isBag(override)) throw invalid(`overrides.${role} is an object of field values.`);
    const visible = new Set(visibleFields(principal, registries.target).map((definition) => definition.code));
    for (const [key, value] of Object.entries(override)) {
      if (TARGET_LINK_FIELDS[role].has(key)) {
        issues.push(issue('INVALID_VALUE', 'Links are set by the conversion and cannot be typed in the form.', ['overrides', role, key]));
      } else if (key === 'custom') {
        if (value === undefined) continue;
        if (!isPlainRecord(value)) throw invalid(`overrides.${role}.custom is a plain object keyed by field code.`);
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

function prefixed(role: LeadConversionRole, issues: readonly Issue[]): Issue[] {
  return issues.map((found) => issue(found.code, found.message, [role, ...found.path]));
}

function checkLead(value: unknown): Lead {
  if (!isBag(value) || !isId(value.id) || !isId(value.status) || !isId(value.assignedById)) {
    throw invalid('The lead must be a stored lead with an id, a status and a responsible person.');
  }
  if (value.custom !== undefined && !isBag(value.custom)) throw invalid("The lead's custom values are an object keyed by field code.");
  const convertedAt = value.convertedAt;
  if (convertedAt !== undefined && !(convertedAt instanceof Date && !Number.isNaN(convertedAt.getTime()))) {
    throw invalid("The lead's convertedAt is a valid Date when set.");
  }
  return value as unknown as Lead;
}

function existingOf(options: LeadConversionOptions, lead: Lead): { contact?: LeadConversionExisting; company?: LeadConversionExisting } {
  const existing: unknown = options.existing;
  if (existing !== undefined && !isBag(existing)) throw invalid('existing is { contact?, company? }.');
  const given = (existing ?? {}) as { readonly contact?: unknown; readonly company?: unknown };
  const found: { contact?: LeadConversionExisting; company?: LeadConversionExisting } = {};
  for (const role of ['contact', 'company'] as const) {
    const record = given[role];
    if (record !== undefined) {
      if (!isBag(record) || !isId(record.id) || !isId(record.assignedById)) throw invalid(`existing.${role} must be a stored ${role}.`);
      const companyIds = role === 'contact' && Array.isArray(record.companyIds) ? (record.companyIds as readonly unknown[]).filter(isId) : undefined;
      found[role] = companyIds === undefined ? { action: 'link', id: record.id } : { action: 'link', id: record.id, companyIds };
    } else {
      const id = role === 'contact' ? lead.contactId : lead.companyId;
      if (isId(id)) found[role] = { action: 'link', id };
    }
  }
  return found;
}

function linksBetween(present: ReadonlySet<LeadConversionRole>, created: ReadonlySet<LeadConversionRole>, contactCompanies: readonly string[] | undefined, companyId: string | undefined): LeadConversionLink[] {
  const links: LeadConversionLink[] = [];
  if (present.has('deal')) {
    if (present.has('contact')) links.push({ owner: 'deal', field: 'contactIds', target: 'contact' });
    if (present.has('company')) links.push({ owner: 'deal', field: 'companyId', target: 'company' });
    links.push({ owner: 'deal', field: 'leadId', target: 'lead' });
  }
  if (present.has('contact') && present.has('company')) {
    // An existing contact is changed only when its record was given and it lacks the company.
    const alreadyLinked = companyId !== undefined && contactCompanies?.includes(companyId) === true;
    if (created.has('contact') || (contactCompanies !== undefined && !alreadyLinked)) {
      links.push({ owner: 'contact', field: 'companyIds', target: 'company' });
    }
  }
  if (created.has('contact')) links.push({ owner: 'contact', field: 'leadId', target: 'lead' });
  if (created.has('company')) links.push({ owner: 'company', field: 'leadId', target: 'lead' });
  if (present.has('contact')) links.push({ owner: 'lead', field: 'contactId', target: 'contact' });
  if (present.has('company')) links.push({ owner: 'lead', field: 'companyId', target: 'company' });
  if (present.has('deal')) links.push({ owner: 'lead', field: 'dealId', target: 'deal' });
  return links;
}

/** Adds issues, skipping any with the code and path of one already there (a field required twice). */
function pushNew(issues: Issue[], more: readonly Issue[]): void {
  const key = (found: Issue): string => `${found.code} ${JSON.stringify(found.path)}`;
  const seen = new Set(issues.map(key));
  for (const found of more) {
    if (!seen.has(key(found))) issues.push(found);
    seen.add(key(found));
  }
}

/**
 * Plans the conversion of a lead into one of the {@link LEAD_CONVERSION_SCHEMES}: drafts of the
 * new contact, company and deal carrying the lead's values ({@link LEAD_CONVERSION_FIELD_MAP},
 * custom fields by code where the types are compatible and the person converting can see the field
 * on both sides, then `overrides`), each validated against its registry; known records linked
 * instead of created (a repeat lead's contact and company, or `existing`); the links between
 * everything (the lead gets `contactId`, `companyId` and `dealId`); the lead's move to its success
 * status and its `convertedAt`; and the permissions checked (`add` on each created type, `update`
 * on the lead and on an existing contact that gains a company). Pure: ids are not invented, the
 * plan names records by role.
 *
 * Returned issues: `INVALID_ARGUMENT` for an unknown scheme or a deal override of another
 * pipeline; `INVALID_STAGE_TRANSITION` for a lead already converted (its `convertedAt` is set, at
 * `['convertedAt']`, whatever its status; or it is in its success status, at `['status']`) or a
 * deal stage that is not an in-progress stage of the pipeline; `INVALID_VALUE` at
 * `['overrides', role, field]` for a link field in the overrides (the plan sets links);
 * `FIELD_NOT_VISIBLE` at `['overrides', role, 'custom', code]` for a custom override the person
 * cannot see (or that the target does not define: the two are not told apart); the targets'
 * validation issues (`REQUIRED`, `INVALID_VALUE`, `UNKNOWN_FIELD`) and the deal's starting-stage
 * requirements (as `planTransition` counts them) with paths starting with the role; `FORBIDDEN`
 * at `[entityType, action]` per missing permission.
 *
 * @param lead - The stored lead.
 * @param scheme - One of {@link LEAD_CONVERSION_SCHEMES}.
 * @param options - Statuses, pipeline, registries, time, person, permissions, existing records and
 * overrides; see {@link LeadConversionOptions}.
 * @returns The plan, or every issue found.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed lead, status list, pipeline
 * (invalid by `definePipeline`'s rules included), registry, principal, policy or override;
 * `INVALID_DATE` for an invalid `at`.
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-02T10:00:00Z');
 * const lead = {
 *   id: '7', version: 1, createdAt: at, updatedAt: at, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1',
 *   custom: {}, title: 'Website enquiry', status: 'NEW', opened: false, isReturnCustomer: false, movedAt: at, movedById: 'u-1',
 *   firstName: 'Ana', lastName: 'García', companyTitle: 'Acme Ibérica',
 * };
 * const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'own' }, contact: { add: 'all' }, company: { add: 'all' } } }] });
 * const ana = { userId: 'u-1', roleIds: ['sales'], departmentIds: [], isAdmin: false };
 *
 * const statuses = DEFAULT_LEAD_STATUSES;
 * const planned = planLeadConversion(lead, 'contact+company', { statuses, at, policy, principal: ana });
 * const company = planned.success ? planned.data.targets.company : undefined;
 * company?.action === 'create' && [company.draft.title, company.draft.leadId]; //=> ['Acme Ibérica', '7']
 * planned.success && planned.data.leadMove.patch.status; //=> 'CONVERTED'
 *
 * const converted = { ...lead, status: 'IN_PROCESS', convertedAt: at };
 * const twice = planLeadConversion(converted, 'contact', { statuses, at, policy, principal: ana });
 * twice.success ? [] : twice.issues.map((i) => [i.code, ...i.path]); //=> [['INVALID_STAGE_TRANSITION', 'convertedAt']]
 *
 * const forbidden = planLeadConversion(lead, 'deal', { statuses, pipeline: DEFAULT_DEAL_PIPELINE, at, policy, principal: ana });
 * forbidden.success ? [] : forbidden.issues.map((i) => [i.code, ...i.path]); //=> [['FORBIDDEN', 'deal', 'add']]
 * ```
 */
export function planLeadConversion(lead: Lead, scheme: LeadConversionScheme, options: LeadConversionOptions): Result<LeadConversionPlan> {
  if (!isScheme(scheme)) return fail(issue('INVALID_ARGUMENT', 'Unknown conversion scheme.', ['scheme']));
  const checkedLead = checkLead(lead);
  if (!isBag(options)) throw invalid('planLeadConversion takes an options object.');
  const statuses = conversionPipeline(options.statuses, 'lead', 'statuses');
  // A checked pipeline has exactly one success stage.
  const success = statuses.stages.find((stage) => stage.semantic === 'success');
  if (success === undefined) throw invalid('statuses must have a success status.');
  const at = toInstant(options.at, 'at');
  const { principal, policy } = options;
  assertPrincipal(principal);
  const byId: unknown = options.byId ?? principal.userId;
  if (!isId(byId)) throw invalid('byId must be the id of the person who converts.');
  const overrides: unknown = options.overrides;
  if (overrides !== undefined && !isBag(overrides)) throw invalid('overrides is { contact?, company?, deal? }.');
  const given = (overrides ?? {}) as Readonly<Record<LeadConversionRole, unknown>>;

  if (checkedLead.convertedAt !== undefined) {
    return fail(issue('INVALID_STAGE_TRANSITION', 'The lead has already been converted.', ['convertedAt']));
  }
  if (checkedLead.status === success.id) {
    return fail(issue('INVALID_STAGE_TRANSITION', 'The lead has already been converted.', ['status']));
  }
  const leadRegistry = registryOf(options.registries, 'lead');
  const issues: Issue[] = [];

  const moved = planTransition(checkedLead, success.id, { pipeline: statuses, at, byId, principal, registry: leadRegistry });
  if (!moved.success) issues.push(...moved.issues.map((found) => issue(found.code, found.message, ['lead', ...found.path])));
  const leadMove = moved.success ? moved.data : undefined;
  const roles = rolesOf(scheme);
  const existing = existingOf(options, checkedLead);
  const notCarried: NotCarriedField[] = [];
  const created = new Set<LeadConversionRole>(roles.filter((role) => role === 'deal' || existing[role] === undefined));
  const present = new Set<LeadConversionRole>([...roles, ...(['contact', 'company'] as const).filter((role) => existing[role] !== undefined)]);
  const targets: Partial<Record<LeadConversionRole, LeadConversionCreate<unknown> | LeadConversionExisting>> = {};
  const needs: { readonly need: LeadConversionPermission; readonly record: AccessRecord }[] = [
    { need: { action: 'update', entityType: 'lead' }, record: checkedLead },
  ];

  for (const role of ['contact', 'company', 'deal'] as const) {
    if (!present.has(role)) continue;
    const known = role === 'deal' ? undefined : existing[role];
    if (known !== undefined) {
      targets[role] = known;
      continue;
    }
    const registry = registryOf(options.registries, role);
    const drafting = draftFor(role, checkedLead, { lead: leadRegistry, target: registry }, principal, given[role]);
    notCarried.push(...drafting.notCarried);
    pushNew(issues, drafting.issues);
    const { draft } = drafting;
    put(draft, 'leadId', checkedLead.id);
    if (role === 'contact' && existing.company !== undefined) put(draft, 'companyIds', [existing.company.id]);
    let pipelineId: string | undefined;
    if (role === 'deal') {
      if (existing.contact !== undefined) put(draft, 'contactIds', [existing.contact.id]);
      if (existing.company !== undefined) put(draft, 'companyId', existing.company.id);
      const pipeline = conversionPipeline(options.pipeline, 'deal', 'pipeline');
      pipelineId = pipeline.id;
      if (draft.pipelineId !== undefined && draft.pipelineId !== pipeline.id) {
        issues.push(issue('INVALID_ARGUMENT', 'The deal is created in the pipeline given to the conversion.', ['deal', 'pipelineId']));
      }
      const stage = stageIn(pipeline, draft.stageId ?? pipeline.stages[0]?.id);
      if (stage?.semantic !== 'process') {
        issues.push(issue('INVALID_STAGE_TRANSITION', "A converted lead's deal starts in an in-progress stage of its pipeline.", ['deal', 'stageId']));
      } else {
        put(draft, 'stageId', stage.id);
        pushNew(issues, requiredForStartStage(draft, pipeline, stage, registry, principal));
      }
      put(draft, 'pipelineId', pipeline.id);
    }
    // `add` is checked on the record about to be created, valid or not, so every missing permission shows.
    const assignedById = isId(draft.assignedById) ? draft.assignedById : byId;
    const opened = draft.opened === true;
    needs.push({ need: { action: 'add', entityType: role }, record: pipelineId === undefined ? { assignedById, opened } : { assignedById, opened, pipelineId } });
    // A required field the person cannot see is never required of them (DOMAIN "Custom fields").
    const checked = validateEntity(registry, 'input', draft, { principal });
    if (!checked.success) {
      pushNew(issues, prefixed(role, checked.issues));
      continue;
    }
    targets[role] = { action: 'create', draft: checked.data };
  }

  const contact = existing.contact;
  const links = linksBetween(present, created, contact?.companyIds, existing.company?.id);
  if (contact !== undefined && links.some((link) => link.owner === 'contact' && link.field === 'companyIds')) {
    const record = options.existing?.contact;
    if (record !== undefined) needs.push({ need: { action: 'update', entityType: 'contact' }, record });
  }

  for (const { need, record } of needs) {
    if (can(policy, principal, need.action, need.entityType, record)) continue;
    issues.push(issue('FORBIDDEN', `You may not ${need.action} ${need.entityType} records here.`, [need.entityType, need.action]));
  }
  if (issues.length > 0 || leadMove === undefined) return fail(issues);

  return ok({
    scheme,
    leadId: checkedLead.id,
    convertedAt: at,
    targets: targets as LeadConversionPlan['targets'],
    links,
    leadMove,
    notCarried,
    permissions: { checked: needs.map(({ need }) => need) },
  });
}

/**
 * The ids of the records a plan creates, once allocated.
 *
 * @example
 * ```ts
 * const ids: LeadConversionIds = { contact: '11', deal: '12' };
 * ```
 */
export interface LeadConversionIds {
  readonly contact?: string | undefined;
  readonly company?: string | undefined;
  readonly deal?: string | undefined;
}

/**
 * A lead conversion with every link set: the inputs to create, the lead's update (status move,
 * `convertedAt` and links), and the patch of an existing contact that gains a company.
 *
 * @example
 * ```ts
 * const resolved: ResolvedLeadConversion = {
 *   create: { company: { title: 'Acme', leadId: '7' } },
 *   update: { lead: { status: 'CONVERTED', movedAt: new Date('2026-03-02T10:00:00Z'), movedById: 'u-1', convertedAt: new Date('2026-03-02T10:00:00Z'), companyId: '11' } },
 * };
 * ```
 */
export interface ResolvedLeadConversion {
  readonly create: {
    readonly contact?: ContactInput | undefined;
    readonly company?: CompanyInput | undefined;
    readonly deal?: DealInput | undefined;
  };
  readonly update: {
    readonly lead: TransitionPatch & {
      readonly convertedAt: Date;
      readonly contactId?: string | undefined;
      readonly companyId?: string | undefined;
      readonly dealId?: string | undefined;
    };
    readonly contact?: ContactPatch | undefined;
  };
}

/**
 * Sets the links of a {@link LeadConversionPlan} once the ids of the created records exist: the
 * application layer allocates them (with its `IdGenerator`), calls this, and writes the result in
 * one unit of work.
 *
 * @param plan - A plan from {@link planLeadConversion}.
 * @param ids - The ids given to the created contact, company and deal.
 * @returns The inputs to create and the updates to make.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed plan or a created record
 * without an id.
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-02T10:00:00Z');
 * const lead = {
 *   id: '7', version: 1, createdAt: at, updatedAt: at, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1',
 *   custom: {}, status: 'NEW', opened: false, isReturnCustomer: false, movedAt: at, movedById: 'u-1', companyTitle: 'Acme',
 * };
 * const admin = { userId: 'u-1', roleIds: [], departmentIds: [], isAdmin: true };
 * const planned = planLeadConversion(lead, 'company', { statuses: DEFAULT_LEAD_STATUSES, at, principal: admin, policy: createAccessPolicy({ roles: [] }) });
 * const plan = unwrap(planned);
 * const resolved = resolveLeadConversion(plan, { company: '11' });
 * resolved.update.lead.companyId; //=> '11'
 * resolved.update.lead.status; //=> 'CONVERTED'
 * resolved.update.lead.convertedAt; //=> at
 * resolved.create.company?.leadId; //=> '7'
 * resolveLeadConversion(plan, {}); // throws ValidationError INVALID_ARGUMENT
 * ```
 */
export function resolveLeadConversion(plan: LeadConversionPlan, ids: LeadConversionIds): ResolvedLeadConversion {
  const given: unknown = plan;
  if (
    !isBag(given) ||
    !isBag(given.targets) ||
    !Array.isArray(given.links) ||
    !isBag(given.leadMove) ||
    !isBag(given.leadMove.patch) ||
    !isId(given.leadId) ||
    !(given.convertedAt instanceof Date) ||
    Number.isNaN(given.convertedAt.getTime())
  ) {
    throw invalid('resolveLeadConversion takes a plan from planLeadConversion.');
  }
  if (!isBag(ids)) throw invalid('ids is { contact?, company?, deal? }.');
  const drafts: Partial<Record<LeadConversionRole, Bag>> = {};
  const idOf: Partial<Record<LeadConversionRole | 'lead', string>> = { lead: plan.leadId };
  for (const role of ['contact', 'company', 'deal'] as const) {
    const target: unknown = plan.targets[role];
    if (target === undefined) continue;
    if (!isBag(target)) throw invalid('resolveLeadConversion takes a plan from planLeadConversion.');
    if (target.action === 'link' && isId(target.id)) {
      idOf[role] = target.id;
    } else if (target.action === 'create' && isBag(target.draft)) {
      const id = ids[role];
      if (!isId(id)) throw invalid(`The created ${role} needs its id.`);
      idOf[role] = id;
      drafts[role] = { ...target.draft };
    } else {
      throw invalid('resolveLeadConversion takes a plan from planLeadConversion.');
    }
  }
  const lead: Bag = { ...plan.leadMove.patch, convertedAt: new Date(plan.convertedAt.getTime()) };
  let contactPatch: Bag | undefined;
  for (const link of plan.links as readonly unknown[]) {
    if (!isBag(link)) throw invalid('resolveLeadConversion takes a plan from planLeadConversion.');
    const { owner, field, target } = link as unknown as LeadConversionLink;
    const id = PLAN_ROLES.has(target) ? idOf[target] : undefined;
    if (id === undefined || !PLAN_ROLES.has(owner) || !LINK_FIELDS.has(field)) throw invalid('A link of the plan names a record it does not have.');
    const list = field === 'contactIds' || field === 'companyIds';
    if (owner === 'lead') {
      lead[field] = id;
      continue;
    }
    const draft = drafts[owner];
    if (draft !== undefined) {
      const current = draft[field];
      draft[field] = list ? [...(Array.isArray(current) ? (current as string[]).filter((one) => one !== id) : []), id] : id;
    } else if (owner === 'contact' && field === 'companyIds') {
      const existing = plan.targets.contact;
      const before = existing?.action === 'link' ? (existing.companyIds ?? []) : [];
      contactPatch = { companyIds: [...before.filter((one) => one !== id), id] };
    } else {
      throw invalid('A link of the plan names a record it does not have.');
    }
  }
  const create = drafts as unknown as ResolvedLeadConversion['create'];
  const leadUpdate = lead as unknown as ResolvedLeadConversion['update']['lead'];
  return { create, update: contactPatch === undefined ? { lead: leadUpdate } : { lead: leadUpdate, contact: contactPatch } };
}
