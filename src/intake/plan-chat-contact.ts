import type { Result } from '../kernel/index.js';
import { invalidArgument, isInstant, isPlainRecord, isStorableText, sealPlain, ValidationError, issue } from '../kernel/index.js';
import type { SubmissionContext, SubmissionPlan } from './plan-submission.js';
import { planIntake } from './plan-submission.js';
import { clip, LONG_TEXT } from './_internal/text.js';
import type { WebForm, WebFormInput } from './web-form.js';
import { defineWebForm, isWebForm } from './web-form.js';

/**
 * A live-chat channel: the form it asks a visitor to fill in before or during a chat, whose scheme
 * is a lead or a contact.
 */
export interface ChatChannel {
  readonly id: string;
  readonly name: string;
  readonly form: WebForm;
}

/** One line of a chat, as the host's chat widget recorded it. */
export interface ChatLine {
  readonly at: Date;
  readonly from: 'visitor' | 'operator';
  readonly text: string;
}

/** What the host knows of a chat beyond the answers: a submission's context, and the chat itself. */
export interface ChatContext extends SubmissionContext {
  /** The chat so far, oldest first (at most 1,000 lines of at most 10,000 characters). */
  readonly transcript?: readonly ChatLine[] | undefined;
}

const MOST_LINES = 1_000;
const MOST_LINE_LENGTH = 10_000;

/**
 * Checks a live-chat channel: its id, name and contact form (a lead or contact scheme).
 *
 * @param input - `{ id, name, form }`, the form as {@link defineWebForm} takes it (or made by it).
 * @returns The channel, frozen.
 * @throws {@link ValidationError} `INVALID_ARGUMENT`: the form's issues, or one at `['form',
 * 'scheme']` for a scheme other than `lead` or `contact`.
 *
 * @example
 * ```ts
 * const channel = defineChatChannel({
 *   id: 'site-chat', name: 'Website chat',
 *   form: { id: 'chat-form', name: 'Before we chat', scheme: 'lead', languages: ['en'], responsible: { userId: 'u-ana' }, fields: [
 *     { name: 'name', target: { entity: 'lead', field: 'firstName' }, labels: { en: 'Your name' }, required: true },
 *     { name: 'email', target: { entity: 'lead', field: 'emails' }, labels: { en: 'E-mail' } },
 *   ] },
 * });
 * channel.form.scheme; //=> 'lead'
 * defineChatChannel({ ...channel, form: { ...channel.form, scheme: 'deal+contact' } }); // throws INVALID_ARGUMENT
 * ```
 */
export function defineChatChannel(input: { readonly id: string; readonly name: string; readonly form: WebForm | WebFormInput }): ChatChannel {
  if (!isPlainRecord(input)) throw invalidArgument('A chat channel is { id, name, form }.');
  const { id, name } = input;
  const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= 255 && isStorableText(value);
  if (!text(id) || !text(name)) throw invalidArgument('A chat channel has an id and a name, each a non-empty text of at most 255 characters.');
  const form = defineWebForm(input.form);
  if (form.scheme !== 'lead' && form.scheme !== 'contact') {
    throw new ValidationError('INVALID_ARGUMENT', "A chat channel's form makes a lead or a contact.", { issues: [issue('INVALID_VALUE', 'The scheme is lead or contact.', ['form', 'scheme'])] });
  }
  return sealPlain({ id, name, form });
}

/**
 * Plans what a visitor's answers to a chat channel's form write, as a web form submission does
 * ({@link planSubmission}: the lead or contact made, or a known contact linked and completed with
 * only what it lacks), stamped with the source `WEB` and the channel's name, and recorded as a
 * `chat` activity holding the answers and the transcript (each line with its time in UTC), from
 * the first line to the last.
 *
 * @param channel - The channel, from {@link defineChatChannel}.
 * @param answers - The visitor's answers by field name, as a form's payload.
 * @param context - A submission's context (instant, ids, responsible person, language, known
 * contact) and the transcript.
 * @returns The plan, or the visitor's issues (as {@link readSubmission}).
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a context or transcript that is not valid.
 *
 * @example
 * ```ts
 * const channel = defineChatChannel({ id: 'site-chat', name: 'Website chat', form: { id: 'chat-form', name: 'Before we chat', scheme: 'lead', languages: ['en'], responsible: { userId: 'u-ana' }, fields: [
 *   { name: 'name', target: { entity: 'lead', field: 'firstName' }, labels: { en: 'Your name' }, required: true },
 * ] } });
 * const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 10, minute));
 * let n = 0;
 * const plan = planChatContact(channel, { name: 'Ana' }, {
 *   at: at(3), newId: () => `r-${String(++n)}`, responsibleId: 'u-ana',
 *   transcript: [{ at: at(0), from: 'visitor', text: 'Do you ship to Chile?' }, { at: at(2), from: 'operator', text: 'We do!' }],
 * });
 * plan.success && plan.data.creates[0]?.input; //=> { title: 'Before we chat', firstName: 'Ana', assignedById: 'u-ana', source: 'WEB', sourceDescription: 'Live chat: Website chat' }
 * plan.success && plan.data.activity.input.description; //=> 'Your name: Ana\n\n10:00 visitor: Do you ship to Chile?\n10:02 operator: We do!'
 * ```
 */
export function planChatContact(channel: ChatChannel, answers: unknown, context: ChatContext): Result<SubmissionPlan> {
  if (!isPlainRecord(channel) || !isWebForm(channel.form) || typeof channel.name !== 'string') throw invalidArgument('planChatContact takes a channel from defineChatChannel.');
  const transcript = readTranscript(isPlainRecord(context) ? context.transcript : undefined);
  const first = transcript[0];
  const last = transcript.at(-1);
  return planIntake(channel.form, answers, context, (summary) => ({
    type: 'chat',
    subject: `Live chat: ${channel.name}`,
    source: 'WEB',
    sourceDescription: `Live chat: ${channel.name}`,
    // Cut to what a description holds: a very long chat keeps its beginning.
    description: clip([summary, transcript.map((line) => `${line.at.toISOString().slice(11, 16)} ${line.from}: ${line.text}`).join('\n')].filter((part) => part !== '').join('\n\n'), LONG_TEXT),
    startAt: first?.at ?? context.at,
    ...(last === undefined ? {} : { endAt: last.at }),
  }));
}

function readTranscript(given: unknown): readonly ChatLine[] {
  if (given === undefined) return [];
  if (!Array.isArray(given) || given.length > MOST_LINES) throw invalidArgument(`transcript is a list of at most ${String(MOST_LINES)} lines.`);
  let previous = Number.NEGATIVE_INFINITY;
  return Array.from(given as readonly unknown[]).map((line) => {
    if (!isPlainRecord(line) || !isInstant(line.at) || (line.from !== 'visitor' && line.from !== 'operator') || typeof line.text !== 'string' || line.text.length > MOST_LINE_LENGTH || !isStorableText(line.text)) {
      throw invalidArgument(`A transcript line is { at: Date, from: 'visitor' | 'operator', text } with at most ${String(MOST_LINE_LENGTH)} characters of text.`);
    }
    if (line.at.getTime() < previous) throw invalidArgument('A transcript is oldest first.');
    previous = line.at.getTime();
    return { at: line.at, from: line.from, text: line.text };
  });
}
