import type { ActivityInput } from '../entities/index.js';
import { phoneValueSchema } from '../entities/index.js';
import type { Issue, PathSegment, Result } from '../kernel/index.js';
import { fail, isCrmError, isInstant, isPlainRecord, isSealed, issue, ok, sealPlain, snapshotInput, ValidationError } from '../kernel/index.js';

/**
 * The states of a callback request, in the order a successful one goes through them, then its
 * outcomes. See {@link CALLBACK_TRANSITIONS} for how one leads to another.
 *
 * - `requested`: the client left a number.
 * - `confirmed`: the client was told the request was received; the request waits for a call
 *   (also after a `retry`).
 * - `ringing`: the responsible person's phone rings.
 * - `answered`: the responsible person picked up and hears that the client is being called.
 * - `connecting`: the call to the client is being dialled.
 * - `connected`: the client picked up; they talk.
 * - `completed`: the call ended after they talked.
 * - `no-answer`, `busy`, `failed`: how an attempt ended without a talk; another attempt may follow.
 * - `cancelled`: the request was withdrawn.
 *
 * @example
 * ```ts
 * CALLBACK_STATES.length; //=> 11
 * CALLBACK_STATES[0]; //=> 'requested'
 * ```
 */
export const CALLBACK_STATES = ['requested', 'confirmed', 'ringing', 'answered', 'connecting', 'connected', 'completed', 'no-answer', 'busy', 'failed', 'cancelled'] as const;

/**
 * One of {@link CALLBACK_STATES}.
 */
export type CallbackState = (typeof CALLBACK_STATES)[number];

/**
 * The events a host reports about a callback request; each is a {@link CallbackEvent} `type`.
 *
 * @example
 * ```ts
 * CALLBACK_EVENT_TYPES.includes('hangUp'); //=> true
 * ```
 */
export const CALLBACK_EVENT_TYPES = ['confirm', 'ring', 'answer', 'connect', 'connected', 'hangUp', 'noAnswer', 'busy', 'fail', 'retry', 'cancel'] as const;

/**
 * One of {@link CALLBACK_EVENT_TYPES}.
 */
export type CallbackEventType = (typeof CALLBACK_EVENT_TYPES)[number];

/**
 * The transition table: for each state, the events it accepts and the state each leads to.
 */
export type CallbackTransitionTable = Readonly<Record<CallbackState, Readonly<Partial<Record<CallbackEventType, CallbackState>>>>>;

/**
 * The one transition table of callback requests, as data: `CALLBACK_TRANSITIONS[state][event]` is
 * the next state, `undefined` when the state refuses the event. On top of the table, a request
 * that is over ({@link isCallbackFinal}: completed, cancelled, or ended without a talk on its last
 * allowed attempt) accepts no event at all.
 *
 * | state        | accepts → next state                                                        |
 * | ------------ | --------------------------------------------------------------------------- |
 * | `requested`  | `confirm` → confirmed, `cancel` → cancelled                                 |
 * | `confirmed`  | `ring` → ringing, `cancel` → cancelled                                      |
 * | `ringing`    | `answer` → answered, `noAnswer` → no-answer, `busy` → busy, `fail` → failed |
 * | `answered`   | `connect` → connecting, `fail` → failed                                     |
 * | `connecting` | `connected` → connected, `noAnswer` → no-answer, `busy` → busy, `fail` → failed |
 * | `connected`  | `hangUp` → completed                                                        |
 * | `no-answer`, `busy`, `failed` | `retry` → confirmed, `cancel` → cancelled                  |
 * | `completed`, `cancelled` | nothing                                                         |
 *
 * `noAnswer` and `busy` while `ringing` are the responsible person's; while `connecting`, the
 * client's. A call that reached the client ends with `hangUp`, however it ended.
 *
 * @example
 * ```ts
 * CALLBACK_TRANSITIONS.ringing.answer; //=> 'answered'
 * CALLBACK_TRANSITIONS.busy.retry; //=> 'confirmed'
 * CALLBACK_TRANSITIONS.requested.ring; //=> undefined
 * Object.keys(CALLBACK_TRANSITIONS.completed).length; //=> 0
 * ```
 */
export const CALLBACK_TRANSITIONS: CallbackTransitionTable = /* @__PURE__ */ freezeTable({
  requested: { confirm: 'confirmed', cancel: 'cancelled' },
  confirmed: { ring: 'ringing', cancel: 'cancelled' },
  ringing: { answer: 'answered', noAnswer: 'no-answer', busy: 'busy', fail: 'failed' },
  answered: { connect: 'connecting', fail: 'failed' },
  connecting: { connected: 'connected', noAnswer: 'no-answer', busy: 'busy', fail: 'failed' },
  connected: { hangUp: 'completed' },
  completed: {},
  'no-answer': { retry: 'confirmed', cancel: 'cancelled' },
  busy: { retry: 'confirmed', cancel: 'cancelled' },
  failed: { retry: 'confirmed', cancel: 'cancelled' },
  cancelled: {},
});

function freezeTable(table: CallbackTransitionTable): CallbackTransitionTable {
  for (const row of Object.values(table)) Object.freeze(row);
  return Object.freeze(table);
}

/**
 * Who did not answer, or was busy: the responsible person (while `ringing`) or the client (while
 * `connecting`).
 */
export type CallbackSide = 'responsible' | 'client';

/**
 * What the host reports about a request, with the instant it happened (from the host's clock).
 *
 * - `confirm`: the client was told the request was received.
 * - `ring`: the phone of `userId`, the responsible person, rings; this starts an attempt.
 * - `answer`: the responsible person answered. `connect`: dialling the client started.
 * - `connected`: the client picked up. `hangUp`: the call ended after the client picked up.
 * - `noAnswer`, `busy`: nobody picked up, or the line was busy (whose: see {@link CallbackSide}).
 * - `fail`: the attempt failed otherwise, with an optional `reason` (a line of text).
 * - `retry`: make another attempt. `cancel`: withdraw the request.
 */
export type CallbackEvent =
  | { readonly type: 'confirm'; readonly at: Date }
  | { readonly type: 'ring'; readonly at: Date; readonly userId: string }
  | { readonly type: 'answer'; readonly at: Date }
  | { readonly type: 'connect'; readonly at: Date }
  | { readonly type: 'connected'; readonly at: Date }
  | { readonly type: 'hangUp'; readonly at: Date }
  | { readonly type: 'noAnswer'; readonly at: Date }
  | { readonly type: 'busy'; readonly at: Date }
  | { readonly type: 'fail'; readonly at: Date; readonly reason?: string | undefined }
  | { readonly type: 'retry'; readonly at: Date }
  | { readonly type: 'cancel'; readonly at: Date };

/**
 * How the latest attempt, or the whole request once over, ended.
 */
export type CallbackOutcome =
  | { readonly type: 'completed' }
  | { readonly type: 'no-answer' | 'busy'; readonly side: CallbackSide }
  | { readonly type: 'failed'; readonly reason?: string | undefined }
  | { readonly type: 'cancelled' };

/**
 * The lead or contact a request belongs to; its call activity is bound to it.
 */
export interface CallbackBinding {
  readonly entityType: 'lead' | 'contact';
  readonly id: string;
}

/**
 * One accepted event: its type, the state it led to, and when.
 */
export interface CallbackHistoryEntry {
  readonly event: CallbackEventType;
  readonly state: CallbackState;
  readonly at: Date;
}

/**
 * A callback request, as plain frozen data. `attempts` counts the `ring` events (each starts an
 * attempt) and never exceeds `maxAttempts`. `answeredAt`, `connectedAt`, `endedAt` and `outcome`
 * describe the latest attempt (a `ring` clears them); `outcome` becomes `cancelled` on `cancel`.
 * `history` holds every accepted event, oldest first.
 */
export interface CallbackRequest {
  readonly id: string;
  readonly phone: string;
  readonly state: CallbackState;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly createdAt: Date;
  /** The instant of the latest accepted event (`createdAt` before any). */
  readonly updatedAt: Date;
  /** The person who takes the call: given at creation, then whoever the latest `ring` rang. */
  readonly responsibleId?: string | undefined;
  readonly bound?: CallbackBinding | undefined;
  readonly history: readonly CallbackHistoryEntry[];
  readonly answeredAt?: Date | undefined;
  readonly connectedAt?: Date | undefined;
  readonly endedAt?: Date | undefined;
  readonly outcome?: CallbackOutcome | undefined;
}

/**
 * What {@link createCallbackRequest} needs: the request's id, the client's phone number, the
 * instant it was left, and optionally how many attempts to make (1 to 10, 3 by default), the lead
 * or contact it belongs to, and the person who will take it.
 */
export interface CallbackRequestInput {
  readonly id: string;
  readonly phone: string;
  readonly at: Date;
  readonly maxAttempts?: number | undefined;
  readonly bound?: CallbackBinding | undefined;
  readonly responsibleId?: string | undefined;
}

/**
 * What an accepted event makes: the request after it and, when the request is now over, the call
 * activity to record (once per request).
 */
export interface CallbackPlan {
  readonly request: CallbackRequest;
  readonly activity?: ActivityInput | undefined;
}

// A user or record id, as the entities take one; a phone as the `phone` field type takes it.
const MAX_ID = 128;
const MAX_PHONE = 64;
const MAX_REASON = 255;
const MAX_ATTEMPTS = 10;
const DEFAULT_ATTEMPTS = 3;
const RETRYABLE: readonly CallbackState[] = ['no-answer', 'busy', 'failed'];
const OUTCOMES: readonly CallbackOutcome['type'][] = ['completed', 'no-answer', 'busy', 'failed', 'cancelled'];
const SIDES: readonly CallbackSide[] = ['responsible', 'client'];
const BOUND_TYPES: readonly CallbackBinding['entityType'][] = ['lead', 'contact'];

/**
 * Creates a callback request in state `requested`, with no attempt made yet.
 *
 * @param input - The id, phone, instant, and optional `maxAttempts`, `bound` and `responsibleId`.
 * @returns The request, frozen.
 * @throws {@link ValidationError} `INVALID_ARGUMENT`, with an issue at each faulty key: an id
 * that is not 1 to 128 characters of text, a phone that is not a phone number (digits with the
 * usual separators, at most 64 characters), an `at` that is not a valid Date, a `maxAttempts` that
 * is not a whole number from 1 to 10, a `bound` that is not `{ entityType: 'lead' | 'contact', id }`,
 * or an unknown key. Messages name keys, never values.
 *
 * @example
 * ```ts
 * const request = createCallbackRequest({ id: 'cb-1', phone: '+34 600 123 456', at: new Date('2026-03-02T10:00:00Z'), bound: { entityType: 'lead', id: 'l-7' } });
 * [request.state, request.attempts, request.maxAttempts]; //=> ['requested', 0, 3]
 * Object.isFrozen(request); //=> true
 * createCallbackRequest({ id: 'cb-2', phone: 'call me', at: new Date('2026-03-02T10:00:00Z') }); // throws INVALID_ARGUMENT
 * ```
 */
export function createCallbackRequest(input: CallbackRequestInput): CallbackRequest {
  const reading = readingOf(input, 'The callback request input', []);
  checkKeys(reading, ['id', 'phone', 'at', 'maxAttempts', 'bound', 'responsibleId']);
  const id = field(reading, 'id', isId, '', 'The id must be 1 to 128 characters of text.');
  const phone = field(reading, 'phone', isPhone, '', 'The phone must be a phone number: digits with the usual separators, at most 64 characters.');
  const at = field(reading, 'at', isInstant, EPOCH, 'The at must be a valid Date.');
  const maxAttempts = optional(reading, 'maxAttempts', isWhole(1, MAX_ATTEMPTS), 'The maxAttempts must be a whole number from 1 to 10.') ?? DEFAULT_ATTEMPTS;
  const bound = readBound(reading);
  const responsibleId = optional(reading, 'responsibleId', isId, 'The responsibleId must be 1 to 128 characters of text.');
  throwIfAny(reading);
  return sealPlain({
    id,
    phone,
    state: 'requested',
    attempts: 0,
    maxAttempts,
    createdAt: at,
    updatedAt: at,
    ...(responsibleId === undefined ? {} : { responsibleId }),
    ...(bound === undefined ? {} : { bound }),
    history: [],
  });
}

/**
 * Plans one event of a callback request: checks it against {@link CALLBACK_TRANSITIONS} and
 * returns the request after it. Pure: the request given is not changed.
 *
 * Refused, as returned issues: an event the current state does not accept, or any event once the
 * request is over ({@link isCallbackFinal}), is `INVALID_STAGE_TRANSITION` at `['event', 'type']`;
 * an event whose `at` is before the request's `updatedAt` is `INVALID_DATE` at `['event', 'at']`.
 *
 * When the request is now over, the plan carries its call activity: an outgoing, completed
 * `call` bound to the request's lead or contact, with the phone in `communications`, the
 * responsible person as `assignedById`, `startAt` the latest `ring` (the instant of the event
 * that ended the request when no call was made), `endAt` the end of the latest call (the same
 * fallback), and a description with the outcome, the talk time in seconds
 * ({@link getCallbackTalkSeconds}) and the attempts made.
 *
 * @param request - The request as it is now.
 * @param event - What happened.
 * @returns The plan, or the issues that refuse the event.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed request or event (an unknown
 * type, an `at` that is not a valid Date, a `ring` without a `userId`, a `reason` that is not a line
 * of text, an unknown key, data that is not plain), with issues at `['request', ...]` or
 * `['event', ...]`. Messages name keys, never values.
 *
 * @example
 * ```ts
 * const at = (seconds: number) => new Date(Date.UTC(2026, 2, 2, 10, 0, seconds));
 * const step = (request: CallbackRequest, event: CallbackEvent) => unwrap(planCallbackEvent(request, event));
 * let request = createCallbackRequest({ id: 'cb-1', phone: '+34 600 123 456', at: at(0), bound: { entityType: 'lead', id: 'l-7' } });
 * request = step(request, { type: 'confirm', at: at(1) }).request;
 * request = step(request, { type: 'ring', at: at(2), userId: 'u-ana' }).request;
 * planCallbackEvent(request, { type: 'hangUp', at: at(3) }).success; //=> false
 * request = step(request, { type: 'answer', at: at(3) }).request;
 * request = step(request, { type: 'connect', at: at(4) }).request;
 * request = step(request, { type: 'connected', at: at(10) }).request;
 * const done = step(request, { type: 'hangUp', at: at(55) });
 * [done.request.state, getCallbackTalkSeconds(done.request)]; //=> ['completed', 45]
 * done.activity?.description; //=> 'Callback completed. Talk time: 45 s. Attempts: 1 of 3.'
 * done.activity?.bindings; //=> [{ entityType: 'lead', id: 'l-7' }]
 * const late = planCallbackEvent(request, { type: 'hangUp', at: at(1) });
 * late.success ? [] : late.issues.map((i) => [i.code, ...i.path]); //=> [['INVALID_DATE', 'event', 'at']]
 * ```
 */
export function planCallbackEvent(request: CallbackRequest, event: CallbackEvent): Result<CallbackPlan> {
  const current = readRequest(request);
  const given = readEvent(event);
  const next = nextStateOf(current, given.type);
  const refusals: Issue[] = [];
  if (next === undefined) refusals.push(issue('INVALID_STAGE_TRANSITION', refusalOf(current, given.type), ['event', 'type']));
  if (given.at.getTime() < current.updatedAt.getTime()) {
    refusals.push(issue('INVALID_DATE', "An event cannot come before the request's latest change (updatedAt).", ['event', 'at']));
  }
  if (next === undefined || refusals.length > 0) return fail(refusals);
  const after = sealPlain(advance(current, given, next));
  return ok(sealPlain(isOver(after) ? { request: after, activity: callActivityOf(after) } : { request: after }));
}

/**
 * Whether a request is over and accepts no more events: it is `completed` or `cancelled`, or its
 * latest attempt ended without a talk (`no-answer`, `busy`, `failed`) and it has made
 * `maxAttempts` attempts.
 *
 * @param request - A callback request.
 * @returns `true` when it is over.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed request.
 *
 * @example
 * ```ts
 * const request = createCallbackRequest({ id: 'cb-1', phone: '600 123 456', at: new Date('2026-03-02T10:00:00Z') });
 * isCallbackFinal(request); //=> false
 * isCallbackFinal(unwrap(planCallbackEvent(request, { type: 'cancel', at: new Date('2026-03-02T10:05:00Z') })).request); //=> true
 * ```
 */
export function isCallbackFinal(request: CallbackRequest): boolean {
  return isOver(readRequest(request));
}

/**
 * The talk time of a request's latest attempt, in whole seconds (rounded down): from `connectedAt`
 * (the client picked up) to `endedAt` (the call ended); 0 when the client was never connected.
 * The time the responsible person's phone rang and the dialling are not talk time.
 *
 * @param request - A callback request.
 * @returns The talk time in seconds.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed request.
 *
 * @example
 * ```ts
 * const request = createCallbackRequest({ id: 'cb-1', phone: '600 123 456', at: new Date('2026-03-02T10:00:00Z') });
 * getCallbackTalkSeconds(request); //=> 0
 * ```
 */
export function getCallbackTalkSeconds(request: CallbackRequest): number {
  return talkSecondsOf(readRequest(request));
}

// ---------------------------------------------------------------------------------------------
// The machine

function nextStateOf(request: CallbackRequest, type: CallbackEventType): CallbackState | undefined {
  return isOver(request) ? undefined : CALLBACK_TRANSITIONS[request.state][type];
}

function isOver(request: CallbackRequest): boolean {
  if (request.state === 'completed' || request.state === 'cancelled') return true;
  return RETRYABLE.includes(request.state) && request.attempts >= request.maxAttempts;
}

function refusalOf(request: CallbackRequest, type: CallbackEventType): string {
  if (isOver(request)) return 'The callback request is over: it accepts no more events.';
  return `A callback request in state ${request.state} does not accept the event ${type}.`;
}

type AttemptFields = 'answeredAt' | 'connectedAt' | 'endedAt' | 'outcome';

/** The request after an accepted event that leads to `to`. */
function advance(request: CallbackRequest, event: CallbackEvent, to: CallbackState): CallbackRequest {
  const base: CallbackRequest = { ...request, state: to, updatedAt: event.at, history: [...request.history, { event: event.type, state: to, at: event.at }] };
  switch (event.type) {
    case 'ring':
      return { ...withoutAttempt(base), attempts: request.attempts + 1, responsibleId: event.userId };
    case 'answer':
      return { ...base, answeredAt: event.at };
    case 'connected':
      return { ...base, connectedAt: event.at };
    case 'hangUp':
      return { ...base, endedAt: event.at, outcome: { type: 'completed' } };
    case 'noAnswer':
      return { ...base, endedAt: event.at, outcome: { type: 'no-answer', side: sideOf(request.state) } };
    case 'busy':
      return { ...base, endedAt: event.at, outcome: { type: 'busy', side: sideOf(request.state) } };
    case 'fail':
      return { ...base, endedAt: event.at, outcome: event.reason === undefined ? { type: 'failed' } : { type: 'failed', reason: event.reason } };
    case 'cancel':
      return { ...base, outcome: { type: 'cancelled' } };
    default:
      return base;
  }
}

function withoutAttempt(request: CallbackRequest): Omit<CallbackRequest, AttemptFields> {
  const { answeredAt: _answeredAt, connectedAt: _connectedAt, endedAt: _endedAt, outcome: _outcome, ...rest } = request;
  return rest;
}

// The table lets noAnswer and busy in only while ringing (the responsible person) or connecting (the client).
function sideOf(state: CallbackState): CallbackSide {
  return state === 'ringing' ? 'responsible' : 'client';
}

function talkSecondsOf(request: CallbackRequest): number {
  const { connectedAt, endedAt } = request;
  if (connectedAt === undefined || endedAt === undefined) return 0;
  return Math.max(0, Math.floor((endedAt.getTime() - connectedAt.getTime()) / 1000));
}

function lastRingOf(request: CallbackRequest): Date | undefined {
  return request.history.findLast((entry) => entry.event === 'ring')?.at;
}

/** The call activity of a request that is over. */
function callActivityOf(request: CallbackRequest): ActivityInput {
  const endAt = request.endedAt ?? request.updatedAt;
  const startAt = lastRingOf(request) ?? endAt;
  const { bound, responsibleId } = request;
  return {
    type: 'call',
    subject: `Callback: ${outcomeLabel(request.outcome)}`,
    direction: 'outgoing',
    completed: true,
    startAt,
    endAt,
    description: descriptionOf(request),
    communications: [{ channel: 'phone', value: request.phone, ...(bound === undefined ? {} : { entity: bound }) }],
    ...(bound === undefined ? {} : { bindings: [bound] }),
    ...(responsibleId === undefined ? {} : { assignedById: responsibleId }),
  };
}

// The outcome in short, for the subject; as a sentence, for the description.
function outcomeLabel(outcome: CallbackOutcome | undefined): string {
  switch (outcome?.type) {
    case 'no-answer':
      return `no answer (${outcome.side === 'client' ? 'client' : 'responsible person'})`;
    case 'busy':
      return `busy (${outcome.side === 'client' ? 'client' : 'responsible person'})`;
    case 'completed':
    case 'failed':
      return outcome.type;
    case 'cancelled':
    case undefined:
      return 'cancelled';
  }
}

function outcomeSentence(outcome: CallbackOutcome | undefined): string {
  switch (outcome?.type) {
    case 'no-answer':
      return outcome.side === 'client' ? 'The client did not answer.' : 'The responsible person did not answer.';
    case 'busy':
      return outcome.side === 'client' ? 'The client was busy.' : 'The responsible person was busy.';
    case 'failed':
      return outcome.reason === undefined ? 'The call failed.' : `The call failed: ${outcome.reason}`;
    case 'completed':
      return 'Callback completed.';
    case 'cancelled':
    case undefined:
      return 'Callback cancelled.';
  }
}

function descriptionOf(request: CallbackRequest): string {
  return `${outcomeSentence(request.outcome)} Talk time: ${talkSecondsOf(request)} s. Attempts: ${request.attempts} of ${request.maxAttempts}.`;
}

// ---------------------------------------------------------------------------------------------
// Reading arguments: every problem is collected as an issue at its path, then thrown at once.

type Bag = Readonly<Record<string, unknown>>;

interface Reading {
  readonly bag: Bag;
  readonly path: readonly PathSegment[];
  readonly issues: Issue[];
}

const EPOCH = /* @__PURE__ */ new Date(0);

/** The argument read once into plain data (its own sealed data as it is); not an object is an issue. */
function readingOf(value: unknown, what: string, path: readonly PathSegment[]): Reading {
  const plain = plainData(value, what);
  if (isPlainRecord(plain)) return { bag: plain, path, issues: [] };
  throw malformed([issue('INVALID_ARGUMENT', `${what} must be an object.`, path)]);
}

function plainData(value: unknown, what: string): unknown {
  if (isSealed(value)) return value;
  try {
    return snapshotInput(value, what);
  } catch (error) {
    // A getter, a Proxy, a class instance, an Invalid Date or unstorable text is a malformed argument here.
    if (isCrmError(error, 'NOT_PLAIN_DATA', 'INVALID_TEXT')) {
      throw new ValidationError('INVALID_ARGUMENT', error.message.replace(/^\[crm-kit\] /, ''), { cause: error, issues: [issue('INVALID_ARGUMENT', `${what} must be plain data with storable text.`)] });
    }
    throw error;
  }
}

function nested(reading: Reading, key: string, what: string): Reading | undefined {
  const value = own(reading.bag, key);
  if (value === undefined) return undefined;
  if (isPlainRecord(value)) return { bag: value, path: [...reading.path, key], issues: reading.issues };
  reading.issues.push(issue('INVALID_ARGUMENT', `${what} must be an object.`, [...reading.path, key]));
  return undefined;
}

function own(bag: Bag, key: string): unknown {
  return Object.hasOwn(bag, key) ? bag[key] : undefined;
}

function checkKeys(reading: Reading, known: readonly string[]): void {
  for (const key of Object.keys(reading.bag)) {
    if (!known.includes(key)) reading.issues.push(issue('INVALID_ARGUMENT', `Unknown key; the keys are ${known.join(', ')}.`, [...reading.path, key]));
  }
}

/** A required value; a missing or faulty one is an issue, and `fallback` stands in for it until the reading throws. */
function field<T>(reading: Reading, key: string, accepts: (value: unknown) => value is T, fallback: T, message: string): T {
  const value = own(reading.bag, key);
  if (accepts(value)) return value;
  reading.issues.push(issue('INVALID_ARGUMENT', message, [...reading.path, key]));
  return fallback;
}

function optional<T>(reading: Reading, key: string, accepts: (value: unknown) => value is T, message: string): T | undefined {
  return own(reading.bag, key) === undefined ? undefined : field<T | undefined>(reading, key, accepts, undefined, message);
}

function throwIfAny(reading: Reading): void {
  if (reading.issues.length > 0) throw malformed(reading.issues);
}

function malformed(issues: readonly Issue[]): ValidationError {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ValidationError('INVALID_ARGUMENT', `${issues[0]?.message ?? 'Malformed argument.'}${more}`, { issues });
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max && value.trim() !== '';
}

function isId(value: unknown): value is string {
  return isText(value, MAX_ID);
}

function isReason(value: unknown): value is string {
  return isText(value, MAX_REASON);
}

function isPhone(value: unknown): value is string {
  return isText(value, MAX_PHONE) && phoneValueSchema.safeParse({ value, kind: 'other' }).success;
}

function isWhole(min: number, max: number): (value: unknown) => value is number {
  return (value): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isOneOf<T extends string>(list: readonly T[]): (value: unknown) => value is T {
  return (value): value is T => list.some((item) => item === value);
}

function readBound(reading: Reading): CallbackBinding | undefined {
  const inner = nested(reading, 'bound', 'The bound lead or contact');
  if (inner === undefined) return undefined;
  checkKeys(inner, ['entityType', 'id']);
  const entityType = field(inner, 'entityType', isOneOf(BOUND_TYPES), 'lead', 'The entityType must be lead or contact.');
  const id = field(inner, 'id', isId, '', 'The id must be 1 to 128 characters of text.');
  return { entityType, id };
}

const REQUEST_KEYS: readonly (keyof CallbackRequest)[] = [
  'id', 'phone', 'state', 'attempts', 'maxAttempts', 'createdAt', 'updatedAt', 'responsibleId', 'bound', 'history', 'answeredAt', 'connectedAt', 'endedAt', 'outcome',
];

/** A callback request given back by the host, checked. */
function readRequest(value: unknown): CallbackRequest {
  const reading = readingOf(value, 'The callback request', ['request']);
  checkKeys(reading, REQUEST_KEYS);
  const maxAttempts = field(reading, 'maxAttempts', isWhole(1, MAX_ATTEMPTS), 1, 'The maxAttempts must be a whole number from 1 to 10.');
  const createdAt = field(reading, 'createdAt', isInstant, EPOCH, 'The createdAt must be a valid Date.');
  // Standing in for a faulty updatedAt, createdAt raises no second issue about their order.
  const updatedAt = field(reading, 'updatedAt', isInstant, createdAt, 'The updatedAt must be a valid Date.');
  if (isInstant(own(reading.bag, 'createdAt')) && updatedAt.getTime() < createdAt.getTime()) {
    reading.issues.push(issue('INVALID_ARGUMENT', 'The updatedAt must not be before createdAt.', ['request', 'updatedAt']));
  }
  const request: CallbackRequest = {
    id: field(reading, 'id', isId, '', 'The id must be 1 to 128 characters of text.'),
    phone: field(reading, 'phone', isPhone, '', 'The phone must be a phone number: digits with the usual separators, at most 64 characters.'),
    state: field(reading, 'state', isOneOf(CALLBACK_STATES), 'requested', 'The state must be one of CALLBACK_STATES.'),
    attempts: field(reading, 'attempts', isWhole(0, maxAttempts), 0, 'The attempts must be a whole number from 0 to maxAttempts.'),
    maxAttempts,
    createdAt,
    updatedAt,
    history: readHistory(reading),
  };
  const extra = readAttempt(reading);
  throwIfAny(reading);
  return { ...request, ...extra };
}

function readAttempt(reading: Reading): Partial<Pick<CallbackRequest, 'responsibleId' | 'bound' | AttemptFields>> {
  const responsibleId = optional(reading, 'responsibleId', isId, 'The responsibleId must be 1 to 128 characters of text.');
  const bound = readBound(reading);
  const answeredAt = optional(reading, 'answeredAt', isInstant, 'The answeredAt must be a valid Date.');
  const connectedAt = optional(reading, 'connectedAt', isInstant, 'The connectedAt must be a valid Date.');
  const endedAt = optional(reading, 'endedAt', isInstant, 'The endedAt must be a valid Date.');
  const outcome = readOutcome(reading);
  return {
    ...(responsibleId === undefined ? {} : { responsibleId }),
    ...(bound === undefined ? {} : { bound }),
    ...(answeredAt === undefined ? {} : { answeredAt }),
    ...(connectedAt === undefined ? {} : { connectedAt }),
    ...(endedAt === undefined ? {} : { endedAt }),
    ...(outcome === undefined ? {} : { outcome }),
  };
}

function readHistory(reading: Reading): readonly CallbackHistoryEntry[] {
  const list = own(reading.bag, 'history');
  if (!Array.isArray(list)) {
    reading.issues.push(issue('INVALID_ARGUMENT', 'The history must be a list of { event, state, at }.', [...reading.path, 'history']));
    return [];
  }
  return list.map((entry: unknown, index) => readHistoryEntry(reading, entry, index));
}

function readHistoryEntry(reading: Reading, entry: unknown, index: number): CallbackHistoryEntry {
  const path = [...reading.path, 'history', index];
  if (!isPlainRecord(entry)) {
    reading.issues.push(issue('INVALID_ARGUMENT', 'A history entry must be { event, state, at }.', path));
    return { event: 'confirm', state: 'requested', at: EPOCH };
  }
  const inner: Reading = { bag: entry, path, issues: reading.issues };
  checkKeys(inner, ['event', 'state', 'at']);
  return {
    event: field(inner, 'event', isOneOf(CALLBACK_EVENT_TYPES), 'confirm', 'The event must be one of CALLBACK_EVENT_TYPES.'),
    state: field(inner, 'state', isOneOf(CALLBACK_STATES), 'requested', 'The state must be one of CALLBACK_STATES.'),
    at: field(inner, 'at', isInstant, EPOCH, 'The at must be a valid Date.'),
  };
}

function readOutcome(reading: Reading): CallbackOutcome | undefined {
  const inner = nested(reading, 'outcome', 'The outcome');
  if (inner === undefined) return undefined;
  const type = field(inner, 'type', isOneOf(OUTCOMES), 'completed', 'The outcome type must be completed, no-answer, busy, failed or cancelled.');
  switch (type) {
    case 'no-answer':
    case 'busy':
      checkKeys(inner, ['type', 'side']);
      return { type, side: field(inner, 'side', isOneOf(SIDES), 'client', 'The side must be responsible or client.') };
    case 'failed': {
      checkKeys(inner, ['type', 'reason']);
      const reason = optional(inner, 'reason', isReason, 'The reason must be a line of text of at most 255 characters.');
      return reason === undefined ? { type } : { type, reason };
    }
    default:
      checkKeys(inner, ['type']);
      return { type };
  }
}

/** An event, checked: its type first, since the keys it may have depend on it. */
function readEvent(value: unknown): CallbackEvent {
  const reading = readingOf(value, 'The event', ['event']);
  const type = own(reading.bag, 'type');
  if (!isOneOf(CALLBACK_EVENT_TYPES)(type)) {
    throw malformed([issue('INVALID_ARGUMENT', `The event type must be one of ${CALLBACK_EVENT_TYPES.join(', ')}.`, ['event', 'type'])]);
  }
  const at = field(reading, 'at', isInstant, EPOCH, 'The event at must be a valid Date.');
  const event = eventOf(reading, type, at);
  throwIfAny(reading);
  return event;
}

function eventOf(reading: Reading, type: CallbackEventType, at: Date): CallbackEvent {
  switch (type) {
    case 'ring':
      checkKeys(reading, ['type', 'at', 'userId']);
      return { type, at, userId: field(reading, 'userId', isId, '', 'A ring event names the userId of the person rung: 1 to 128 characters of text.') };
    case 'fail': {
      checkKeys(reading, ['type', 'at', 'reason']);
      const reason = optional(reading, 'reason', isReason, 'The reason must be a line of text of at most 255 characters.');
      return reason === undefined ? { type, at } : { type, at, reason };
    }
    default:
      checkKeys(reading, ['type', 'at']);
      return { type, at };
  }
}
