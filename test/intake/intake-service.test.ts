import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, defineWebForm, duplicateControl, isCrmError, manualClock, sequentialIds, intakeControl } from 'crm-kit';
import type { Crm, IntakeControlSettings, WebFormInput } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';

const CONTACT_US: WebFormInput = {
  id: 'contact-us',
  name: 'Contact us',
  scheme: 'contact',
  languages: ['en', 'es'],
  responsible: { queue: ['u-ana', 'u-leo'] },
  fields: [
    { name: 'name', target: { entity: 'contact', field: 'firstName' }, labels: { en: 'Name', es: 'Nombre' }, required: true },
    { name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail', es: 'Correo' }, required: true },
    { name: 'phone', target: { entity: 'contact', field: 'phones' }, labels: { en: 'Phone', es: 'Teléfono' } },
  ],
};
const FORMS = [
  defineWebForm(CONTACT_US),
  defineWebForm({
    id: 'demo',
    name: 'Book a demo',
    scheme: 'deal+contact',
    languages: ['en'],
    responsible: { userId: 'u-ana' },
    fields: [
      { name: 'name', target: { entity: 'contact', field: 'firstName' }, labels: { en: 'Name' }, required: true },
      { name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail' }, required: true },
    ],
  }),
];
const CHAT = {
  id: 'site-chat',
  name: 'Website chat',
  form: { ...CONTACT_US, id: 'chat-form', name: 'Before we chat' },
};
const FORMS_WRITER = { userId: 'u-forms', roleIds: ['intake'], departmentIds: [], isAdmin: false };
const ADMIN = { userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true };
const WRITE = { read: 'all', add: 'all', update: 'all' } as const;

function crmWith(intake: Partial<IntakeControlSettings> = {}, permissions: Record<string, unknown> = { contact: WRITE, company: WRITE, deal: WRITE, activity: WRITE }): Crm {
  return createCrm({
    store: createMemoryStore(),
    clock: manualClock('2026-03-02T10:00:00Z'),
    ids: sequentialIds(),
    access: createAccessPolicy({ roles: [{ id: 'intake', name: 'Web forms', permissions: permissions }], orgChart: { departments: [] } }),
    duplicates: duplicateControl({}),
    intake: intakeControl({ forms: FORMS, chats: [CHAT], principal: FORMS_WRITER, ...intake }),
  });
}

async function countsOf(crm: Crm): Promise<Record<string, number>> {
  const admin = crm.as(ADMIN);
  return { contacts: await admin.contacts.count(), deals: await admin.deals.count(), activities: await admin.activities.count() };
}

describe('crm.intake.submit', () => {
  it('links a repeat submission from a known sender to the first contact instead of making a second one, and completes it', async () => {
    const crm = crmWith();
    const first = await crm.intake.submit('contact-us', { name: 'Ana', email: 'ana@example.com' }, { idempotencyKey: 'p-1' });
    const second = await crm.intake.submit('contact-us', { name: 'Ana García', email: ' ANA@Example.com', phone: '+34 600 123 456' }, { idempotencyKey: 'p-2' });
    expect([first.status, second.status]).toEqual(['accepted', 'accepted']);
    expect(await countsOf(crm)).toEqual({ contacts: 1, deals: 0, activities: 2 });
    const [contact] = (await crm.as(ADMIN).contacts.find()).items;
    // The name it had stays; the phone it lacked is added.
    expect([contact?.firstName, contact?.phones?.map((phone) => phone.value)]).toEqual(['Ana', ['+34 600 123 456']]);
    const activities = (await crm.as(ADMIN).activities.find()).items;
    expect(activities.map((activity) => activity.bindings)).toEqual([[{ entityType: 'contact', id: contact?.id }], [{ entityType: 'contact', id: contact?.id }]]);
  });

  it('writes a form posted twice with one idempotency key once', async () => {
    const crm = crmWith();
    const payload = { name: 'Ana', email: 'ana@example.com' };
    const first = await crm.intake.submit('demo', payload, { idempotencyKey: 'same' });
    const again = await crm.intake.submit('demo', payload, { idempotencyKey: 'same' });
    expect(again).toEqual(first.status === 'accepted' ? { ...first, repeated: true } : first);
    expect(await countsOf(crm)).toEqual({ contacts: 1, deals: 1, activities: 1 });
  });

  it("assigns a queue's submissions in turn, stamped with the web-form source", async () => {
    const crm = crmWith();
    for (const [index, name] of ['Ana', 'Eva', 'Max'].entries()) await crm.intake.submit('contact-us', { name, email: `${name}@example${String(index)}.com` });
    const contacts = (await crm.as(ADMIN).contacts.find({ sort: [{ field: 'firstName', direction: 'asc' }] })).items;
    expect(contacts.map((contact) => [contact.firstName, contact.assignedById, contact.source])).toEqual([
      ['Ana', 'u-ana', 'WEBFORM'],
      ['Eva', 'u-leo', 'WEBFORM'],
      ['Max', 'u-ana', 'WEBFORM'],
    ]);
  });

  it("returns the sender's issues in the form language and writes nothing", async () => {
    const crm = crmWith();
    const receipt = await crm.intake.submit('contact-us', { email: 'not an address', assignedById: 'u-eve' }, { language: 'es' });
    expect(receipt).toEqual({
      status: 'invalid',
      issues: [
        { code: 'UNKNOWN_FIELD', path: ['assignedById'], message: 'Este formulario no tiene ningún campo con este nombre.' },
        { code: 'REQUIRED', path: ['name'], message: '«Nombre» es obligatorio.' },
        { code: 'INVALID_VALUE', path: ['email'], message: '«Correo» no es una dirección de correo.' },
      ],
    });
    expect(await countsOf(crm)).toEqual({ contacts: 0, deals: 0, activities: 0 });
  });

  it("writes nothing that the host's hook refuses", async () => {
    const seen: unknown[] = [];
    const crm = crmWith({
      accept: (submission) => {
        seen.push(submission.formId);
        return submission.meta.idempotencyKey !== undefined;
      },
    });
    expect(await crm.intake.submit('contact-us', { name: 'Bot', email: 'bot@example.com' })).toEqual({ status: 'refused' });
    expect(seen).toEqual(['contact-us']);
    expect(await countsOf(crm)).toEqual({ contacts: 0, deals: 0, activities: 0 });
  });

  it('refuses an unknown form, and writes nothing the intake principal may not write', async () => {
    const crm = crmWith({}, { contact: WRITE, activity: WRITE });
    const code = async (run: () => Promise<unknown>): Promise<string | undefined> =>
      run().then(
        () => undefined,
        (error: unknown) => (isCrmError(error) ? error.code : 'not a crm-kit error'),
      );
    expect(await code(() => crm.intake.submit('nope', {}))).toBe('NOT_FOUND');
    expect(await code(() => crm.intake.submit('demo', { name: 'Ana', email: 'ana@example.com' }))).toBe('FORBIDDEN');
    expect(await countsOf(crm)).toEqual({ contacts: 0, deals: 0, activities: 0 });
    expect(await code(() => crm.intake.submit('contact-us', { name: 'Ana', email: 'ana@example.com' }, { idempotencyKey: '' }))).toBe('INVALID_ARGUMENT');
  });

  it("takes a chat visitor's answers as a form's, linking a known sender, and records the transcript", async () => {
    const crm = crmWith();
    await crm.intake.submit('contact-us', { name: 'Ana', email: 'ana@example.com' });
    const at = (minute: number): Date => new Date(Date.UTC(2026, 2, 2, 10, minute));
    const receipt = await crm.intake.chat('site-chat', { name: 'Ana', email: 'ANA@example.com' }, { idempotencyKey: 'chat-1', transcript: [{ at: at(0), from: 'visitor', text: 'Hi!' }, { at: at(1), from: 'operator', text: 'Hello Ana' }] });
    expect(receipt).toMatchObject({ status: 'accepted', repeated: false });
    expect(await countsOf(crm)).toEqual({ contacts: 1, deals: 0, activities: 2 });
    const chats = (await crm.as(ADMIN).activities.find({ where: [{ field: 'type', op: 'eq', value: 'chat' }] })).items;
    expect(chats.map((activity) => [activity.subject, activity.description?.split('\n\n')[1], activity.startAt, activity.endAt])).toEqual([['Live chat: Website chat', '10:00 visitor: Hi!\n10:01 operator: Hello Ana', at(0), at(1)]]);
    await expect(crm.intake.chat('no-such-chat', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
