import { describe, expect, it } from 'vitest';
import { activityInputSchema, companyInputSchema, contactInputSchema, dealInputSchema, defineWebForm, invoiceInputSchema, planSubmission, readSubmission } from 'crm-kit';
import type { Contact, SubmissionContext, WebFormInput } from 'crm-kit';

const DEMO: WebFormInput = {
  id: 'demo',
  name: 'Book a demo',
  scheme: 'deal+contact+company',
  withInvoice: true,
  languages: ['en', 'es'],
  fields: [
    { name: 'name', target: { entity: 'contact', field: 'firstName' }, labels: { en: 'Name', es: 'Nombre' }, required: true },
    { name: 'surname', target: { entity: 'contact', field: 'lastName' }, labels: { en: 'Surname', es: 'Apellidos' } },
    { name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail', es: 'Correo' }, required: true },
    { name: 'phone', target: { entity: 'contact', field: 'phones' }, labels: { en: 'Phone', es: 'Teléfono' } },
    { name: 'born', target: { entity: 'contact', field: 'birthdate' }, labels: { en: 'Born', es: 'Nacimiento' } },
    { name: 'company', target: { entity: 'company', field: 'title' }, labels: { en: 'Company', es: 'Empresa' } },
    { name: 'staff', target: { entity: 'company', field: 'employees' }, labels: { en: 'Staff', es: 'Plantilla' } },
    { name: 'message', target: { entity: 'deal', field: 'comments' }, labels: { en: 'Message', es: 'Mensaje' }, maxLength: 40 },
  ],
  responsible: { userId: 'u-ana' },
};
const form = defineWebForm(DEMO);

function contextOf(overrides: Partial<SubmissionContext> = {}): SubmissionContext {
  let n = 0;
  return { at: new Date('2026-03-02T10:00:00Z'), newId: () => `r-${String(++n)}`, responsibleId: 'u-ana', ...overrides };
}

const KNOWN: Contact = {
  id: 'c-known',
  version: 4,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-01T00:00:00Z'),
  createdById: 'u-leo',
  updatedById: 'u-leo',
  assignedById: 'u-leo',
  custom: {},
  opened: false,
  exportable: true,
  firstName: 'Ana María',
  emails: [{ value: 'Ana@Example.com', kind: 'home' }],
};

describe('readSubmission', () => {
  it.each([
    ['a list for a one-value field', { name: ['Ana', 'Eva'], email: 'a@b.co' }, 'INVALID_VALUE', 'name'],
    ['eleven e-mails', { name: 'Ana', email: Array.from({ length: 11 }, (_, i) => `a${String(i)}@b.co`) }, 'LIMIT_EXCEEDED', 'email'],
    ['a number where text goes', { name: 42, email: 'a@b.co' }, 'INVALID_VALUE', 'name'],
    ['an object where text goes', { name: { toString: 'Ana' }, email: 'a@b.co' }, 'INVALID_VALUE', 'name'],
    ['an e-mail without a domain', { name: 'Ana', email: 'ana@' }, 'INVALID_VALUE', 'email'],
    ['a phone without digits', { name: 'Ana', email: 'a@b.co', phone: 'call me' }, 'INVALID_VALUE', 'phone'],
    ['a day that does not exist', { name: 'Ana', email: 'a@b.co', born: '2023-02-29' }, 'INVALID_VALUE', 'born'],
    ['a staff count that is not whole', { name: 'Ana', email: 'a@b.co', staff: '12.5' }, 'INVALID_VALUE', 'staff'],
    ['text past its limit', { name: 'Ana', email: 'a@b.co', message: 'x'.repeat(41) }, 'LIMIT_EXCEEDED', 'message'],
    ['a lone surrogate', { name: 'Ana\uD800', email: 'a@b.co' }, 'INVALID_TEXT', 'name'],
    ['only spaces where a value is required', { name: '   ', email: 'a@b.co' }, 'REQUIRED', 'name'],
  ])('refuses %s at the field, in the form language, without repeating what was sent', (_what, payload, code, path) => {
    const read = readSubmission(form, payload, 'es');
    expect(read.success).toBe(false);
    if (read.success) return;
    expect(read.issues.map((found) => [found.code, found.path])).toEqual([[code, [path]]]);
    expect(read.issues[0]?.message).toMatch(/«[^»]+»/);
    expect(read.issues[0]?.message).not.toMatch(/Ana|ana@|12\.5|xxxx|call me/);
  });

  it('refuses a payload that is not an object, and caps the issues of a flood of unknown keys', () => {
    expect(readSubmission(form, 'name=Ana')).toEqual({ success: false, issues: [{ code: 'INVALID_VALUE', path: [], message: 'A submission is an object of field names and values.' }] });
    const flood = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${String(i)}`, 'x']));
    const read = readSubmission(form, flood);
    expect(read.success ? 0 : read.issues.length).toBe(50);
  });

  it('reads messages in the language asked for when the form has it, else in its first', () => {
    const english = readSubmission(form, {}, 'fr');
    expect(english.success ? [] : english.issues.map((found) => found.message)).toEqual(['"Name" is required.', '"E-mail" is required.']);
  });

  it('reads yes/no, whole numbers and several e-mails as their values', () => {
    const read = readSubmission(form, { name: ' Ana ', email: ['a@b.co', 'c@d.co'], staff: '12' });
    expect(read).toEqual({ success: true, data: { contact: { firstName: 'Ana', emails: [{ value: 'a@b.co', kind: 'work' }, { value: 'c@d.co', kind: 'work' }] }, company: { employees: 12 } } });
  });
});

describe('planSubmission', () => {
  const payload = { name: 'Ana', surname: 'García', email: 'ana@example.com', company: 'Acme', staff: '40', message: 'Please call' };

  it('makes the records of the scheme in order, linked, assigned, stamped and valid, and an activity bound to them all', () => {
    const plan = planSubmission(form, payload, contextOf({ page: { url: 'https://example.com/demo', utm: { source: 'newsletter', campaign: 'spring', medium: 'x'.repeat(300) } } }));
    expect(plan.success).toBe(true);
    if (!plan.success) return;
    const { creates, activity, contactUpdate } = plan.data;
    expect(creates.map((create) => [create.entityType, create.id])).toEqual([['company', 'r-1'], ['contact', 'r-2'], ['deal', 'r-3'], ['invoice', 'r-4']]);
    expect(contactUpdate).toBeUndefined();
    const [company, contact, deal, invoice] = creates.map((create) => create.input);
    expect(contact).toMatchObject({ companyIds: ['r-1'], assignedById: 'u-ana', source: 'WEBFORM', utmSource: 'newsletter', utmCampaign: 'spring' });
    // A UTM value no field can hold is left out, not cut.
    expect(contact).not.toHaveProperty('utmMedium');
    expect(deal).toMatchObject({ title: 'Book a demo', contactIds: ['r-2'], companyId: 'r-1', comments: 'Please call', source: 'WEBFORM' });
    expect(invoice).toMatchObject({ title: 'Book a demo', contactIds: ['r-2'], companyId: 'r-1', dealId: 'r-3' });
    expect(invoice).not.toHaveProperty('source');
    for (const [schema, input] of [[companyInputSchema, company], [contactInputSchema, contact], [dealInputSchema, deal], [invoiceInputSchema, invoice]] as const) expect(schema.safeParse(input).error).toBeUndefined();
    expect(activity.id).toBe('r-5');
    expect(activityInputSchema.safeParse(activity.input).error).toBeUndefined();
    expect(activity.input.bindings).toEqual([{ entityType: 'company', id: 'r-1' }, { entityType: 'contact', id: 'r-2' }, { entityType: 'deal', id: 'r-3' }, { entityType: 'invoice', id: 'r-4' }]);
    expect(activity.input.description).toBe('Name: Ana\nSurname: García\nE-mail: ana@example.com\nCompany: Acme\nStaff: 40\nMessage: Please call');
  });

  it('makes no company when the sender said nothing of one', () => {
    const plan = planSubmission(form, { name: 'Ana', email: 'ana@example.com' }, contextOf());
    expect(plan.success && plan.data.creates.map((create) => create.entityType)).toEqual(['contact', 'deal', 'invoice']);
    expect(plan.success && plan.data.creates[1]?.input).not.toHaveProperty('companyId');
  });

  it('links a known sender instead of making them again, and adds to them only what they lack', () => {
    const plan = planSubmission(form, { ...payload, name: 'Eve', email: ['ANA@example.com ', 'ana@work.example'], phone: '+34 600 123 456' }, contextOf({ knownContact: KNOWN }));
    expect(plan.success).toBe(true);
    if (!plan.success) return;
    expect(plan.data.creates.map((create) => create.entityType)).toEqual(['company', 'deal', 'invoice']);
    expect(plan.data.creates[1]?.input).toMatchObject({ contactIds: ['c-known'] });
    // The name it has stays; the surname it lacked, the new e-mail and the phone are added.
    expect(plan.data.contactUpdate).toEqual({
      id: 'c-known',
      changes: {
        lastName: 'García',
        emails: [{ value: 'Ana@Example.com', kind: 'home' }, { value: 'ana@work.example', kind: 'work' }],
        phones: [{ value: '+34 600 123 456', kind: 'work' }],
      },
    });
    expect(plan.data.activity.input.bindings?.[1]).toEqual({ entityType: 'contact', id: 'c-known' });
  });

  it('makes a lead from a known sender a repeat lead naming the contact', () => {
    const leadForm = defineWebForm({ ...DEMO, scheme: 'lead', withInvoice: false, fields: [{ name: 'email', target: { entity: 'lead', field: 'emails' }, labels: { en: 'E-mail', es: 'Correo' } }] });
    const plan = planSubmission(leadForm, { email: 'ana@example.com' }, contextOf({ knownContact: KNOWN }));
    expect(plan.success && plan.data.creates[0]?.input).toMatchObject({ title: 'Book a demo', contactId: 'c-known', source: 'WEBFORM' });
  });

  it('returns the sender issues and plans nothing', () => {
    let asked = 0;
    const plan = planSubmission(form, { name: 'Ana', assignedById: 'u-eve', id: 'mine' }, contextOf({ newId: () => `r-${String(++asked)}` }));
    expect(plan.success ? [] : plan.issues.map((found) => [found.code, found.path[0]])).toEqual([['UNKNOWN_FIELD', 'assignedById'], ['UNKNOWN_FIELD', 'id'], ['REQUIRED', 'email']]);
    expect(asked).toBe(0);
  });

  it('refuses a context that is not valid with INVALID_ARGUMENT (a host error)', () => {
    expect(() => planSubmission(form, payload, { ...contextOf(), at: new Date(Number.NaN) })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => planSubmission(form, payload, { ...contextOf(), newId: () => '' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
