import type { Principal } from '../../access/index.js';
import { can } from '../../access/index.js';
import type { Activity, Contact, Lead } from '../../entities/index.js';
import type { LinkValue } from '../../fields/index.js';
import type { CallbackEvent, CallbackRequest, ChatMeta, EmailMessage, EmailThread, IntakeControl, IntakeEntityType, SubmissionContext, SubmissionMeta, SubmissionPlan, SubmissionValues, WebForm } from '../../intake/index.js';
import type { Issue, Result } from '../../kernel/index.js';
import { invalidArgument, isCrmError, isPlainRecord, isStorableText, NotFoundError, sealPlain } from '../../kernel/index.js';
import type { RecordPlan } from '../../records/index.js';
import { combineWrites, planCreateRecord, planUpdateRecord } from '../../records/index.js';
import { comparableAddress, digestOf, splitDisplayName } from '../../intake/index.js';
import type { StoreScope } from '../../store/index.js';
import type { StoredRecord } from '../../entities/index.js';
import type { CallbackEventReceipt, CallbackReceipt, EmailReceipt, IntakeService, SubmissionReceipt } from '../types.js';
import type { Context } from './context.js';
import { snapshotArgument } from './context.js';
import { duplicateService } from './duplicates.js';
import { applyWrites, checkNeeds, readableMany } from './records.js';

/**
 * `crm.intake`: web-form submissions from the public internet, written as the intake principal.
 * A submission is read against its form, offered to the host's `accept` hook (spam, rate limits),
 * matched against known contacts with duplicate control, and written with its activity in one
 * transaction; a form posted twice with one idempotency key is written once.
 */
export function intakeService(context: Context, intake: IntakeControl | undefined): IntakeService {
  // One path for every channel: read, ask the hook, find the sender, plan, write once.
  const take = async (source: IntakeSource, payload: unknown, meta: unknown): Promise<SubmissionReceipt> => (await taken(source, payload, meta)).receipt;
  // The receipt, and the plan written when there was one (the callback request is made from it).
  const taken = async (source: IntakeSource, payload: unknown, meta: unknown): Promise<{ readonly receipt: SubmissionReceipt; readonly plan?: SubmissionPlan; readonly values?: SubmissionValues }> => {
    if (intake === undefined) throw new NotFoundError('NOT_FOUND', 'No intake form has this id.');
    // Stryker disable next-line StringLiteral: message text
    const data: unknown = snapshotArgument(payload, 'The submission');
    // Stryker disable next-line StringLiteral: message text
    const checkedMeta = readMeta(snapshotArgument(meta, 'The meta'));
    if (intake.accept !== undefined && !(await intake.accept(sealPlain({ kind: source.kind, formId: source.id, payload: data, meta: checkedMeta })))) return { receipt: { status: 'refused' } };
    const read = intake.readSubmission(source.form, data, checkedMeta.language);
    if (!read.success) return { receipt: { status: 'invalid', issues: read.issues } };
    const { principal } = intake;
    const knownContact = await knownContactOf(context, principal, read.data.contact ?? read.data.lead);
    const prefix = referencePrefix(source.kind, source.id);
    const key = checkedMeta.idempotencyKey;
    const reference = intakeReference(prefix, key ?? context.nextId('activity'));
    // With a key, the activity's id comes from the reference: of two posts at the same instant,
    // the second insert of that id fails, and is told as the repeat it is.
    const activityId = key === undefined ? undefined : `intake-${digestOf(reference)}`;
    const repeat = { receipt: { status: 'accepted', reference: activityId ?? '', repeated: true } } as const;
    try {
      return await context.store.transaction(async (scope) => {
      const activities = scope.repository('activity');
      const [repeated] = (await activities.find({ where: [{ field: 'externalId', op: 'eq', value: reference }], limit: 1 })).items;
      if (repeated !== undefined) return { receipt: { status: 'accepted', reference: repeated.id, repeated: true } };
      const responsibleId = await responsibleOf(scope, source.form, prefix);
      const plan = source.plan(data, {
        at: context.now(),
        newId: (entityType) => (entityType === 'activity' && activityId !== undefined ? activityId : context.nextId(entityType)),
        responsibleId,
        language: checkedMeta.language,
        page: checkedMeta.page,
        knownContact,
        reference,
      });
      if (!plan.success) return { receipt: { status: 'invalid', issues: plan.issues } };
      const writes = recordPlans(context, principal, plan.data, knownContact);
      if (!Array.isArray(writes)) return { receipt: { status: 'invalid', issues: writes.issues } };
      const combined = combineWrites(writes);
      checkNeeds(context, principal, combined);
      await applyWrites(context, scope, combined);
      return { receipt: { status: 'accepted', reference: plan.data.activity.id, repeated: false }, plan: plan.data, values: read.data };
      });
    } catch (error) {
      if (activityId !== undefined && isCrmError(error, 'DUPLICATE_ID') && (await context.store.repository('activity').get(activityId)) !== null) return repeat;
      throw error;
    }
  };
  return Object.freeze({
    async email(message: EmailMessage, options: { readonly direction?: 'inbound' | 'outbound' } = {}): Promise<EmailReceipt> {
      const mailbox = intake?.mailbox;
      if (intake === undefined || mailbox === undefined) throw new NotFoundError('NOT_FOUND', 'This CRM takes in no mailbox.');
      // Stryker disable next-line StringLiteral: message text
      const given: unknown = snapshotArgument<unknown>(options, 'The options');
      if (!isPlainRecord(given) || (given.direction !== undefined && given.direction !== 'inbound' && given.direction !== 'outbound')) {
        throw invalidArgument("options is { direction?: 'inbound' | 'outbound' }.");
      }
      // Stryker disable next-line StringLiteral: message text
      const data = intake.checkEmailMessage(snapshotArgument<unknown>(message, 'The message'));
      const { principal } = intake;
      const outbound = given.direction === 'outbound';
      // The planner checks the message in full; the lookups below read only what it will accept.
      const reference = intake.emailReference(data.messageId);
      const sender = outbound ? undefined : await knownSenderOf(context, principal, data.from);
      const recipients = outbound ? await recipientsOf(context, principal, [...data.to, ...(data.cc ?? [])]) : [];
      return context.store.transaction(async (scope) => {
        const activities = scope.repository('activity');
        // A message delivered again (the same id, from the same address) is recorded once.
        const earlier = (await activities.find({ where: [{ field: 'externalId', op: 'eq', value: reference }], limit: 50 })).items;
        const same = (earlier as readonly Activity[]).find((activity) => activity.communications?.some((item) => item.channel === 'email' && sameAddress(item.value, outbound ? data.to[0]?.address : data.from.address)) === true);
        if (same !== undefined) return { status: 'accepted', reference: same.id, repeated: true };
        const thread = await threadOf(scope, intake.listEmailThreadReferences(data));
        const responsibleId = await responsibleOf(scope, { responsible: mailbox.responsible }, 'email:');
        const base = { at: context.now(), newId: (entityType: 'lead' | 'contact' | 'activity') => context.nextId(entityType), responsibleId, ...(thread === undefined ? {} : { thread }) };
        const plan = outbound
          ? intake.planOutboundEmail(data, { ...base, recipients })
          : intake.planInboundEmail(data, { ...base, ownAddresses: mailbox.ownAddresses, unknownSender: mailbox.unknownSender, ...sender });
        if (!plan.success) return { status: 'invalid', issues: plan.issues };
        const { activity, ignored } = plan.data;
        if (activity === undefined) return { status: 'ignored', reason: ignored ?? 'no-record' };
        const writes = recordPlans(context, principal, { creates: plan.data.creates, activity }, undefined);
        if (!Array.isArray(writes)) return { status: 'invalid', issues: writes.issues };
        const combined = combineWrites(writes);
        checkNeeds(context, principal, combined);
        await applyWrites(context, scope, combined);
        return { status: 'accepted', reference: activity.id, repeated: false };
      });
    },
    async requestCallback(formId: string, payload: unknown, meta: SubmissionMeta = {}): Promise<CallbackReceipt> {
      const form = typeof formId === 'string' ? intake?.forms.get(formId) : undefined;
      if (intake === undefined || form === undefined) throw new NotFoundError('NOT_FOUND', 'No intake form has this id.');
      const phoneField = form.fields.find((field) => field.kind === 'phone' && field.required && (field.target.entity === 'lead' || field.target.entity === 'contact'));
      if (phoneField === undefined) throw invalidArgument('A callback form has a required phone of its lead or contact.');
      const outcome = await taken({ kind: 'callback', id: form.id, form, plan: (given, planContext) => intake.planCallbackSubmission(form, given, planContext) }, payload, meta);
      const { receipt, plan, values } = outcome;
      if (receipt.status !== 'accepted' || plan === undefined || values === undefined) return receipt;
      const entityType = phoneField.target.entity === 'lead' ? 'lead' : 'contact';
      const bound = plan.activity.input.bindings?.find((binding) => binding.entityType === entityType);
      const phones = values[entityType]?.phones as readonly { readonly value: string }[] | undefined;
      const request = intake.createCallbackRequest({
        id: plan.activity.id,
        phone: phones?.[0]?.value ?? '',
        at: plan.activity.input.startAt ?? context.now(),
        ...(bound === undefined ? {} : { bound: { entityType, id: bound.id } }),
        ...(plan.activity.input.assignedById === undefined ? {} : { responsibleId: plan.activity.input.assignedById }),
      });
      return { ...receipt, request };
    },
    async recordCallback(request: CallbackRequest, event: CallbackEvent): Promise<CallbackEventReceipt> {
      if (intake === undefined) throw new NotFoundError('NOT_FOUND', 'This CRM takes in no callbacks.');
      // Stryker disable next-line StringLiteral: message text
      const plan = intake.planCallbackEvent(snapshotArgument(request, 'The request'), snapshotArgument(event, 'The event'));
      if (!plan.success) return { status: 'invalid', issues: plan.issues };
      const { activity, request: after } = plan.data;
      if (activity === undefined) return { status: 'accepted', request: after };
      const { principal } = intake;
      // The call activity of a request is written once: a step reported twice finds it.
      const reference = `callback:${digestOf(after.id)}:${after.id}`.slice(0, 255);
      const id = `intake-${digestOf(reference)}`;
      const planned = planCreateRecord(context.rules.activity, principal, { ...activity, externalId: reference }, { id, at: context.now() });
      if (!planned.success) return { status: 'invalid', issues: planned.issues.map((found) => ({ ...found, path: ['activity', ...found.path] })) };
      checkNeeds(context, principal, planned.data);
      const written = await context.store.transaction(async (scope) => {
        if ((await scope.repository('activity').get(id)) !== null) return false;
        // The record a request is bound to must be one the principal may read.
        if (after.bound !== undefined && (await readableMany(context, principal, scope, after.bound.entityType, [after.bound.id])).length === 0) {
          throw new NotFoundError('NOT_FOUND', 'The record the callback request is bound to cannot be found.');
        }
        await applyWrites(context, scope, planned.data);
        return true;
      });
      return { status: 'accepted', request: after, activityId: id, ...(written ? {} : { repeated: true }) };
    },
    submit(formId: string, payload: unknown, meta: SubmissionMeta = {}): Promise<SubmissionReceipt> {
      const form = typeof formId === 'string' ? intake?.forms.get(formId) : undefined;
      if (intake === undefined || form === undefined) return Promise.reject(new NotFoundError('NOT_FOUND', 'No intake form has this id.'));
      return take({ kind: 'webform', id: form.id, form, plan: (payload, planContext) => intake.planSubmission(form, payload, planContext) }, payload, meta);
    },
    chat(channelId: string, answers: unknown, meta: ChatMeta = {}): Promise<SubmissionReceipt> {
      const channel = typeof channelId === 'string' ? intake?.chats.get(channelId) : undefined;
      if (intake === undefined || channel === undefined) return Promise.reject(new NotFoundError('NOT_FOUND', 'No chat channel has this id.'));
      // Stryker disable next-line StringLiteral: message text
      const transcript: unknown = isPlainRecord(meta) && meta.transcript !== undefined ? snapshotArgument(meta.transcript, 'The transcript') : undefined;
      const { transcript: _given, ...rest } = isPlainRecord(meta) ? meta : {};
      return take(
        { kind: 'chat', id: channel.id, form: channel.form, plan: (payload, planContext) => intake.planChatContact(channel, payload, { ...planContext, transcript: transcript as ChatMeta['transcript'] }) },
        answers,
        rest,
      );
    },
  });
}

/** Where a submission comes from: a web form or a chat channel, with its form and planner. */
interface IntakeSource {
  readonly kind: 'webform' | 'callback' | 'chat';
  readonly id: string;
  readonly form: WebForm;
  readonly plan: (payload: unknown, context: SubmissionContext) => Result<SubmissionPlan>;
}

function readMeta(meta: unknown): SubmissionMeta {
  if (!isPlainRecord(meta)) throw invalidArgument('meta is { idempotencyKey?, language?, page? }.');
  const { idempotencyKey, language, page } = meta;
  const text = (value: unknown, most: number): boolean => value === undefined || (typeof value === 'string' && value !== '' && value.length <= most && isStorableText(value));
  if (!text(idempotencyKey, 200) || !text(language, 35)) throw invalidArgument('idempotencyKey and language are non-empty texts of at most 200 and 35 characters.');
  if (page !== undefined && !isPlainRecord(page)) throw invalidArgument('page is { url?, utm? }.');
  return sealPlain({ ...(idempotencyKey === undefined ? {} : { idempotencyKey }), ...(language === undefined ? {} : { language }), ...(page === undefined ? {} : { page }) }) as SubmissionMeta;
}

// The sender as a stored contact, when duplicate control knows them by what they sent (e-mail,
// phone, name): the best candidate the intake principal may read.
async function knownContactOf(context: Context, principal: Principal, values: Readonly<Record<string, unknown>> | undefined): Promise<Contact | undefined> {
  return (await knownRecordOf(context, principal, 'contact', values)) as Contact | undefined;
}

/**
 * The record of a type the sender is, by duplicate control: the best candidate its check scores
 * above the threshold; else the one record (and only one) the principal may read that holds one of
 * the sent e-mails or phones at the duplicates module's own equality (`isAutoMergeable` of the two
 * values alone), since an address or number alone scores below the threshold (many share one).
 */
async function knownRecordOf(context: Context, principal: Principal, type: 'contact' | 'lead', values: Readonly<Record<string, unknown>> | undefined): Promise<StoredRecord | undefined> {
  const { duplicates, store } = context;
  if (duplicates === undefined || store.matchKeys === undefined || values === undefined || !can(context.access, principal, 'read', type)) return undefined;
  const probe: Record<string, unknown> = {};
  for (const code of ['firstName', 'secondName', 'lastName', 'phones', 'emails']) if (values[code] !== undefined) probe[code] = values[code];
  if (probe.phones === undefined && probe.emails === undefined) return undefined;
  const [best] = await duplicateService(context, principal).check(type, probe);
  if (best !== undefined) return (await store.repository(type).get(best.id)) ?? undefined;
  const matcher = duplicates.matcher(type);
  const hits = await store.matchKeys.lookup(type, matcher.lookupKeysOf(probe));
  const ids = [...new Set(hits.map((hit) => hit.id))].slice(0, 50);
  const { criteria, fields, defaultRegion } = duplicates.options(type);
  const holders = (await readableMany(context, principal, store, type, ids)).filter((record) =>
    (['emails', 'phones'] as const).some((field) => {
      const sent = Array.isArray(probe[field]) ? (probe[field] as readonly unknown[]) : [];
      const held = (record as unknown as Readonly<Record<string, unknown>>)[field];
      return (Array.isArray(held) ? (held as readonly unknown[]) : []).some((one) =>
        sent.some((value) => duplicates.control.isAutoMergeable([{ [field]: [value], assignedById: '-' }, { [field]: [one], assignedById: '-' }], { entityType: type, criteria, fields, defaultRegion })),
      );
    }),
  );
  return holders.length === 1 ? holders[0] : undefined;
}

/** The start of every reference of one form or channel: its kind and id, the id's length first so that no id can be the start of another's. */
function referencePrefix(kind: string, id: string): string {
  return `${kind}:${String(id.length)}:${id}:`;
}

/** A submission's reference: the prefix and the key, with a digest in place of a key too long for an external id. */
function intakeReference(prefix: string, key: string): string {
  const plain = `${prefix}${key}`;
  return plain.length <= 255 ? plain : `${prefix}#${digestOf(key)}`;
}

function sameAddress(a: string, b: string | undefined): boolean {
  return b !== undefined && comparableAddress(a) === comparableAddress(b);
}

// The contact a sender is known as, or else the lead, by duplicate control's match on the address.
async function knownSenderOf(context: Context, principal: Principal, sender: EmailMessage['from']): Promise<{ readonly knownContact?: Contact; readonly knownLead?: Lead }> {
  if (context.duplicates === undefined || context.store.capabilities.matchKeys !== true) return {};
  const probe = probeOf(sender);
  const knownContact = await knownContactOf(context, principal, probe);
  if (knownContact !== undefined) return { knownContact };
  const knownLead = await knownRecordOf(context, principal, 'lead', probe);
  return knownLead === undefined ? {} : { knownLead: knownLead as Lead };
}

// What duplicate control compares of an address: the address, and the display name split at its
// last space as the planner splits it (an address alone is weak evidence: many share info@).
function probeOf(sender: EmailMessage['from']): Record<string, unknown> {
  return { ...splitDisplayName(sender.name), emails: [{ value: sender.address, kind: 'work' }] };
}

// The known contacts an outbound message went to (the first 20 addresses).
async function recipientsOf(context: Context, principal: Principal, addresses: readonly EmailMessage['from'][]): Promise<readonly LinkValue[]> {
  const found: LinkValue[] = [];
  for (const address of addresses.slice(0, 20)) {
    const known = await knownContactOf(context, principal, probeOf(address));
    if (known !== undefined && !found.some((link) => link.id === known.id)) found.push({ entityType: 'contact', id: known.id });
  }
  return found;
}

// The earlier activity of the message's thread: the first of its references an activity carries.
async function threadOf(scope: StoreScope, references: readonly string[]): Promise<EmailThread | undefined> {
  for (const reference of references) {
    const [earlier] = (await scope.repository('activity').find({ where: [{ field: 'externalId', op: 'eq', value: reference }], limit: 1 })).items;
    const bindings = (earlier as Activity | undefined)?.bindings ?? [];
    if (earlier !== undefined && bindings.length > 0) return { activityId: earlier.id, bindings };
  }
  return undefined;
}

// The form's person, or the next of its queue: each submission of the form (through this channel)
// so far took one turn.
async function responsibleOf(scope: StoreScope, form: Pick<WebForm, 'responsible'>, prefix: string): Promise<string> {
  if ('userId' in form.responsible) return form.responsible.userId;
  const { queue } = form.responsible;
  const taken = await scope.repository('activity').count({ where: [{ field: 'externalId', op: 'startsWith', value: prefix }] });
  return queue[taken % queue.length] ?? queue[0] ?? '';
}

// Each record of the plan through the record planners, as the intake principal writes it; or the
// issues of the first that cannot be written, at the entity and field.
function recordPlans(context: Context, principal: Principal, plan: SubmissionPlan, known: Contact | undefined): RecordPlan[] | { readonly issues: readonly Issue[] } {
  const at = context.now();
  const plans: RecordPlan[] = [];
  const fail = (entityType: IntakeEntityType | 'activity', issues: readonly Issue[]): { readonly issues: readonly Issue[] } => ({
    issues: issues.map((found) => ({ ...found, path: [entityType, ...found.path] })),
  });
  for (const create of plan.creates) {
    const planned = planCreateRecord(context.rules[create.entityType], principal, create.input, { id: create.id, at });
    if (!planned.success) return fail(create.entityType, planned.issues);
    plans.push(planned.data);
  }
  // A principal that may not change the contact only links it: the answer must not differ
  // between a known sender and a new one.
  if (plan.contactUpdate !== undefined && known !== undefined && can(context.access, principal, 'update', 'contact', known)) {
    const planned = planUpdateRecord(context.rules.contact, principal, known, plan.contactUpdate.changes, { at });
    if (!planned.success) return fail('contact', planned.issues);
    plans.push(planned.data);
  }
  const activity = planCreateRecord(context.rules.activity, principal, plan.activity.input, { id: plan.activity.id, at });
  if (!activity.success) return fail('activity', activity.issues);
  plans.push(activity.data);
  return plans;
}
