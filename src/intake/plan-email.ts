import { clip, comparableAddress, digestOf, splitDisplayName } from './_internal/text.js';
import type { ActivityCommunication, ActivityInput, Contact, Lead } from '../entities/index.js';
import { emailValueSchema } from '../entities/index.js';
import type { LinkValue } from '../fields/index.js';
import { LINK_TARGETS } from '../fields/index.js';
import type { Issue, PathSegment, Result } from '../kernel/index.js';
import { fail, isCrmError, isInstant, isPlainRecord, isSealed, isStorableText, issue, ok, sealPlain, snapshotInput, squeezeWhitespace, ValidationError } from '../kernel/index.js';
import type { PlannedCreate } from './plan-submission.js';

/** An address a message names, with the display name it gave, if any. */
export interface EmailAddress {
  /** The address: one `@` with text on both sides, at most 254 characters. */
  readonly address: string;
  /** The display name (`"Ana García" <ana@example.com>`), at most 255 characters. */
  readonly name?: string | undefined;
}

/**
 * An e-mail message as the host's mail parser gives it. Message ids may keep their angle brackets
 * (`<id@host>`); they are compared without them.
 *
 * Limits, in UTF-16 code units: an address 254, a name 255, the subject 1,000, the text 100,000,
 * a message id 998; at most 100 recipients in `to` and `cc` together, and 100 `references`. Text
 * holds no NUL and no lone surrogate.
 */
export interface EmailMessage {
  /** The `Message-ID` header. */
  readonly messageId: string;
  readonly from: EmailAddress;
  readonly to: readonly EmailAddress[];
  readonly cc?: readonly EmailAddress[] | undefined;
  /** The subject; may be empty. */
  readonly subject: string;
  /** The plain-text body; may be empty. */
  readonly text: string;
  /** The `Date` header: when the sender says the message was sent. */
  readonly date: Date;
  /** The `In-Reply-To` header: the message this one answers. */
  readonly inReplyTo?: string | undefined;
  /** The `References` header: the thread's earlier messages, oldest first. */
  readonly references?: readonly string[] | undefined;
}

/**
 * The earlier activity of a thread a message belongs to, as the host found it by
 * {@link listEmailThreadReferences}: its id and its bindings (1 to 100 records).
 */
export interface EmailThread {
  readonly activityId: string;
  readonly bindings: readonly LinkValue[];
}

/** What the host knows of any message beyond the message itself. */
export interface EmailContext {
  /** When the host received or sent the message; an activity never starts after it. */
  readonly at: Date;
  /** A new id for each record made, asked in order with its entity type (the record, then the activity). */
  readonly newId: (entityType: 'lead' | 'contact' | 'activity') => string;
  /** Who the records and the activity are assigned to. */
  readonly responsibleId: string;
  /** The thread's earlier activity, when the host found one. */
  readonly thread?: EmailThread | undefined;
}

/** What {@link planInboundEmail} needs beyond the message. */
export interface InboundEmailContext extends EmailContext {
  /**
   * The addresses of the company's own users and mailboxes (at most 10,000), compared trimmed and
   * without case: their messages never make a lead or a contact.
   */
  readonly ownAddresses: readonly string[];
  /** What an unknown sender becomes: a `lead` (the default) or a `contact`. */
  readonly unknownSender?: 'lead' | 'contact' | undefined;
  /** The contact the sender is known as (the host's match on the address). */
  readonly knownContact?: Contact | undefined;
  /** The lead the sender is known as, when no contact is. */
  readonly knownLead?: Lead | undefined;
}

/** What {@link planOutboundEmail} needs beyond the message. */
export interface OutboundEmailContext extends EmailContext {
  /** The known records the message went to (at most 100): contacts, leads, or any other record. */
  readonly recipients?: readonly LinkValue[] | undefined;
}

/** The e-mail activity a plan records, and the thread's earlier activity it answers. */
export interface PlannedEmailActivity {
  readonly id: string;
  readonly input: ActivityInput;
  /** The id of the thread's earlier activity ({@link EmailThread}), when the message is a reply. */
  readonly repliesTo?: string | undefined;
}

/**
 * What a message writes: the lead or contact it makes (none, or one), and its activity. A plan with
 * no activity says why in `ignored`: `own-address` (an inbound message from the company's own
 * people outside a known thread) or `no-record` (an outbound message to no known record).
 */
export interface EmailPlan {
  readonly creates: readonly PlannedCreate[];
  readonly activity?: PlannedEmailActivity | undefined;
  readonly ignored?: 'own-address' | 'no-record' | undefined;
}

const MAX_ADDRESS = 254;
const MAX_NAME = 255;
const MAX_SUBJECT = 1_000;
const MAX_TEXT = 100_000;
const MAX_MESSAGE_ID = 998;
const MOST_RECIPIENTS = 100;
const MOST_REFERENCES = 100;
const MOST_LINKS = 100;
const MOST_OWN_ADDRESSES = 10_000;
// What the records take: an id, a line of text (titles, subjects, external ids), a long text.
const MAX_ID = 128;
const MAX_LINE = 255;
const MAX_LONG_TEXT = 65_535;
const NO_SUBJECT = '(no subject)';
const REFERENCE_PREFIX = 'email:';
const DIGEST_LENGTH = 16;

/**
 * The `externalId` of the e-mail activity of a message: `email:` and the message id without its
 * angle brackets and surrounding spaces. A message id too long for an external id (255
 * characters) keeps its first 232 characters and a 64-bit digest of the whole (`#` and 16 hex
 * digits), so every id has one reference and every reference fits. A sender chooses its message
 * id: two activities may carry the same reference.
 *
 * @param messageId - A message id, with or without its angle brackets.
 * @returns The reference.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a message id that is not non-blank text of
 * at most 998 characters.
 *
 * @example
 * ```ts
 * emailReference('<CAF=x1@mail.example>'); //=> 'email:CAF=x1@mail.example'
 * emailReference(' CAF=x1@mail.example '); //=> 'email:CAF=x1@mail.example'
 * emailReference(`<${'x'.repeat(400)}@mail.example>`).length; //=> 255
 * emailReference('<>'); // throws INVALID_ARGUMENT
 * ```
 */
export function emailReference(messageId: string): string {
  if (!isMessageId(messageId)) {
    throw malformed([issue('INVALID_ARGUMENT', `A message id must be non-blank text of at most ${String(MAX_MESSAGE_ID)} characters.`, ['messageId'])]);
  }
  return referenceOf(messageId);
}

/**
 * The references ({@link emailReference}) of the earlier messages a message answers, to find the
 * thread's earlier activity by `externalId`: its `inReplyTo` first, then its `references` from the
 * latest to the oldest; each once, and never the message's own.
 *
 * @param message - The message.
 * @returns The references, best first; empty for a message that answers none.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed message (as {@link planInboundEmail}).
 *
 * @example
 * ```ts
 * const reply = {
 *   messageId: '<m-3@mail.example>', from: { address: 'eve@mail.example' }, to: [{ address: 'sales@acme.example' }],
 *   subject: 'Re: Prices', text: 'Thanks!', date: new Date('2026-03-02T10:00:00Z'),
 *   inReplyTo: '<m-2@acme.example>', references: ['<m-1@mail.example>', '<m-2@acme.example>'],
 * };
 * listEmailThreadReferences(reply); //=> ['email:m-2@acme.example', 'email:m-1@mail.example']
 * ```
 */
export function listEmailThreadReferences(message: EmailMessage): readonly string[] {
  const mail = readMessage(message);
  const own = referenceOf(mail.messageId);
  const found = [...(mail.inReplyTo === undefined ? [] : [mail.inReplyTo]), ...[...(mail.references ?? [])].reverse()].map(referenceOf);
  return Object.freeze([...new Set(found)].filter((reference) => reference !== own));
}

/**
 * Plans what a message that came into a connected mailbox writes, deciding in this order:
 *
 * 1. From one of `context.ownAddresses` (the company's own people): no record is made and no
 *    contact or lead is looked at. Outside a known thread nothing is recorded
 *    (`ignored: 'own-address'`); in one, the activity is recorded on the thread's bindings.
 * 2. In a known thread (`context.thread`): the activity binds to the thread's records, and to the
 *    sender's known contact (or lead) when the thread does not have it; no record is made, even
 *    for an unknown sender.
 * 3. From a known contact (`context.knownContact`): the activity binds to it; never a lead. Else
 *    from a known lead (`context.knownLead`): the activity binds to the lead.
 * 4. From an unknown sender: a lead is made (a contact with `unknownSender: 'contact'`), titled
 *    after the subject (`E-mail from <address>` without one), named after the display name split at
 *    its last space (a name holding `@` is not one), with the address as its work e-mail, the
 *    source `EMAIL` and `context.responsibleId` responsible; the activity binds to it.
 *
 * The activity is a completed, incoming `email`: the subject (`(no subject)` without one; at most
 * 255 characters, longer ones clipped with `…`), the text as its description (clipped at 65,535
 * characters; none when blank), `startAt` the message's date (or `context.at` when the date claims
 * a later instant: a sender's clock cannot put it in the future), the sender's address in
 * `communications` (naming the sender's record), and `externalId` {@link emailReference} of the
 * message id. Ids are asked of `context.newId` only for what is made: the record, then the activity.
 *
 * @param message - The message, as the host's parser gives it.
 * @param context - The instant, the ids, the responsible person, the company's own addresses, what
 * an unknown sender becomes, the sender's known contact or lead, and the thread.
 * @returns The plan; or an `INVALID_VALUE` issue at `['message', 'from', 'address']` when the
 * sender is to become a lead or contact but the address is not one a record's e-mails can hold
 * (`postmaster@localhost`): the message is then the host's to keep.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed message (issues at
 * `['message', ...]`; messages name keys, never values) or context (issues at `['context', ...]`).
 *
 * @example
 * ```ts
 * let n = 0;
 * const context = { at: new Date('2026-03-02T10:05:00Z'), newId: () => `r-${String(++n)}`, responsibleId: 'u-ana', ownAddresses: ['sales@acme.example', 'ana@acme.example'] };
 * const message = {
 *   messageId: '<m-1@mail.example>', from: { address: 'eve@mail.example', name: 'Eve Stone' }, to: [{ address: 'sales@acme.example' }],
 *   subject: 'Prices for 200 units?', text: 'Could you send your prices?', date: new Date('2026-03-02T10:00:00Z'),
 * };
 * const plan = unwrap(planInboundEmail(message, context));
 * plan.creates; //=> [{ entityType: 'lead', id: 'r-1', input: { title: 'Prices for 200 units?', firstName: 'Eve', lastName: 'Stone', emails: [{ value: 'eve@mail.example', kind: 'work' }], source: 'EMAIL', assignedById: 'u-ana' } }]
 * [plan.activity?.id, plan.activity?.input.direction, plan.activity?.input.externalId]; //=> ['r-2', 'incoming', 'email:m-1@mail.example']
 * plan.activity?.input.bindings; //=> [{ entityType: 'lead', id: 'r-1' }]
 *
 * const reply = { ...message, messageId: '<m-2@mail.example>', inReplyTo: '<m-1@mail.example>', date: new Date('2026-03-02T11:00:00Z') };
 * const threaded = unwrap(planInboundEmail(reply, { ...context, at: new Date('2026-03-02T11:01:00Z'), thread: { activityId: 'r-2', bindings: [{ entityType: 'lead', id: 'r-1' }] } }));
 * [threaded.creates.length, threaded.activity?.repliesTo, threaded.activity?.input.bindings]; //=> [0, 'r-2', [{ entityType: 'lead', id: 'r-1' }]]
 *
 * unwrap(planInboundEmail({ ...message, from: { address: ' ANA@acme.example' } }, context)); //=> { creates: [], ignored: 'own-address' }
 * planInboundEmail({ ...message, from: { address: 'eve.mail.example' } }, context); // throws INVALID_ARGUMENT
 * ```
 */
export function planInboundEmail(message: EmailMessage, context: InboundEmailContext): Result<EmailPlan> {
  const mail = readMessage(message);
  const given = readInboundContext(context);
  const address = mail.from.address.trim();
  const own = given.ownAddresses.has(comparableAddress(address));
  const { thread } = given;
  if (own && thread === undefined) return ok(sealPlain({ creates: [], ignored: 'own-address' }));
  // An own address is never looked up: a host's match may have found a colleague's record.
  let sender: LinkValue | undefined;
  if (!own) {
    if (given.knownContact !== undefined) sender = { entityType: 'contact', id: given.knownContact };
    else if (given.knownLead !== undefined) sender = { entityType: 'lead', id: given.knownLead };
  }
  const creates: PlannedCreate[] = [];
  if (!own && thread === undefined && sender === undefined) {
    if (!emailValueSchema.safeParse({ value: address, kind: 'work' }).success) {
      return fail([issue('INVALID_VALUE', "The sender's address is not one a lead or contact can keep among its e-mails.", ['message', 'from', 'address'])]);
    }
    const entityType = given.unknownSender;
    const id = idFrom(given.newId, entityType);
    creates.push({ entityType, id, input: senderInputOf(entityType, mail, address, given.responsibleId) });
    sender = { entityType, id };
  }
  const bindings = distinctLinks([...(thread?.bindings ?? []), ...(sender === undefined ? [] : [sender])]);
  const communications: ActivityCommunication[] = [{ channel: 'email', value: address, ...(sender === undefined ? {} : { entity: { ...sender } }) }];
  const activity = plannedActivity(mail, given, 'incoming', communications, bindings);
  return ok(sealPlain({ creates, activity }));
}

/**
 * Plans the activity of a message the host sent from a connected mailbox: a completed, outgoing
 * `email` bound to the known records it went to (`context.recipients`) and to the thread's
 * records (`context.thread`), with each `to` address once in `communications`; otherwise as
 * {@link planInboundEmail} records one. It never makes a record: a message to no known record
 * records nothing (`ignored: 'no-record'`).
 *
 * @param message - The message sent.
 * @param context - The instant, the ids, the responsible person (the sender), the known recipients
 * and the thread.
 * @returns The plan (never issues).
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed message or context.
 *
 * @example
 * ```ts
 * let n = 0;
 * const sent = {
 *   messageId: '<out-1@acme.example>', from: { address: 'ana@acme.example' }, to: [{ address: 'eve@mail.example' }, { address: 'EVE@mail.example' }],
 *   subject: 'Our prices', text: 'Attached.', date: new Date('2026-03-02T11:00:00Z'),
 * };
 * const plan = unwrap(planOutboundEmail(sent, { at: new Date('2026-03-02T11:00:01Z'), newId: () => `a-${String(++n)}`, responsibleId: 'u-ana', recipients: [{ entityType: 'contact', id: 'c-9' }] }));
 * plan.activity?.input; //=> { type: 'email', direction: 'outgoing', subject: 'Our prices', description: 'Attached.', startAt: new Date('2026-03-02T11:00:00Z'), completed: true, assignedById: 'u-ana', externalId: 'email:out-1@acme.example', communications: [{ channel: 'email', value: 'eve@mail.example' }], bindings: [{ entityType: 'contact', id: 'c-9' }] }
 * unwrap(planOutboundEmail(sent, { at: new Date('2026-03-02T11:00:01Z'), newId: () => 'a-2', responsibleId: 'u-ana' })); //=> { creates: [], ignored: 'no-record' }
 * ```
 */
export function planOutboundEmail(message: EmailMessage, context: OutboundEmailContext): Result<EmailPlan> {
  const mail = readMessage(message);
  const given = readOutboundContext(context);
  const bindings = distinctLinks([...(given.thread?.bindings ?? []), ...given.recipients]);
  if (bindings.length === 0) return ok(sealPlain({ creates: [], ignored: 'no-record' }));
  const seen = new Set<string>();
  const communications: ActivityCommunication[] = [];
  for (const recipient of mail.to) {
    const address = recipient.address.trim();
    if (seen.has(comparableAddress(address))) continue;
    seen.add(comparableAddress(address));
    communications.push({ channel: 'email', value: address });
  }
  return ok(sealPlain({ creates: [], activity: plannedActivity(mail, given, 'outgoing', communications, bindings) }));
}

// ---------------------------------------------------------------------------------------------
// Planning

interface CheckedContext {
  readonly at: Date;
  readonly newId: (entityType: 'lead' | 'contact' | 'activity') => unknown;
  readonly responsibleId: string;
  readonly thread?: EmailThread | undefined;
}

function plannedActivity(mail: EmailMessage, given: CheckedContext, direction: 'incoming' | 'outgoing', communications: readonly ActivityCommunication[], bindings: readonly LinkValue[]): PlannedEmailActivity {
  const id = idFrom(given.newId, 'activity');
  const subject = squeezeWhitespace(mail.subject);
  const input: ActivityInput = {
    type: 'email',
    direction,
    subject: clip(subject === '' ? NO_SUBJECT : subject, MAX_LINE),
    ...(mail.text.trim() === '' ? {} : { description: clip(mail.text, MAX_LONG_TEXT) }),
    // The Date header is the sender's word; it may be wrong, never later than the message came.
    startAt: mail.date.getTime() > given.at.getTime() ? new Date(given.at.getTime()) : mail.date,
    completed: true,
    assignedById: given.responsibleId,
    externalId: referenceOf(mail.messageId),
    ...(communications.length === 0 ? {} : { communications }),
    bindings,
  };
  return { id, input, ...(given.thread === undefined ? {} : { repliesTo: given.thread.activityId }) };
}

// The lead or contact an unknown sender becomes.
function senderInputOf(entityType: 'lead' | 'contact', mail: EmailMessage, address: string, responsibleId: string): Readonly<Record<string, unknown>> {
  const subject = squeezeWhitespace(mail.subject);
  return {
    ...(entityType === 'lead' ? { title: clip(subject === '' ? `E-mail from ${address}` : subject, MAX_LINE) } : {}),
    ...splitDisplayName(mail.from.name),
    emails: [{ value: address, kind: 'work' }],
    source: 'EMAIL',
    assignedById: responsibleId,
  };
}


function bareMessageId(messageId: string): string {
  const trimmed = messageId.trim();
  return trimmed.length >= 2 && trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1).trim() : trimmed;
}

function referenceOf(messageId: string): string {
  const bare = bareMessageId(messageId);
  const plain = `${REFERENCE_PREFIX}${bare}`;
  if (plain.length <= MAX_LINE) return plain;
  let end = MAX_LINE - REFERENCE_PREFIX.length - 1 - DIGEST_LENGTH;
  const last = bare.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${REFERENCE_PREFIX}${bare.slice(0, end)}#${digestOf(bare)}`;
}

function distinctLinks(links: readonly LinkValue[]): LinkValue[] {
  const seen = new Set<string>();
  const out: LinkValue[] = [];
  for (const link of links) {
    const key = `${link.entityType}\u0000${link.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ entityType: link.entityType, id: link.id });
  }
  return out;
}

function idFrom(newId: (entityType: 'lead' | 'contact' | 'activity') => unknown, entityType: 'lead' | 'contact' | 'activity'): string {
  const id: unknown = newId(entityType);
  if (!isId(id)) throw malformed([issue('INVALID_ARGUMENT', `The newId function must give a non-blank text id of at most ${String(MAX_ID)} characters.`, ['context', 'newId'])]);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Reading arguments: every problem is collected as an issue at its path, then thrown at once.

type Bag = Readonly<Record<string, unknown>>;

const MESSAGE_KEYS: readonly (keyof EmailMessage)[] = ['messageId', 'from', 'to', 'cc', 'subject', 'text', 'date', 'inReplyTo', 'references'];
const ADDRESS_KEYS: readonly (keyof EmailAddress)[] = ['address', 'name'];
// The keys of each context, written out: a spread at the top level is work a bundler keeps.
const INBOUND_KEYS: readonly (keyof InboundEmailContext)[] = ['at', 'newId', 'responsibleId', 'thread', 'ownAddresses', 'unknownSender', 'knownContact', 'knownLead'];
const OUTBOUND_KEYS: readonly (keyof OutboundEmailContext)[] = ['at', 'newId', 'responsibleId', 'thread', 'recipients'];
const EPOCH = /* @__PURE__ */ new Date(0);
const FALLBACK_ADDRESS: EmailAddress = { address: '' };

/**
 * A message checked as the planners check it, frozen: what the service reads before it looks a
 * sender up. Internal to crm-kit (not a root export).
 *
 * @throws {@link ValidationError} `INVALID_ARGUMENT` (or `LIMIT_EXCEEDED`) for a malformed message.
 */
export function checkEmailMessage(value: unknown): EmailMessage {
  return readMessage(value);
}

/** The message read once into plain data and checked; a malformed one throws. */
function readMessage(value: unknown): EmailMessage {
  const path = ['message'];
  const bag = plainMessage(value);
  const issues: Issue[] = [];
  checkKeys(bag, MESSAGE_KEYS, path, issues);
  const at = (key: string): PathSegment[] => [...path, key];
  const messageId = own(bag, 'messageId');
  if (!isMessageId(messageId)) issues.push(issue('INVALID_ARGUMENT', `The messageId must be non-blank text of at most ${String(MAX_MESSAGE_ID)} characters.`, at('messageId')));
  const from = readAddress(own(bag, 'from'), at('from'), 'The from address', issues);
  const to = readAddresses(own(bag, 'to'), at('to'), 'The to list', issues) ?? [];
  const cc = own(bag, 'cc') === undefined ? undefined : (readAddresses(own(bag, 'cc'), at('cc'), 'The cc list', issues) ?? []);
  if (to.length + (cc?.length ?? 0) > MOST_RECIPIENTS) {
    issues.push(issue('INVALID_ARGUMENT', `A message names at most ${String(MOST_RECIPIENTS)} recipients in to and cc together.`, at(cc === undefined ? 'to' : 'cc')));
  }
  const subject = own(bag, 'subject');
  if (!isText(subject, MAX_SUBJECT)) issues.push(issue('INVALID_ARGUMENT', `The subject must be text of at most ${String(MAX_SUBJECT)} characters.`, at('subject')));
  const text = own(bag, 'text');
  if (!isText(text, MAX_TEXT)) issues.push(issue('INVALID_ARGUMENT', `The text must be text of at most ${String(MAX_TEXT)} characters.`, at('text')));
  const date = own(bag, 'date');
  if (!isInstant(date)) issues.push(issue('INVALID_ARGUMENT', 'The date must be a valid Date.', at('date')));
  const inReplyTo = own(bag, 'inReplyTo');
  if (inReplyTo !== undefined && !isMessageId(inReplyTo)) issues.push(issue('INVALID_ARGUMENT', `The inReplyTo must be a message id: non-blank text of at most ${String(MAX_MESSAGE_ID)} characters.`, at('inReplyTo')));
  const references = readReferences(own(bag, 'references'), at('references'), issues);
  if (issues.length > 0) throw malformed(issues);
  return {
    messageId: isMessageId(messageId) ? messageId : '',
    from,
    to,
    ...(cc === undefined ? {} : { cc }),
    subject: typeof subject === 'string' ? subject : '',
    text: typeof text === 'string' ? text : '',
    date: isInstant(date) ? date : EPOCH,
    ...(isMessageId(inReplyTo) ? { inReplyTo } : {}),
    ...(references === undefined ? {} : { references }),
  };
}

// A message is data from outside: read once (a getter, a Proxy or a class instance is refused).
function plainMessage(value: unknown): Bag {
  let plain: unknown = value;
  if (!isSealed(value)) {
    try {
      plain = snapshotInput(value, 'The message');
    } catch (error) {
      if (isCrmError(error, 'NOT_PLAIN_DATA', 'INVALID_TEXT')) {
        throw new ValidationError('INVALID_ARGUMENT', error.message.replace(/^\[crm-kit\] /, ''), {
          cause: error,
          issues: [issue('INVALID_ARGUMENT', 'The message must be plain data with storable text.', ['message'])],
        });
      }
      throw error;
    }
  }
  if (!isPlainRecord(plain)) throw malformed([issue('INVALID_ARGUMENT', 'The message must be an object.', ['message'])]);
  return plain;
}

function readAddress(value: unknown, path: readonly PathSegment[], what: string, issues: Issue[]): EmailAddress {
  if (!isPlainRecord(value)) {
    issues.push(issue('INVALID_ARGUMENT', `${what} must be { address, name? }.`, path));
    return FALLBACK_ADDRESS;
  }
  checkKeys(value, ADDRESS_KEYS, path, issues);
  const address = own(value, 'address');
  const name = own(value, 'name');
  if (!isAddress(address)) issues.push(issue('INVALID_ARGUMENT', `An address must be text of at most ${String(MAX_ADDRESS)} characters with one @ between others and no spaces.`, [...path, 'address']));
  if (name !== undefined && !isText(name, MAX_NAME)) issues.push(issue('INVALID_ARGUMENT', `A name must be text of at most ${String(MAX_NAME)} characters.`, [...path, 'name']));
  return { address: isAddress(address) ? address : '', ...(typeof name === 'string' ? { name } : {}) };
}

function readAddresses(value: unknown, path: readonly PathSegment[], what: string, issues: Issue[]): EmailAddress[] | undefined {
  if (!Array.isArray(value)) {
    issues.push(issue('INVALID_ARGUMENT', `${what} must be a list of { address, name? }.`, path));
    return undefined;
  }
  const list: readonly unknown[] = value;
  if (list.length > MOST_RECIPIENTS) {
    issues.push(issue('INVALID_ARGUMENT', `A message names at most ${String(MOST_RECIPIENTS)} recipients in to and cc together.`, path));
    return undefined;
  }
  return list.map((item, index) => readAddress(item, [...path, index], 'A recipient', issues));
}

function readReferences(value: unknown, path: readonly PathSegment[], issues: Issue[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MOST_REFERENCES) {
    issues.push(issue('INVALID_ARGUMENT', `The references must be a list of at most ${String(MOST_REFERENCES)} message ids.`, path));
    return undefined;
  }
  const list: readonly unknown[] = value;
  const out: string[] = [];
  list.forEach((item, index) => {
    if (isMessageId(item)) out.push(item);
    else issues.push(issue('INVALID_ARGUMENT', `A reference must be a message id: non-blank text of at most ${String(MAX_MESSAGE_ID)} characters.`, [...path, index]));
  });
  return out;
}

interface InboundChecked extends CheckedContext {
  readonly ownAddresses: ReadonlySet<string>;
  readonly unknownSender: 'lead' | 'contact';
  /** The ids of the known contact and lead. */
  readonly knownContact?: string | undefined;
  readonly knownLead?: string | undefined;
}

function readInboundContext(context: unknown): InboundChecked {
  const { bag, base, issues } = readBase(context, INBOUND_KEYS);
  const ownAddresses = readOwnAddresses(own(bag, 'ownAddresses'), issues);
  const unknownSender = own(bag, 'unknownSender');
  if (unknownSender !== undefined && unknownSender !== 'lead' && unknownSender !== 'contact') issues.push(issue('INVALID_ARGUMENT', 'The unknownSender must be lead or contact.', ['context', 'unknownSender']));
  const knownContact = readKnown(own(bag, 'knownContact'), 'knownContact', issues);
  const knownLead = readKnown(own(bag, 'knownLead'), 'knownLead', issues);
  if (issues.length > 0) throw malformed(issues);
  return {
    ...base,
    ownAddresses,
    unknownSender: unknownSender === 'contact' ? 'contact' : 'lead',
    ...(knownContact === undefined ? {} : { knownContact }),
    ...(knownLead === undefined ? {} : { knownLead }),
  };
}

function readOutboundContext(context: unknown): CheckedContext & { readonly recipients: readonly LinkValue[] } {
  const { bag, base, issues } = readBase(context, OUTBOUND_KEYS);
  const given = own(bag, 'recipients');
  const recipients = given === undefined ? [] : (readLinks(given, ['context', 'recipients'], 'The recipients', 0, issues) ?? []);
  if (issues.length > 0) throw malformed(issues);
  return { ...base, recipients };
}

// The host's context: read where it is (it holds a function, so it is no snapshot), each value once.
function readBase(context: unknown, keys: readonly string[]): { readonly bag: Bag; readonly base: CheckedContext; readonly issues: Issue[] } {
  if (!isPlainRecord(context)) throw malformed([issue('INVALID_ARGUMENT', 'The context must be an object.', ['context'])]);
  const issues: Issue[] = [];
  const bag: Bag = Object.fromEntries(Object.keys(context).map((key) => [key, context[key]]));
  checkKeys(bag, keys, ['context'], issues);
  const at = own(bag, 'at');
  if (!isInstant(at)) issues.push(issue('INVALID_ARGUMENT', 'The at must be a valid Date.', ['context', 'at']));
  const newId = own(bag, 'newId');
  if (typeof newId !== 'function') issues.push(issue('INVALID_ARGUMENT', 'The newId must be a function giving a new id for an entity type.', ['context', 'newId']));
  const responsibleId = own(bag, 'responsibleId');
  if (!isId(responsibleId)) issues.push(issue('INVALID_ARGUMENT', `The responsibleId must be a non-blank text id of at most ${String(MAX_ID)} characters.`, ['context', 'responsibleId']));
  const thread = readThread(own(bag, 'thread'), issues);
  const base: CheckedContext = {
    at: isInstant(at) ? new Date(at.getTime()) : EPOCH,
    newId: typeof newId === 'function' ? (entityType) => (newId as (type: string) => unknown)(entityType) : () => undefined,
    responsibleId: isId(responsibleId) ? responsibleId : '',
    ...(thread === undefined ? {} : { thread }),
  };
  return { bag, base, issues };
}

function readThread(value: unknown, issues: Issue[]): EmailThread | undefined {
  if (value === undefined) return undefined;
  const path = ['context', 'thread'];
  if (!isPlainRecord(value)) {
    issues.push(issue('INVALID_ARGUMENT', 'The thread must be { activityId, bindings }.', path));
    return undefined;
  }
  checkKeys(value, ['activityId', 'bindings'], path, issues);
  const activityId = own(value, 'activityId');
  if (!isId(activityId)) issues.push(issue('INVALID_ARGUMENT', `The activityId must be a non-blank text id of at most ${String(MAX_ID)} characters.`, [...path, 'activityId']));
  const bindings = readLinks(own(value, 'bindings'), [...path, 'bindings'], "The thread's bindings", 1, issues);
  return isId(activityId) && bindings !== undefined ? { activityId, bindings } : undefined;
}

function readLinks(value: unknown, path: readonly PathSegment[], what: string, least: number, issues: Issue[]): LinkValue[] | undefined {
  if (!Array.isArray(value) || value.length < least || value.length > MOST_LINKS) {
    issues.push(issue('INVALID_ARGUMENT', `${what} must be a list of ${String(least)} to ${String(MOST_LINKS)} records, each { entityType, id }.`, path));
    return undefined;
  }
  const list: readonly unknown[] = value;
  const out: LinkValue[] = [];
  list.forEach((item, index) => {
    const entityType = isPlainRecord(item) ? own(item, 'entityType') : undefined;
    const id = isPlainRecord(item) ? own(item, 'id') : undefined;
    const target = LINK_TARGETS.find((type) => type === entityType);
    if (isPlainRecord(item) && Object.keys(item).every((key) => key === 'entityType' || key === 'id') && target !== undefined && isId(id)) out.push({ entityType: target, id });
    else issues.push(issue('INVALID_ARGUMENT', `A record is { entityType, id }: one of ${LINK_TARGETS.join(', ')}, and a non-blank text id of at most ${String(MAX_ID)} characters.`, [...path, index]));
  });
  return out;
}

function readOwnAddresses(value: unknown, issues: Issue[]): ReadonlySet<string> {
  const path = ['context', 'ownAddresses'];
  if (!Array.isArray(value) || value.length > MOST_OWN_ADDRESSES) {
    issues.push(issue('INVALID_ARGUMENT', `The ownAddresses must be a list of at most ${String(MOST_OWN_ADDRESSES)} addresses.`, path));
    return new Set();
  }
  const list: readonly unknown[] = value;
  const out = new Set<string>();
  list.forEach((item, index) => {
    if (isText(item, MAX_ADDRESS)) out.add(comparableAddress(item));
    else issues.push(issue('INVALID_ARGUMENT', `An own address must be text of at most ${String(MAX_ADDRESS)} characters.`, [...path, index]));
  });
  return out;
}

// A known contact or lead: a stored record; only its id is used.
function readKnown(value: unknown, key: 'knownContact' | 'knownLead', issues: Issue[]): string | undefined {
  if (value === undefined) return undefined;
  const id = isPlainRecord(value) ? own(value, 'id') : undefined;
  if (isId(id)) return id;
  issues.push(issue('INVALID_ARGUMENT', `The ${key} must be a stored record with an id.`, ['context', key]));
  return undefined;
}

function own(bag: Bag, key: string): unknown {
  return Object.hasOwn(bag, key) ? bag[key] : undefined;
}

function checkKeys(bag: Bag, known: readonly string[], path: readonly PathSegment[], issues: Issue[]): void {
  for (const key of Object.keys(bag)) {
    if (!known.includes(key)) issues.push(issue('INVALID_ARGUMENT', `Unknown key; the keys are ${known.join(', ')}.`, [...path, key]));
  }
}

function malformed(issues: readonly Issue[]): ValidationError {
  const more = issues.length > 1 ? ` (and ${String(issues.length - 1)} more)` : '';
  return new ValidationError('INVALID_ARGUMENT', `${issues[0]?.message ?? 'Malformed argument.'}${more}`, { issues });
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max && isStorableText(value);
}

function isId(value: unknown): value is string {
  return isText(value, MAX_ID) && value.trim() !== '';
}

function isMessageId(value: unknown): value is string {
  return isText(value, MAX_MESSAGE_ID) && bareMessageId(value) !== '';
}

function isAddress(value: unknown): value is string {
  if (!isText(value, MAX_ADDRESS)) return false;
  const address = value.trim();
  const at = address.indexOf('@');
  return at > 0 && at === address.lastIndexOf('@') && at < address.length - 1 && !/[\s\p{Cc}]/u.test(address);
}
