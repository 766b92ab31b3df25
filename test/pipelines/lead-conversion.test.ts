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

  it('a link field in the overrides is an INVALID_VALUE issue at its override path: the plan sets links', () => {
    const overrides = { deal: { leadId: 'l-other', companyId: 'co-x', contactIds: ['c-x'] }, contact: { companyIds: ['co-x'] } };
    const issues = issuesOf(planLeadConversion(LEAD, 'deal+contact', options({ overrides })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([
      ['INVALID_VALUE', 'overrides', 'contact', 'companyIds'],
      ['INVALID_VALUE', 'overrides', 'deal', 'leadId'],
      ['INVALID_VALUE', 'overrides', 'deal', 'companyId'],
      ['INVALID_VALUE', 'overrides', 'deal', 'contactIds'],
    ]);
    expect(issues.every((found) => !found.message.includes('co-x') && !found.message.includes('c-x'))).toBe(true);
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
      { owner: 'lead', field: 'dealId', target: 'deal' },
    ]);
    const resolved = resolveLeadConversion(plan, { contact: 'c-1', company: 'co-1', deal: 'd-1' });
    expect(resolved.create.deal).toMatchObject({ contactIds: ['c-1'], companyId: 'co-1', leadId: 'l-7' });
    expect(resolved.create.contact).toMatchObject({ companyIds: ['co-1'], leadId: 'l-7' });
    expect(resolved.create.company).toMatchObject({ leadId: 'l-7' });
    expect(resolved.update.lead).toEqual({
      status: 'CONVERTED',
      movedAt: LATER,
      movedById: 'u-admin',
      convertedAt: LATER,
      contactId: 'c-1',
      companyId: 'co-1',
      dealId: 'd-1',
    });
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
      checked: [
        { action: 'update', entityType: 'lead' },
        { action: 'add', entityType: 'contact' },
        { action: 'add', entityType: 'company' },
      ],
    });
  });

  it('a missing permission is a FORBIDDEN issue whose path names the entity type and the action', () => {
    const issues = issuesOf(planLeadConversion(LEAD, 'deal+contact', options({ policy, principal: ANA })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FORBIDDEN', 'deal', 'add']]);
  });

  it("update on the lead is needed too: a colleague's lead cannot be converted under own-only rights", () => {
    const issues = issuesOf(planLeadConversion({ ...LEAD, assignedById: 'u-leo' }, 'company', options({ policy, principal: ANA })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FORBIDDEN', 'lead', 'update']]);
  });

  it('add is checked on the record about to be created: its responsible person decides own-level rights', () => {
    const issues = issuesOf(
      planLeadConversion(LEAD, 'contact', options({ policy, principal: ANA, overrides: { contact: { assignedById: 'u-leo' } } })),
    );
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FORBIDDEN', 'contact', 'add']]);
  });

  it('every missing permission is reported, also for a target whose draft does not validate', () => {
    const none = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: {} }] });
    const { companyTitle: _, title: __, ...bare } = LEAD;
    const issues = issuesOf(planLeadConversion(bare, 'deal+contact+company', options({ policy: none, principal: ANA })));
    expect(issues.filter((found) => found.code === 'FORBIDDEN').map((found) => found.path)).toEqual([
      ['lead', 'update'],
      ['contact', 'add'],
      ['company', 'add'],
      ['deal', 'add'],
    ]);
  });

  it('an existing contact that gains a company needs update on it: FORBIDDEN at contact, update', () => {
    const onlyAdd = createAccessPolicy({
      roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'all' }, company: { add: 'all' } } }],
    });
    const issues = issuesOf(planLeadConversion(LEAD, 'contact+company', options({ policy: onlyAdd, principal: ANA, existing: { contact: KNOWN_CONTACT } })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FORBIDDEN', 'contact', 'update']]);
  });
});

describe('bad input', () => {
  it('an unknown scheme is an INVALID_ARGUMENT issue', () => {
    const issues = issuesOf(planLeadConversion(LEAD, 'deal+invoice' as LeadConversionScheme, options()));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_ARGUMENT', 'scheme']]);
  });

  it('converting a converted lead is refused', () => {
    const plan = planOf(planLeadConversion(LEAD, 'deal+contact', options()));
    const resolved = resolveLeadConversion(plan, { contact: 'c-1', deal: 'd-1' });
    const converted = { ...LEAD, ...resolved.update.lead } as Lead;
    const issues = issuesOf(planLeadConversion(converted, 'contact', options()));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_STAGE_TRANSITION', 'convertedAt']]);
  });

  it('conversion records convertedAt (the instant) and dealId on the lead', () => {
    const plan = planOf(planLeadConversion(LEAD, 'deal', options()));
    expect(plan.convertedAt).toEqual(LATER);
    const resolved = resolveLeadConversion(plan, { deal: 'd-1' });
    expect(resolved.update.lead).toMatchObject({ convertedAt: LATER, dealId: 'd-1' });
    const noDeal = resolveLeadConversion(planOf(planLeadConversion(LEAD, 'contact', options())), { contact: 'c-1' });
    expect(noDeal.update.lead).not.toHaveProperty('dealId');
  });

  it('a lead with convertedAt is refused whatever its status: converted, moved back to IN_PROCESS, converted again', () => {
    const plan = planOf(planLeadConversion(LEAD, 'deal+contact', options()));
    const converted = { ...LEAD, ...resolveLeadConversion(plan, { contact: 'c-1', deal: 'd-1' }).update.lead } as Lead;
    for (const status of ['NEW', 'IN_PROCESS', 'PROCESSED', 'JUNK']) {
      const movedBack: Lead = { ...converted, status };
      const issues = issuesOf(planLeadConversion(movedBack, 'deal', options()));
      expect(issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_STAGE_TRANSITION', 'convertedAt']]);
    }
  });

  it('a lead in its success status without convertedAt is refused too', () => {
    const issues = issuesOf(planLeadConversion({ ...LEAD, status: 'CONVERTED' }, 'contact', options()));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_STAGE_TRANSITION', 'status']]);
  });

  it('a repeat lead (linked to a known client, not yet converted) can be converted, once', () => {
    const repeat: Lead = { ...LEAD, isReturnCustomer: false, contactId: 'c-9', companyId: 'co-3' };
    const plan = planOf(planLeadConversion(repeat, 'deal', options()));
    expect(draftOf(plan, 'deal')).toMatchObject({ contactIds: ['c-9'], companyId: 'co-3' });
    const converted = { ...repeat, ...resolveLeadConversion(plan, { deal: 'd-1' }).update.lead } as Lead;
    expect(converted).toMatchObject({ contactId: 'c-9', companyId: 'co-3', dealId: 'd-1', convertedAt: LATER });
    expect(issuesOf(planLeadConversion({ ...converted, status: 'IN_PROCESS' }, 'deal', options())).map((found) => found.code)).toEqual([
      'INVALID_STAGE_TRANSITION',
    ]);
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
      ['FORBIDDEN', 'contact', 'add'],
      ['FORBIDDEN', 'company', 'add'],
    ]);
  });

  it('malformed arguments are crm-kit errors', () => {
    const plan = (lead: unknown, extra: Record<string, unknown>): unknown =>
      planLeadConversion(lead as Lead, 'deal', { ...options(), ...extra });
    expect(codeOf(() => plan(null, {}))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ id: 'l-1' }, {}))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { statuses: DEFAULT_DEAL_PIPELINE }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { pipeline: undefined }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { at: new Date(Number.NaN) }))).toBe('INVALID_DATE');
    expect(codeOf(() => plan({ ...LEAD, convertedAt: 'yesterday' }, {}))).toBe('INVALID_ARGUMENT');
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

describe('custom field visibility', () => {
  const secret = field({ type: 'string', code: 'secret', visibility: { restrictedTo: { roleIds: ['finance'] } } });
  const registries = {
    lead: createFieldRegistry('lead', { customFields: [secret, field({ type: 'string', code: 'region' })] }),
    contact: createFieldRegistry('contact', { customFields: [secret, field({ type: 'string', code: 'region' })] }),
  };
  const policy = createAccessPolicy({
    roles: [
      { id: 'sales', name: 'Sales', permissions: { lead: { update: 'all' }, contact: { add: 'all' } } },
      { id: 'finance', name: 'Finance', permissions: { lead: { update: 'all' }, contact: { add: 'all' } } },
    ],
  });
  const lead: Lead = { ...LEAD, custom: { secret: 'margin 40%', region: 'north' } };
  const FINANCE: Principal = { ...ANA, roleIds: ['finance'] };

  it('a custom value the person cannot see is never carried; it is listed as not-visible, without its value', () => {
    const plan = planOf(planLeadConversion(lead, 'contact', options({ registries, policy, principal: ANA })));
    expect({ ...(draftOf(plan, 'contact').custom as object) }).toEqual({ region: 'north' });
    expect(plan.notCarried).toEqual([{ target: 'contact', code: 'secret', reason: 'not-visible' }]);
    expect(JSON.stringify(plan)).not.toContain('margin 40%');
  });

  it('a value hidden on the target side only is not carried either', () => {
    const openLead = { ...registries, lead: createFieldRegistry('lead', { customFields: [field({ type: 'string', code: 'secret' })] }) };
    const plan = planOf(planLeadConversion(lead, 'contact', options({ registries: openLead, policy, principal: ANA })));
    expect(draftOf(plan, 'contact').custom).not.toHaveProperty('secret');
    expect(plan.notCarried).toContainEqual({ target: 'contact', code: 'secret', reason: 'not-visible' });
  });

  it('a person who can see the field on both sides carries it', () => {
    const plan = planOf(planLeadConversion(lead, 'contact', options({ registries, policy, principal: FINANCE })));
    expect({ ...(draftOf(plan, 'contact').custom as object) }).toEqual({ secret: 'margin 40%', region: 'north' });
    expect(plan.notCarried).toEqual([]);
  });

  it('a custom override the person cannot see, set or cleared, is a FIELD_NOT_VISIBLE issue that does not echo the value', () => {
    for (const value of ['typed 99', undefined]) {
      const overrides = { contact: { custom: { secret: value } } };
      const issues = issuesOf(planLeadConversion(lead, 'contact', options({ registries, policy, principal: ANA, overrides })));
      expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FIELD_NOT_VISIBLE', 'overrides', 'contact', 'custom', 'secret']]);
      expect(issues[0]?.message).not.toContain('typed 99');
    }
  });

  it('a custom override of a field the target does not define is refused like a hidden one', () => {
    const overrides = { contact: { custom: { nowhere: 'x' } } };
    const issues = issuesOf(planLeadConversion(lead, 'contact', options({ registries, policy, principal: FINANCE, overrides })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FIELD_NOT_VISIBLE', 'overrides', 'contact', 'custom', 'nowhere']]);
  });

  it('a person who can see the field may type it in the form', () => {
    const overrides = { contact: { custom: { secret: 'typed' } } };
    const plan = planOf(planLeadConversion(lead, 'contact', options({ registries, policy, principal: FINANCE, overrides })));
    expect(draftOf(plan, 'contact').custom).toMatchObject({ secret: 'typed' });
  });
});

describe("the deal's starting stage", () => {
  const deal = (definitions: readonly FieldDefinition[]): LeadConversionOptions['registries'] => ({
    deal: createFieldRegistry('deal', { customFields: definitions }),
  });

  it('custom fields required from the starting stage or an earlier one must be filled, as planTransition counts them', () => {
    const registries = deal([
      field({ type: 'string', code: 'po_number', requiredFromStage: { stageId: 'NEW' } }),
      field({ type: 'string', code: 'contract', requiredFromStage: { stageId: 'PROPOSAL' } }),
    ]);
    const atNew = issuesOf(planLeadConversion(LEAD, 'deal', options({ registries })));
    expect(atNew.map((found) => [found.code, ...found.path])).toEqual([['REQUIRED', 'deal', 'custom', 'po_number']]);
    const atProposal = issuesOf(planLeadConversion(LEAD, 'deal', options({ registries, overrides: { deal: { stageId: 'PROPOSAL' } } })));
    expect(atProposal.map((found) => [found.code, ...found.path])).toEqual([
      ['REQUIRED', 'deal', 'custom', 'po_number'],
      ['REQUIRED', 'deal', 'custom', 'contract'],
    ]);
    const filled = planLeadConversion(LEAD, 'deal', options({ registries, overrides: { deal: { custom: { po_number: 'PO-1' } } } }));
    expect(filled.success).toBe(true);
  });

  it('a blank text value does not satisfy a stage requirement', () => {
    const registries = deal([field({ type: 'string', code: 'po_number', requiredFromStage: { stageId: 'NEW' } })]);
    const issues = issuesOf(planLeadConversion(LEAD, 'deal', options({ registries, overrides: { deal: { custom: { po_number: '   ' } } } })));
    expect(issues.map((found) => [found.code, ...found.path])).toContainEqual(['REQUIRED', 'deal', 'custom', 'po_number']);
  });

  it('a requiredFromStage rule of another pipeline does not count', () => {
    const registries = deal([field({ type: 'string', code: 'po_number', requiredFromStage: { stageId: 'NEW', pipelineId: 'wholesale' } })]);
    expect(planLeadConversion(LEAD, 'deal', options({ registries })).success).toBe(true);
  });

  it('a field required from a stage counts only for a person who can see it', () => {
    const registries = deal([
      field({ type: 'string', code: 'po_number', requiredFromStage: { stageId: 'NEW' }, visibility: { restrictedTo: { roleIds: ['finance'] } } }),
    ]);
    const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'all' }, deal: { add: 'all' } } }] });
    expect(planLeadConversion(LEAD, 'deal', options({ registries, policy, principal: ANA })).success).toBe(true);
    const issues = issuesOf(planLeadConversion(LEAD, 'deal', options({ registries })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['REQUIRED', 'deal', 'custom', 'po_number']]);
  });

  it('a field both required and required from the stage is reported once', () => {
    const registries = deal([field({ type: 'string', code: 'po_number', required: true, requiredFromStage: { stageId: 'NEW' } })]);
    const issues = issuesOf(planLeadConversion(LEAD, 'deal', options({ registries })));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['REQUIRED', 'deal', 'custom', 'po_number']]);
  });
});

describe('pipelines are checked', () => {
  it("the deal starts in the pipeline's first stage by sort order, whatever order the stages are listed in", () => {
    const shuffled = { ...DEFAULT_DEAL_PIPELINE, stages: [...DEFAULT_DEAL_PIPELINE.stages].reverse() };
    const statuses = { ...DEFAULT_LEAD_STATUSES, stages: [...DEFAULT_LEAD_STATUSES.stages].reverse() };
    const plan = planOf(planLeadConversion(LEAD, 'deal', options({ pipeline: shuffled, statuses })));
    expect(draftOf(plan, 'deal').stageId).toBe('NEW');
    expect(plan.leadMove.patch.status).toBe('CONVERTED');
  });

  it('an invalid pipeline or status list is an INVALID_ARGUMENT error', () => {
    const stages = DEFAULT_DEAL_PIPELINE.stages;
    const twoWins = { ...DEFAULT_DEAL_PIPELINE, stages: [...stages, { ...stages.find((one) => one.semantic === 'success'), id: 'WON_TOO', sort: 999 }] };
    expect(codeOf(() => planLeadConversion(LEAD, 'deal', options({ pipeline: twoWins as typeof DEFAULT_DEAL_PIPELINE })))).toBe('INVALID_ARGUMENT');
    const blankId = { ...DEFAULT_DEAL_PIPELINE, id: '  ' };
    expect(codeOf(() => planLeadConversion(LEAD, 'deal', options({ pipeline: blankId })))).toBe('INVALID_ARGUMENT');
    const duplicate = { ...DEFAULT_LEAD_STATUSES, stages: [...DEFAULT_LEAD_STATUSES.stages, DEFAULT_LEAD_STATUSES.stages[0]] };
    expect(codeOf(() => planLeadConversion(LEAD, 'contact', options({ statuses: duplicate as typeof DEFAULT_LEAD_STATUSES })))).toBe('INVALID_ARGUMENT');
  });

  it('a blank or overlong byId is an INVALID_ARGUMENT error', () => {
    expect(codeOf(() => planLeadConversion(LEAD, 'contact', options({ byId: '   ' })))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => planLeadConversion(LEAD, 'contact', options({ byId: 'u'.repeat(500) })))).toBe('INVALID_ARGUMENT');
  });

  it('a plan with a link naming something other than a role is refused, and changes nothing', () => {
    const plan = planOf(planLeadConversion(LEAD, 'company', options()));
    const crafted = { ...plan, links: [{ owner: '__proto__', field: 'leadId', target: 'lead' }] } as unknown as LeadConversionPlan;
    expect(codeOf(() => resolveLeadConversion(crafted, { company: 'co-1' }))).toBe('INVALID_ARGUMENT');
    expect(({} as Record<string, unknown>).leadId).toBeUndefined();
  });
});

describe('hidden required target fields', () => {
  it('a required custom field on the target is not required of a person who cannot see it', () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const lead = {
      id: '7', version: 1, createdAt: at, updatedAt: at, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1',
      custom: {}, title: 'Website enquiry', status: 'NEW', opened: false, isReturnCustomer: false, movedAt: at, movedById: 'u-1',
      firstName: 'Ana', lastName: 'García',
    };
    const policy = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'own' }, contact: { add: 'all' } } }] });
    const contacts = createFieldRegistry('contact', {
      customFields: [{ type: 'string', code: 'tax_file', labels: { en: 'Tax file' }, required: true, visibility: { restrictedTo: { roleIds: ['finance'] } } }],
    });
    const sales = { userId: 'u-1', roleIds: ['sales'], departmentIds: [], isAdmin: false };
    const options = { statuses: DEFAULT_LEAD_STATUSES, at, policy, registries: { contact: contacts } };
    expect(planLeadConversion(lead, 'contact', { ...options, principal: sales }).success).toBe(true);
    const admin = { ...sales, isAdmin: true };
    const forAdmin = planLeadConversion(lead, 'contact', { ...options, principal: admin });
    expect(forAdmin.success ? [] : forAdmin.issues.map((i) => [i.code, ...i.path])).toEqual([['REQUIRED', 'contact', 'custom', 'tax_file']]);
  });
});
