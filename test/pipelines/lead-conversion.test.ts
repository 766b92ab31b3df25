import fc from 'fast-check';
import { createAccessPolicy, createFieldRegistry, DEFAULT_DEAL_PIPELINE, DEFAULT_LEAD_STATUSES, isCrmError, LEAD_CONVERSION_FIELD_MAP, LEAD_CONVERSION_SCHEMES, planLeadConversion, resolveLeadConversion } from 'crm-kit';
import type { Company, Contact, FieldDefinition, Issue, Lead, LeadConversionOptions, LeadConversionPlan, LeadConversionScheme, Principal, Result } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../support/errors.js';

const AT = new Date('2026-03-02T10:00:00Z');
const LATER = new Date('2026-03-05T15:30:00Z');
const ADMIN: Principal = { userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true };
const ANA: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
const OPEN_POLICY = createAccessPolicy({ roles: [] });

const LEAD: Lead = {
  id: 'l-7',
  version: 3,
  createdAt: AT,
  updatedAt: AT,
  createdById: 'u-ana',
  updatedById: 'u-ana',
  assignedById: 'u-ana',
  custom: {},
  title: 'Website enquiry',
  status: 'IN_PROCESS',
  opened: false,
  isReturnCustomer: false,
  movedAt: AT,
  movedById: 'u-ana',
  honorific: 'Ms.',
  firstName: 'Ana',
  secondName: 'María',
  lastName: 'García',
  position: 'Buyer',
  birthdate: '1990-04-12',
  companyTitle: 'Acme Ibérica',
  phones: [{ value: '+34 600 123 456', kind: 'mobile' }],
  emails: [{ value: 'ana@example.com', kind: 'work' }],
  websites: [{ value: 'https://acme.example', kind: 'work' }],
  messengers: [{ value: '@ana', kind: 'telegram' }],
  address: { city: 'Madrid', countryCode: 'ES' },
  amount: { amount: '1200.00', currency: 'EUR' },
  source: 'WEBFORM',
  sourceDescription: 'Contact form',
  comments: 'Wants 20 laptops.',
  utmSource: 'google',
  utmMedium: 'cpc',
  utmCampaign: 'spring',
  utmContent: 'ad-1',
  utmTerm: 'laptops',
};

const STORED_META = { version: 1, createdAt: AT, updatedAt: AT, createdById: 'u-ana', updatedById: 'u-ana', assignedById: 'u-ana', custom: {} };
const KNOWN_CONTACT: Contact = { ...STORED_META, id: 'c-9', firstName: 'Ana', opened: false, exportable: true, companyIds: ['co-1'] };
const KNOWN_COMPANY: Company = { ...STORED_META, id: 'co-3', title: 'Acme', opened: false };

function options(extra: Partial<LeadConversionOptions> = {}): LeadConversionOptions {
  return { statuses: DEFAULT_LEAD_STATUSES, pipeline: DEFAULT_DEAL_PIPELINE, at: LATER, principal: ADMIN, policy: OPEN_POLICY, ...extra };
}

function planOf(result: Result<LeadConversionPlan>): LeadConversionPlan {
  if (!result.success) throw new Error(`expected a plan, got ${JSON.stringify(result.issues)}`);
  return result.data;
}

function issuesOf(result: Result<LeadConversionPlan>): readonly Issue[] {
  if (result.success) throw new Error('expected issues, got a plan');
  return result.issues;
}

function draftOf(plan: LeadConversionPlan, role: 'contact' | 'company' | 'deal'): Readonly<Record<string, unknown>> {
  const target = plan.targets[role];
  if (target?.action !== 'create') throw new Error(`expected a ${role} to create`);
  return target.draft as Readonly<Record<string, unknown>>;
}

const field = (definition: Partial<FieldDefinition> & Pick<FieldDefinition, 'type' | 'code'>): FieldDefinition =>
  ({ labels: { en: definition.code }, ...definition }) as FieldDefinition;

describe('conversion schemes', () => {
  it('there are the seven schemes of DOMAIN.md', () => {
    expect([...LEAD_CONVERSION_SCHEMES].sort()).toEqual(
      ['deal+contact+company', 'deal+contact', 'deal+company', 'deal', 'contact+company', 'contact', 'company'].sort(),
    );
  });

  it.each(LEAD_CONVERSION_SCHEMES.map((scheme) => [scheme] as const))('scheme %s creates exactly the records it names', (scheme) => {
    const plan = planOf(planLeadConversion(LEAD, scheme, options()));
    const created = Object.entries(plan.targets)
      .filter(([, target]) => target?.action === 'create')
      .map(([role]) => role)
      .sort();
    expect(created).toEqual(scheme.split('+').sort());
    expect(plan.scheme).toBe(scheme);
  });
});

describe('carrying values', () => {
  it('a new contact gets the person fields, multi-fields, address, source, comments and UTM of the lead', () => {
    const contact = draftOf(planOf(planLeadConversion(LEAD, 'contact', options())), 'contact');
    expect(contact).toMatchObject({
      honorific: 'Ms.',
      firstName: 'Ana',
      secondName: 'María',
      lastName: 'García',
      position: 'Buyer',
      birthdate: '1990-04-12',
      phones: LEAD.phones,
      emails: LEAD.emails,
      websites: LEAD.websites,
      messengers: LEAD.messengers,
      address: LEAD.address,
      source: 'WEBFORM',
      sourceDescription: 'Contact form',
      comments: 'Wants 20 laptops.',
      utmSource: 'google',
      utmTerm: 'laptops',
      opened: false,
      assignedById: 'u-ana',
      leadId: 'l-7',
    });
  });

  it("a new company is titled by the lead's company title", () => {
    const company = draftOf(planOf(planLeadConversion(LEAD, 'company', options())), 'company');
    expect(company).toMatchObject({ title: 'Acme Ibérica', phones: LEAD.phones, address: LEAD.address, leadId: 'l-7' });
  });

  it("a company falls back to the lead's title, and a deal to its company title", () => {
    const { companyTitle: _, ...withoutCompany } = LEAD;
    const { title: __, ...withoutTitle } = LEAD;
    expect(draftOf(planOf(planLeadConversion(withoutCompany, 'company', options())), 'company').title).toBe('Website enquiry');
    expect(draftOf(planOf(planLeadConversion(withoutTitle, 'deal', options())), 'deal').title).toBe('Acme Ibérica');
  });

  it("a new deal is titled and priced by the lead, with the amount set by hand, in the pipeline's first stage", () => {
    const deal = draftOf(planOf(planLeadConversion(LEAD, 'deal', options())), 'deal');
    expect(deal).toMatchObject({
      title: 'Website enquiry',
      amount: { amount: '1200.00', currency: 'EUR' },
      amountIsManual: true,
      source: 'WEBFORM',
      pipelineId: 'default',
      stageId: 'NEW',
      leadId: 'l-7',
    });
  });

  it('the mapping is readable data and names only fields of its target', () => {
    expect(Object.isFrozen(LEAD_CONVERSION_FIELD_MAP)).toBe(true);
    expect(Object.isFrozen(LEAD_CONVERSION_FIELD_MAP.contact)).toBe(true);
    const deal = draftOf(planOf(planLeadConversion(LEAD, 'deal+contact+company', options())), 'deal');
    for (const { to } of LEAD_CONVERSION_FIELD_MAP.deal) expect(deal).toHaveProperty(to);
  });

  it('custom values go by code into fields of the same type and compatible settings; the others are listed with why', () => {
    const registries = {
      lead: createFieldRegistry('lead', {
        customFields: [
          field({ type: 'integer', code: 'seats' }),
          field({ type: 'string', code: 'budget_note' }),
          field({ type: 'string', code: 'region' }),
          field({ type: 'string', code: 'tags', multiple: true }),
          field({ type: 'enumeration', code: 'tier', options: [{ id: 'GOLD', labels: { en: 'Gold' } }] }),
          field({ type: 'string', code: 'channel' }),
        ],
      }),
      deal: createFieldRegistry('deal', {
        customFields: [
          field({ type: 'integer', code: 'seats' }),
          field({ type: 'number', code: 'region' }),
          field({ type: 'string', code: 'tags' }),
          field({ type: 'enumeration', code: 'tier', options: [{ id: 'SILVER', labels: { en: 'Silver' } }] }),
          field({ type: 'string', code: 'channel', multiple: true }),
        ],
      }),
    };
    const lead: Lead = { ...LEAD, custom: { seats: 20, budget_note: 'tight', region: 'north', tags: ['a', 'b'], tier: 'GOLD', channel: 'ads' } };
    const plan = planOf(planLeadConversion(lead, 'deal', options({ registries })));
    expect({ ...(draftOf(plan, 'deal').custom as object) }).toEqual({ seats: 20, channel: ['ads'] });
    expect(plan.notCarried).toEqual([
      { target: 'deal', code: 'budget_note', reason: 'no-target-field' },
      { target: 'deal', code: 'region', reason: 'type-mismatch' },
      { target: 'deal', code: 'tags', reason: 'multiple-into-single' },
      { target: 'deal', code: 'tier', reason: 'value-not-accepted' },
    ]);
  });

  it('values typed in the conversion form replace mapped ones; undefined clears one; custom is merged by code', () => {
    const registries = { deal: createFieldRegistry('deal', { customFields: [field({ type: 'integer', code: 'seats' })] }) };
    const plan = planOf(
      planLeadConversion(
        LEAD,
        'deal+contact',
        options({
          registries,
          overrides: { deal: { title: 'Fleet renewal', comments: undefined, custom: { seats: 30 } }, contact: { position: 'CFO' } },
        }),
      ),
    );
    const deal = draftOf(plan, 'deal');
    expect(deal.title).toBe('Fleet renewal');
    expect(deal).not.toHaveProperty('comments');
    expect({ ...(deal.custom as object) }).toEqual({ seats: 30 });
    expect(draftOf(plan, 'contact').position).toBe('CFO');
  });

  it('link fields cannot be overridden: the plan sets them', () => {
    const plan = planOf(planLeadConversion(LEAD, 'deal', options({ overrides: { deal: { leadId: 'l-other', companyId: 'co-x' } } })));
    const deal = draftOf(plan, 'deal');
    expect(deal.leadId).toBe('l-7');
    expect(deal).not.toHaveProperty('companyId');
  });

  it('the deal may start in another in-progress stage chosen in the form', () => {
    const plan = planOf(planLeadConversion(LEAD, 'deal', options({ overrides: { deal: { stageId: 'PROPOSAL' } } })));
    expect(draftOf(plan, 'deal').stageId).toBe('PROPOSAL');
  });
});

describe('links and the lead', () => {
  it('deal + contact + company links everything to everything, and the lead to what it became', () => {
    const plan = planOf(planLeadConversion(LEAD, 'deal+contact+company', options()));
    expect(plan.links).toEqual([
      { owner: 'deal', field: 'contactIds', target: 'contact' },
      { owner: 'deal', field: 'companyId', target: 'company' },
      { owner: 'deal', field: 'leadId', target: 'lead' },
      { owner: 'contact', field: 'companyIds', target: 'company' },
      { owner: 'contact', field: 'leadId', target: 'lead' },
      { owner: 'company', field: 'leadId', target: 'lead' },
      { owner: 'lead', field: 'contactId', target: 'contact' },
      { owner: 'lead', field: 'companyId', target: 'company' },
    ]);
    const resolved = resolveLeadConversion(plan, { contact: 'c-1', company: 'co-1', deal: 'd-1' });
    expect(resolved.create.deal).toMatchObject({ contactIds: ['c-1'], companyId: 'co-1', leadId: 'l-7' });
    expect(resolved.create.contact).toMatchObject({ companyIds: ['co-1'], leadId: 'l-7' });
    expect(resolved.create.company).toMatchObject({ leadId: 'l-7' });
    expect(resolved.update.lead).toEqual({ status: 'CONVERTED', movedAt: LATER, movedById: 'u-admin', contactId: 'c-1', companyId: 'co-1' });
    expect(resolved.update.contact).toBeUndefined();
  });

  it('the lead moves to its success status, recorded as a move to a final stage by the person who converts', () => {
    const plan = planOf(planLeadConversion(LEAD, 'contact', options({ byId: 'u-leo' })));
    expect(plan.leadMove.patch).toEqual({ status: 'CONVERTED', movedAt: LATER, movedById: 'u-leo' });
    expect(plan.leadMove.event).toMatchObject({ type: 'movedToFinal', entityType: 'lead', entityId: 'l-7', fromStageId: 'IN_PROCESS', stageId: 'CONVERTED' });
  });

  it('a repeat lead links to its known contact and company instead of creating them', () => {
    const repeat: Lead = { ...LEAD, isReturnCustomer: true, contactId: 'c-9', companyId: 'co-3' };
    const plan = planOf(planLeadConversion(repeat, 'deal+contact+company', options()));
    expect(plan.targets.contact).toEqual({ action: 'link', id: 'c-9' });
    expect(plan.targets.company).toEqual({ action: 'link', id: 'co-3' });
    expect(draftOf(plan, 'deal')).toMatchObject({ contactIds: ['c-9'], companyId: 'co-3' });
    const resolved = resolveLeadConversion(plan, { deal: 'd-1' });
    expect(Object.keys(resolved.create)).toEqual(['deal']);
    expect(resolved.update.lead).toMatchObject({ contactId: 'c-9', companyId: 'co-3' });
  });

  it("a repeat lead converted into a deal alone still links the deal to the client's contact and company", () => {
    const repeat: Lead = { ...LEAD, isReturnCustomer: true, companyId: 'co-3' };
    const plan = planOf(planLeadConversion(repeat, 'deal', options()));
    expect(draftOf(plan, 'deal').companyId).toBe('co-3');
    expect(plan.targets.contact).toBeUndefined();
  });

  it('an existing contact chosen in the form is linked, and gains the new company when its record is given', () => {
    const plan = planOf(planLeadConversion(LEAD, 'contact+company', options({ existing: { contact: KNOWN_CONTACT } })));
    expect(plan.targets.contact).toEqual({ action: 'link', id: 'c-9', companyIds: ['co-1'] });
    expect(plan.permissions.checked).toContainEqual({ action: 'update', entityType: 'contact' });
    const resolved = resolveLeadConversion(plan, { company: 'co-5' });
    expect(resolved.update.contact).toEqual({ companyIds: ['co-1', 'co-5'] });
    expect(resolved.update.lead).toMatchObject({ contactId: 'c-9', companyId: 'co-5' });
  });

  it('a new contact of an existing company is linked to it from the start', () => {
    const plan = planOf(planLeadConversion(LEAD, 'contact+company', options({ existing: { company: KNOWN_COMPANY } })));
    expect(draftOf(plan, 'contact').companyIds).toEqual(['co-3']);
  });

  it('resolving needs the id of every created record', () => {
    const plan = planOf(planLeadConversion(LEAD, 'deal+contact', options()));
    expect(codeOf(() => resolveLeadConversion(plan, { contact: 'c-1' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => resolveLeadConversion({} as LeadConversionPlan, {}))).toBe('INVALID_ARGUMENT');
  });
});

describe('permissions', () => {
  const policy = createAccessPolicy({
    roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'own' }, contact: { add: 'own' }, company: { add: 'all' } } }],
  });

  it('conversion needs add on each created type and update on the lead, all listed in the plan', () => {
    const plan = planOf(planLeadConversion(LEAD, 'contact+company', options({ policy, principal: ANA })));
    expect(plan.permissions).toEqual({
      allowed: true,
      checked: [
        { action: 'update', entityType: 'lead' },
        { action: 'add', entityType: 'contact' },
        { action: 'add', entityType: 'company' },
      ],
      missing: [],
    });
  });

  it('a missing add permission is a FORBIDDEN issue at the target', () => {
    const issues = issuesOf(planLeadConversion(LEAD, 'deal+contact', options({ policy, principal: ANA })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FORBIDDEN', 'deal']]);
  });

  it("update on the lead is needed too: a colleague's lead cannot be converted under own-only rights", () => {
    const issues = issuesOf(planLeadConversion({ ...LEAD, assignedById: 'u-leo' }, 'company', options({ policy, principal: ANA })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FORBIDDEN']]);
  });

  it('add is checked on the record about to be created: its responsible person decides own-level rights', () => {
    const issues = issuesOf(
      planLeadConversion(LEAD, 'contact', options({ policy, principal: ANA, overrides: { contact: { assignedById: 'u-leo' } } })),
    );
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FORBIDDEN', 'contact']]);
  });
});

describe('bad input', () => {
  it('an unknown scheme is an INVALID_ARGUMENT issue', () => {
    const issues = issuesOf(planLeadConversion(LEAD, 'deal+invoice' as LeadConversionScheme, options()));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_ARGUMENT', 'scheme']]);
  });

  it('converting a converted lead is refused', () => {
    const plan = planOf(planLeadConversion(LEAD, 'deal+contact', options()));
    const converted = { ...LEAD, ...plan.leadMove.patch, contactId: 'c-1' } as Lead;
    const issues = issuesOf(planLeadConversion(converted, 'contact', options()));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_STAGE_TRANSITION', 'status']]);
  });

  it('a lead linked to what it became is refused even after being moved back to an in-progress status', () => {
    const movedBack: Lead = { ...LEAD, status: 'IN_PROCESS', contactId: 'c-1', isReturnCustomer: false };
    const issues = issuesOf(planLeadConversion(movedBack, 'deal', options()));
    expect(issues.map((found) => found.code)).toEqual(['INVALID_STAGE_TRANSITION']);
  });

  it("targets' required fields left empty are REQUIRED issues with the role first in the path", () => {
    const registries = {
      contact: createFieldRegistry('contact', { customFields: [field({ type: 'string', code: 'tax_id', required: true })] }),
    };
    const { companyTitle: _, title: __, ...bare } = LEAD;
    const issues = issuesOf(planLeadConversion(bare, 'deal+contact+company', options({ registries })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([
      ['REQUIRED', 'contact', 'custom', 'tax_id'],
      ['REQUIRED', 'company', 'title'],
      ['REQUIRED', 'deal', 'title'],
    ]);
  });

  it("the deal's first stage requirements count: starting in PROPOSAL needs an amount", () => {
    const { amount: _, ...noAmount } = LEAD;
    const issues = issuesOf(planLeadConversion(noAmount, 'deal', options({ overrides: { deal: { stageId: 'PROPOSAL' } } })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['REQUIRED', 'deal', 'amount']]);
  });

  it('the deal cannot start in a final stage, an unknown stage or another pipeline', () => {
    const codes = (overrides: LeadConversionOptions['overrides']): unknown =>
      issuesOf(planLeadConversion(LEAD, 'deal', options({ overrides }))).map((found) => [found.code, ...found.path]);
    expect(codes({ deal: { stageId: 'WON' } })).toEqual([['INVALID_STAGE_TRANSITION', 'deal', 'stageId']]);
    expect(codes({ deal: { stageId: 'NOWHERE' } })).toEqual([['INVALID_STAGE_TRANSITION', 'deal', 'stageId']]);
    expect(codes({ deal: { pipelineId: 'wholesale' } })).toEqual([['INVALID_ARGUMENT', 'deal', 'pipelineId']]);
  });

  it('an override with a wrong value or an unknown field is reported at the target', () => {
    const overrides = { contact: { birthdate: 'yesterday', nickname: 'Anita' } } as unknown as LeadConversionOptions['overrides'];
    const issues = issuesOf(planLeadConversion(LEAD, 'contact', options({ overrides })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([
      ['INVALID_VALUE', 'contact', 'birthdate'],
      ['UNKNOWN_FIELD', 'contact', 'nickname'],
    ]);
  });

  it('issues of several kinds come back together', () => {
    const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'all' } } }] });
    const { companyTitle: _, title: __, ...bare } = LEAD;
    const issues = issuesOf(planLeadConversion(bare, 'contact+company', options({ policy, principal: ANA })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([
      ['REQUIRED', 'company', 'title'],
      ['FORBIDDEN', 'contact'],
    ]);
  });

  it('malformed arguments are crm-kit errors', () => {
    const plan = (lead: unknown, extra: Record<string, unknown>): unknown =>
      planLeadConversion(lead as Lead, 'deal', { ...options(), ...extra });
    expect(codeOf(() => plan(null, {}))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ id: 'l-1' }, {}))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { statuses: DEFAULT_DEAL_PIPELINE }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { pipeline: undefined }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { at: new Date(Number.NaN) }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { principal: { userId: 'u-1' } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { registries: { deal: createFieldRegistry('contact') } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { overrides: { deal: 'x' } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => planLeadConversion(LEAD, 'deal', null as unknown as LeadConversionOptions))).toBe('INVALID_ARGUMENT');
  });

  it('junk in any argument or option, with a valid scheme, gives a result or a crm-kit error', () => {
    const junk = fc.constantFrom<unknown>(undefined, null, 0, '', 'x', true, {}, [], [null], new Date(Number.NaN), () => 1, Symbol('junk'));
    const keys = ['statuses', 'pipeline', 'registries', 'at', 'byId', 'principal', 'policy', 'existing', 'overrides'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...LEAD_CONVERSION_SCHEMES), junk, fc.constantFrom(...keys), junk, (scheme, lead, key, value) => {
        for (const run of [
          () => planLeadConversion(lead as Lead, scheme, options()),
          () => planLeadConversion(LEAD, scheme, { ...options(), [key]: value }),
          () => planLeadConversion(LEAD, scheme, options({ overrides: { [scheme.split('+')[0] ?? 'deal']: { custom: value } } })),
          () => planLeadConversion(LEAD, scheme, options({ existing: { contact: value, company: value } as LeadConversionOptions['existing'] })),
        ]) {
          try {
            run();
          } catch (error) {
            expect(isCrmError(error)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('nothing given is changed', () => {
    const lead = structuredClone({ ...LEAD, custom: { seats: 3 } });
    const given = options({ overrides: { deal: { title: 'X' } }, existing: { contact: KNOWN_CONTACT } });
    const before = structuredClone({ lead, given: { ...given, policy: undefined } });
    planLeadConversion(lead, 'deal+contact+company', given);
    expect({ lead, given: { ...given, policy: undefined } }).toEqual(before);
  });
});
