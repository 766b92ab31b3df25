import { describe, expect, it } from 'vitest';
import { activityInputSchema, contactInputSchema, isCrmError, leadInputSchema } from 'crm-kit';
import type { Contact, Issue, Lead } from 'crm-kit';
import { emailReference, listEmailThreadReferences, planInboundEmail, planOutboundEmail } from '../../src/intake/plan-email.js';
import type { EmailMessage, EmailPlan, InboundEmailContext, OutboundEmailContext } from '../../src/intake/plan-email.js';
import { thrownBy } from '../support/errors.js';
import { JUNK } from '../support/junk.js';

const SENT = new Date('2026-03-02T10:00:00Z');
const RECEIVED = new Date('2026-03-02T10:00:05Z');
const OWN = ['sales@acme.example', 'Ana@Acme.example'];

const MESSAGE: EmailMessage = {
  messageId: '<m-1@mail.example>',
  from: { address: 'eve@mail.example', name: 'Eve Maria Stone' },
  to: [{ address: 'sales@acme.example', name: 'Acme sales' }],
  cc: [{ address: 'bob@mail.example' }],
  subject: 'Prices for 200 units?',
  text: 'Hello,\ncould you send your prices?',
  date: SENT,
};

const stamp = { version: 1, createdAt: SENT, updatedAt: SENT, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {} };
const CONTACT: Contact = { id: 'c-9', ...stamp, firstName: 'Eve', opened: false, exportable: true };
const LEAD: Lead = { id: 'l-4', ...stamp, title: 'Eve', status: 'NEW', opened: false, isReturnCustomer: false, movedAt: SENT, movedById: 'u-1' };

// The entity types each context's newId was asked for, in order.
const ASKED = new WeakMap<InboundEmailContext, string[]>();
const askedOf = (context: InboundEmailContext): readonly string[] => ASKED.get(context) ?? [];

/** A context whose ids are counted (`r-1`, `r-2`, ...). */
function inbound(changes: Partial<InboundEmailContext> = {}): InboundEmailContext {
  const asked: string[] = [];
  const context: InboundEmailContext = { at: RECEIVED, newId: (entityType) => (asked.push(entityType), `r-${String(asked.length)}`), responsibleId: 'u-ana', ownAddresses: OWN, ...changes };
  ASKED.set(context, asked);
  return context;
}

function outbound(changes: Partial<OutboundEmailContext> = {}): OutboundEmailContext {
  let n = 0;
  return { at: RECEIVED, newId: () => `a-${String(++n)}`, responsibleId: 'u-ana', ...changes };
}

function planned(result: ReturnType<typeof planInboundEmail>): EmailPlan {
  if (!result.success) throw new Error(`refused: ${result.issues.map((found) => found.message).join('; ')}`);
  return result.data;
}

const inboundPlan = (message: Partial<EmailMessage>, context: InboundEmailContext = inbound()): EmailPlan => planned(planInboundEmail({ ...MESSAGE, ...message }, context));

/** The code and the text of what a call threw, to check that no given value is echoed. */
function thrown(run: () => unknown): { readonly code: string; readonly text: string; readonly paths: readonly (readonly (string | number)[])[] } {
  const error = thrownBy(run);
  if (!isCrmError(error)) return { code: error === undefined ? 'no error' : 'not a crm-kit error', text: '', paths: [] };
  const issues: readonly Issue[] = isCrmError(error, 'INVALID_ARGUMENT') ? error.issues : [];
  return { code: error.code, text: [error.message, ...issues.map((found) => found.message)].join(' '), paths: issues.map((found) => found.path) };
}

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  return Object.values(value).every(isDeepFrozen);
}

describe('planInboundEmail: who the sender is', () => {
  it('an unknown sender becomes a lead, and the e-mail activity is bound to it', () => {
    const context = inbound();
    const plan = inboundPlan({}, context);
    expect(plan.creates).toEqual([
      {
        entityType: 'lead',
        id: 'r-1',
        input: {
          title: 'Prices for 200 units?',
          firstName: 'Eve Maria',
          lastName: 'Stone',
          emails: [{ value: 'eve@mail.example', kind: 'work' }],
          source: 'EMAIL',
          assignedById: 'u-ana',
        },
      },
    ]);
    expect(plan.activity).toEqual({
      id: 'r-2',
      input: {
        type: 'email',
        direction: 'incoming',
        subject: 'Prices for 200 units?',
        description: 'Hello,\ncould you send your prices?',
        startAt: SENT,
        completed: true,
        assignedById: 'u-ana',
        externalId: 'email:m-1@mail.example',
        communications: [{ channel: 'email', value: 'eve@mail.example', entity: { entityType: 'lead', id: 'r-1' } }],
        bindings: [{ entityType: 'lead', id: 'r-1' }],
      },
    });
    expect(plan.ignored).toBeUndefined();
    expect(askedOf(context)).toEqual(['lead', 'activity']);
  });

  it('an unknown sender becomes a contact when the setting says so', () => {
    const context = inbound({ unknownSender: 'contact' });
    const plan = inboundPlan({}, context);
    expect(plan.creates).toEqual([
      { entityType: 'contact', id: 'r-1', input: { firstName: 'Eve Maria', lastName: 'Stone', emails: [{ value: 'eve@mail.example', kind: 'work' }], source: 'EMAIL', assignedById: 'u-ana' } },
    ]);
    expect(plan.activity?.input.bindings).toEqual([{ entityType: 'contact', id: 'r-1' }]);
    expect(askedOf(context)).toEqual(['contact', 'activity']);
  });

  it('a lead without a subject is titled after the address, and a name is split at its last space or not at all', () => {
    expect(inboundPlan({ subject: ' \t ' }).creates[0]?.input.title).toBe('E-mail from eve@mail.example');
    expect(inboundPlan({ subject: ' \t ' }).activity?.input.subject).toBe('(no subject)');
    expect(inboundPlan({ from: { address: 'eve@mail.example', name: '  Eve  ' } }).creates[0]?.input).toMatchObject({ firstName: 'Eve' });
    const unnamed = [undefined, '', '   ', 'eve@mail.example'].map((name) => inboundPlan({ from: { address: 'eve@mail.example', ...(name === undefined ? {} : { name }) } }).creates[0]?.input ?? {});
    for (const input of unnamed) expect(Object.keys(input)).not.toContain('firstName');
  });

  it('a known contact gets the activity and nothing is made, even when a lead is known too', () => {
    const context = inbound({ knownContact: CONTACT, knownLead: LEAD });
    const plan = inboundPlan({}, context);
    expect(plan.creates).toEqual([]);
    expect(plan.activity?.input.bindings).toEqual([{ entityType: 'contact', id: 'c-9' }]);
    expect(plan.activity?.input.communications).toEqual([{ channel: 'email', value: 'eve@mail.example', entity: { entityType: 'contact', id: 'c-9' } }]);
    expect(askedOf(context)).toEqual(['activity']);
  });

  it('a known lead, with no contact known, gets the activity and nothing is made', () => {
    const plan = inboundPlan({}, inbound({ knownLead: LEAD }));
    expect(plan.creates).toEqual([]);
    expect(plan.activity?.input.bindings).toEqual([{ entityType: 'lead', id: 'l-4' }]);
  });

  it('a reply in a known thread binds to the thread\'s records and makes none, even from an unknown sender', () => {
    const thread = { activityId: 'a-1', bindings: [{ entityType: 'deal' as const, id: 'd-1' }, { entityType: 'contact' as const, id: 'c-2' }] };
    const context = inbound({ thread });
    const plan = inboundPlan({ from: { address: 'stranger@else.example' }, inReplyTo: '<m-0@acme.example>' }, context);
    expect(plan.creates).toEqual([]);
    expect(plan.activity?.repliesTo).toBe('a-1');
    expect(plan.activity?.input.bindings).toEqual(thread.bindings);
    expect(plan.activity?.input.communications).toEqual([{ channel: 'email', value: 'stranger@else.example' }]);
    expect(askedOf(context)).toEqual(['activity']);
  });

  it('a known contact replying in a thread is bound too, once', () => {
    const thread = { activityId: 'a-1', bindings: [{ entityType: 'deal' as const, id: 'd-1' }] };
    expect(inboundPlan({}, inbound({ thread, knownContact: CONTACT })).activity?.input.bindings).toEqual([{ entityType: 'deal', id: 'd-1' }, { entityType: 'contact', id: 'c-9' }]);
    const holding = { activityId: 'a-1', bindings: [{ entityType: 'contact' as const, id: 'c-9' }] };
    expect(inboundPlan({}, inbound({ thread: holding, knownContact: CONTACT })).activity?.input.bindings).toEqual([{ entityType: 'contact', id: 'c-9' }]);
  });

  it('a message from the company\'s own address makes nothing and records nothing outside a thread, compared trimmed and without case', () => {
    for (const address of ['sales@acme.example', ' SALES@acme.EXAMPLE ', 'ana@acme.example']) {
      const context = inbound({ knownContact: CONTACT });
      expect(inboundPlan({ from: { address, name: 'Ana Ruiz' } }, context)).toEqual({ creates: [], ignored: 'own-address' });
      expect(askedOf(context)).toEqual([]);
    }
    // No provider tricks: a plus tag or a dot is another address.
    expect(inboundPlan({ from: { address: 'sales+eu@acme.example' } }).creates).toHaveLength(1);
  });

  it('a message from an own address in a known thread is recorded on the thread only, never on a record the host matched', () => {
    const thread = { activityId: 'a-1', bindings: [{ entityType: 'deal' as const, id: 'd-1' }] };
    const plan = inboundPlan({ from: { address: 'ana@acme.example' } }, inbound({ thread, knownContact: CONTACT, knownLead: LEAD }));
    expect(plan.creates).toEqual([]);
    expect(plan.activity?.input.bindings).toEqual([{ entityType: 'deal', id: 'd-1' }]);
    expect(plan.activity?.input.direction).toBe('incoming');
  });

  it('a sender address a lead cannot keep is refused as an issue that does not echo it, and nothing is asked of newId', () => {
    const context = inbound();
    const result = planInboundEmail({ ...MESSAGE, from: { address: 'postmaster@localhost' } }, context);
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.issues.map((found) => [found.code, found.path])).toEqual([['INVALID_VALUE', ['message', 'from', 'address']]]);
    expect(result.success ? '' : result.issues[0]?.message).not.toContain('localhost');
    expect(askedOf(context)).toEqual([]);
    // The same address from a known contact is recorded: nothing has to keep it.
    expect(planInboundEmail({ ...MESSAGE, from: { address: 'postmaster@localhost' } }, inbound({ knownContact: CONTACT })).success).toBe(true);
  });
});

describe('planInboundEmail: the activity', () => {
  it('never starts after the host received the message, whatever its Date header says', () => {
    const future = new Date('2030-01-01T00:00:00Z');
    expect(inboundPlan({ date: future }).activity?.input.startAt).toEqual(RECEIVED);
    expect(inboundPlan({}).activity?.input.startAt).toEqual(SENT);
  });

  it('clips a long subject and text to what an activity holds, and leaves out a blank text', () => {
    const plan = inboundPlan({ subject: 'S'.repeat(1_000), text: 'T'.repeat(100_000) });
    expect(plan.activity?.input.subject).toHaveLength(255);
    expect(plan.activity?.input.subject.endsWith('…')).toBe(true);
    expect(plan.activity?.input.description).toHaveLength(65_535);
    expect(plan.creates[0]?.input.title).toHaveLength(255);
    expect(Object.keys(inboundPlan({ text: ' \n ' }).activity?.input ?? {})).not.toContain('description');
    // A clip never splits a surrogate pair.
    const emoji = inboundPlan({ subject: `${'s'.repeat(253)}😀😀` }).activity?.input.subject ?? '';
    expect(emoji).toBe(`${'s'.repeat(253)}…`);
  });

  it('squeezes the white space of a folded subject', () => {
    expect(inboundPlan({ subject: 'Re:\r\n  Prices\t now ' }).activity?.input.subject).toBe('Re: Prices now');
  });

  it('what is made passes the input schemas, however awkward the message', () => {
    const awkward: Partial<EmailMessage>[] = [
      {},
      { subject: '', text: '' },
      { subject: 'S'.repeat(1_000), text: 'T'.repeat(100_000), from: { address: `${'a'.repeat(60)}@${'b'.repeat(60)}.example`, name: 'N'.repeat(255) } },
      { from: { address: 'Eve@Mail.Example', name: 'María José García-López' } },
      { messageId: `<${'x'.repeat(990)}>` },
    ];
    for (const changes of awkward) {
      for (const unknownSender of ['lead', 'contact'] as const) {
        const plan = inboundPlan(changes, inbound({ unknownSender }));
        for (const create of plan.creates) {
          const schema = create.entityType === 'lead' ? leadInputSchema : contactInputSchema;
          expect(schema.safeParse(create.input).success, JSON.stringify(changes).slice(0, 200)).toBe(true);
        }
        expect(activityInputSchema.safeParse(plan.activity?.input).success).toBe(true);
      }
    }
  });

  it('the plan is frozen through, and neither the message nor the context is changed', () => {
    const message = { ...MESSAGE, from: { ...MESSAGE.from }, to: [...MESSAGE.to], date: new Date(SENT.getTime()) };
    const bindings = [{ entityType: 'deal' as const, id: 'd-1' }];
    const at = new Date(RECEIVED.getTime());
    const result = planInboundEmail(message, inbound({ at, knownContact: CONTACT, thread: { activityId: 'a-1', bindings } }));
    expect(result.success && isDeepFrozen(result.data)).toBe(true);
    expect(Object.isFrozen(message) || Object.isFrozen(message.from) || Object.isFrozen(message.date) || Object.isFrozen(bindings) || Object.isFrozen(at)).toBe(false);
    expect(isDeepFrozen(inboundPlan({}))).toBe(true);
    expect(isDeepFrozen(inboundPlan({ from: { address: 'sales@acme.example' } }))).toBe(true);
    // A later change of the caller's Date does not reach the plan.
    message.date.setTime(0);
    expect(result.success ? result.data.activity?.input.startAt : undefined).toEqual(SENT);
  });
});

describe('emailReference and listEmailThreadReferences', () => {
  it('a message id is referenced without its angle brackets and surrounding spaces', () => {
    expect(emailReference('<abc@host>')).toBe('email:abc@host');
    expect(emailReference('  abc@host ')).toBe('email:abc@host');
    expect(emailReference('< abc@host >')).toBe('email:abc@host');
    expect(emailReference('CaSe@host')).toBe('email:CaSe@host');
  });

  it('a long message id keeps a reference that fits an external id, and different ids keep different ones', () => {
    const long = `<${'x'.repeat(500)}@host>`;
    const other = `<${'x'.repeat(500)}@hosu>`;
    expect(emailReference(long)).toHaveLength(255);
    expect(emailReference(long)).toBe(emailReference(long.slice(1, -1)));
    expect(emailReference(long)).not.toBe(emailReference(other));
    expect(emailReference(`<${'x'.repeat(249)}>`)).toBe(`email:${'x'.repeat(249)}`);
    expect(emailReference(`<${'x'.repeat(250)}>`)).toMatch(/^email:x{232}#[0-9a-f]{16}$/);
  });

  it('an id that is not a message id is INVALID_ARGUMENT', () => {
    for (const bad of ['', '  ', '<>', '< >', 'x'.repeat(999), 'a\u0000b', 7, undefined]) expect(thrown(() => emailReference(bad as string)).code).toBe('INVALID_ARGUMENT');
  });

  it('the thread references are in-reply-to first, then the references latest first, each once, never the message itself', () => {
    const reply = { ...MESSAGE, messageId: '<m-4@x>', inReplyTo: '<m-3@x>', references: ['<m-1@x>', '<m-2@x>', 'm-3@x', '<m-4@x>'] };
    expect(listEmailThreadReferences(reply)).toEqual(['email:m-3@x', 'email:m-2@x', 'email:m-1@x']);
    expect(listEmailThreadReferences(MESSAGE)).toEqual([]);
    expect(Object.isFrozen(listEmailThreadReferences(reply))).toBe(true);
  });
});

describe('planOutboundEmail', () => {
  const SENT_MAIL: EmailMessage = {
    messageId: '<out-1@acme.example>',
    from: { address: 'ana@acme.example', name: 'Ana Ruiz' },
    to: [{ address: 'eve@mail.example' }, { address: ' EVE@mail.example' }, { address: 'bob@mail.example' }],
    cc: [{ address: 'carol@mail.example' }],
    subject: 'Our prices',
    text: 'Attached.',
    date: SENT,
  };

  it('records an outgoing e-mail on the known recipients, listing each to address once, and makes no record', () => {
    const result = planOutboundEmail(SENT_MAIL, outbound({ recipients: [{ entityType: 'contact', id: 'c-9' }, { entityType: 'lead', id: 'l-4' }] }));
    expect(result).toEqual({
      success: true,
      data: {
        creates: [],
        activity: {
          id: 'a-1',
          input: {
            type: 'email',
            direction: 'outgoing',
            subject: 'Our prices',
            description: 'Attached.',
            startAt: SENT,
            completed: true,
            assignedById: 'u-ana',
            externalId: 'email:out-1@acme.example',
            communications: [{ channel: 'email', value: 'eve@mail.example' }, { channel: 'email', value: 'bob@mail.example' }],
            bindings: [{ entityType: 'contact', id: 'c-9' }, { entityType: 'lead', id: 'l-4' }],
          },
        },
      },
    });
    expect(result.success && activityInputSchema.safeParse(result.data.activity?.input).success).toBe(true);
    expect(result.success && isDeepFrozen(result.data)).toBe(true);
  });

  it('a reply the host sent binds to the thread\'s records and to the recipients, each once', () => {
    const thread = { activityId: 'a-0', bindings: [{ entityType: 'deal' as const, id: 'd-1' }, { entityType: 'contact' as const, id: 'c-9' }] };
    const plan = planOutboundEmail({ ...SENT_MAIL, inReplyTo: '<m-1@mail.example>' }, outbound({ thread, recipients: [{ entityType: 'contact', id: 'c-9' }] }));
    expect(plan.success && plan.data.activity?.input.bindings).toEqual([{ entityType: 'deal', id: 'd-1' }, { entityType: 'contact', id: 'c-9' }]);
    expect(plan.success && plan.data.activity?.repliesTo).toBe('a-0');
  });

  it('a message to no known record records nothing', () => {
    let asked = 0;
    const plan = planOutboundEmail(SENT_MAIL, outbound({ newId: () => `a-${String(++asked)}`, recipients: [] }));
    expect(plan).toEqual({ success: true, data: { creates: [], ignored: 'no-record' } });
    expect(asked).toBe(0);
  });
});

describe('malformed messages and contexts', () => {
  it('every malformed message is INVALID_ARGUMENT with an issue at its key, and no message holds a given value', () => {
    const recipients = (count: number): { address: string }[] => Array.from({ length: count }, (_, index) => ({ address: `SECRET${String(index)}@x.example` }));
    const cases: readonly [Record<string, unknown>, readonly (string | number)[][]][] = [
      [{ messageId: '' }, [['message', 'messageId']]],
      [{ messageId: '<>' }, [['message', 'messageId']]],
      [{ messageId: `SECRET${'x'.repeat(998)}` }, [['message', 'messageId']]],
      [{ messageId: 42 }, [['message', 'messageId']]],
      [{ from: 'SECRET@x.example' }, [['message', 'from']]],
      [{ from: { address: 'SECRET.x.example' } }, [['message', 'from', 'address']]],
      [{ from: { address: 'SECRET@x@example' } }, [['message', 'from', 'address']]],
      [{ from: { address: '@SECRET' } }, [['message', 'from', 'address']]],
      [{ from: { address: 'SECRET@' } }, [['message', 'from', 'address']]],
      [{ from: { address: 'SE CRET@x.example' } }, [['message', 'from', 'address']]],
      [{ from: { address: `${'S'.repeat(250)}@x.example` } }, [['message', 'from', 'address']]],
      [{ from: { address: 'eve@x.example', name: 'SECRET'.repeat(50) } }, [['message', 'from', 'name']]],
      [{ from: { address: 'eve@x.example', name: 7 } }, [['message', 'from', 'name']]],
      [{ from: { address: 'eve@x.example', SECRET: 'x' } }, [['message', 'from', 'SECRET']]],
      [{ to: 'SECRET@x.example' }, [['message', 'to']]],
      [{ to: [{ address: 'ok@x.example' }, { address: 'SECRET' }] }, [['message', 'to', 1, 'address']]],
      [{ to: [null] }, [['message', 'to', 0]]],
      [{ to: recipients(101) }, [['message', 'to']]],
      [{ to: recipients(60), cc: recipients(41) }, [['message', 'cc']]],
      [{ cc: [{ address: 'SECRET' }] }, [['message', 'cc', 0, 'address']]],
      [{ subject: `SECRET${'s'.repeat(1_000)}` }, [['message', 'subject']]],
      [{ subject: undefined }, [['message', 'subject']]],
      [{ text: `SECRET${'t'.repeat(100_000)}` }, [['message', 'text']]],
      [{ text: 3 }, [['message', 'text']]],
      [{ date: 'SECRET' }, [['message', 'date']]],
      [{ date: new Date('SECRET') }, [['message']]],
      [{ inReplyTo: '' }, [['message', 'inReplyTo']]],
      [{ references: 'SECRET' }, [['message', 'references']]],
      [{ references: ['<ok@x>', ' '] }, [['message', 'references', 1]]],
      [{ references: Array.from({ length: 101 }, (_, index) => `<SECRET${String(index)}@x>`) }, [['message', 'references']]],
      [{ html: '<p>SECRET</p>' }, [['message', 'html']]],
      [{ subject: 'SECRET\u0000' }, [['message']]],
      [{ text: 'SECRET\ud800' }, [['message']]],
      [{ messageId: 3, subject: 4, date: 'SECRET' }, [['message', 'messageId'], ['message', 'subject'], ['message', 'date']]],
    ];
    for (const [changes, paths] of cases) {
      const message = { ...MESSAGE, ...changes };
      for (const run of [() => planInboundEmail(message, inbound()), () => planOutboundEmail(message, outbound()), () => listEmailThreadReferences(message)]) {
        const result = thrown(run);
        expect(result.code, JSON.stringify(changes).slice(0, 120)).toBe('INVALID_ARGUMENT');
        expect(result.paths, JSON.stringify(changes).slice(0, 120)).toEqual(paths);
        expect(result.text).not.toMatch(/SECRET|sss|ttt/);
      }
    }
  });

  it('a getter, a class instance or junk for the message is a crm-kit error, never a crash', () => {
    const sneaky = { ...MESSAGE, get subject(): string { return 'Hi'; } };
    expect(thrown(() => planInboundEmail(sneaky, inbound())).code).toBe('INVALID_ARGUMENT');
    class Message { readonly messageId = 'm@x'; readonly from = { address: 'eve@x.example' }; readonly to = []; readonly subject = ''; readonly text = ''; readonly date = SENT; }
    expect(thrown(() => planInboundEmail(new Message(), inbound())).code).toBe('INVALID_ARGUMENT');
    for (const bad of JUNK) {
      expect(thrown(() => planInboundEmail(bad as EmailMessage, inbound())).code).not.toMatch(/no error|not a crm-kit error/);
      expect(thrown(() => planOutboundEmail(bad as EmailMessage, outbound())).code).not.toMatch(/no error|not a crm-kit error/);
    }
  });

  it('a malformed context is INVALID_ARGUMENT with an issue at its key', () => {
    const cases: readonly [Record<string, unknown>, readonly (string | number)[][]][] = [
      [{ at: 'now' }, [['context', 'at']]],
      [{ newId: 'r-1' }, [['context', 'newId']]],
      [{ responsibleId: '' }, [['context', 'responsibleId']]],
      [{ ownAddresses: 'sales@acme.example' }, [['context', 'ownAddresses']]],
      [{ ownAddresses: [7] }, [['context', 'ownAddresses', 0]]],
      [{ unknownSender: 'company' }, [['context', 'unknownSender']]],
      [{ unknownSender: null }, [['context', 'unknownSender']]],
      [{ knownContact: 'c-9' }, [['context', 'knownContact']]],
      [{ knownLead: { title: 'no id' } }, [['context', 'knownLead']]],
      [{ thread: { activityId: 'a-1', bindings: [] } }, [['context', 'thread', 'bindings']]],
      [{ thread: { activityId: '', bindings: [{ entityType: 'deal', id: 'd-1' }] } }, [['context', 'thread', 'activityId']]],
      [{ thread: { activityId: 'a-1', bindings: [{ entityType: 'user', id: 'u-1' }] } }, [['context', 'thread', 'bindings', 0]]],
      [{ recipients: [] }, [['context', 'recipients']]],
    ];
    for (const [changes, paths] of cases) {
      const result = thrown(() => planInboundEmail(MESSAGE, { ...inbound(), ...changes }));
      expect(result.code, JSON.stringify(changes)).toBe('INVALID_ARGUMENT');
      expect(result.paths, JSON.stringify(changes)).toEqual(paths);
    }
    expect(thrown(() => planOutboundEmail(MESSAGE, outbound({ recipients: [{ entityType: 'contact', id: '' }] }))).paths).toEqual([['context', 'recipients', 0]]);
    expect(thrown(() => planOutboundEmail(MESSAGE, { ...outbound(), ownAddresses: [] } as OutboundEmailContext)).paths).toEqual([['context', 'ownAddresses']]);
    expect(thrown(() => planInboundEmail(MESSAGE, inbound({ newId: () => '' }))).paths).toEqual([['context', 'newId']]);
    for (const bad of JUNK) expect(thrown(() => planInboundEmail(MESSAGE, bad as InboundEmailContext)).code).toBe('INVALID_ARGUMENT');
  });
});
