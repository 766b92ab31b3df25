import type { Principal } from '../../access/index.js';
import type { Contact } from '../../entities/index.js';
import type { ChatMeta, IntakeControl, IntakeEntityType, SubmissionContext, SubmissionMeta, SubmissionPlan, WebForm } from '../../intake/index.js';
import type { Issue, Result } from '../../kernel/index.js';
import { invalidArgument, isPlainRecord, isStorableText, NotFoundError, sealPlain } from '../../kernel/index.js';
import type { RecordPlan } from '../../records/index.js';
import { combineWrites, planCreateRecord, planUpdateRecord } from '../../records/index.js';
import type { StoreScope } from '../../store/index.js';
import type { IntakeService, SubmissionReceipt } from '../types.js';
import type { Context } from './context.js';
import { snapshotArgument } from './context.js';
import { duplicateService } from './duplicates.js';
import { applyWrites, checkNeeds } from './records.js';

/**
 * `crm.intake`: web-form submissions from the public internet, written as the intake principal.
 * A submission is read against its form, offered to the host's `accept` hook (spam, rate limits),
 * matched against known contacts with duplicate control, and written with its activity in one
 * transaction; a form posted twice with one idempotency key is written once.
 */
export function intakeService(context: Context, intake: IntakeControl | undefined): IntakeService {
  // One path for every channel: read, ask the hook, find the sender, plan, write once.
  const take = async (source: IntakeSource, payload: unknown, meta: unknown): Promise<SubmissionReceipt> => {
    if (intake === undefined) throw new NotFoundError('NOT_FOUND', 'No intake form has this id.');
    // Stryker disable next-line StringLiteral: message text
    const data: unknown = snapshotArgument(payload, 'The submission');
    const checkedMeta = readMeta(meta);
    if (intake.accept !== undefined && !(await intake.accept(sealPlain({ kind: source.kind, formId: source.id, payload: data, meta: checkedMeta })))) return { status: 'refused' };
    const read = intake.readSubmission(source.form, data, checkedMeta.language);
    if (!read.success) return { status: 'invalid', issues: read.issues };
    const { principal } = intake;
    const knownContact = await knownContactOf(context, principal, read.data.contact ?? read.data.lead);
    const prefix = `${source.kind}:${source.id}:`;
    const reference = `${prefix}${checkedMeta.idempotencyKey ?? context.nextId('activity')}`;
    return context.store.transaction(async (scope) => {
      const activities = scope.repository('activity');
      const [repeated] = (await activities.find({ where: [{ field: 'externalId', op: 'eq', value: reference }], limit: 1 })).items;
      if (repeated !== undefined) return { status: 'accepted', reference: repeated.id, repeated: true };
      const responsibleId = await responsibleOf(scope, source.form, prefix);
      const plan = source.plan(data, {
        at: context.now(),
        newId: (entityType) => context.nextId(entityType),
        responsibleId,
        language: checkedMeta.language,
        page: checkedMeta.page,
        knownContact,
        reference,
      });
      if (!plan.success) return { status: 'invalid', issues: plan.issues };
      const writes = recordPlans(context, principal, plan.data, knownContact);
      if (!Array.isArray(writes)) return { status: 'invalid', issues: writes.issues };
      const combined = combineWrites(writes);
      checkNeeds(context, principal, combined);
      await applyWrites(context, scope, combined);
      return { status: 'accepted', reference: plan.data.activity.id, repeated: false };
    });
  };
  return Object.freeze({
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
  readonly kind: 'webform' | 'chat';
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
  if (context.duplicates === undefined || context.store.capabilities.matchKeys !== true || values === undefined) return undefined;
  const probe: Record<string, unknown> = {};
  for (const code of ['firstName', 'secondName', 'lastName', 'phones', 'emails']) if (values[code] !== undefined) probe[code] = values[code];
  if (probe.phones === undefined && probe.emails === undefined) return undefined;
  const [best] = await duplicateService(context, principal).check('contact', probe);
  if (best === undefined) return undefined;
  const found = await context.store.repository('contact').get(best.id);
  return found === null ? undefined : (found as Contact);
}

// The form's person, or the next of its queue: each submission of the form (through this channel)
// so far took one turn.
async function responsibleOf(scope: StoreScope, form: WebForm, prefix: string): Promise<string> {
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
  if (plan.contactUpdate !== undefined && known !== undefined) {
    const planned = planUpdateRecord(context.rules.contact, principal, known, plan.contactUpdate.changes, { at });
    if (!planned.success) return fail('contact', planned.issues);
    plans.push(planned.data);
  }
  const activity = planCreateRecord(context.rules.activity, principal, plan.activity.input, { id: plan.activity.id, at });
  if (!activity.success) return fail('activity', activity.issues);
  plans.push(activity.data);
  return plans;
}
