import type { Principal } from '../access/index.js';
import { assertPrincipal } from '../access/index.js';
import { invalidArgument, isPlainRecord, sealPlain } from '../kernel/index.js';
import type { ChatChannel, ChatLine } from './plan-chat-contact.js';
import { checkEmailMessage, emailReference, listEmailThreadReferences, planInboundEmail, planOutboundEmail } from './plan-email.js';
import { defineChatChannel, planChatContact } from './plan-chat-contact.js';
import type { SubmissionContext } from './plan-submission.js';
import { planCallbackSubmission, planSubmission, readSubmission } from './plan-submission.js';
import { createCallbackRequest, planCallbackEvent } from './callback.js';
import type { WebForm, WebFormInput, WebFormResponsible } from './web-form.js';
import { defineWebForm } from './web-form.js';

/**
 * What the host knows of a submission: an idempotency key (the same key twice writes once: a form
 * posted twice), the language of the messages, and the page it came from (address and UTM).
 */
export interface SubmissionMeta {
  readonly idempotencyKey?: string | undefined;
  readonly language?: string | undefined;
  readonly page?: SubmissionContext['page'];
}

/** What the host knows of a visitor's answers in a live chat: a submission's meta, and the chat so far. */
export interface ChatMeta extends SubmissionMeta {
  readonly transcript?: readonly ChatLine[] | undefined;
}

/**
 * The sales mailbox the host connects: the addresses of the company's own people and mailboxes
 * (their messages never become leads), what an unknown sender becomes (`lead` by default, or
 * `contact`), and who is responsible for what it makes (one person, or a queue taken in turn).
 */
export interface MailboxSettings {
  readonly ownAddresses: readonly string[];
  readonly unknownSender?: 'lead' | 'contact' | undefined;
  readonly responsible: WebFormResponsible;
}

/** A submission as the host's `accept` hook sees it, before anything is read or written. */
export interface IncomingSubmission {
  /** A web form's submission, a callback form's, or a visitor's answers in a live chat. */
  readonly kind: 'webform' | 'callback' | 'chat';
  /** The form's id, or the chat channel's. */
  readonly formId: string;
  readonly payload: unknown;
  readonly meta: SubmissionMeta;
}

/** The settings of {@link intakeControl}. */
export interface IntakeControlSettings {
  /** The forms, from {@link defineWebForm} (or as given to it). */
  readonly forms: readonly (WebForm | WebFormInput)[];
  /** The live-chat channels, from {@link defineChatChannel} (or as given to it). */
  readonly chats?: readonly (ChatChannel | Parameters<typeof defineChatChannel>[0])[] | undefined;
  /** The sales mailbox, when its messages are taken in: see {@link MailboxSettings}. */
  readonly mailbox?: MailboxSettings | undefined;
  /**
   * Who submissions are written as: a system user whose role may add the forms' records and
   * activities, read contacts (so that a known sender is found) and update them (to add what a
   * known sender lacks; without it a known sender is only linked).
   */
  readonly principal: Principal;
  /** Whether to take a submission: the host's spam and rate checks. A refused one writes nothing. */
  readonly accept?: ((submission: IncomingSubmission) => boolean | Promise<boolean>) | undefined;
}

/**
 * Intake as a part `createCrm` is given (`intake`), as duplicate control is: the web forms and
 * chat channels by id, the principal they write as, the host's hook, and the planners the service
 * runs. A CRM without it carries none of this code.
 */
export interface IntakeControl {
  readonly forms: ReadonlyMap<string, WebForm>;
  readonly chats: ReadonlyMap<string, ChatChannel>;
  readonly mailbox?: MailboxSettings | undefined;
  readonly principal: Principal;
  readonly accept?: ((submission: IncomingSubmission) => boolean | Promise<boolean>) | undefined;
  readonly readSubmission: typeof readSubmission;
  readonly planSubmission: typeof planSubmission;
  readonly planChatContact: typeof planChatContact;
  readonly planCallbackSubmission: typeof planCallbackSubmission;
  readonly createCallbackRequest: typeof createCallbackRequest;
  readonly planCallbackEvent: typeof planCallbackEvent;
  readonly planInboundEmail: typeof planInboundEmail;
  readonly planOutboundEmail: typeof planOutboundEmail;
  readonly checkEmailMessage: typeof checkEmailMessage;
  readonly emailReference: typeof emailReference;
  readonly listEmailThreadReferences: typeof listEmailThreadReferences;
}

const MADE = new WeakSet<object>();

/**
 * Makes the intake part of a CRM: `createCrm({ ..., intake: intakeControl({ forms, chats, principal }) })`
 * gives `crm.intake.submit(formId, payload, meta)` and `crm.intake.chat(channelId, answers, meta)`.
 *
 * @param settings - The forms, the chat channels, the principal submissions are written as, and
 * the `accept` hook.
 * @returns The part, frozen.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a form that is not valid (with its
 * issues), two forms with one id, or a principal or hook that is not one.
 *
 * @example
 * ```ts
 * const intake = intakeControl({
 *   forms: [{ id: 'contact-us', name: 'Contact us', scheme: 'contact', languages: ['en'], responsible: { userId: 'u-ana' }, fields: [{ name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail' }, required: true }] }],
 *   principal: { userId: 'u-forms', roleIds: ['intake'], departmentIds: [], isAdmin: false },
 *   accept: (submission) => submission.meta.idempotencyKey !== undefined,
 * });
 * [...intake.forms.keys()]; //=> ['contact-us']
 * intakeControl({ forms: [], principal: { userId: '' } as never }); // throws INVALID_ARGUMENT
 * ```
 */
export function intakeControl(settings: IntakeControlSettings): IntakeControl {
  if (!isPlainRecord(settings) || !Array.isArray(settings.forms)) throw invalidArgument('intakeControl takes { forms, chats?, principal, accept? }.');
  assertPrincipal(settings.principal);
  if (settings.accept !== undefined && typeof settings.accept !== 'function') throw invalidArgument('accept is a function of a submission.');
  const forms = new Map<string, WebForm>();
  for (const given of settings.forms as readonly unknown[]) {
    const form = defineWebForm(given as WebFormInput);
    if (forms.has(form.id)) throw invalidArgument('Two forms have one id.');
    forms.set(form.id, form);
  }
  const givenChats: unknown = settings.chats ?? [];
  if (!Array.isArray(givenChats)) throw invalidArgument('chats is a list of chat channels.');
  const chats = new Map<string, ChatChannel>();
  for (const given of givenChats as readonly unknown[]) {
    const channel = defineChatChannel(given as ChatChannel);
    if (chats.has(channel.id)) throw invalidArgument('Two chat channels have one id.');
    chats.set(channel.id, channel);
  }
  const mailbox = readMailbox(settings.mailbox);
  const part: IntakeControl = Object.freeze({
    forms,
    chats,
    ...(mailbox === undefined ? {} : { mailbox }),
    principal: settings.principal,
    accept: settings.accept,
    readSubmission,
    planSubmission,
    planChatContact,
    planCallbackSubmission,
    createCallbackRequest,
    planCallbackEvent,
    planInboundEmail,
    planOutboundEmail,
    checkEmailMessage,
    emailReference,
    listEmailThreadReferences,
  });
  MADE.add(part);
  return part;
}

/** Whether a value is a part {@link intakeControl} made. */
export function isIntakeControl(value: unknown): value is IntakeControl {
  return typeof value === 'object' && value !== null && MADE.has(value);
}

function readMailbox(given: unknown): MailboxSettings | undefined {
  if (given === undefined) return undefined;
  const bad = (): Error => invalidArgument("mailbox is { ownAddresses: [address, ...], unknownSender?: 'lead' | 'contact', responsible: { userId } | { queue } }.");
  if (!isPlainRecord(given) || !Array.isArray(given.ownAddresses) || !(given.ownAddresses as readonly unknown[]).every((address) => typeof address === 'string')) throw bad();
  if (given.unknownSender !== undefined && given.unknownSender !== 'lead' && given.unknownSender !== 'contact') throw bad();
  const { responsible } = given;
  const isId = (id: unknown): id is string => typeof id === 'string' && id !== '';
  const valid = isPlainRecord(responsible) && (isId(responsible.userId) || (Array.isArray(responsible.queue) && responsible.queue.length > 0 && (responsible.queue as readonly unknown[]).every(isId)));
  if (!valid) throw bad();
  const chosen: WebFormResponsible = isId(responsible.userId) ? { userId: responsible.userId } : { queue: [...(responsible.queue as readonly string[])] };
  return sealPlain({ ownAddresses: [...(given.ownAddresses as readonly string[])], unknownSender: given.unknownSender === 'contact' ? 'contact' : 'lead', responsible: chosen });
}
