import fc from 'fast-check';
import { createAccessPolicy, createFieldRegistry, DEFAULT_DEAL_PIPELINE, DEFAULT_LEAD_STATUSES, LEAD_CONVERSION_FIELD_MAP, LEAD_CONVERSION_SCHEMES, planLeadConversion, resolveLeadConversion, validateEntity } from 'crm-kit';
import type { FieldDefinition, FieldRegistry, Lead, LeadConversionOptions, LeadConversionOverrides, LeadConversionRole, Principal } from 'crm-kit';
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

  it('a repeat lead converts once: after its conversion it is refused, whatever its status', () => {
    fc.assert(
      fc.property(leadArbitrary, scheme, scheme, fc.constantFrom('NEW', 'IN_PROCESS', 'PROCESSED', 'JUNK'), (generated, first, second, status) => {
        const repeat: Lead = { ...generated, title: 'Enquiry', isReturnCustomer: true, contactId: 'c-9', companyId: 'co-9' };
        const planned = planLeadConversion(repeat, first, options());
        expect(planned.success).toBe(true);
        if (!planned.success) return;
        const resolved = resolveLeadConversion(planned.data, { contact: 'c-1', company: 'co-1', deal: 'd-1' });
        expect(resolved.update.lead.convertedAt).toEqual(AT);
        expect(resolved.update.lead.dealId).toBe(first.includes('deal') ? 'd-1' : undefined);
        const again = planLeadConversion({ ...repeat, ...resolved.update.lead, status }, second, options());
        expect(again.success ? [] : again.issues.map((found) => found.code)).toEqual(['INVALID_STAGE_TRANSITION']);
      }),
      { numRuns: 100 },
    );
  });
});

// Custom fields that differ between the lead and its targets: types, multiplicity, settings that
// refuse some values, and fields restricted to the finance role on one side or both.
const FINANCE_ONLY = { restrictedTo: { roleIds: ['finance'] } };
const TIERS = [{ id: 'GOLD', labels: { en: 'Gold' } }, { id: 'SILVER', labels: { en: 'Silver' } }];
const def = (definition: Record<string, unknown>): FieldDefinition => ({ labels: { en: String(definition.code) }, ...definition }) as unknown as FieldDefinition;
const MIXED = {
  lead: createFieldRegistry('lead', {
    customFields: [
      def({ type: 'integer', code: 'seats' }),
      def({ type: 'string', code: 'note' }),
      def({ type: 'string', code: 'size' }),
      def({ type: 'enumeration', code: 'tier', options: TIERS }),
      def({ type: 'string', code: 'tags', multiple: true }),
      def({ type: 'string', code: 'secret', visibility: FINANCE_ONLY }),
      def({ type: 'string', code: 'hint' }),
    ],
  }),
  contact: createFieldRegistry('contact', {
    customFields: [
      def({ type: 'integer', code: 'seats' }),
      def({ type: 'string', code: 'note' }),
      def({ type: 'enumeration', code: 'tier', options: TIERS }),
      def({ type: 'string', code: 'tags', multiple: true }),
      def({ type: 'string', code: 'secret', visibility: FINANCE_ONLY }),
      def({ type: 'string', code: 'hint', visibility: FINANCE_ONLY }),
    ],
  }),
  company: createFieldRegistry('company', {
    customFields: [
      def({ type: 'string', code: 'seats' }),
      def({ type: 'string', code: 'note', maxLength: 3 }),
      def({ type: 'string', code: 'tags' }),
      def({ type: 'string', code: 'secret', visibility: FINANCE_ONLY }),
    ],
  }),
  deal: createFieldRegistry('deal', {
    customFields: [
      def({ type: 'integer', code: 'seats', max: 100 }),
      def({ type: 'string', code: 'note' }),
      def({ type: 'integer', code: 'size' }),
      def({ type: 'enumeration', code: 'tier', options: TIERS.slice(0, 1) }),
      def({ type: 'string', code: 'tags', multiple: true }),
      def({ type: 'string', code: 'secret', visibility: FINANCE_ONLY }),
      def({ type: 'string', code: 'hint' }),
    ],
  }),
};
const ALL_RIGHTS = { lead: { update: 'all' }, contact: { add: 'all' }, company: { add: 'all' }, deal: { add: 'all' } } as const;
const WIDE_POLICY = createAccessPolicy({
  roles: [
    { id: 'sales', name: 'Sales', permissions: ALL_RIGHTS },
    { id: 'finance', name: 'Finance', permissions: ALL_RIGHTS },
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

const sees = (principal: Principal, definition: FieldDefinition): boolean =>
  principal.isAdmin || definition.visibility === undefined || principal.roleIds.includes('finance');
const defOf = (registry: FieldRegistry, code: string): FieldDefinition | undefined => registry.customFields.find((one) => one.code === code);
const BASE: Readonly<Record<LeadConversionRole, Record<string, unknown>>> = { contact: {}, company: { title: 'x' }, deal: { title: 'x' } };

// An oracle of the carrying rules, independent of the planner: validation decides what a target accepts.
function expectedReason(role: LeadConversionRole, code: string, value: unknown, principal: Principal): string | undefined {
  const from = defOf(MIXED.lead, code);
  if (from === undefined) return 'unknown-lead-field';
  if (!sees(principal, from)) return 'not-visible';
  const to = defOf(MIXED[role], code);
  if (to === undefined) return 'no-target-field';
  if (!sees(principal, to)) return 'not-visible';
  if (from.type !== to.type) return 'type-mismatch';
  if (from.multiple === true && to.multiple !== true) return 'multiple-into-single';
  const carried = to.multiple === true && from.multiple !== true ? [value] : value;
  const accepted = validateEntity(MIXED[role], 'input', { ...BASE[role], custom: { [code]: carried } }).success;
  return accepted ? undefined : 'value-not-accepted';
}

describe('lead conversion laws with mixed custom fields', () => {
  const mixedOptions = (principal: Principal, overrides?: LeadConversionOverrides): LeadConversionOptions => ({
    ...options(overrides),
    registries: MIXED,
    principal,
    policy: WIDE_POLICY,
  });

  it('each lead custom value is carried exactly when the person sees it on both sides and the target takes it; else listed with why', () => {
    fc.assert(
      fc.property(leadArbitrary, mixedCustom, scheme, fc.constantFrom(...PRINCIPALS), (generated, custom, chosen, principal) => {
        const lead: Lead = { ...generated, title: 'Enquiry', custom };
        const planned = planLeadConversion(lead, chosen, mixedOptions(principal));
        expect(planned.success).toBe(true);
        if (!planned.success) return;
        for (const role of ROLES) {
          const target = planned.data.targets[role];
          if (target?.action !== 'create') continue;
          const draft = target.draft as { readonly custom: Readonly<Record<string, unknown>> };
          for (const [code, value] of Object.entries(custom)) {
            const reason = expectedReason(role, code, value, principal);
            const listed = planned.data.notCarried.filter((one) => one.target === role && one.code === code);
            if (reason === undefined) {
              expect(listed).toEqual([]);
              const to = defOf(MIXED[role], code);
              expect(draft.custom[code]).toEqual(to?.multiple === true && !Array.isArray(value) ? [value] : value);
            } else {
              expect(listed).toEqual([{ target: role, code, reason }]);
              expect(draft.custom).not.toHaveProperty(code);
            }
          }
          expect(validateEntity(MIXED[role], 'input', target.draft).success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('restricted fields are never carried for, nor typed by, a person who cannot see them', () => {
    fc.assert(
      fc.property(leadArbitrary, mixedCustom, scheme, mixedOverrides, (generated, custom, chosen, overrides) => {
        const [sales] = PRINCIPALS as [Principal];
        const lead: Lead = { ...generated, title: 'Enquiry', custom };
        const planned = planLeadConversion(lead, chosen, mixedOptions(sales, overrides));
        const roles = chosen.split('+') as LeadConversionRole[];
        // Every typed code the target does not show this person is refused, and nothing else is.
        const hidden = ROLES.filter((role) => roles.includes(role)).flatMap((role) =>
          Object.keys((overrides[role] as { custom?: object } | undefined)?.custom ?? {})
            .filter((code) => {
              const definition = defOf(MIXED[role], code);
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
          const target = planned.data.targets[role];
          if (target?.action !== 'create') continue;
          const draftCustom = (target.draft as { readonly custom: object }).custom;
          for (const definition of MIXED[role].customFields) {
            if (!sees(sales, definition)) expect(draftCustom).not.toHaveProperty(definition.code);
          }
          // Visible custom overrides win over carried values; `undefined` clears.
          for (const [code, value] of Object.entries((overrides[role] as { custom?: object } | undefined)?.custom ?? {})) {
            if (value === undefined) expect(draftCustom).not.toHaveProperty(code);
            else expect(draftCustom).toHaveProperty(code, value);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
