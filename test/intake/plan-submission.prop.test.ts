import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineWebForm, planSubmission, WEB_FORM_SCHEMES } from 'crm-kit';
import type { Contact, WebFormFieldInput } from 'crm-kit';

// Every field a form may map, by entity, with a value of its kind.
const CANDIDATES: readonly (readonly [WebFormFieldInput['target'], fc.Arbitrary<unknown>])[] = [
  [{ entity: 'contact', field: 'firstName' }, fc.string({ maxLength: 20 })],
  [{ entity: 'contact', field: 'lastName' }, fc.string({ maxLength: 20 })],
  [{ entity: 'contact', field: 'emails' }, fc.oneof(fc.emailAddress(), fc.array(fc.emailAddress(), { maxLength: 3 }))],
  [{ entity: 'contact', field: 'phones' }, fc.stringMatching(/^\+?[0-9 ]{3,15}$/)],
  [{ entity: 'contact', field: 'comments' }, fc.string({ maxLength: 50 })],
  [{ entity: 'company', field: 'title' }, fc.string({ maxLength: 20 })],
  [{ entity: 'company', field: 'employees' }, fc.integer({ min: 0, max: 100_000 }).map(String)],
  [{ entity: 'lead', field: 'title' }, fc.string({ maxLength: 20 })],
  [{ entity: 'lead', field: 'emails' }, fc.emailAddress()],
  [{ entity: 'deal', field: 'comments' }, fc.string({ maxLength: 50 })],
  [{ entity: 'quote', field: 'title' }, fc.string({ maxLength: 20 })],
];

// The fields every record may carry whatever the form: its links, person, source and UTM.
const STAMPED = new Set(['assignedById', 'source', 'sourceDescription', 'utmSource', 'utmMedium', 'utmCampaign', 'utmContent', 'utmTerm', 'companyIds', 'contactIds', 'companyId', 'contactId', 'dealId', 'title']);

const formArb = fc.constantFrom(...WEB_FORM_SCHEMES).chain((scheme) => {
  const entities = new Set(scheme.split('+'));
  const fitting = CANDIDATES.filter(([target]) => entities.has(target.entity));
  return fc.record({
    scheme: fc.constant(scheme),
    picked: fc.subarray([...fitting], { minLength: 1 }),
    payload: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
  });
});

describe('planSubmission (property)', () => {
  it('never sets a field the form does not map: every value of a record comes from a mapped field or is a stamp', () => {
    let planned = 0;
    fc.assert(
      fc.property(formArb, fc.context(), ({ scheme, picked }, context) => {
        const form = defineWebForm({
          id: 'f',
          name: 'Form',
          scheme,
          languages: ['en'],
          responsible: { userId: 'u-ana' },
          fields: picked.map(([target], index) => ({ name: `f${String(index)}`, target, labels: { en: `F${String(index)}` } })),
        });
        const payload = Object.fromEntries(picked.map(([, arb], index) => [`f${String(index)}`, fc.sample(arb, { numRuns: 1 })[0]]));
        context.log(JSON.stringify(payload));
        let n = 0;
        const plan = planSubmission(form, payload, { at: new Date('2026-03-02T10:00:00Z'), newId: () => `r${String(++n)}`, responsibleId: 'u-ana' });
        if (!plan.success) return;
        planned++;
        for (const create of plan.data.creates) {
          const mapped = new Set(form.fields.filter((field) => field.target.entity === create.entityType).map((field) => field.target.field));
          for (const key of Object.keys(create.input)) expect(mapped.has(key) || STAMPED.has(key)).toBe(true);
          expect(create.input.assignedById).toBe('u-ana');
        }
      }),
    );
    // Not vacuous: most random submissions are valid and planned.
    expect(planned).toBeGreaterThan(50);
  });

  it('never makes a second contact for a known sender, whatever they send', () => {
    let planned = 0;
    const known: Contact = { id: 'c-1', version: 1, createdAt: new Date(0), updatedAt: new Date(0), createdById: 'u', updatedById: 'u', assignedById: 'u', custom: {}, opened: false, exportable: true, emails: [{ value: 'ana@example.com', kind: 'work' }] };
    fc.assert(
      fc.property(formArb, ({ scheme, picked, payload: extra }) => {
        const form = defineWebForm({ id: 'f', name: 'Form', scheme, languages: ['en'], responsible: { userId: 'u-ana' }, fields: picked.map(([target], index) => ({ name: `f${String(index)}`, target, labels: { en: 'F' } })) });
        const payload = { ...Object.fromEntries(picked.map(([, arb], index) => [`f${String(index)}`, fc.sample(arb, { numRuns: 1 })[0]])), ...extra };
        let n = 0;
        const plan = planSubmission(form, payload, { at: new Date('2026-03-02T10:00:00Z'), newId: () => `r${String(++n)}`, responsibleId: 'u-ana', knownContact: known });
        if (!plan.success) return;
        planned++;
        expect(plan.data.creates.some((create) => create.entityType === 'contact')).toBe(false);
        // What is added to the contact never replaces a value it holds.
        const changes = plan.data.contactUpdate?.changes ?? {};
        for (const [key, value] of Object.entries(changes)) {
          if (key === 'emails') expect((value as readonly unknown[]).slice(0, 1)).toEqual(known.emails);
          else expect((known as unknown as Record<string, unknown>)[key]).toBeUndefined();
        }
      }),
    );
    // Unknown keys make some submissions fail; the rest are planned.
    expect(planned).toBeGreaterThan(20);
  });
});
