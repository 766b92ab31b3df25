import fc from 'fast-check';
import {
  carryCustomValues,
  DEFAULT_DEAL_PIPELINE,
  LEAD_CONVERSION_FIELD_MAP,
  LEAD_CONVERSION_SCHEMES,
  leadConversionTargets,
  planCreateRecord,
  planLeadConversion,
  toAccessRecord,
  unwrap,
  validateEntity,
} from 'crm-kit';
import type {
  ClientDeal,
  Company,
  Contact,
  FieldDefinition,
  FieldRegistry,
  Lead,
  LeadConversionOptions,
  LeadConversionOverrides,
  LeadConversionPlan,
  LeadConversionRole,
  LeadConversionRules,
  LeadConversionScheme,
  Principal,
} from 'crm-kit';
import { arbCompany, arbContact, arbLead } from 'crm-kit/testing';
import { describe, expect, it } from 'vitest';
import { field, rulesWith } from './fixtures.js';

// Seeds: test/setup.ts replays FC_SEED (a fixed one in CI), and fast-check prints the seed and the
// shrunk counterexample of a failure.

const AT = new Date('2026-03-02T10:00:00Z');
const LATER = new Date('2026-03-09T16:00:00Z');
const ADMIN: Principal = { userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true };
const IDS = { contact: 'c-new', company: 'co-new', deal: 'd-new' } as const;
const ROLES: readonly LeadConversionRole[] = ['contact', 'company', 'deal'];
const TIMEOUT = 60_000;

const CUSTOM: readonly FieldDefinition[] = [
  field({ type: 'integer', code: 'seats' }),
  field({ type: 'string', code: 'note' }),
  field({ type: 'boolean', code: 'vip' }),
];
const RULES = rulesWith({ lead: CUSTOM, contact: CUSTOM, company: CUSTOM.slice(0, 2), deal: CUSTOM });

const word = fc.constantFrom('Ana', 'García', 'Acme', 'Lopez-Ruiz', 'Ñandú S.L.', 'Zoë', 'x');
const opt = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });
const OPEN_STATUSES = ['NEW', 'IN_PROCESS', 'PROCESSED', 'JUNK'] as const;

const leadArbitrary: fc.Arbitrary<Lead> = fc
  .record({
    title: opt(word),
    honorific: opt(fc.constantFrom('Mr.', 'Ms.', 'Dr.')),
    firstName: opt(word),
    secondName: opt(word),
    lastName: opt(word),
    position: opt(word),
    birthdate: opt(fc.constantFrom('1990-04-12', '1975-12-31')),
    companyTitle: opt(word),
    phones: opt(fc.array(fc.record({ value: fc.constantFrom('+34 600 123 456', '91 123 45 67'), kind: fc.constantFrom('work' as const, 'mobile' as const) }), { maxLength: 2 })),
    emails: opt(fc.array(fc.record({ value: fc.constantFrom('ana@example.com', 'info@acme.example'), kind: fc.constant('work' as const) }), { maxLength: 2 })),
    websites: opt(fc.array(fc.record({ value: fc.constant('https://acme.example'), kind: fc.constant('work' as const) }), { maxLength: 1 })),
    messengers: opt(fc.array(fc.record({ value: fc.constant('@ana'), kind: fc.constant('telegram' as const) }), { maxLength: 1 })),
    address: opt(fc.record({ city: fc.constantFrom('Madrid', 'Lyon'), countryCode: fc.constantFrom('ES', 'FR') })),
    amount: opt(fc.constantFrom({ amount: '1200.00', currency: 'EUR' }, { amount: '15', currency: 'JPY' })),
    source: opt(fc.constantFrom('WEBFORM', 'CALL')),
    sourceDescription: opt(word),
    comments: opt(word),
    utmSource: opt(word),
    utmMedium: opt(word),
    utmCampaign: opt(word),
    utmContent: opt(word),
    utmTerm: opt(word),
    opened: fc.boolean(),
    assignedById: fc.constantFrom('u-1', 'u-2'),
    status: fc.constantFrom(...OPEN_STATUSES),
    custom: fc.record({ seats: fc.integer({ min: 0, max: 500 }), note: word, vip: fc.boolean() }, { requiredKeys: [] }),
  })
  .map((fields) => {
    const lead: Record<string, unknown> = {
      id: 'l-1',
      version: 1,
      createdAt: AT,
      updatedAt: AT,
      createdById: 'u-1',
      updatedById: 'u-1',
      isReturnCustomer: false,
      movedAt: AT,
      movedById: 'u-1',
    };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) lead[key] = value;
    return lead as unknown as Lead;
  });

const scheme = fc.constantFrom(...LEAD_CONVERSION_SCHEMES);

// Overrides of a few mapped fields per target, each with a value or undefined (cleared).
const overridesArbitrary: fc.Arbitrary<LeadConversionOverrides> = fc.record(
  {
    contact: fc.record({ firstName: opt(word), comments: opt(word) }, { requiredKeys: [] }),
    company: fc.record({ comments: opt(word), utmSource: opt(word) }, { requiredKeys: [] }),
    deal: fc.record({ source: opt(fc.constant('CALL')), comments: opt(word) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

// A known contact and company to link, or none; the contact with or without companies.
const META = { version: 2, createdAt: AT, updatedAt: AT, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-2', custom: {} };
const existingArbitrary: fc.Arbitrary<{ contact?: Contact; company?: Company }> = fc.record(
  {
    contact: fc.constantFrom<readonly string[] | undefined>(undefined, [], ['co-old'], ['co-known'], ['co-old', 'co-known']).map(
      (companyIds): Contact => ({ ...META, id: 'c-known', firstName: 'Ana', opened: false, exportable: true, ...(companyIds === undefined ? {} : { companyIds }) }),
    ),
    company: fc.constant<Company>({ ...META, id: 'co-known', title: 'Acme', opened: false }),
  },
  { requiredKeys: [] },
);

const clientDealsArbitrary: fc.Arbitrary<ClientDeal[]> = fc.array(
  fc.record({ id: fc.constantFrom('d-1', 'd-2', 'd-3'), pipelineId: fc.constant('default'), stageId: fc.constantFrom(...DEFAULT_DEAL_PIPELINE.stages.map((stage) => stage.id)) }),
  { maxLength: 3 },
);

function options(extra: Partial<LeadConversionOptions> = {}): LeadConversionOptions {
  return { at: LATER, ids: IDS, ...extra };
}

function conversion(lead: Lead, chosen: LeadConversionScheme, extra: Partial<LeadConversionOptions> = {}, rules: LeadConversionRules = RULES, principal: Principal = ADMIN) {
  return planLeadConversion(rules, principal, lead, chosen, options(extra));
}

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** The input of one created record as the conversion rules describe it: the mapping, custom values carried, links. */
function expectedInput(role: LeadConversionRole, lead: Lead, plan: LeadConversionPlan, rules: LeadConversionRules, principal: Principal): Record<string, unknown> {
  const fields = lead as unknown as Readonly<Record<string, unknown>>;
  const input: Record<string, unknown> = {};
  for (const { to, from } of LEAD_CONVERSION_FIELD_MAP[role]) {
    const source = from.find((name) => !isEmpty(fields[name]));
    if (source !== undefined) input[to] = fields[source];
  }
  if (role === 'deal' && input.amount !== undefined) input.amountIsManual = true;
  input.custom = carryCustomValues(rules.lead.registry, rules[role].registry, principal, lead.custom).custom;
  input.leadId = lead.id;
  if (role === 'contact' && plan.company !== undefined) input.companyIds = [plan.company.id];
  if (role === 'deal') {
    if (plan.contact !== undefined) input.contactIds = [plan.contact.id];
    if (plan.company !== undefined) input.companyId = plan.company.id;
  }
  return input;
}

describe('lead conversion laws', () => {
  it(
    'every valid stored lead that is not converted and has a title converts by every scheme, into valid stored records',
    () => {
      fc.assert(
        fc.property(arbLead, scheme, fc.constantFrom(...OPEN_STATUSES), (generated, chosen, status) => {
          const { convertedAt: _, contactId: __, companyId: ___, dealId: ____, ...rest } = generated;
          const lead: Lead = { ...rest, status, title: generated.title ?? 'Enquiry', custom: {} };
          const plan = conversion(lead, chosen, {}, rulesWith());
          expect(plan.success ? [] : plan.issues).toEqual([]);
          if (!plan.success) return;
          for (const role of [...ROLES, 'lead'] as const) {
            const record = role === 'lead' ? plan.data.lead : plan.data[role];
            if (record !== undefined) expect(validateEntity(rulesWith()[role].registry, 'stored', record).success).toBe(true);
          }
        }),
        { numRuns: 100 },
      );
    },
    TIMEOUT,
  );

  it(
    'a conversion never drops a mapped lead value: each lands on its new record unless the form overrides it',
    () => {
      fc.assert(
        fc.property(leadArbitrary, scheme, overridesArbitrary, (lead, chosen, overrides) => {
          const planned = conversion(lead, chosen, { overrides });
          if (!planned.success) {
            // Only a required title may stop it, and only when the lead has none to give.
            expect(planned.issues.every((found) => found.code === 'REQUIRED' && found.path.at(-1) === 'title')).toBe(true);
            expect(lead.title === undefined && lead.companyTitle === undefined).toBe(true);
            return;
          }
          const fields = lead as unknown as Readonly<Record<string, unknown>>;
          for (const role of ROLES) {
            const record = planned.data[role] as Readonly<Record<string, unknown>> | undefined;
            if (record === undefined) continue;
            const typed = (overrides[role] ?? {}) as Readonly<Record<string, unknown>>;
            for (const { to, from } of LEAD_CONVERSION_FIELD_MAP[role]) {
              const source = from.find((name) => !isEmpty(fields[name]));
              if (to in typed) expect(record[to]).toEqual(typed[to]);
              else if (source !== undefined) expect(record[to]).toEqual(fields[source]);
            }
            const custom = record.custom as Readonly<Record<string, unknown>>;
            const dropped = planned.data.notCarried.filter((one) => one.target === role).map((one) => one.code);
            for (const [code, value] of Object.entries(lead.custom)) {
              if (dropped.includes(code)) expect(RULES[role].registry.customFields.some((one) => one.code === code)).toBe(false);
              else expect(custom[code]).toEqual(value);
            }
          }
        }),
        { numRuns: 300 },
      );
    },
    TIMEOUT,
  );

  it(
    'each created record is exactly what planCreateRecord makes from the mapped input, links and repeat flags included',
    () => {
      fc.assert(
        fc.property(leadArbitrary, scheme, existingArbitrary, clientDealsArbitrary, (generated, chosen, existing, clientDeals) => {
          const lead: Lead = { ...generated, title: 'Enquiry' };
          const plan = unwrap(conversion(lead, chosen, { existing, clientDeals }));
          for (const role of leadConversionTargets(chosen, { contactId: existing.contact?.id, companyId: existing.company?.id }).create) {
            const input = expectedInput(role, lead, plan, RULES, ADMIN);
            if (role === 'deal') Object.assign(input, { pipelineId: 'default', stageId: 'NEW' });
            const created = unwrap(planCreateRecord(RULES[role], ADMIN, input, { id: IDS[role], at: LATER, ...(role === 'deal' ? { clientDeals } : {}) })).record;
            expect(plan[role]).toEqual(created);
          }
        }),
        { numRuns: 200 },
      );
    },
    TIMEOUT,
  );

  it(
    "a plan's writes are its records: an insert per created record, an update per changed one at its version, their events in order, and what each needs",
    () => {
      fc.assert(
        fc.property(leadArbitrary, scheme, existingArbitrary, (generated, chosen, existing) => {
          const lead: Lead = { ...generated, title: 'Enquiry' };
          const plan = unwrap(conversion(lead, chosen, { existing }));
          const created = leadConversionTargets(chosen, { contactId: existing.contact?.id, companyId: existing.company?.id }).create;
          expect(plan.inserts).toEqual(created.map((role) => ({ entityType: role, record: plan[role] })));
          const contactChanged = existing.contact !== undefined && plan.contact !== existing.contact;
          expect(plan.updates).toEqual([
            ...(contactChanged && existing.contact !== undefined ? [{ entityType: 'contact', record: plan.contact, expectedVersion: existing.contact.version }] : []),
            { entityType: 'lead', record: plan.lead, expectedVersion: lead.version },
          ]);
          expect(plan.deletes).toEqual([]);
          expect(plan.events.map((event) => [event.type, event.entityType, event.entityId])).toEqual([
            ...created.map((role) => ['created', role, IDS[role]]),
            ...(contactChanged ? [['updated', 'contact', 'c-known']] : []),
            ['movedToFinal', 'lead', lead.id],
            ['leadConverted', 'lead', lead.id],
          ]);
          expect(plan.needs).toEqual([
            ...plan.inserts.map((insert) => ({ action: 'add', entityType: insert.entityType, record: toAccessRecord(insert.record) })),
            ...(contactChanged && existing.contact !== undefined ? [{ action: 'update', entityType: 'contact', record: toAccessRecord(existing.contact) }] : []),
            { action: 'update', entityType: 'lead', record: toAccessRecord(lead) },
          ]);
        }),
        { numRuns: 200 },
      );
    },
    TIMEOUT,
  );

  it(
    'every link is set on both sides, and the lead ends converted and linked to what it became',
    () => {
      fc.assert(
        fc.property(leadArbitrary, scheme, existingArbitrary, (generated, chosen, existing) => {
          const lead: Lead = { ...generated, title: 'Enquiry' };
          const plan = unwrap(conversion(lead, chosen, { existing }));
          const roles = chosen.split('+');
          const contactId = existing.contact?.id ?? (roles.includes('contact') ? IDS.contact : undefined);
          const companyId = existing.company?.id ?? (roles.includes('company') ? IDS.company : undefined);
          expect(plan.lead).toMatchObject({ status: 'CONVERTED', convertedAt: LATER });
          expect([plan.lead.contactId, plan.lead.companyId, plan.lead.dealId]).toEqual([contactId, companyId, roles.includes('deal') ? IDS.deal : undefined]);
          expect([plan.contact?.id, plan.company?.id]).toEqual([contactId, companyId]);
          for (const insert of plan.inserts) expect(insert.record).toMatchObject({ leadId: lead.id });
          if (plan.deal !== undefined) {
            expect(plan.deal.contactIds).toEqual(contactId === undefined ? undefined : [contactId]);
            expect(plan.deal.companyId).toBe(companyId);
          }
          if (plan.contact !== undefined && companyId !== undefined) {
            const companies = plan.contact.companyIds ?? [];
            expect(companies.filter((id) => id === companyId)).toEqual([companyId]);
            for (const kept of existing.contact?.companyIds ?? []) expect(companies).toContain(kept);
          }
        }),
        { numRuns: 200 },
      );
    },
    TIMEOUT,
  );

  it(
    'a conversion never changes what it is given',
    () => {
      fc.assert(
        fc.property(leadArbitrary, scheme, overridesArbitrary, existingArbitrary, (lead, chosen, overrides, existing) => {
          const given = options({ overrides, existing });
          const before = structuredClone({ lead, given });
          conversion(lead, chosen, given);
          expect({ lead, given }).toEqual(before);
        }),
        { numRuns: 150 },
      );
    },
    TIMEOUT,
  );

  it(
    'a converted lead is never converted again, whatever the scheme and the status it is moved back to',
    () => {
      fc.assert(
        fc.property(leadArbitrary, scheme, scheme, fc.constantFrom(...OPEN_STATUSES, 'CONVERTED'), (generated, first, second, status) => {
          const lead: Lead = { ...generated, title: 'Enquiry' };
          const converted = unwrap(conversion(lead, first)).lead;
          const again = conversion({ ...converted, status }, second);
          expect(again.success ? [] : again.issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_STAGE_TRANSITION', 'convertedAt']]);
        }),
        { numRuns: 100 },
      );
    },
    TIMEOUT,
  );

  it(
    'a repeat lead converts once, linked to its known client, and is then refused whatever its status',
    () => {
      fc.assert(
        fc.property(leadArbitrary, scheme, scheme, fc.constantFrom(...OPEN_STATUSES), (generated, first, second, status) => {
          const repeat: Lead = { ...generated, title: 'Enquiry', isReturnCustomer: true, contactId: 'c-known', companyId: 'co-known' };
          const contact: Contact = { ...META, id: 'c-known', opened: false, exportable: true, companyIds: ['co-known'] };
          const company: Company = { ...META, id: 'co-known', title: 'Acme', opened: false };
          const plan = unwrap(conversion(repeat, first, { existing: { contact, company } }));
          expect(plan.inserts.map((insert) => insert.entityType)).toEqual(first.includes('deal') ? ['deal'] : []);
          expect(plan.lead).toMatchObject({ contactId: 'c-known', companyId: 'co-known', convertedAt: LATER });
          expect(plan.lead.dealId).toBe(first.includes('deal') ? IDS.deal : undefined);
          const again = conversion({ ...plan.lead, status }, second, { existing: { contact, company } });
          expect(again.success ? [] : again.issues.map((found) => found.code)).toEqual(['INVALID_STAGE_TRANSITION']);
        }),
        { numRuns: 100 },
      );
    },
    TIMEOUT,
  );
});

// Custom fields that differ between the lead and its targets: types, multiplicity, settings that
// refuse some values, and fields restricted to the finance role on one side or both.
const FINANCE_ONLY = { restrictedTo: { roleIds: ['finance'] } };
const TIERS = [
  { id: 'GOLD', labels: { en: 'Gold' } },
  { id: 'SILVER', labels: { en: 'Silver' } },
];
const MIXED = rulesWith({
  lead: [
    field({ type: 'integer', code: 'seats' }),
    field({ type: 'string', code: 'note' }),
    field({ type: 'string', code: 'size' }),
    field({ type: 'enumeration', code: 'tier', options: TIERS }),
    field({ type: 'string', code: 'tags', multiple: true }),
    field({ type: 'string', code: 'secret', visibility: FINANCE_ONLY }),
    field({ type: 'string', code: 'hint' }),
  ],
  contact: [
    field({ type: 'integer', code: 'seats' }),
    field({ type: 'string', code: 'note' }),
    field({ type: 'enumeration', code: 'tier', options: TIERS }),
    field({ type: 'string', code: 'tags', multiple: true }),
    field({ type: 'string', code: 'secret', visibility: FINANCE_ONLY }),
    field({ type: 'string', code: 'hint', visibility: FINANCE_ONLY }),
  ],
  company: [
    field({ type: 'string', code: 'seats' }),
    field({ type: 'string', code: 'note', maxLength: 3 }),
    field({ type: 'string', code: 'tags' }),
    field({ type: 'string', code: 'secret', visibility: FINANCE_ONLY }),
  ],
  deal: [
    field({ type: 'integer', code: 'seats', max: 100 }),
    field({ type: 'string', code: 'note' }),
    field({ type: 'integer', code: 'size' }),
    field({ type: 'enumeration', code: 'tier', options: TIERS.slice(0, 1) }),
    field({ type: 'string', code: 'tags', multiple: true }),
    field({ type: 'string', code: 'secret', visibility: FINANCE_ONLY }),
    field({ type: 'string', code: 'hint' }),
  ],
});
const PRINCIPALS: readonly Principal[] = [
  { userId: 'u-1', roleIds: ['sales'], departmentIds: [], isAdmin: false },
  { userId: 'u-1', roleIds: ['finance'], departmentIds: [], isAdmin: false },
  ADMIN,
];
const shortWord = fc.constantFrom('Ana', 'x', 'Zoë');

const mixedCustom = fc.record(
  {
    seats: fc.integer({ min: 0, max: 500 }),
    note: word,
    size: word,
    tier: fc.constantFrom('GOLD', 'SILVER'),
    tags: fc.array(shortWord, { minLength: 1, maxLength: 2 }),
    secret: word,
    hint: word,
  },
  { requiredKeys: [] },
);

// Custom overrides per target: codes the target may or may not define or show, values of its type.
const customOverride = (seats: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> =>
  fc.record({ seats: opt(seats), note: opt(shortWord), secret: opt(shortWord), hint: opt(shortWord) }, { requiredKeys: [] });
const mixedOverrides = fc.record(
  {
    contact: fc.record({ custom: customOverride(fc.integer({ min: 0, max: 50 })) }),
    company: fc.record({ custom: customOverride(fc.constant('12')) }),
    deal: fc.record({ custom: customOverride(fc.integer({ min: 0, max: 50 })) }),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<LeadConversionOverrides>;

const sees = (principal: Principal, definition: FieldDefinition): boolean => principal.isAdmin || definition.visibility === undefined || principal.roleIds.includes('finance');
const defOf = (registry: FieldRegistry, code: string): FieldDefinition | undefined => registry.customFields.find((one) => one.code === code);
const BASE: Readonly<Record<LeadConversionRole, Record<string, unknown>>> = { contact: {}, company: { title: 'x' }, deal: { title: 'x' } };

// An oracle of the carrying rules, independent of the planner: validation decides what a target
// accepts. `undefined` means carried; `null` means neither carried nor listed (a lead field the
// person cannot see).
function expectedReason(role: LeadConversionRole, code: string, value: unknown, principal: Principal): string | null | undefined {
  const from = defOf(MIXED.lead.registry, code);
  if (from === undefined || !sees(principal, from)) return null;
  const to = defOf(MIXED[role].registry, code);
  if (to === undefined || !sees(principal, to)) return 'no-target-field';
  if (from.type !== to.type) return 'type-mismatch';
  if (from.multiple === true && to.multiple !== true) return 'multiple-into-single';
  const carried = to.multiple === true && from.multiple !== true ? [value] : value;
  return validateEntity(MIXED[role].registry, 'input', { ...BASE[role], custom: { [code]: carried } }).success ? undefined : 'value-not-accepted';
}

describe('lead conversion laws with mixed custom fields', () => {
  it(
    'each lead custom value is carried exactly when the person sees it on both sides and the target takes it; else listed with why, unless the lead field is hidden',
    () => {
      fc.assert(
        fc.property(leadArbitrary, mixedCustom, scheme, fc.constantFrom(...PRINCIPALS), (generated, custom, chosen, principal) => {
          const lead: Lead = { ...generated, title: 'Enquiry', custom };
          const plan = unwrap(conversion(lead, chosen, {}, MIXED, principal));
          for (const role of ROLES) {
            const record = plan[role];
            if (record === undefined) continue;
            for (const [code, value] of Object.entries(custom)) {
              const reason = expectedReason(role, code, value, principal);
              const listed = plan.notCarried.filter((one) => one.target === role && one.code === code);
              if (reason === undefined) {
                expect(listed).toEqual([]);
                const to = defOf(MIXED[role].registry, code);
                expect(record.custom[code]).toEqual(to?.multiple === true && !Array.isArray(value) ? [value] : value);
              } else {
                expect(listed).toEqual(reason === null ? [] : [{ target: role, code, reason }]);
                expect(record.custom).not.toHaveProperty(code);
              }
            }
          }
        }),
        { numRuns: 300 },
      );
    },
    TIMEOUT,
  );

  it(
    'restricted fields are never carried for, nor typed by, a person who cannot see them; visible overrides win',
    () => {
      fc.assert(
        fc.property(leadArbitrary, mixedCustom, scheme, mixedOverrides, (generated, custom, chosen, overrides) => {
          const [sales] = PRINCIPALS as [Principal];
          const lead: Lead = { ...generated, title: 'Enquiry', custom };
          const planned = conversion(lead, chosen, { overrides }, MIXED, sales);
          const roles = chosen.split('+') as LeadConversionRole[];
          // Every typed code the target does not show this person is refused, and nothing else is.
          const hidden = ROLES.filter((role) => roles.includes(role)).flatMap((role) =>
            Object.keys((overrides[role] as { custom?: object } | undefined)?.custom ?? {})
              .filter((code) => {
                const definition = defOf(MIXED[role].registry, code);
                return definition === undefined || !sees(sales, definition);
              })
              .map((code) => ['FIELD_NOT_VISIBLE', 'overrides', role, 'custom', code]),
          );
          if (!planned.success) {
            expect(planned.issues.map((found) => [found.code, ...found.path])).toEqual(hidden);
            return;
          }
          expect(hidden).toEqual([]);
          for (const role of ROLES) {
            const record = planned.data[role];
            if (record === undefined) continue;
            for (const definition of MIXED[role].registry.customFields) {
              if (!sees(sales, definition)) expect(record.custom).not.toHaveProperty(definition.code);
            }
            for (const [code, value] of Object.entries((overrides[role] as { custom?: object } | undefined)?.custom ?? {})) {
              if (value === undefined) expect(record.custom).not.toHaveProperty(code);
              else expect(record.custom).toHaveProperty(code, value);
            }
          }
        }),
        { numRuns: 300 },
      );
    },
    TIMEOUT,
  );

  it(
    'the custom values of linked records the person cannot see are kept as they are',
    () => {
      fc.assert(
        fc.property(arbContact, arbCompany, word, (contact, company, secret) => {
          const [sales] = PRINCIPALS as [Principal];
          const lead: Lead = { id: 'l-1', version: 1, createdAt: AT, updatedAt: AT, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: { secret }, title: 'Enquiry', status: 'NEW', opened: false, isReturnCustomer: false, movedAt: AT, movedById: 'u-1' };
          const known = { contact: { ...contact, custom: { secret } }, company: { ...company, custom: { secret } } };
          const plan = unwrap(conversion(lead, 'deal+contact+company', { existing: known }, MIXED, sales));
          expect({ ...plan.lead.custom }).toEqual({ secret });
          expect({ ...plan.contact?.custom }).toEqual({ secret });
          expect(plan.company).toBe(known.company);
          expect(plan.deal?.custom).not.toHaveProperty('secret');
        }),
        { numRuns: 100 },
      );
    },
    TIMEOUT,
  );
});
