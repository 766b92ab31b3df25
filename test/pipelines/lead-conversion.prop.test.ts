import fc from 'fast-check';
import { createAccessPolicy, createFieldRegistry, DEFAULT_DEAL_PIPELINE, DEFAULT_LEAD_STATUSES, LEAD_CONVERSION_FIELD_MAP, LEAD_CONVERSION_SCHEMES, planLeadConversion, resolveLeadConversion, validateEntity } from 'crm-kit';
import type { FieldDefinition, Lead, LeadConversionOptions, LeadConversionOverrides, LeadConversionRole, Principal } from 'crm-kit';
import { describe, expect, it } from 'vitest';

const AT = new Date('2026-03-02T10:00:00Z');
const ADMIN: Principal = { userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true };
const POLICY = createAccessPolicy({ roles: [] });

const CUSTOM: readonly FieldDefinition[] = [
  { type: 'integer', code: 'seats', labels: { en: 'Seats' } },
  { type: 'string', code: 'note', labels: { en: 'Note' } },
  { type: 'boolean', code: 'vip', labels: { en: 'VIP' } },
];
const REGISTRIES = {
  lead: createFieldRegistry('lead', { customFields: CUSTOM }),
  contact: createFieldRegistry('contact', { customFields: CUSTOM }),
  company: createFieldRegistry('company', { customFields: CUSTOM.slice(0, 2) }),
  deal: createFieldRegistry('deal', { customFields: CUSTOM }),
};

const word = fc.constantFrom('Ana', 'García', 'Acme', 'Lopez-Ruiz', 'Ñandú S.L.', 'Zoë', 'x');
const opt = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });

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
    status: fc.constantFrom('NEW', 'IN_PROCESS', 'PROCESSED', 'JUNK'),
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
const ROLES: readonly LeadConversionRole[] = ['contact', 'company', 'deal'];

// Overrides of a few mapped fields per target, each with a value or undefined (cleared).
const overridesArbitrary: fc.Arbitrary<LeadConversionOverrides> = fc.record(
  {
    contact: fc.record({ firstName: opt(word), comments: opt(word) }, { requiredKeys: [] }),
    company: fc.record({ comments: opt(word), utmSource: opt(word) }, { requiredKeys: [] }),
    deal: fc.record({ source: opt(fc.constant('CALL')), comments: opt(word) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

function options(overrides?: LeadConversionOverrides): LeadConversionOptions {
  return {
    statuses: DEFAULT_LEAD_STATUSES,
    pipeline: DEFAULT_DEAL_PIPELINE,
    registries: REGISTRIES,
    at: AT,
    principal: ADMIN,
    policy: POLICY,
    ...(overrides === undefined ? {} : { overrides }),
  };
}

const empty = (value: unknown): boolean => value === undefined || (Array.isArray(value) && value.length === 0);

describe('lead conversion laws', () => {
  it('a conversion plan never drops a mapped lead value: each lands in its draft unless overridden', () => {
    fc.assert(
      fc.property(leadArbitrary, scheme, overridesArbitrary, (lead, chosen, overrides) => {
        const planned = planLeadConversion(lead, chosen, options(overrides));
        if (!planned.success) {
          // Only targets' required titles may stop it, and only when the lead has none to give.
          expect(planned.issues.every((found) => found.code === 'REQUIRED' && found.path.at(-1) === 'title')).toBe(true);
          expect(lead.title === undefined && lead.companyTitle === undefined).toBe(true);
          return;
        }
        const fields = lead as unknown as Readonly<Record<string, unknown>>;
        for (const role of ROLES) {
          const target = planned.data.targets[role];
          if (target?.action !== 'create') continue;
          const draft = target.draft as Readonly<Record<string, unknown>>;
          const typed = (overrides[role] ?? {}) as Readonly<Record<string, unknown>>;
          for (const { to, from } of LEAD_CONVERSION_FIELD_MAP[role]) {
            const source = from.find((name) => !empty(fields[name]));
            if (source === undefined) continue;
            if (to in typed) {
              expect(draft[to]).toEqual(typed[to]);
            } else {
              expect(draft[to]).toEqual(fields[source]);
            }
          }
          const custom = draft.custom as Readonly<Record<string, unknown>>;
          const dropped = planned.data.notCarried.filter((one) => one.target === role).map((one) => one.code);
          for (const [code, value] of Object.entries(lead.custom)) {
            if (dropped.includes(code)) {
              expect(REGISTRIES[role].customFields.some((one) => one.code === code)).toBe(false);
            } else {
              expect(custom[code]).toEqual(value);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('drafts validate when the lead is valid and gives every field a target requires', () => {
    fc.assert(
      fc.property(leadArbitrary, scheme, (generated, chosen) => {
        const lead: Lead = { ...generated, title: generated.title ?? 'Enquiry' };
        const planned = planLeadConversion(lead, chosen, options());
        expect(planned.success).toBe(true);
        if (!planned.success) return;
        for (const role of ROLES) {
          const target = planned.data.targets[role];
          if (target?.action !== 'create') continue;
          expect(validateEntity(REGISTRIES[role], 'input', target.draft).success).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every link of a plan is set once the ids exist, and the lead ends linked to what it became', () => {
    fc.assert(
      fc.property(leadArbitrary, scheme, (generated, chosen) => {
        const lead: Lead = { ...generated, title: 'Enquiry' };
        const planned = planLeadConversion(lead, chosen, options());
        if (!planned.success) return;
        const resolved = resolveLeadConversion(planned.data, { contact: 'c-1', company: 'co-1', deal: 'd-1' });
        const roles = chosen.split('+');
        expect(resolved.update.lead.status).toBe('CONVERTED');
        expect(resolved.update.lead.contactId).toBe(roles.includes('contact') ? 'c-1' : undefined);
        expect(resolved.update.lead.companyId).toBe(roles.includes('company') ? 'co-1' : undefined);
        for (const created of Object.values(resolved.create)) expect(created).toMatchObject({ leadId: 'l-1' });
        if (roles.includes('deal') && roles.includes('contact')) expect(resolved.create.deal?.contactIds).toEqual(['c-1']);
        if (roles.includes('contact') && roles.includes('company')) expect(resolved.create.contact?.companyIds).toEqual(['co-1']);
      }),
      { numRuns: 150 },
    );
  });

  it('the plan never mutates its inputs', () => {
    fc.assert(
      fc.property(leadArbitrary, scheme, overridesArbitrary, (lead, chosen, overrides) => {
        const given = options(overrides);
        const before = structuredClone({ lead, overrides, statuses: given.statuses, pipeline: given.pipeline, registries: given.registries });
        const planned = planLeadConversion(lead, chosen, given);
        if (planned.success) resolveLeadConversion(planned.data, { contact: 'c-1', company: 'co-1', deal: 'd-1' });
        expect({ lead, overrides, statuses: given.statuses, pipeline: given.pipeline, registries: given.registries }).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('a converted lead is never converted again, whatever the scheme', () => {
    fc.assert(
      fc.property(leadArbitrary, scheme, scheme, (generated, first, second) => {
        const lead: Lead = { ...generated, title: 'Enquiry' };
        const planned = planLeadConversion(lead, first, options());
        if (!planned.success) return;
        const resolved = resolveLeadConversion(planned.data, { contact: 'c-1', company: 'co-1', deal: 'd-1' });
        const converted = { ...lead, ...resolved.update.lead } as Lead;
        const again = planLeadConversion(converted, second, options());
        expect(again.success ? [] : again.issues.map((found) => found.code)).toEqual(['INVALID_STAGE_TRANSITION']);
      }),
      { numRuns: 100 },
    );
  });
});
