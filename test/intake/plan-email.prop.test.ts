import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityInputSchema, contactInputSchema, isStorableText, leadInputSchema, LINK_TARGETS } from 'crm-kit';
import type { Contact, Lead, LinkValue } from 'crm-kit';
import { emailReference, planInboundEmail, planOutboundEmail } from '../../src/intake/plan-email.js';
import type { EmailAddress, EmailMessage, EmailPlan, EmailThread, InboundEmailContext } from '../../src/intake/plan-email.js';

const AT = new Date('2026-03-02T10:00:00Z');
const stamp = { version: 1, createdAt: AT, updatedAt: AT, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {} };

const textArb = (maxLength: number, minLength = 0): fc.Arbitrary<string> => fc.string({ unit: 'grapheme', minLength, maxLength }).filter(isStorableText);

// Addresses as parsers give them: valid ones, ones no record can keep, in any case, with spaces around.
const bareAddressArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: fc.constantFrom('postmaster@localhost', 'Sales@Acme.example', 'ana+eu@acme.example', 'x@y') },
).filter((address) => address.length <= 250);
const addressArb: fc.Arbitrary<string> = fc
  .tuple(bareAddressArb, fc.constantFrom('', ' ', '\t'), fc.boolean())
  .map(([address, pad, upper]) => `${pad}${upper ? address.toUpperCase() : address}${pad}`);
const emailAddressArb: fc.Arbitrary<EmailAddress> = fc.record({ address: addressArb, name: textArb(60) }, { requiredKeys: ['address'] });

const messageIdArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: textArb(40, 1) }, { weight: 1, arbitrary: fc.integer({ min: 200, max: 990 }).map((length) => 'i'.repeat(length)) }),
    fc.boolean(),
  )
  .filter(([id]) => id.trim() !== '' && id.trim() !== '<>')
  .map(([id, bracketed]) => (bracketed ? `<${id.trim()}>` : id));

const messageArb: fc.Arbitrary<EmailMessage> = fc.record(
  {
    messageId: messageIdArb,
    from: emailAddressArb,
    to: fc.array(emailAddressArb, { maxLength: 4 }),
    cc: fc.array(emailAddressArb, { maxLength: 3 }),
    subject: fc.oneof({ weight: 5, arbitrary: textArb(80) }, { weight: 1, arbitrary: textArb(1_000) }),
    text: textArb(300),
    date: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
    inReplyTo: messageIdArb,
    references: fc.array(messageIdArb, { maxLength: 4 }),
  },
  { requiredKeys: ['messageId', 'from', 'to', 'subject', 'text', 'date'] },
);

const idArb = fc.stringMatching(/^[a-z]-[0-9]{1,4}$/);
const linkArb: fc.Arbitrary<LinkValue> = fc.record({ entityType: fc.constantFrom(...LINK_TARGETS), id: idArb });
const threadArb: fc.Arbitrary<EmailThread> = fc.record({ activityId: idArb, bindings: fc.uniqueArray(linkArb, { minLength: 1, maxLength: 4, selector: (link) => `${link.entityType}:${link.id}` }) });
const contactArb: fc.Arbitrary<Contact> = idArb.map((id) => ({ id, ...stamp, opened: false, exportable: true }));
const leadArb: fc.Arbitrary<Lead> = idArb.map((id) => ({ id, ...stamp, status: 'NEW', opened: false, isReturnCustomer: false, movedAt: AT, movedById: 'u-1' }));

/** The context's optional parts; `newId` counts, and the message's date may be after `at`. */
const settingsArb = fc.record(
  {
    at: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
    ownAddresses: fc.array(addressArb, { maxLength: 4 }),
    unknownSender: fc.constantFrom('lead' as const, 'contact' as const),
    knownContact: contactArb,
    knownLead: leadArb,
    thread: threadArb,
  },
  { requiredKeys: ['at', 'ownAddresses'] },
);
type Settings = typeof settingsArb extends fc.Arbitrary<infer S> ? S : never;

function contextOf(settings: Settings): InboundEmailContext {
  let n = 0;
  return { ...settings, newId: (entityType) => `${entityType}-${String(++n)}`, responsibleId: 'u-ana' };
}

/** The sender's address as the company lists it among its own: another case, other spaces. */
const ownVariantArb = fc.tuple(fc.boolean(), fc.constantFrom('', ' ')).map(([upper, pad]) => (address: string) => `${pad}${upper ? address.trim().toUpperCase() : address.trim().toLowerCase()}${pad}`);

const key = (link: LinkValue): string => `${link.entityType}:${link.id}`;

function checkPlan(message: EmailMessage, plan: EmailPlan): void {
  const { activity } = plan;
  if (activity === undefined) {
    expect(plan.creates).toEqual([]);
    return;
  }
  expect(activity.input.externalId).toBe(emailReference(message.messageId));
  const bound = new Set((activity.input.bindings ?? []).map(key));
  for (const create of plan.creates) expect(bound.has(`${create.entityType}:${create.id}`)).toBe(true);
  expect(activityInputSchema.safeParse(activity.input).success).toBe(true);
  for (const create of plan.creates) expect((create.entityType === 'lead' ? leadInputSchema : contactInputSchema).safeParse(create.input).success).toBe(true);
}

describe('planInboundEmail (property)', () => {
  it('an e-mail from a known contact never creates a lead, nor any record', () => {
    fc.assert(
      fc.property(messageArb, settingsArb, contactArb, (message, settings, knownContact) => {
        const result = planInboundEmail(message, contextOf({ ...settings, knownContact }));
        expect(result.success).toBe(true);
        if (result.success) expect(result.data.creates).toEqual([]);
      }),
    );
  });

  it('an e-mail whose sender is an own address never creates a record, and outside a thread records nothing', () => {
    fc.assert(
      fc.property(messageArb, settingsArb, ownVariantArb, (message, settings, variant) => {
        const ownAddresses = [...settings.ownAddresses, variant(message.from.address)];
        const result = planInboundEmail(message, contextOf({ ...settings, ownAddresses }));
        expect(result.success).toBe(true);
        if (!result.success) return;
        expect(result.data.creates).toEqual([]);
        const { thread } = settings;
        if (thread === undefined) expect(result.data).toEqual({ creates: [], ignored: 'own-address' });
        else expect(result.data.activity?.input.bindings).toEqual(thread.bindings);
      }),
    );
  });

  it('every activity carries the reference of its message and binds to every record the plan creates', () => {
    fc.assert(
      fc.property(messageArb, settingsArb, (message, settings) => {
        const result = planInboundEmail(message, contextOf(settings));
        if (!result.success) {
          // The one refusal: an unknown sender whose address no record can keep.
          expect(result.issues.map((found) => found.path)).toEqual([['message', 'from', 'address']]);
          return;
        }
        checkPlan(message, result.data);
        expect(result.data.creates.length).toBeLessThanOrEqual(1);
        const startAt = result.data.activity?.input.startAt;
        if (startAt !== undefined) expect(startAt.getTime()).toBe(Math.min(message.date.getTime(), settings.at.getTime()));
      }),
    );
  });
});

describe('planOutboundEmail (property)', () => {
  it('never creates a record; its activity carries the reference of its message and binds to every recipient and thread record', () => {
    fc.assert(
      fc.property(messageArb, settingsArb, fc.uniqueArray(linkArb, { maxLength: 4, selector: key }), (message, settings, recipients) => {
        let n = 0;
        const result = planOutboundEmail(message, {
          at: settings.at,
          newId: () => `a-${String(++n)}`,
          responsibleId: 'u-ana',
          recipients,
          ...(settings.thread === undefined ? {} : { thread: settings.thread }),
        });
        expect(result.success).toBe(true);
        if (!result.success) return;
        expect(result.data.creates).toEqual([]);
        checkPlan(message, result.data);
        const expected = new Set([...(settings.thread?.bindings ?? []), ...recipients].map(key));
        expect(new Set((result.data.activity?.input.bindings ?? []).map(key))).toEqual(expected);
        if (expected.size === 0) expect(result.data.ignored).toBe('no-record');
      }),
    );
  });
});
