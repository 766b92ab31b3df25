import fc from 'fast-check';
import {
  assertPermissions,
  createAccessPolicy,
  DEFAULT_DEAL_PIPELINE,
  ForbiddenError,
  DEFAULT_LEAD_STATUSES,
  isCrmError,
  LEAD_CONVERSION_FIELD_MAP,
  LEAD_CONVERSION_SCHEMES,
  leadConversionTargets,
  findMissingPermissions,
  planCreateRecord,
  planLeadConversion,
  unwrap,
} from 'crm-kit';
import type { ClientDeal, Company, Contact, Lead, LeadConversionOptions, LeadConversionPlan, LeadConversionRules, LeadConversionScheme, Principal, Result } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { codeOf, thrownBy } from '../support/errors.js';
import { codesOf, field, issuesOf, plain, planOf, rulesWith } from './fixtures.js';

const AT = new Date('2026-03-02T10:00:00Z');
const LATER = new Date('2026-03-05T15:30:00Z');
const ADMIN: Principal = { userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true };
const ANA: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
const RULES = rulesWith();
const IDS = { contact: 'c-1', company: 'co-1', deal: 'd-1' } as const;

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

const STORED_META = { version: 4, createdAt: AT, updatedAt: AT, createdById: 'u-ana', updatedById: 'u-ana', assignedById: 'u-ana', custom: {} };
const KNOWN_CONTACT: Contact = { ...STORED_META, id: 'c-9', firstName: 'Ana', opened: false, exportable: true, companyIds: ['co-8'] };
const LONE_CONTACT: Contact = { ...STORED_META, id: 'c-9', firstName: 'Ana', opened: false, exportable: true };
const KNOWN_COMPANY: Company = { ...STORED_META, id: 'co-3', title: 'Acme', opened: false };

function options(extra: Partial<LeadConversionOptions> = {}): LeadConversionOptions {
  return { at: LATER, ids: IDS, ...extra };
}

interface As {
  readonly rules?: LeadConversionRules;
  readonly principal?: Principal;
}

/** Plans a conversion with the default rules, as the administrator, at LATER, with ids c-1, co-1, d-1. */
function convert(lead: Lead, scheme: LeadConversionScheme, extra: Partial<LeadConversionOptions> = {}, as: As = {}): Result<LeadConversionPlan> {
  return planLeadConversion(as.rules ?? RULES, as.principal ?? ADMIN, lead, scheme, options(extra));
}

const summary = (plan: LeadConversionPlan): string[][] => plan.events.map((event) => [event.type, event.entityType, event.entityId]);

describe('conversion schemes', () => {
  it('there are the seven schemes of DOMAIN.md', () => {
    expect([...LEAD_CONVERSION_SCHEMES].sort()).toEqual(
      ['deal+contact+company', 'deal+contact', 'deal+company', 'deal', 'contact+company', 'contact', 'company'].sort(),
    );
  });

  it.each(LEAD_CONVERSION_SCHEMES.map((scheme) => [scheme] as const))('scheme %s creates exactly the records it names', (scheme) => {
    const plan = planOf(convert(LEAD, scheme));
    const roles = scheme.split('+').sort();
    expect(plan.inserts.map((insert) => insert.entityType).sort()).toEqual(roles);
    expect((['contact', 'company', 'deal'] as const).filter((role) => plan[role] !== undefined).sort()).toEqual(roles);
    expect(plan.scheme).toBe(scheme);
  });

  it('an unknown scheme is an INVALID_ARGUMENT issue at scheme', () => {
    expect(codesOf(convert(LEAD, 'deal+invoice' as LeadConversionScheme))).toEqual([['INVALID_ARGUMENT', 'scheme']]);
  });
});

describe('leadConversionTargets', () => {
  it("creates the scheme's roles and links nothing when no contact or company is known", () => {
    for (const scheme of LEAD_CONVERSION_SCHEMES) {
      expect(leadConversionTargets(scheme, {})).toEqual({ create: scheme.split('+').sort((a, b) => ['contact', 'company', 'deal'].indexOf(a) - ['contact', 'company', 'deal'].indexOf(b)), link: {} });
    }
  });

  it('links a known contact or company instead of creating it, and always creates the deal', () => {
    expect(leadConversionTargets('deal+contact+company', { contactId: 'c-9', companyId: 'co-3' })).toEqual({ create: ['deal'], link: { contact: 'c-9', company: 'co-3' } });
    expect(leadConversionTargets('contact+company', { companyId: 'co-3' })).toEqual({ create: ['contact'], link: { company: 'co-3' } });
  });

  it('links a known contact and company even when the scheme does not name them', () => {
    expect(leadConversionTargets('deal', { contactId: 'c-9', companyId: 'co-3' })).toEqual({ create: ['deal'], link: { contact: 'c-9', company: 'co-3' } });
    expect(leadConversionTargets('company', { contactId: 'c-9' })).toEqual({ create: ['company'], link: { contact: 'c-9' } });
  });

  it('an empty id is not a known record, and an unknown scheme is an INVALID_ARGUMENT error', () => {
    expect(leadConversionTargets('contact', { contactId: '' })).toEqual({ create: ['contact'], link: {} });
    expect(codeOf(() => leadConversionTargets('lead' as LeadConversionScheme, {}))).toBe('INVALID_ARGUMENT');
  });

  it('the planner creates and links exactly what leadConversionTargets says', () => {
    for (const scheme of LEAD_CONVERSION_SCHEMES) {
      for (const existing of [{}, { contact: KNOWN_CONTACT }, { company: KNOWN_COMPANY }, { contact: KNOWN_CONTACT, company: KNOWN_COMPANY }]) {
        const targets = leadConversionTargets(scheme, { contactId: existing.contact?.id, companyId: existing.company?.id });
        const plan = planOf(convert(LEAD, scheme, { existing }));
        expect(plan.inserts.map((insert) => insert.entityType)).toEqual(targets.create);
        expect(plan.contact?.id).toBe(targets.link.contact ?? (targets.create.includes('contact') ? 'c-1' : undefined));
        expect(plan.company?.id).toBe(targets.link.company ?? (targets.create.includes('company') ? 'co-1' : undefined));
      }
    }
  });
});

describe('carrying values', () => {
  it('a new contact gets the person fields, multi-fields, address, source, comments and UTM of the lead', () => {
    const { contact } = planOf(convert(LEAD, 'contact'));
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
      utmMedium: 'cpc',
      utmCampaign: 'spring',
      utmContent: 'ad-1',
      utmTerm: 'laptops',
      opened: false,
      assignedById: 'u-ana',
      leadId: 'l-7',
    });
  });

  it("a new company is titled by the lead's company title", () => {
    const { company } = planOf(convert(LEAD, 'company'));
    expect(company).toMatchObject({ title: 'Acme Ibérica', phones: LEAD.phones, address: LEAD.address, leadId: 'l-7' });
  });

  it("a company falls back to the lead's title, and a deal to its company title", () => {
    const { companyTitle: _, ...withoutCompany } = LEAD;
    const { title: __, ...withoutTitle } = LEAD;
    expect(planOf(convert(withoutCompany, 'company')).company?.title).toBe('Website enquiry');
    expect(planOf(convert(withoutTitle, 'deal')).deal?.title).toBe('Acme Ibérica');
  });

  it("a new deal is titled and priced by the lead, with the amount set by hand, in the pipeline's first stage", () => {
    const { deal } = planOf(convert(LEAD, 'deal'));
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

  it('the mapping is frozen data, and every field it names lands on its target', () => {
    expect(Object.isFrozen(LEAD_CONVERSION_FIELD_MAP)).toBe(true);
    for (const role of ['contact', 'company', 'deal'] as const) expect(Object.isFrozen(LEAD_CONVERSION_FIELD_MAP[role])).toBe(true);
    const plan = planOf(convert(LEAD, 'deal+contact+company'));
    for (const role of ['contact', 'company', 'deal'] as const) {
      for (const { to } of LEAD_CONVERSION_FIELD_MAP[role]) expect(plan[role]).toHaveProperty(to);
    }
  });

  it('custom values go by code into fields of the same type and compatible settings; the others are listed with why', () => {
    const rules = rulesWith({
      lead: [
        field({ type: 'integer', code: 'seats' }),
        field({ type: 'string', code: 'budget_note' }),
        field({ type: 'string', code: 'region' }),
        field({ type: 'string', code: 'tags', multiple: true }),
        field({ type: 'enumeration', code: 'tier', options: [{ id: 'GOLD', labels: { en: 'Gold' } }] }),
        field({ type: 'string', code: 'channel' }),
      ],
      deal: [
        field({ type: 'integer', code: 'seats' }),
        field({ type: 'number', code: 'region' }),
        field({ type: 'string', code: 'tags' }),
        field({ type: 'enumeration', code: 'tier', options: [{ id: 'SILVER', labels: { en: 'Silver' } }] }),
        field({ type: 'string', code: 'channel', multiple: true }),
      ],
    });
    const lead: Lead = { ...LEAD, custom: { seats: 20, budget_note: 'tight', region: 'north', tags: ['a', 'b'], tier: 'GOLD', channel: 'ads' } };
    const plan = planOf(convert(lead, 'deal', {}, { rules }));
    expect(plain(plan.deal?.custom)).toEqual({ seats: 20, channel: ['ads'] });
    expect(plan.notCarried).toEqual([
      { target: 'deal', code: 'budget_note', reason: 'no-target-field' },
      { target: 'deal', code: 'region', reason: 'type-mismatch' },
      { target: 'deal', code: 'tags', reason: 'multiple-into-single' },
      { target: 'deal', code: 'tier', reason: 'value-not-accepted' },
    ]);
  });

  it('custom values are checked per target: one lead value may go to the contact and not to the deal', () => {
    const rules = rulesWith({ lead: [field({ type: 'integer', code: 'seats' })], contact: [field({ type: 'integer', code: 'seats' })] });
    const plan = planOf(convert({ ...LEAD, custom: { seats: 4 } }, 'deal+contact', {}, { rules }));
    expect(plain(plan.contact?.custom)).toEqual({ seats: 4 });
    expect(plain(plan.deal?.custom)).toEqual({});
    expect(plan.notCarried).toEqual([{ target: 'deal', code: 'seats', reason: 'no-target-field' }]);
  });

  it('values typed in the conversion form replace mapped ones; undefined clears one; custom is merged by code', () => {
    const rules = rulesWith({ deal: [field({ type: 'integer', code: 'seats' }), field({ type: 'string', code: 'note' })], lead: [field({ type: 'string', code: 'note' })] });
    const plan = planOf(
      convert({ ...LEAD, custom: { note: 'from the lead' } }, 'deal+contact', {
        overrides: { deal: { title: 'Fleet renewal', comments: undefined, custom: { seats: 30 } }, contact: { position: 'CFO' } },
      }, { rules }),
    );
    expect(plan.deal?.title).toBe('Fleet renewal');
    expect(plan.deal).not.toHaveProperty('comments');
    expect(plain(plan.deal?.custom)).toEqual({ seats: 30, note: 'from the lead' });
    expect(plan.contact?.position).toBe('CFO');
    const cleared = planOf(convert({ ...LEAD, custom: { note: 'from the lead' } }, 'deal', { overrides: { deal: { custom: { note: undefined } } } }, { rules }));
    expect(plain(cleared.deal?.custom)).toEqual({});
  });

  it('overrides of a role the conversion does not create are not used', () => {
    const plan = planOf(convert(LEAD, 'deal', { existing: { contact: KNOWN_CONTACT }, overrides: { contact: { firstName: 'Other' }, company: { title: 'Other' } } }));
    expect(plan.contact).toBe(KNOWN_CONTACT);
    expect(plan.company).toBeUndefined();
  });

  it('a link field in the overrides is an INVALID_VALUE issue at its override path: the plan sets links', () => {
    const overrides = { deal: { leadId: 'l-other', companyId: 'co-x', contactIds: ['c-x'] }, contact: { companyIds: ['co-x'] } };
    const issues = issuesOf(convert(LEAD, 'deal+contact', { overrides }));
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([
      ['INVALID_VALUE', 'overrides', 'contact', 'companyIds'],
      ['INVALID_VALUE', 'overrides', 'deal', 'leadId'],
      ['INVALID_VALUE', 'overrides', 'deal', 'companyId'],
      ['INVALID_VALUE', 'overrides', 'deal', 'contactIds'],
    ]);
    expect(issues.every((found) => !found.message.includes('co-x') && !found.message.includes('c-x'))).toBe(true);
  });

  it('the deal may start in another in-progress stage chosen in the form', () => {
    expect(planOf(convert(LEAD, 'deal', { overrides: { deal: { stageId: 'PROPOSAL' } } })).deal).toMatchObject({ stageId: 'PROPOSAL', probability: 50 });
  });
});

describe('the created records are what planCreateRecord makes', () => {
  // The deal's input as the conversion drafts it from LEAD, linked to c-1 and co-1.
  const DEAL_DRAFT = {
    title: 'Website enquiry',
    amount: { amount: '1200.00', currency: 'EUR' },
    amountIsManual: true,
    source: 'WEBFORM',
    sourceDescription: 'Contact form',
    comments: 'Wants 20 laptops.',
    utmSource: 'google',
    utmMedium: 'cpc',
    utmCampaign: 'spring',
    utmContent: 'ad-1',
    utmTerm: 'laptops',
    opened: false,
    assignedById: 'u-ana',
    leadId: 'l-7',
    contactIds: ['c-1'],
    companyId: 'co-1',
    pipelineId: 'default',
    stageId: 'NEW',
    custom: {},
  };
  const created = (input: object, clientDeals?: readonly ClientDeal[]): unknown =>
    unwrap(planCreateRecord(RULES.deal, ANA, input, { id: 'd-1', at: LATER, ...(clientDeals === undefined ? {} : { clientDeals }) })).record;
  const WON: ClientDeal = { id: 'd-old', pipelineId: 'default', stageId: 'WON' };
  const LOST: ClientDeal = { id: 'd-lost', pipelineId: 'default', stageId: 'LOST' };

  it('the deal is the record planCreateRecord makes from the same draft: stage, probability, closed, movedAt', () => {
    const plan = planOf(convert(LEAD, 'deal+contact+company', {}, { principal: ANA }));
    expect(plan.deal).toEqual(created(DEAL_DRAFT));
    expect(plan.deal).toMatchObject({ stageId: 'NEW', probability: 10, probabilityIsManual: false, closed: false, movedAt: LATER, movedById: 'u-ana', version: 1, createdAt: LATER });
  });

  it("the deal's repeat flags come from the client's deals: a won one makes a return customer, only others a repeated approach", () => {
    for (const clientDeals of [[], [WON, LOST], [LOST]]) {
      const plan = planOf(convert(LEAD, 'deal+contact+company', { clientDeals }, { principal: ANA }));
      expect(plan.deal).toEqual(created(DEAL_DRAFT, clientDeals));
    }
    expect(planOf(convert(LEAD, 'deal', { clientDeals: [WON, LOST] })).deal).toMatchObject({ isReturnCustomer: true, isRepeatedApproach: false });
    expect(planOf(convert(LEAD, 'deal', { clientDeals: [LOST] })).deal).toMatchObject({ isReturnCustomer: false, isRepeatedApproach: true });
    expect(planOf(convert(LEAD, 'deal')).deal).toMatchObject({ isReturnCustomer: false, isRepeatedApproach: false });
  });

  it('a stage and a probability typed in the form are placed as a create places them', () => {
    const overrides = { deal: { stageId: 'NEGOTIATION', probability: 40 } };
    const plan = planOf(convert(LEAD, 'deal+contact+company', { overrides }, { principal: ANA }));
    expect(plan.deal).toEqual(created({ ...DEAL_DRAFT, ...overrides.deal }));
    expect(plan.deal).toMatchObject({ stageId: 'NEGOTIATION', probability: 40, probabilityIsManual: true });
  });

  it('the contact and the company are the records planCreateRecord makes from their drafts', () => {
    const plan = planOf(convert(LEAD, 'contact+company', {}, { principal: ANA }));
    const { honorific, firstName, secondName, lastName, position, birthdate, phones, emails, websites, messengers, address, source, sourceDescription, comments } = LEAD;
    const utm = { utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'spring', utmContent: 'ad-1', utmTerm: 'laptops' };
    const person = { honorific, firstName, secondName, lastName, position, birthdate, phones, emails, websites, messengers, address, source, sourceDescription, comments };
    const contactDraft = { ...person, ...utm, opened: false, assignedById: 'u-ana', leadId: 'l-7', companyIds: ['co-1'], custom: {} };
    const companyDraft = { title: 'Acme Ibérica', phones, emails, websites, messengers, address, comments, ...utm, opened: false, assignedById: 'u-ana', leadId: 'l-7', custom: {} };
    expect(plan.contact).toEqual(unwrap(planCreateRecord(RULES.contact, ANA, contactDraft, { id: 'c-1', at: LATER })).record);
    expect(plan.company).toEqual(unwrap(planCreateRecord(RULES.company, ANA, companyDraft, { id: 'co-1', at: LATER })).record);
  });

  it('custom defaults of the targets are filled as on a create', () => {
    const rules = rulesWith({ contact: [field({ type: 'string', code: 'tier', default: 'bronze' }), field({ type: 'datetime', code: 'since', default: 'now' })] });
    expect(plain(planOf(convert(LEAD, 'contact', {}, { rules })).contact?.custom)).toEqual({ tier: 'bronze', since: LATER });
  });
});

describe('writes and events', () => {
  it("the inserts are the created records, the update is the lead at its version, and the events follow them in order", () => {
    const plan = planOf(convert(LEAD, 'deal+contact+company', {}, { principal: ANA }));
    expect(plan.inserts).toEqual([
      { entityType: 'contact', record: plan.contact },
      { entityType: 'company', record: plan.company },
      { entityType: 'deal', record: plan.deal },
    ]);
    expect(plan.updates).toEqual([{ entityType: 'lead', record: plan.lead, expectedVersion: 3 }]);
    expect(plan.deletes).toEqual([]);
    expect(summary(plan)).toEqual([
      ['created', 'contact', 'c-1'],
      ['created', 'company', 'co-1'],
      ['created', 'deal', 'd-1'],
      ['movedToFinal', 'lead', 'l-7'],
      ['leadConverted', 'lead', 'l-7'],
    ]);
    expect(plan.events.map((event) => [event.at, event.byId])).toEqual(plan.events.map(() => [LATER, 'u-ana']));
    expect(plan.events[2]?.data).toEqual({ pipelineId: 'default', stageId: 'NEW', semantic: 'process' });
    expect(plan.events[3]?.data).toEqual({ pipelineId: 'lead', stageId: 'CONVERTED', semantic: 'success', fromStageId: 'IN_PROCESS' });
    expect(plan.events[4]?.data).toEqual({ scheme: 'deal+contact+company', contactId: 'c-1', companyId: 'co-1', dealId: 'd-1' });
  });

  it('leadConverted names only the records the lead became or was linked to', () => {
    const plan = planOf(convert(LEAD, 'company', { existing: { contact: KNOWN_CONTACT } }));
    expect(plan.events.at(-1)?.data).toEqual({ scheme: 'company', contactId: 'c-9', companyId: 'co-1' });
    expect(planOf(convert(LEAD, 'deal')).events.at(-1)?.data).toEqual({ scheme: 'deal', dealId: 'd-1' });
  });

  it('the records of the plan are frozen, and the lead is stamped one version up by the person converting', () => {
    const plan = planOf(convert(LEAD, 'deal+contact', {}, { principal: ANA }));
    for (const record of [plan.lead, plan.contact, plan.deal]) expect(Object.isFrozen(record)).toBe(true);
    expect(plan.lead).toMatchObject({ version: 4, updatedAt: LATER, updatedById: 'u-ana', createdAt: AT, createdById: 'u-ana' });
  });
});

describe('links and the lead', () => {
  it('deal + contact + company links everything to everything, and the lead to what it became', () => {
    const plan = planOf(convert(LEAD, 'deal+contact+company'));
    expect(plan.deal).toMatchObject({ contactIds: ['c-1'], companyId: 'co-1', leadId: 'l-7' });
    expect(plan.contact).toMatchObject({ companyIds: ['co-1'], leadId: 'l-7' });
    expect(plan.company).toMatchObject({ leadId: 'l-7' });
    expect(plan.lead).toMatchObject({
      status: 'CONVERTED',
      movedAt: LATER,
      movedById: 'u-admin',
      convertedAt: LATER,
      contactId: 'c-1',
      companyId: 'co-1',
      dealId: 'd-1',
    });
  });

  it('the lead moves to its success status, recorded as a move to a final stage by the person who converts', () => {
    const leo: Principal = { ...ANA, userId: 'u-leo' };
    const plan = planOf(convert(LEAD, 'contact', {}, { principal: leo }));
    expect(plan.lead).toMatchObject({ status: 'CONVERTED', movedAt: LATER, movedById: 'u-leo' });
    expect(plan.events.find((event) => event.type === 'movedToFinal')).toMatchObject({
      entityType: 'lead',
      entityId: 'l-7',
      byId: 'u-leo',
      data: { fromStageId: 'IN_PROCESS', stageId: 'CONVERTED' },
    });
  });

  it('conversion records convertedAt (the instant) on the lead, and dealId only when a deal is created', () => {
    expect(planOf(convert(LEAD, 'deal')).lead).toMatchObject({ convertedAt: LATER, dealId: 'd-1' });
    const contactOnly = planOf(convert(LEAD, 'contact')).lead;
    expect(contactOnly).toMatchObject({ convertedAt: LATER, contactId: 'c-1' });
    expect(contactOnly).not.toHaveProperty('dealId');
    expect(contactOnly).not.toHaveProperty('companyId');
  });

  it('a repeat lead links to its known contact and company (given as existing) instead of creating them', () => {
    const repeat: Lead = { ...LEAD, isReturnCustomer: true, contactId: 'c-9', companyId: 'co-3' };
    const known = { contact: { ...KNOWN_CONTACT, companyIds: ['co-3'] }, company: KNOWN_COMPANY };
    const plan = planOf(convert(repeat, 'deal+contact+company', { existing: known }));
    expect(plan.inserts.map((insert) => insert.entityType)).toEqual(['deal']);
    expect(plan.updates.map((update) => update.entityType)).toEqual(['lead']);
    expect(plan.contact).toBe(known.contact);
    expect(plan.company).toBe(KNOWN_COMPANY);
    expect(plan.deal).toMatchObject({ contactIds: ['c-9'], companyId: 'co-3' });
    expect(plan.lead).toMatchObject({ contactId: 'c-9', companyId: 'co-3', dealId: 'd-1' });
  });

  it("a repeat lead converted into a deal alone still links the deal to the client's company", () => {
    const repeat: Lead = { ...LEAD, isReturnCustomer: true, companyId: 'co-3' };
    const plan = planOf(convert(repeat, 'deal', { existing: { company: KNOWN_COMPANY } }));
    expect(plan.deal?.companyId).toBe('co-3');
    expect(plan.deal).not.toHaveProperty('contactIds');
    expect(plan.contact).toBeUndefined();
  });

  it("a repeat lead whose own contact or company is left out of existing is refused, rather than created anew over the lead's link", () => {
    const repeat: Lead = { ...LEAD, isReturnCustomer: true, contactId: 'c-9', companyId: 'co-3' };
    expect(codeOf(() => convert(repeat, 'deal+contact+company', { existing: { company: KNOWN_COMPANY } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => convert(repeat, 'deal', { existing: { contact: KNOWN_CONTACT } }))).toBe('INVALID_ARGUMENT');
  });

  it('an existing contact chosen in the form is linked, and gains the new company, keeping its others', () => {
    const plan = planOf(convert(LEAD, 'contact+company', { existing: { contact: KNOWN_CONTACT } }));
    expect(plan.inserts.map((insert) => insert.entityType)).toEqual(['company']);
    expect(plan.contact).toMatchObject({ id: 'c-9', companyIds: ['co-8', 'co-1'], version: 5, updatedAt: LATER });
    expect(plan.updates).toEqual([
      { entityType: 'contact', record: plan.contact, expectedVersion: 4 },
      { entityType: 'lead', record: plan.lead, expectedVersion: 3 },
    ]);
    expect(summary(plan)).toEqual([
      ['created', 'company', 'co-1'],
      ['updated', 'contact', 'c-9'],
      ['movedToFinal', 'lead', 'l-7'],
      ['leadConverted', 'lead', 'l-7'],
    ]);
    expect(plan.events[1]?.data).toEqual({ fields: ['companyIds'] });
    expect(plan.lead).toMatchObject({ contactId: 'c-9', companyId: 'co-1' });
    expect(plan.company).not.toHaveProperty('contactIds');
  });

  it('an existing contact without any company gains the new company too, and update on it is needed', () => {
    const plan = planOf(convert(LEAD, 'contact+company', { existing: { contact: LONE_CONTACT } }));
    expect(plan.contact).toMatchObject({ id: 'c-9', companyIds: ['co-1'], version: 5 });
    expect(plan.updates.map((update) => [update.entityType, update.record.id])).toEqual([['contact', 'c-9'], ['lead', 'l-7']]);
    expect(plan.needs).toContainEqual({ action: 'update', entityType: 'contact', record: { assignedById: 'u-ana', opened: false } });
  });

  it('an existing contact gains an existing company it lacks; one it already has is left as it is', () => {
    const gains = planOf(convert(LEAD, 'deal', { existing: { contact: KNOWN_CONTACT, company: KNOWN_COMPANY } }));
    expect(gains.contact?.companyIds).toEqual(['co-8', 'co-3']);
    const has = { ...KNOWN_CONTACT, companyIds: ['co-3'] };
    const unchanged = planOf(convert(LEAD, 'deal', { existing: { contact: has, company: KNOWN_COMPANY } }));
    expect(unchanged.contact).toBe(has);
    expect(unchanged.updates.map((update) => update.entityType)).toEqual(['lead']);
    expect(unchanged.needs.filter((need) => need.entityType === 'contact')).toEqual([]);
  });

  it('an existing contact is not touched when no company is involved', () => {
    const plan = planOf(convert(LEAD, 'deal', { existing: { contact: LONE_CONTACT } }));
    expect(plan.contact).toBe(LONE_CONTACT);
    expect(plan.deal?.contactIds).toEqual(['c-9']);
    expect(plan.updates.map((update) => update.entityType)).toEqual(['lead']);
  });

  it('a new contact of an existing company is linked to it from the start, and the company is not changed', () => {
    const plan = planOf(convert(LEAD, 'contact+company', { existing: { company: KNOWN_COMPANY } }));
    expect(plan.contact?.companyIds).toEqual(['co-3']);
    expect(plan.company).toBe(KNOWN_COMPANY);
    expect(plan.updates.map((update) => update.entityType)).toEqual(['lead']);
  });

  it('each created record needs its id; ids of records not created are not used', () => {
    expect(codeOf(() => convert(LEAD, 'deal+contact', { ids: { contact: 'c-1' } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => convert(LEAD, 'contact', { ids: { contact: '' } }))).toBe('INVALID_ARGUMENT');
    const plan = planOf(convert(LEAD, 'contact', { ids: { contact: 'c-5', company: 'co-5', deal: 'd-5' } }));
    expect(plan.inserts.map((insert) => insert.record.id)).toEqual(['c-5']);
    expect(plan.lead).toMatchObject({ contactId: 'c-5' });
    expect(plan.lead).not.toHaveProperty('dealId');
  });
});

describe('permissions: the plan lists what it needs, findMissingPermissions judges it', () => {
  const policy = createAccessPolicy({
    roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'own' }, contact: { add: 'own' }, company: { add: 'all' } } }],
  });
  const missing = (plan: LeadConversionPlan, who: Principal = ANA): string[][] =>
    findMissingPermissions(policy, who, plan.needs).map((need) => [need.entityType, need.action]);

  it('conversion needs add on each created record, as it will be stored, and update on the lead', () => {
    const plan = planOf(convert(LEAD, 'deal+contact+company', {}, { principal: ANA }));
    expect(plan.needs).toEqual([
      { action: 'add', entityType: 'contact', record: { assignedById: 'u-ana', opened: false } },
      { action: 'add', entityType: 'company', record: { assignedById: 'u-ana', opened: false } },
      { action: 'add', entityType: 'deal', record: { assignedById: 'u-ana', opened: false, pipelineId: 'default' } },
      { action: 'update', entityType: 'lead', record: { assignedById: 'u-ana', opened: false } },
    ]);
  });

  it('a missing permission shows in findMissingPermissions, and assertPermissions refuses it with FORBIDDEN at [entity type, action]', () => {
    const plan = planOf(convert(LEAD, 'deal+contact', {}, { principal: ANA }));
    expect(missing(plan)).toEqual([['deal', 'add']]);
    const error = thrownBy(() => {
      assertPermissions(policy, ANA, plan.needs);
    });
    expect(isCrmError(error, 'FORBIDDEN')).toBe(true);
    expect(error instanceof ForbiddenError ? error.issues.map((found) => found.path) : error).toEqual([['deal', 'add']]);
    expect(codeOf(() => {
      assertPermissions(policy, ANA, planOf(convert(LEAD, 'contact+company', {}, { principal: ANA })).needs);
    })).toBe('no error');
  });

  it("update on the lead is needed too: a colleague's lead cannot be converted under own-only rights", () => {
    const plan = planOf(convert({ ...LEAD, assignedById: 'u-leo' }, 'company', { overrides: { company: { assignedById: 'u-ana' } } }, { principal: ANA }));
    expect(missing(plan)).toEqual([['lead', 'update']]);
  });

  it('add is judged on the record about to be created: its responsible person decides own-level rights', () => {
    const plan = planOf(convert(LEAD, 'contact', { overrides: { contact: { assignedById: 'u-leo' } } }, { principal: ANA }));
    expect(plan.contact?.assignedById).toBe('u-leo');
    expect(missing(plan)).toEqual([['contact', 'add']]);
  });

  it('add on the deal is judged in the pipeline it is created in', () => {
    const wholesale = { ...DEFAULT_DEAL_PIPELINE, id: 'wholesale', name: 'Wholesale', sort: 20 };
    const rules = rulesWith({ dealPipelines: [DEFAULT_DEAL_PIPELINE, wholesale] });
    const byPipeline = createAccessPolicy({
      roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'all' }, deal: { add: 'all' } }, dealPipelines: { wholesale: { add: 'none' } } }],
    });
    const inDefault = planOf(convert(LEAD, 'deal', {}, { rules, principal: ANA }));
    const inWholesale = planOf(convert(LEAD, 'deal', { pipelineId: 'wholesale' }, { rules, principal: ANA }));
    expect(inWholesale.deal?.pipelineId).toBe('wholesale');
    expect(findMissingPermissions(byPipeline, ANA, inDefault.needs)).toEqual([]);
    expect(findMissingPermissions(byPipeline, ANA, inWholesale.needs).map((need) => [need.entityType, need.action])).toEqual([['deal', 'add']]);
  });

  it('the planner does not judge permissions: a person with no rights gets the plan, and every need is missing', () => {
    const none = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: {} }] });
    const plan = planOf(convert(LEAD, 'deal+contact+company', {}, { principal: ANA }));
    expect(findMissingPermissions(none, ANA, plan.needs).map((need) => [need.entityType, need.action])).toEqual([
      ['contact', 'add'],
      ['company', 'add'],
      ['deal', 'add'],
      ['lead', 'update'],
    ]);
  });

  it('an existing contact that gains a company needs update on it, judged on the contact as it is', () => {
    const onlyAdd = createAccessPolicy({ roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'all' }, company: { add: 'all' } } }] });
    for (const contact of [KNOWN_CONTACT, LONE_CONTACT]) {
      const plan = planOf(convert(LEAD, 'contact+company', { existing: { contact: { ...contact, assignedById: 'u-leo' } } }, { principal: ANA }));
      expect(plan.needs).toContainEqual({ action: 'update', entityType: 'contact', record: { assignedById: 'u-leo', opened: false } });
      expect(findMissingPermissions(onlyAdd, ANA, plan.needs).map((need) => [need.entityType, need.action])).toEqual([['contact', 'update']]);
    }
  });

  it('a record only linked needs nothing: no add, no update', () => {
    const has = { ...KNOWN_CONTACT, companyIds: ['co-3'] };
    const plan = planOf(convert(LEAD, 'deal+contact+company', { existing: { contact: has, company: KNOWN_COMPANY } }));
    expect(plan.needs.map((need) => [need.action, need.entityType])).toEqual([['add', 'deal'], ['update', 'lead']]);
  });
});

describe('already converted leads', () => {
  it('converting a converted lead is refused', () => {
    const plan = planOf(convert(LEAD, 'deal+contact'));
    expect(codesOf(convert(plan.lead, 'contact'))).toEqual([['INVALID_STAGE_TRANSITION', 'convertedAt']]);
  });

  it('a lead with convertedAt is refused whatever its status: converted, moved back, converted again', () => {
    const converted = planOf(convert(LEAD, 'deal+contact')).lead;
    for (const status of ['NEW', 'IN_PROCESS', 'PROCESSED', 'JUNK']) {
      expect(codesOf(convert({ ...converted, status }, 'deal'))).toEqual([['INVALID_STAGE_TRANSITION', 'convertedAt']]);
    }
  });

  it('a lead in its success status without convertedAt is refused too', () => {
    expect(codesOf(convert({ ...LEAD, status: 'CONVERTED' }, 'contact'))).toEqual([['INVALID_STAGE_TRANSITION', 'status']]);
  });

  it('a lead in its failure status may still be converted', () => {
    const plan = planOf(convert({ ...LEAD, status: 'JUNK' }, 'contact'));
    expect(plan.lead.status).toBe('CONVERTED');
    expect(plan.events.find((event) => event.type === 'movedToFinal')?.data).toMatchObject({ fromStageId: 'JUNK' });
  });

  it('a repeat lead (linked to a known client, not yet converted) can be converted, once', () => {
    const repeat: Lead = { ...LEAD, isReturnCustomer: true, contactId: 'c-9', companyId: 'co-3' };
    const plan = planOf(convert(repeat, 'deal', { existing: { contact: { ...KNOWN_CONTACT, companyIds: ['co-3'] }, company: KNOWN_COMPANY } }));
    expect(plan.deal).toMatchObject({ contactIds: ['c-9'], companyId: 'co-3' });
    expect(plan.lead).toMatchObject({ contactId: 'c-9', companyId: 'co-3', dealId: 'd-1', convertedAt: LATER });
    expect(issuesOf(convert({ ...plan.lead, status: 'IN_PROCESS' }, 'deal')).map((found) => found.code)).toEqual(['INVALID_STAGE_TRANSITION']);
  });
});

describe('issues', () => {
  it("targets' required fields left empty are REQUIRED issues with the role first in the path", () => {
    const rules = rulesWith({ contact: [field({ type: 'string', code: 'tax_id', required: true })] });
    const { companyTitle: _, title: __, ...bare } = LEAD;
    expect(codesOf(convert(bare, 'deal+contact+company', {}, { rules }))).toEqual([
      ['REQUIRED', 'contact', 'custom', 'tax_id'],
      ['REQUIRED', 'company', 'title'],
      ['REQUIRED', 'deal', 'title'],
    ]);
  });

  it("the deal's first stage requirements count: starting in PROPOSAL needs an amount", () => {
    const { amount: _, ...noAmount } = LEAD;
    expect(codesOf(convert(noAmount, 'deal', { overrides: { deal: { stageId: 'PROPOSAL' } } }))).toEqual([['REQUIRED', 'deal', 'amount']]);
  });

  it('the deal cannot start in a final stage, an unknown stage or another pipeline', () => {
    const codes = (overrides: LeadConversionOptions['overrides']): unknown => codesOf(convert(LEAD, 'deal', { overrides }));
    expect(codes({ deal: { stageId: 'WON' } })).toEqual([['INVALID_STAGE_TRANSITION', 'deal', 'stageId']]);
    expect(codes({ deal: { stageId: 'LOST' } })).toEqual([['INVALID_STAGE_TRANSITION', 'deal', 'stageId']]);
    expect(codes({ deal: { stageId: 'NOWHERE' } })).toEqual([['INVALID_STAGE_TRANSITION', 'deal', 'stageId']]);
    expect(codes({ deal: { pipelineId: 'wholesale' } })).toEqual([['INVALID_VALUE', 'deal', 'pipelineId']]);
    expect(planOf(convert(LEAD, 'deal', { overrides: { deal: { pipelineId: 'default' } } })).deal?.pipelineId).toBe('default');
  });

  it('the deal is created in the pipeline given by id, the first one by default; an unknown one is INVALID_VALUE at pipelineId', () => {
    const wholesale = { ...DEFAULT_DEAL_PIPELINE, id: 'wholesale', name: 'Wholesale', sort: 20 };
    const rules = rulesWith({ dealPipelines: [DEFAULT_DEAL_PIPELINE, wholesale] });
    expect(planOf(convert(LEAD, 'deal', {}, { rules })).deal?.pipelineId).toBe('default');
    expect(planOf(convert(LEAD, 'deal', { pipelineId: 'wholesale' }, { rules })).deal).toMatchObject({ pipelineId: 'wholesale', stageId: 'NEW' });
    expect(codesOf(convert(LEAD, 'deal', { pipelineId: 'nope' }, { rules }))).toEqual([['INVALID_VALUE', 'pipelineId']]);
    expect(codesOf(convert(LEAD, 'contact', { pipelineId: 'nope' }, { rules }))).toEqual([['INVALID_VALUE', 'pipelineId']]);
  });

  it('an override with a wrong value or an unknown field is reported at the target', () => {
    const overrides = { contact: { birthdate: 'yesterday', nickname: 'Anita' } } as unknown as LeadConversionOptions['overrides'];
    expect(codesOf(convert(LEAD, 'contact', { overrides }))).toEqual([
      ['INVALID_VALUE', 'contact', 'birthdate'],
      ['UNKNOWN_FIELD', 'contact', 'nickname'],
    ]);
  });

  it('repeat flags and system fields cannot be typed in the form', () => {
    const overrides = { deal: { isReturnCustomer: true, closed: true } } as unknown as LeadConversionOptions['overrides'];
    expect(codesOf(convert(LEAD, 'deal', { overrides }))).toEqual([
      ['UNKNOWN_FIELD', 'deal', 'isReturnCustomer'],
      ['UNKNOWN_FIELD', 'deal', 'closed'],
    ]);
  });

  it('issues of several kinds come back together', () => {
    const rules = rulesWith({ contact: [field({ type: 'string', code: 'secret', visibility: { restrictedTo: { roleIds: ['finance'] } } })] });
    const { companyTitle: _, title: __, ...bare } = LEAD;
    const overrides = { contact: { companyIds: ['co-x'], custom: { secret: 'x' } } };
    expect(codesOf(convert(bare, 'contact+company', { overrides }, { rules, principal: ANA }))).toEqual([
      ['INVALID_VALUE', 'overrides', 'contact', 'companyIds'],
      ['FIELD_NOT_VISIBLE', 'overrides', 'contact', 'custom', 'secret'],
      ['REQUIRED', 'company', 'title'],
    ]);
  });

  it('issue messages never hold the values given', () => {
    const overrides = { contact: { birthdate: 'secret-date-99' }, deal: { stageId: 'secret-stage-99', contactIds: ['secret-id-99'] } } as unknown as LeadConversionOptions['overrides'];
    const issues = issuesOf(convert(LEAD, 'deal+contact', { overrides, pipelineId: 'secret-pipeline-99' }));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((found) => !found.message.includes('secret'))).toBe(true);
  });
});

describe('bad input', () => {
  it('malformed arguments are crm-kit errors', () => {
    const plan = (lead: unknown, extra: Record<string, unknown> = {}): unknown => planLeadConversion(RULES, ADMIN, lead as Lead, 'deal', { ...options(), ...extra });
    expect(codeOf(() => plan(null))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ id: 'l-1' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ ...LEAD, custom: 'none' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ ...LEAD, convertedAt: 'yesterday' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ ...LEAD, convertedAt: new Date(Number.NaN) }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { at: new Date(Number.NaN) }))).toBe('INVALID_DATE');
    expect(codeOf(() => plan(LEAD, { ids: undefined }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { overrides: { deal: 'x' } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { overrides: { deal: { custom: 'x' } } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan(LEAD, { existing: 'c-9' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => planLeadConversion(RULES, ADMIN, LEAD, 'deal', null as unknown as LeadConversionOptions))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => planLeadConversion(RULES, { userId: 'u-1' } as Principal, LEAD, 'deal', options()))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => planLeadConversion(RULES, { ...ADMIN, userId: '  ' }, LEAD, 'deal', options()))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => planLeadConversion({ ...RULES, deal: undefined } as unknown as LeadConversionRules, ADMIN, LEAD, 'deal', options()))).toBe('INVALID_ARGUMENT');
  });

  it('unknown keys in the options, the overrides or existing are INVALID_ARGUMENT errors', () => {
    const plan = (extra: Record<string, unknown>): unknown => planLeadConversion(RULES, ADMIN, LEAD, 'deal', { ...options(), ...extra });
    expect(codeOf(() => plan({ principal: ADMIN }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ statuses: DEFAULT_LEAD_STATUSES }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ overrides: { lead: { title: 'x' } } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ overrides: { deals: { title: 'x' } } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ existing: { deal: {} } }))).toBe('INVALID_ARGUMENT');
  });

  it('an existing record that is not a stored contact or company is an INVALID_ARGUMENT error', () => {
    const plan = (existing: unknown): unknown => convert(LEAD, 'deal+company', { existing } as Partial<LeadConversionOptions>);
    expect(codeOf(() => plan({ contact: { foo: 1 } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ contact: { ...KNOWN_CONTACT, id: '' } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ contact: { ...KNOWN_CONTACT, companyIds: 5 } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ company: [KNOWN_COMPANY] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => plan({ contact: undefined, company: undefined }))).toBe('no error');
  });

  it('junk in any argument or option, with a valid scheme, gives a result or a crm-kit error', () => {
    const junk = fc.constantFrom<unknown>(undefined, null, 0, '', 'x', true, {}, [], [null], new Date(Number.NaN), () => 1, Symbol('junk'), { id: 5 }, { ...KNOWN_CONTACT, companyIds: 'co-1' });
    const keys = ['at', 'ids', 'pipelineId', 'existing', 'overrides', 'clientDeals'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...LEAD_CONVERSION_SCHEMES), junk, fc.constantFrom(...keys), junk, (scheme, value, key, other) => {
        const role = scheme.split('+')[0] ?? 'deal';
        for (const run of [
          () => planLeadConversion(RULES, ADMIN, value as Lead, scheme, options()),
          () => planLeadConversion(RULES, value as Principal, LEAD, scheme, options()),
          () => planLeadConversion(RULES, ADMIN, LEAD, scheme, { ...options(), [key]: value }),
          () => planLeadConversion(RULES, ADMIN, LEAD, scheme, options({ overrides: { [role]: { custom: value } } })),
          () => planLeadConversion(RULES, ADMIN, LEAD, scheme, options({ overrides: { [role]: { title: value, firstName: other } } })),
          () => planLeadConversion(RULES, ADMIN, LEAD, scheme, options({ existing: { contact: value, company: other } as LeadConversionOptions['existing'] })),
          () => planLeadConversion(RULES, ADMIN, LEAD, scheme, options({ ids: { contact: value, company: other, deal: value } as LeadConversionOptions['ids'] })),
          () => planLeadConversion(RULES, ADMIN, { ...LEAD, custom: { seats: value }, contactId: other } as Lead, scheme, options()),
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

  it('keys like __proto__ in the overrides pollute nothing', () => {
    const overrides = JSON.parse('{"deal":{"__proto__":{"polluted":true},"custom":{"__proto__":{"polluted":true}}}}') as LeadConversionOptions['overrides'];
    const result = convert(LEAD, 'deal', { overrides });
    expect(result.success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nothing given is changed', () => {
    const lead = structuredClone({ ...LEAD, custom: { seats: 3 } });
    const given = options({ overrides: { deal: { title: 'X' }, company: { comments: undefined } }, existing: { contact: KNOWN_CONTACT }, clientDeals: [{ pipelineId: 'default', stageId: 'WON' }] });
    const before = structuredClone({ lead, given });
    planLeadConversion(RULES, ADMIN, lead, 'deal+contact+company', given);
    expect({ lead, given }).toEqual(before);
  });
});

describe('custom field visibility', () => {
  const FINANCE_ONLY = { restrictedTo: { roleIds: ['finance'] } };
  const secret = field({ type: 'string', code: 'secret', visibility: FINANCE_ONLY });
  const region = field({ type: 'string', code: 'region' });
  const rules = rulesWith({ lead: [secret, region], contact: [secret, region] });
  const lead: Lead = { ...LEAD, custom: { secret: 'margin 40%', region: 'north' } };
  const FINANCE: Principal = { ...ANA, roleIds: ['finance'] };

  it('a custom value the person cannot see on the lead is never carried, and not listed either', () => {
    const plan = planOf(convert(lead, 'contact', {}, { rules, principal: ANA }));
    expect(plain(plan.contact?.custom)).toEqual({ region: 'north' });
    expect(plan.notCarried).toEqual([]);
    expect(JSON.stringify([plan.inserts, plan.events, plan.notCarried, plan.needs])).not.toContain('margin 40%');
  });

  it('a value hidden on the target side only is not carried, and reads as a missing target field', () => {
    const openLead = rulesWith({ lead: [field({ type: 'string', code: 'secret' }), region], contact: [secret, region] });
    const plan = planOf(convert(lead, 'contact', {}, { rules: openLead, principal: ANA }));
    expect(plan.contact?.custom).not.toHaveProperty('secret');
    expect(plan.notCarried).toEqual([{ target: 'contact', code: 'secret', reason: 'no-target-field' }]);
  });

  it('a lead value of a field the lead registry does not define is not carried nor listed', () => {
    const plan = planOf(convert({ ...LEAD, custom: { ghost: 'x', region: 'north' } }, 'contact', {}, { rules, principal: ANA }));
    expect(plain(plan.contact?.custom)).toEqual({ region: 'north' });
    expect(plan.notCarried).toEqual([]);
  });

  it('a person who can see the field on both sides carries it', () => {
    const plan = planOf(convert(lead, 'contact', {}, { rules, principal: FINANCE }));
    expect(plain(plan.contact?.custom)).toEqual({ secret: 'margin 40%', region: 'north' });
    expect(plan.notCarried).toEqual([]);
  });

  it('values hidden from the person stay on the lead and on an existing contact they change', () => {
    const contact: Contact = { ...LONE_CONTACT, custom: { secret: 'kept' } };
    const plan = planOf(convert(lead, 'company', { existing: { contact } }, { rules, principal: ANA }));
    expect(plain(plan.lead.custom)).toEqual({ secret: 'margin 40%', region: 'north' });
    expect(plain(plan.contact?.custom)).toEqual({ secret: 'kept' });
    expect(plan.contact?.companyIds).toEqual(['co-1']);
  });

  it('a custom override the person cannot see, set or cleared, is a FIELD_NOT_VISIBLE issue that does not echo the value', () => {
    for (const value of ['typed 99', undefined]) {
      const issues = issuesOf(convert(lead, 'contact', { overrides: { contact: { custom: { secret: value } } } }, { rules, principal: ANA }));
      expect(issues.map((found) => [found.code, ...found.path])).toEqual([['FIELD_NOT_VISIBLE', 'overrides', 'contact', 'custom', 'secret']]);
      expect(issues[0]?.message).not.toContain('typed 99');
    }
  });

  it('a custom override of a field the target does not define is refused like a hidden one', () => {
    expect(codesOf(convert(lead, 'contact', { overrides: { contact: { custom: { nowhere: 'x' } } } }, { rules, principal: FINANCE }))).toEqual([
      ['FIELD_NOT_VISIBLE', 'overrides', 'contact', 'custom', 'nowhere'],
    ]);
  });

  it('a person who can see the field may type it in the form', () => {
    const plan = planOf(convert(lead, 'contact', { overrides: { contact: { custom: { secret: 'typed' } } } }, { rules, principal: FINANCE }));
    expect(plan.contact?.custom).toMatchObject({ secret: 'typed' });
  });
});

describe("the deal's starting stage", () => {
  const dealRules = (...definitions: Parameters<typeof field>[0][]): LeadConversionRules => rulesWith({ deal: definitions.map(field) });

  it('custom fields required from the starting stage or an earlier one must be filled', () => {
    const rules = dealRules(
      { type: 'string', code: 'po_number', requiredFromStage: { stageId: 'NEW' } },
      { type: 'string', code: 'contract', requiredFromStage: { stageId: 'PROPOSAL' } },
    );
    expect(codesOf(convert(LEAD, 'deal', {}, { rules }))).toEqual([['REQUIRED', 'deal', 'custom', 'po_number']]);
    expect(codesOf(convert(LEAD, 'deal', { overrides: { deal: { stageId: 'PROPOSAL' } } }, { rules }))).toEqual([
      ['REQUIRED', 'deal', 'custom', 'po_number'],
      ['REQUIRED', 'deal', 'custom', 'contract'],
    ]);
    expect(convert(LEAD, 'deal', { overrides: { deal: { custom: { po_number: 'PO-1' } } } }, { rules }).success).toBe(true);
  });

  it('a blank text value does not satisfy a stage requirement', () => {
    const rules = dealRules({ type: 'string', code: 'po_number', requiredFromStage: { stageId: 'NEW' } });
    expect(codesOf(convert(LEAD, 'deal', { overrides: { deal: { custom: { po_number: '   ' } } } }, { rules }))).toContainEqual(['REQUIRED', 'deal', 'custom', 'po_number']);
  });

  it('a requiredFromStage rule of another pipeline does not count', () => {
    const rules = dealRules({ type: 'string', code: 'po_number', requiredFromStage: { stageId: 'NEW', pipelineId: 'wholesale' } });
    expect(convert(LEAD, 'deal', {}, { rules }).success).toBe(true);
  });

  it('a field required from a stage counts only for a person who can see it', () => {
    const rules = dealRules({ type: 'string', code: 'po_number', requiredFromStage: { stageId: 'NEW' }, visibility: { restrictedTo: { roleIds: ['finance'] } } });
    expect(convert(LEAD, 'deal', {}, { rules, principal: ANA }).success).toBe(true);
    expect(codesOf(convert(LEAD, 'deal', {}, { rules }))).toEqual([['REQUIRED', 'deal', 'custom', 'po_number']]);
  });

  it('a field both required and required from the stage is reported once', () => {
    const rules = dealRules({ type: 'string', code: 'po_number', required: true, requiredFromStage: { stageId: 'NEW' } });
    expect(codesOf(convert(LEAD, 'deal', {}, { rules }))).toEqual([['REQUIRED', 'deal', 'custom', 'po_number']]);
  });
});

describe('pipelines and status lists', () => {
  it("the deal starts in the pipeline's first stage by sort order, whatever order the stages are listed in", () => {
    const shuffled = { ...DEFAULT_DEAL_PIPELINE, stages: [...DEFAULT_DEAL_PIPELINE.stages].reverse() };
    const statuses = { ...DEFAULT_LEAD_STATUSES, stages: [...DEFAULT_LEAD_STATUSES.stages].reverse() };
    const plan = planOf(convert(LEAD, 'deal', {}, { rules: rulesWith({ dealPipelines: [shuffled], leadStatuses: statuses }) }));
    expect(plan.deal?.stageId).toBe('NEW');
    expect(plan.lead.status).toBe('CONVERTED');
  });

  it('the lead moves to the success status of its own status list', () => {
    const statuses = {
      ...DEFAULT_LEAD_STATUSES,
      stages: DEFAULT_LEAD_STATUSES.stages.map((stage) => (stage.semantic === 'success' ? { ...stage, id: 'QUALIFIED' } : stage)),
    };
    const plan = planOf(convert(LEAD, 'contact', {}, { rules: rulesWith({ leadStatuses: statuses }) }));
    expect(plan.lead.status).toBe('QUALIFIED');
    expect(codesOf(convert({ ...LEAD, status: 'QUALIFIED' }, 'contact', {}, { rules: rulesWith({ leadStatuses: statuses }) }))).toEqual([['INVALID_STAGE_TRANSITION', 'status']]);
  });

  it('a lead whose status is not in its status list is an issue at the lead', () => {
    const issues = issuesOf(convert({ ...LEAD, status: 'GONE' }, 'contact'));
    expect(issues.every((found) => found.path[0] === 'lead')).toBe(true);
  });

  it('rules not made by defineRecordRules are checked: an invalid status list or pipeline is an INVALID_ARGUMENT error', () => {
    const stages = DEFAULT_DEAL_PIPELINE.stages;
    const twoWins = { ...DEFAULT_DEAL_PIPELINE, stages: [...stages, { ...stages.find((one) => one.semantic === 'success'), id: 'WON_TOO', sort: 999 }] };
    const badDeal = { ...RULES, deal: { ...RULES.deal, pipelines: [twoWins] } } as unknown as LeadConversionRules;
    expect(codeOf(() => planLeadConversion(badDeal, ADMIN, LEAD, 'deal', options()))).toBe('INVALID_ARGUMENT');
    const duplicate = { ...DEFAULT_LEAD_STATUSES, stages: [...DEFAULT_LEAD_STATUSES.stages, DEFAULT_LEAD_STATUSES.stages[0]] };
    const badLead = { ...RULES, lead: { ...RULES.lead, pipelines: [duplicate] } } as unknown as LeadConversionRules;
    expect(codeOf(() => planLeadConversion(badLead, ADMIN, LEAD, 'contact', options()))).toBe('INVALID_ARGUMENT');
  });

  it('rules of another entity type in a role are an INVALID_ARGUMENT error, not records of the wrong type', () => {
    for (const swapped of [{ ...RULES, contact: RULES.company }, { ...RULES, company: RULES.contact }, { ...RULES, lead: RULES.deal }]) {
      expect(codeOf(() => planLeadConversion(swapped as unknown as LeadConversionRules, ADMIN, LEAD, 'contact+company', options()))).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('hidden required target fields', () => {
  it('a required custom field on the target is not required of a person who cannot see it', () => {
    const rules = rulesWith({
      contact: [field({ type: 'string', code: 'tax_file', required: true, visibility: { restrictedTo: { roleIds: ['finance'] } } })],
    });
    expect(convert(LEAD, 'contact', {}, { rules, principal: ANA }).success).toBe(true);
    expect(codesOf(convert(LEAD, 'contact', {}, { rules, principal: ADMIN }))).toEqual([['REQUIRED', 'contact', 'custom', 'tax_file']]);
  });
});
