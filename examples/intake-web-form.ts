// A contact form on a host's page posting into crm.intake.submit (`npx tsx examples/intake-web-form.ts`).
// The host's route handler below is all a server adds: it parses the posted body as text fields,
// takes the page's UTM parameters from its address, and answers from the receipt. The same person
// posts twice; the second post links to the contact the first one made. It imports from 'crm-kit'
// exactly as your code would; docs/intake.md explains each step.
import { createAccessPolicy, createCrm, duplicateControl, manualClock, sequentialIds, intakeControl } from 'crm-kit';
import type { SubmissionReceipt } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';

const access = createAccessPolicy({
  roles: [
    { id: 'web', name: 'Web forms', permissions: { contact: { read: 'all', add: 'all', update: 'all' }, activity: { read: 'all', add: 'all' } } },
    { id: 'sales', name: 'Sales', permissions: { contact: { read: 'own' }, activity: { read: 'own' } } },
  ],
  orgChart: { departments: [{ id: 'sales', name: 'Sales', memberIds: ['u-ana', 'u-leo'] }] },
});

const intake = intakeControl({
  // The system user forms write as: it may add contacts and activities, and read contacts to know a sender.
  principal: { userId: 'u-forms', roleIds: ['web'], departmentIds: [], isAdmin: false },
  forms: [
    {
      id: 'contact-us',
      name: 'Contact us',
      scheme: 'contact',
      languages: ['en', 'es'],
      responsible: { queue: ['u-ana', 'u-leo'] },
      fields: [
        { name: 'name', target: { entity: 'contact', field: 'firstName' }, labels: { en: 'Name', es: 'Nombre' }, required: true },
        { name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail', es: 'Correo' }, required: true },
        { name: 'phone', target: { entity: 'contact', field: 'phones' }, labels: { en: 'Phone', es: 'Teléfono' } },
        { name: 'message', target: { entity: 'contact', field: 'comments' }, labels: { en: 'Message', es: 'Mensaje' }, maxLength: 2000 },
      ],
    },
  ],
  // Your spam and rate checks go here; this one only wants posts that carry their key.
  accept: (submission) => submission.meta.idempotencyKey !== undefined,
});

const clock = manualClock('2026-03-02T10:00:00Z');
const crm = createCrm({ store: createMemoryStore(), clock, ids: sequentialIds(), access, duplicates: duplicateControl(), intake });

/** The host's route: POST /forms/:id with an urlencoded body, from a page at `referer`. */
async function handlePost(formId: string, body: string, referer: string): Promise<{ status: number; body: string }> {
  const fields = new URLSearchParams(body);
  // The key a hidden field got when the page loaded: a double click posts it twice, and is written once.
  const idempotencyKey = fields.get('_key') ?? undefined;
  fields.delete('_key');
  const payload = Object.fromEntries(fields);
  const page = new URL(referer);
  const utm = { source: page.searchParams.get('utm_source') ?? undefined, campaign: page.searchParams.get('utm_campaign') ?? undefined };
  const receipt: SubmissionReceipt = await crm.intake.submit(formId, payload, { idempotencyKey, language: 'en', page: { url: referer, utm } });
  switch (receipt.status) {
    case 'accepted':
      return { status: 200, body: 'Thank you, we will be in touch.' };
    case 'invalid':
      return { status: 422, body: receipt.issues.map((found) => found.message).join(' ') };
    case 'refused':
      return { status: 429, body: 'Please try again later.' };
  }
}

const from = 'https://shop.example.com/contact?utm_source=newsletter&utm_campaign=spring';
console.log(await handlePost('contact-us', 'name=Ana&email=ana%40example.com&message=Do+you+ship+to+Chile%3F&_key=k-1', from));
clock.advance({ days: 2 });
console.log(await handlePost('contact-us', 'name=Ana+Garc%C3%ADa&email=ANA%40example.com&phone=%2B34+600+123+456&_key=k-2', from));
// The same post again (a double click): accepted, written once.
console.log(await handlePost('contact-us', 'name=Ana+Garc%C3%ADa&email=ANA%40example.com&phone=%2B34+600+123+456&_key=k-2', from));
console.log(await handlePost('contact-us', 'email=bob%40&isAdmin=1&_key=k-3', from));

const admin = crm.as({ userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true });
const contacts = (await admin.contacts.find()).items;
const activities = (await admin.activities.find()).items;
console.log(contacts.map((contact) => ({ name: contact.firstName, phones: contact.phones?.map((phone) => phone.value), source: contact.source, utm: contact.utmSource, responsible: contact.assignedById })));
console.log(activities.map((activity) => ({ subject: activity.subject, about: activity.bindings?.map((binding) => binding.id) })));
if (contacts.length !== 1 || activities.length !== 2 || contacts[0]?.phones?.length !== 1) throw new Error('The second post should link to the first contact.');
// The responsible person of the queue reads the contact as their own.
const ana = crm.as({ userId: 'u-ana', roleIds: ['sales'], departmentIds: ['sales'], isAdmin: false });
console.log(`u-ana reads ${String(await ana.contacts.count())} contact from the form.`);
