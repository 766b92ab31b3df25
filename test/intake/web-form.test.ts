import { describe, expect, it } from 'vitest';
import { createFieldRegistry, defineField, defineWebForm, listStandardFields, SCHEME_ENTITIES, WEB_FORM_SCHEMES } from 'crm-kit';
import type { WebFormInput } from 'crm-kit';

const CONTACT_US: WebFormInput = {
  id: 'contact-us',
  name: 'Contact us',
  scheme: 'contact+company',
  languages: ['en', 'es'],
  fields: [
    { name: 'name', target: { entity: 'contact', field: 'firstName' }, labels: { en: 'Name', es: 'Nombre' }, required: true },
    { name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail', es: 'Correo' } },
    { name: 'company', target: { entity: 'company', field: 'title' }, labels: { en: 'Company', es: 'Empresa' } },
    { name: 'message', target: { entity: 'contact', field: 'comments' }, labels: { en: 'Message', es: 'Mensaje' }, maxLength: 2000 },
  ],
  responsible: { queue: ['u-ana', 'u-leo'] },
};

function issuesOf(input: unknown): readonly { readonly code: string; readonly path: readonly (string | number)[] }[] {
  try {
    defineWebForm(input as WebFormInput);
  } catch (error) {
    return (error as { readonly issues?: readonly { readonly code: string; readonly path: readonly (string | number)[] }[] }).issues ?? [];
  }
  return [];
}

describe('defineWebForm', () => {
  it('gives the form frozen, each field with its kind and length limit decided', () => {
    const form = defineWebForm(CONTACT_US);
    expect(form.fields.map((field) => [field.name, field.kind, field.maxLength, field.required])).toEqual([
      ['name', 'line', 255, true],
      ['email', 'email', 255, false],
      ['company', 'line', 255, false],
      ['message', 'text', 2000, false],
    ]);
    expect(Object.isFrozen(form) && Object.isFrozen(form.fields) && Object.isFrozen(form.fields[0])).toBe(true);
    expect(form.withInvoice).toBe(false);
  });

  it('maps only fields that exist on each entity type (the table of what a form may fill is checked against the registry)', () => {
    for (const scheme of WEB_FORM_SCHEMES) {
      for (const entity of SCHEME_ENTITIES[scheme]) {
        const codes = listStandardFields(entity).map((field) => field.code);
        for (const code of ['title', 'firstName', 'emails', 'phones', 'comments']) {
          const fits = issuesOf({ ...CONTACT_US, scheme, fields: [{ name: 'x', target: { entity, field: code }, labels: { en: 'X', es: 'X' } }] }).length === 0;
          if (fits) expect(codes).toContain(code);
        }
      }
    }
  });

  it.each([
    ['the responsible person', 'assignedById'],
    ['a stage', 'stageId'],
    ['the source', 'source'],
    ['a UTM parameter', 'utmSource'],
    ['an id', 'id'],
    ['a link', 'companyIds'],
    ['a flag', 'opened'],
    ['a field the entity does not have', 'nickname'],
  ])('refuses a field that fills %s', (_what, field) => {
    expect(issuesOf({ ...CONTACT_US, fields: [{ name: 'x', target: { entity: 'contact', field }, labels: { en: 'X', es: 'X' } }] })).toEqual([{ code: 'UNKNOWN_FIELD', path: ['fields', 0, 'target'], message: expect.any(String) as unknown }]);
  });

  it('refuses an entity outside the scheme, and an invoice unless the form adds one', () => {
    const deal = { name: 'x', target: { entity: 'deal', field: 'title' }, labels: { en: 'X', es: 'X' } };
    expect(issuesOf({ ...CONTACT_US, fields: [deal] }).map((found) => found.code)).toEqual(['UNKNOWN_FIELD']);
    const invoice = { name: 'x', target: { entity: 'invoice', field: 'comments' }, labels: { en: 'X', es: 'X' } };
    expect(issuesOf({ ...CONTACT_US, fields: [invoice] }).map((found) => found.code)).toEqual(['UNKNOWN_FIELD']);
    expect(issuesOf({ ...CONTACT_US, withInvoice: true, fields: [invoice] })).toEqual([]);
    expect(issuesOf({ ...CONTACT_US, scheme: 'lead', withInvoice: true, fields: [{ name: 'x', target: { entity: 'lead', field: 'title' }, labels: { en: 'X', es: 'X' } }] })).toEqual([
      { code: 'INVALID_VALUE', path: ['withInvoice'], message: expect.any(String) as unknown },
    ]);
  });

  it('fills custom fields of simple types from the registry given, and refuses the others', () => {
    const registry = createFieldRegistry('contact', {
      customFields: [defineField({ type: 'integer', code: 'seats', labels: { en: 'Seats' } }), defineField({ type: 'money', code: 'budget', labels: { en: 'Budget' } })],
    });
    const field = (code: string) => ({ name: code, target: { entity: 'contact' as const, field: `custom.${code}` }, labels: { en: 'X', es: 'X' } });
    expect(defineWebForm({ ...CONTACT_US, registries: { contact: registry }, fields: [field('seats')] }).fields[0]?.kind).toBe('integer');
    expect(issuesOf({ ...CONTACT_US, registries: { contact: registry }, fields: [field('budget')] }).map((found) => found.code)).toEqual(['UNKNOWN_FIELD']);
    expect(issuesOf({ ...CONTACT_US, fields: [field('seats')] }).map((found) => found.code)).toEqual(['UNKNOWN_FIELD']);
  });

  it('lists every problem at once: names and targets used twice, missing labels, bad limits, languages and responsible', () => {
    const twice = CONTACT_US.fields[0];
    expect(
      issuesOf({
        ...CONTACT_US,
        id: '',
        languages: ['en', 'en'],
        responsible: { queue: [] },
        fields: [twice, twice, { name: '9lives', target: { entity: 'contact', field: 'lastName' }, labels: { en: '' }, maxLength: 0 }],
      }).map((found) => [found.code, found.path.join('.')]),
    ).toEqual([
      ['INVALID_VALUE', 'id'],
      ['INVALID_VALUE', 'languages'],
      ['INVALID_VALUE', 'responsible'],
      ['DUPLICATE_FIELD', 'fields.1.name'],
      ['DUPLICATE_FIELD', 'fields.1.target'],
      ['INVALID_VALUE', 'fields.2.name'],
      ['REQUIRED', 'fields.2.labels.en'],
      ['REQUIRED', 'fields.2.labels.en'],
      ['INVALID_VALUE', 'fields.2.maxLength'],
    ]);
  });

  it('refuses what is not a form with INVALID_ARGUMENT', () => {
    expect(() => defineWebForm(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(issuesOf({ ...CONTACT_US, fields: 'name' }).map((found) => found.path.join('.'))).toEqual(['fields']);
    expect(issuesOf({ ...CONTACT_US, scheme: 'everything' }).map((found) => found.path.join('.'))).toEqual(['scheme']);
  });
});
