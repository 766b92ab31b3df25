import * as z from 'zod';
import type { LinkValue } from '../fields/index.js';
import { ACTIVITY_FIELD_TABLE } from '../fields/index.js';
import type { Defaulted, EntityForms } from './_internal/forms.js';
import { exactly, STATIC_CUSTOM } from './_internal/forms.js';
import { standardForms } from './_internal/standard-forms.js';
import { lineText, linkList, linkValue, lowerCode, plainObject } from './_internal/values.js';
import type { Clearable, ExternalIdField, RecordInput, StoredRecord } from './record.js';

/**
 * The standard activity types. Extendable: any lower-snake code (`site_visit`) is accepted.
 *
 * @example
 * ```ts
 * ACTIVITY_TYPES; //=> ['call', 'email', 'meeting', 'task', 'other']
 * activityInputSchema.safeParse({ type: 'site_visit', subject: 'Visit the plant' }).success; //=> true
 * ```
 */
export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'task', 'other'] as const;

/**
 * Which way a call or an e-mail went.
 *
 * @example
 * ```ts
 * ACTIVITY_DIRECTIONS; //=> ['incoming', 'outgoing']
 * ```
 */
export const ACTIVITY_DIRECTIONS = ['incoming', 'outgoing'] as const;

/**
 * One of {@link ACTIVITY_DIRECTIONS}.
 */
export type ActivityDirection = (typeof ACTIVITY_DIRECTIONS)[number];

/**
 * The channels an activity's communications go through.
 *
 * @example
 * ```ts
 * COMMUNICATION_CHANNELS; //=> ['phone', 'email', 'messenger']
 * ```
 */
export const COMMUNICATION_CHANNELS = ['phone', 'email', 'messenger'] as const;

/**
 * One of {@link COMMUNICATION_CHANNELS}.
 */
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];

/**
 * A phone number, e-mail address or messenger handle an activity used, and optionally the
 * record it belongs to.
 */
export interface ActivityCommunication {
  readonly channel: CommunicationChannel;
  readonly value: string;
  readonly entity?: LinkValue | undefined;
}

/**
 * The optional fields of an activity, which people may clear.
 */
export interface ActivityFields extends ExternalIdField {
  readonly description?: string | undefined;
  /** For calls and e-mails: whether it came in or went out. */
  readonly direction?: ActivityDirection | undefined;
  readonly startAt?: Date | undefined;
  /** Not before `startAt`. */
  readonly endAt?: Date | undefined;
  readonly deadlineAt?: Date | undefined;
  readonly location?: string | undefined;
  /** The records the activity concerns (leads, contacts, companies, deals, quotes, invoices). */
  readonly bindings?: readonly LinkValue[] | undefined;
  readonly communications?: readonly ActivityCommunication[] | undefined;
}

/**
 * An activity as it is created: `type` and `subject` are required; `completed` defaults to `false`.
 *
 * @example
 * ```ts
 * const input: ActivityInput = { type: 'call', subject: 'Follow-up call', direction: 'outgoing', bindings: [{ entityType: 'deal', id: 'd-1' }] };
 * activityInputSchema.parse(input).completed; //=> false
 * ```
 */
export interface ActivityInput extends ActivityFields, RecordInput {
  /** One of {@link ACTIVITY_TYPES}, or a host's own lower-snake code. */
  readonly type: string;
  readonly subject: string;
  readonly completed?: boolean | undefined;
}

/**
 * A change to an activity: every field optional; `null` clears a field of {@link ActivityFields}.
 */
export interface ActivityPatch extends Clearable<ActivityFields>, RecordInput {
  readonly type?: string | undefined;
  readonly subject?: string | undefined;
  readonly completed?: boolean | undefined;
}

/**
 * A stored activity. `assignedById` is the person responsible for it.
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-02T10:00:00Z');
 * const call: Activity = {
 *   id: 'a-1', version: 2, createdAt: at, updatedAt: at, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {},
 *   type: 'call', subject: 'Follow-up call', completed: true, completedAt: at,
 * };
 * activitySchema.safeParse(call).success; //=> true
 * ```
 */
export interface Activity extends StoredRecord, ActivityFields {
  readonly type: string;
  readonly subject: string;
  readonly completed: boolean;
  /** When it was marked completed. */
  readonly completedAt?: Date | undefined;
}

const communicationSchema: z.ZodType<ActivityCommunication, ActivityCommunication> = /* @__PURE__ */ plainObject({
  channel: /* @__PURE__ */ z.enum(COMMUNICATION_CHANNELS),
  value: lineText,
  entity: /* @__PURE__ */ linkValue.optional(),
});

// An activity ends when or after it starts (checked when both are given).
function endsAfterStart(activity: object, context: z.core.$RefinementCtx): void {
  const { startAt, endAt } = activity as { readonly startAt?: unknown; readonly endAt?: unknown };
  if (startAt instanceof Date && endAt instanceof Date && endAt.getTime() < startAt.getTime()) {
    context.addIssue({ code: 'custom', path: ['endAt'], message: 'An activity cannot end before it starts.' });
  }
}

const forms = /* @__PURE__ */ (() =>
  standardForms(ACTIVITY_FIELD_TABLE, {
    schemas: { type: lowerCode, direction: z.enum(ACTIVITY_DIRECTIONS), bindings: linkList, communications: z.array(communicationSchema) },
    presence: { type: 'required', subject: 'required', completed: { default: false }, completedAt: 'optional' },
    check: endsAfterStart,
  }))();

/** How activities build their three forms around a `custom` slot. */
export const activityForms: EntityForms<ActivityInput, ActivityPatch, Activity> = {
  input: (custom) => exactly<ActivityInput, Defaulted<ActivityInput, 'completed'>>()(forms.input(custom)),
  patch: (custom) => exactly<ActivityPatch>()(forms.patch(custom)),
  stored: (custom) => exactly<Activity>()(forms.stored(custom)),
};

/**
 * The zod schema of a new activity ({@link ActivityInput}); unknown keys are refused and
 * `custom` is any bag keyed by field codes. To check custom values too, use
 * `entitySchema(registry, 'input')`.
 *
 * @example
 * ```ts
 * const start = new Date('2026-03-02T10:00:00Z');
 * activityInputSchema.safeParse({ type: 'meeting', subject: 'Demo', startAt: start, endAt: new Date('2026-03-02T11:00:00Z') }).success; //=> true
 * activityInputSchema.safeParse({ type: 'meeting', subject: 'Demo', startAt: start, endAt: new Date('2026-03-02T09:00:00Z') }).success; //=> false
 * activityInputSchema.safeParse({ type: 'Meeting', subject: 'Demo' }).success; //=> false
 * ```
 */
export const activityInputSchema: z.ZodType<ActivityInput> = /* @__PURE__ */ (() => activityForms.input(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a change to an activity ({@link ActivityPatch}).
 *
 * @example
 * ```ts
 * activityPatchSchema.safeParse({ completed: true }).success; //=> true
 * activityPatchSchema.safeParse({ subject: null }).success; //=> false
 * ```
 */
export const activityPatchSchema: z.ZodType<ActivityPatch> = /* @__PURE__ */ (() => activityForms.patch(STATIC_CUSTOM.optional))();

/**
 * The zod schema of a stored activity ({@link Activity}).
 *
 * @example
 * ```ts
 * activitySchema.safeParse({ type: 'call', subject: 'Call' }).success; //=> false
 * ```
 */
export const activitySchema: z.ZodType<Activity> = /* @__PURE__ */ (() => activityForms.stored(STATIC_CUSTOM.stored))();
