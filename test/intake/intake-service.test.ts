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

describe('crm.intake.email', () => {
  const MAILBOX = { ownAddresses: ['sales@acme.example', 'ana@acme.example'], responsible: { userId: 'u-ana' } } as const;
  const WRITE_ALL = { contact: WRITE, lead: WRITE, company: WRITE, deal: WRITE, activity: WRITE };
  const message = (id: string, from: string, extra: Record<string, unknown> = {}) => ({
    messageId: `<${id}@mail.example>`,
    from: { address: from, name: 'Eve Stone' },
    to: [{ address: 'sales@acme.example' }],
    subject: 'Prices?',
    text: 'How much for 200 units?',
    date: new Date('2026-03-02T09:00:00Z'),
    ...extra,
  });

  it('makes a lead of an unknown sender once, threads the reply onto it, and never makes a lead of a known contact or of the company', async () => {
    const crm = crmWith({ mailbox: MAILBOX }, WRITE_ALL);
    expect(await crm.intake.email(message('m1', 'eve@mail.example'))).toMatchObject({ status: 'accepted', repeated: false });
    // Delivered again: recorded once.
    expect(await crm.intake.email(message('m1', 'eve@mail.example'))).toMatchObject({ status: 'accepted', repeated: true });
    // A reply from another address of hers, naming the first message: the same lead, no new one.
    expect(await crm.intake.email(message('m2', 'eve.stone@other.example', { inReplyTo: '<m1@mail.example>' }))).toMatchObject({ status: 'accepted' });
    // Someone of the company, outside a thread: nothing.
    expect(await crm.intake.email(message('m3', 'Ana@Acme.example'))).toEqual({ status: 'ignored', reason: 'own-address' });
    const admin = crm.as(ADMIN);
    const leads = (await admin.leads.find()).items;
    expect(leads.map((lead) => [lead.title, lead.source, lead.emails?.[0]?.value])).toEqual([['Prices?', 'EMAIL', 'eve@mail.example']]);
    const activities = (await admin.activities.find()).items;
    expect(activities.map((activity) => [activity.type, activity.direction, activity.bindings])).toEqual([
      ['email', 'incoming', [{ entityType: 'lead', id: leads[0]?.id }]],
      ['email', 'incoming', [{ entityType: 'lead', id: leads[0]?.id }]],
    ]);
    // A known contact writes: the activity goes on the contact, and no lead is made.
    await crm.intake.submit('contact-us', { name: 'Bob', email: 'bob@mail.example' });
    expect(await crm.intake.email({ ...message('m4', 'BOB@mail.example'), from: { address: 'BOB@mail.example', name: 'Bob' } })).toMatchObject({ status: 'accepted' });
    expect(await admin.leads.count()).toBe(1);
    const contact = (await admin.contacts.find()).items[0];
    expect((await admin.activities.find({ where: [{ field: 'type', op: 'eq', value: 'email' }] })).items.at(-1)?.bindings).toEqual([{ entityType: 'contact', id: contact?.id }]);
  });

  it('records an outbound message on the known contacts it went to, and refuses a CRM without a mailbox and malformed messages', async () => {
    const crm = crmWith({ mailbox: MAILBOX }, WRITE_ALL);
    await crm.intake.submit('contact-us', { name: 'Bob', email: 'bob@mail.example' });
    const sent = await crm.intake.email({ ...message('o1', 'ana@acme.example'), to: [{ address: 'bob@mail.example', name: 'Bob' }] }, { direction: 'outbound' });
    expect(sent).toMatchObject({ status: 'accepted' });
    const last = (await crm.as(ADMIN).activities.find({ where: [{ field: 'type', op: 'eq', value: 'email' }] })).items[0];
    expect(last?.direction).toBe('outgoing');
    expect(await crm.intake.email({ ...message('o2', 'ana@acme.example'), to: [{ address: 'nobody@mail.example' }] }, { direction: 'outbound' })).toEqual({ status: 'ignored', reason: 'no-record' });
    await expect(crmWith().intake.email(message('x', 'eve@mail.example'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(crm.intake.email({ ...message('y', 'eve@mail.example'), from: undefined } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('crm.intake.requestCallback and recordCallback', () => {
  const CALL_ME = {
    id: 'call-me',
    name: 'Call me back',
    scheme: 'lead',
    languages: ['en'],
    responsible: { userId: 'u-leo' },
    fields: [
      { name: 'name', target: { entity: 'lead', field: 'firstName' }, labels: { en: 'Name' } },
      { name: 'phone', target: { entity: 'lead', field: 'phones' }, labels: { en: 'Phone' }, required: true },
    ],
  } as const;
  const WRITE_ALL = { lead: WRITE, contact: WRITE, activity: WRITE };
  const at = (minute: number): Date => new Date(Date.UTC(2026, 2, 2, 10, minute));

  it('makes the lead of a callback form and its request, then writes the call activity once the call is over', async () => {
    const crm = crmWith({ forms: [...FORMS, CALL_ME] }, WRITE_ALL);
    const receipt = await crm.intake.requestCallback('call-me', { name: 'Ana', phone: '+34 600 123 456' }, { idempotencyKey: 'cb-1' });
    expect(receipt.status).toBe('accepted');
    if (receipt.status !== 'accepted' || receipt.request === undefined) return;
    const admin = crm.as(ADMIN);
    const [lead] = (await admin.leads.find()).items;
    expect([lead?.source, lead?.assignedById]).toEqual(['CALLBACK', 'u-leo']);
    expect([receipt.request.phone, receipt.request.bound, receipt.request.responsibleId]).toEqual(['+34 600 123 456', { entityType: 'lead', id: lead?.id }, 'u-leo']);
    let request = receipt.request;
    const steps = [
      { type: 'confirm', at: at(0) },
      { type: 'ring', at: at(1), userId: 'u-leo' },
      { type: 'answer', at: at(2) },
      { type: 'connect', at: at(3) },
      { type: 'connected', at: at(4) },
      { type: 'hangUp', at: at(9) },
    ] as const;
    const written: (string | undefined)[] = [];
    for (const event of steps) {
      const step = await crm.intake.recordCallback(request, event);
      expect(step.status).toBe('accepted');
      if (step.status !== 'accepted') return;
      request = step.request;
      written.push(step.activityId);
    }
    expect(written.filter((id) => id !== undefined)).toHaveLength(1);
    const calls = (await admin.activities.find({ where: [{ field: 'type', op: 'eq', value: 'call' }] })).items;
    expect(calls.map((call) => [call.direction, call.bindings])).toEqual([['outgoing', [{ entityType: 'lead', id: lead?.id }]]]);
    // The last step reported again (a retry after a timeout) writes nothing more.
    const before = steps.slice(0, 5).reduce<Promise<typeof request>>(async (previous, event) => {
      const step = await crm.intake.recordCallback(await previous, event);
      return step.status === 'accepted' ? step.request : previous;
    }, Promise.resolve(receipt.request));
    expect(await crm.intake.recordCallback(await before, steps[5])).toMatchObject({ status: 'accepted', repeated: true });
    // A request bound to a record that is not there is refused when its call is written.
    const forged = { ...(await before), id: 'forged', bound: { entityType: 'lead' as const, id: 'no-such-lead' } };
    await expect(crm.intake.recordCallback(forged, steps[5])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A step that makes no sense now is refused, and writes nothing.
    expect(await crm.intake.recordCallback(request, { type: 'answer', at: at(10) })).toMatchObject({ status: 'invalid' });
    expect(await admin.activities.count({ where: [{ field: 'type', op: 'eq', value: 'call' }] })).toBe(1);
  });

  it('refuses a form without a required phone as a callback form', async () => {
    const crm = crmWith({}, WRITE_ALL);
    await expect(crm.intake.requestCallback('demo', { name: 'Ana', email: 'ana@example.com' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('crm.intake on review', () => {
  const WRITE_ALL = { contact: WRITE, company: WRITE, deal: WRITE, lead: WRITE, activity: WRITE };
  const EMAIL_ONLY = { id: 'news', name: 'Newsletter', scheme: 'contact', languages: ['en'], responsible: { userId: 'u-ana' }, fields: [{ name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail' }, required: true }] } as const;

  it('writes two posts sent at the same instant with one key once', async () => {
    const crm = crmWith();
    const payload = { name: 'Ana', email: 'ana@example.com' };
    const receipts = await Promise.all([crm.intake.submit('contact-us', payload, { idempotencyKey: 'k' }), crm.intake.submit('contact-us', payload, { idempotencyKey: 'k' })]);
    expect(receipts.map((receipt) => receipt.status === 'accepted' && receipt.repeated).sort()).toEqual([false, true]);
    expect(await countsOf(crm)).toEqual({ contacts: 1, deals: 0, activities: 1 });
  });

  it('keeps the keys of forms whose ids run into each other apart', async () => {
    const crm = crmWith({ forms: [...FORMS, { ...EMAIL_ONLY, id: 'a:b' }, { ...EMAIL_ONLY, id: 'a' }] }, WRITE_ALL);
    const first = await crm.intake.submit('a:b', { email: 'one@example.com' }, { idempotencyKey: 'c' });
    const second = await crm.intake.submit('a', { email: 'two@example.com' }, { idempotencyKey: 'b:c' });
    expect([first, second].map((receipt) => receipt.status === 'accepted' && receipt.repeated)).toEqual([false, false]);
    // A key too long for an external id is kept by its digest.
    expect((await crm.intake.submit('a', { email: 'three@example.com' }, { idempotencyKey: 'k'.repeat(200) })).status).toBe('accepted');
  });

  it('links a repeat sender of an e-mail-only form, and a mail without a display name, by the one contact holding the address', async () => {
    const crm = crmWith({ forms: [...FORMS, EMAIL_ONLY], mailbox: { ownAddresses: ['sales@acme.example'], responsible: { userId: 'u-ana' } } }, WRITE_ALL);
    await crm.intake.submit('news', { email: 'ana@example.com' });
    await crm.intake.submit('news', { email: ' ANA@example.com' });
    expect(await crm.as(ADMIN).contacts.count()).toBe(1);
    const mail = { messageId: '<n1@mail.example>', from: { address: 'Ana@Example.com' }, to: [{ address: 'sales@acme.example' }], subject: 'Hi', text: 'Hello', date: new Date('2026-03-02T09:00:00Z') };
    expect(await crm.intake.email(mail)).toMatchObject({ status: 'accepted' });
    expect(await crm.as(ADMIN).leads.count()).toBe(0);
  });

  it('takes a message as long as its field holds, and refuses a form limit above it', async () => {
    const crm = crmWith({ forms: [...FORMS, { ...EMAIL_ONLY, id: 'long', fields: [...EMAIL_ONLY.fields, { name: 'message', target: { entity: 'contact', field: 'comments' }, labels: { en: 'Message' }, maxLength: 65_535 }] }] }, WRITE_ALL);
    expect((await crm.intake.submit('long', { email: 'ana@example.com', message: 'x'.repeat(65_535) })).status).toBe('accepted');
    expect(() => defineWebForm({ ...EMAIL_ONLY, fields: [{ name: 'name', target: { entity: 'contact', field: 'firstName' }, labels: { en: 'Name' }, maxLength: 5000 }] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it("only links a known sender when the principal may not update contacts, so the answer is the same as for a new one", async () => {
    const crm = crmWith({}, { contact: { read: 'all', add: 'all' }, activity: WRITE });
    await crm.intake.submit('contact-us', { name: 'Ana', email: 'ana@example.com' });
    expect((await crm.intake.submit('contact-us', { name: 'Ana', email: 'ana@example.com', phone: '+34 600 123 456' })).status).toBe('accepted');
    expect((await crm.as(ADMIN).contacts.find()).items.map((contact) => contact.phones)).toEqual([undefined]);
  });
});
