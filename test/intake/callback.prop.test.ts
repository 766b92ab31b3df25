import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityInputSchema } from 'crm-kit';
import { CALLBACK_EVENT_TYPES, CALLBACK_TRANSITIONS, createCallbackRequest, getCallbackTalkSeconds, isCallbackFinal, planCallbackEvent } from '../../src/intake/callback.js';
import type { CallbackEvent, CallbackEventType, CallbackPlan, CallbackRequest } from '../../src/intake/callback.js';

const START = Date.UTC(2026, 2, 2, 10, 0, 0);

/**
 * One step of a run, some milliseconds after (or before) the latest change: the first event the
 * table allows from the current state other than `cancel` (the way to a completed call: happy),
 * any such event (forward), a `cancel`, or any event at all.
 */
interface Step {
  readonly kind: 'happy' | 'forward' | 'cancel' | 'any';
  readonly pick: number;
  readonly delayMs: number;
  readonly userId: string;
  readonly reason: string | undefined;
}
const stepArb: fc.Arbitrary<Step> = fc.record({
  // Forward steps dominate, or a run would rarely get past the first cancel.
  kind: fc.constantFrom<Step['kind']>('happy', 'happy', 'happy', 'happy', 'forward', 'forward', 'forward', 'forward', 'cancel', 'any', 'any'),
  pick: fc.nat(),
  // Mostly forwards; now and then back in time.
  delayMs: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 90_000 }) }, { weight: 1, arbitrary: fc.integer({ min: -5_000, max: -1 }) }),
  userId: fc.constantFrom('u-ana', 'u-bob'),
  reason: fc.option(fc.constantFrom('Line dropped', 'Number not in service'), { nil: undefined }),
});
const runArb = fc.record({ maxAttempts: fc.integer({ min: 1, max: 4 }), steps: fc.array(stepArb, { maxLength: 60, size: 'medium' }) });

// The documented rule, written out here: a request is over once completed or cancelled, or once an
// attempt ended without a talk and no attempt is left.
const RETRYABLE: ReadonlySet<string> = new Set(['no-answer', 'busy', 'failed']);
const isOver = (request: CallbackRequest): boolean =>
  request.state === 'completed' || request.state === 'cancelled' || (RETRYABLE.has(request.state) && request.attempts >= request.maxAttempts);

function typeOf(request: CallbackRequest, step: Step): CallbackEventType {
  if (step.kind === 'cancel') return 'cancel';
  const forward = CALLBACK_EVENT_TYPES.filter((type) => type !== 'cancel' && CALLBACK_TRANSITIONS[request.state][type] !== undefined);
  if (step.kind === 'happy' && forward[0] !== undefined) return forward[0];
  const from = step.kind !== 'any' && forward.length > 0 ? forward : CALLBACK_EVENT_TYPES;
  return from[step.pick % from.length] ?? 'confirm';
}

function eventOf(request: CallbackRequest, step: Step): CallbackEvent {
  const type = typeOf(request, step);
  const at = new Date(request.updatedAt.getTime() + step.delayMs);
  switch (type) {
    case 'ring':
      return { type, at, userId: step.userId };
    case 'fail':
      return step.reason === undefined ? { type, at } : { type, at, reason: step.reason };
    default:
      return { type, at };
  }
}

interface Turn {
  readonly before: CallbackRequest;
  readonly event: CallbackEvent;
  readonly plan: CallbackPlan | undefined;
  readonly codes: readonly string[];
}

/** Plays a run from a new request; every turn keeps the request before, the event, and the plan or the refusal's codes. */
function play(maxAttempts: number, steps: readonly Step[]): Turn[] {
  let request = createCallbackRequest({ id: 'cb-1', phone: '+34 600 123 456', at: new Date(START), maxAttempts, bound: { entityType: 'contact', id: 'c-1' } });
  const turns: Turn[] = [];
  for (const step of steps) {
    const event = eventOf(request, step);
    const result = planCallbackEvent(request, event);
    turns.push({ before: request, event, plan: result.success ? result.data : undefined, codes: result.success ? [] : result.issues.map((found) => found.code) });
    if (result.success) request = result.data.request;
  }
  return turns;
}

describe('the callback state machine', () => {
  it('accepts an event exactly when CALLBACK_TRANSITIONS allows it from the current state, the request is not over, and time does not go back', () => {
    fc.assert(
      fc.property(runArb, ({ maxAttempts, steps }) => {
        for (const { before, event, plan, codes } of play(maxAttempts, steps)) {
          const next = isOver(before) ? undefined : CALLBACK_TRANSITIONS[before.state][event.type];
          const inOrder = event.at.getTime() >= before.updatedAt.getTime();
          expect(plan !== undefined).toBe(next !== undefined && inOrder);
          expect(isCallbackFinal(before)).toBe(isOver(before));
          if (plan === undefined) {
            expect(codes).toEqual([...(next === undefined ? ['INVALID_STAGE_TRANSITION'] : []), ...(inOrder ? [] : ['INVALID_DATE'])]);
          } else {
            expect(plan.request.state).toBe(next);
            expect(plan.request.updatedAt).toEqual(event.at);
            expect(plan.request.history).toEqual([...before.history, { event: event.type, state: next, at: event.at }]);
          }
        }
      }),
    );
  });

  it('attempts count the accepted rings and never exceed maxAttempts', () => {
    fc.assert(
      fc.property(runArb, ({ maxAttempts, steps }) => {
        for (const { plan } of play(maxAttempts, steps)) {
          if (plan === undefined) continue;
          const { attempts, history } = plan.request;
          expect(attempts).toBeLessThanOrEqual(maxAttempts);
          expect(attempts).toBe(history.filter((entry) => entry.event === 'ring').length);
        }
      }),
    );
  });

  it('an activity comes exactly once, with the plan that ends the request, and its talk time is connected → ended', () => {
    fc.assert(
      fc.property(runArb, ({ maxAttempts, steps }) => {
        const turns = play(maxAttempts, steps);
        const withActivity = turns.filter((turn) => turn.plan?.activity !== undefined);
        for (const { before, plan } of turns) {
          if (plan !== undefined) expect(plan.activity !== undefined).toBe(!isOver(before) && isOver(plan.request));
        }
        const last = turns.findLast((turn) => turn.plan !== undefined)?.plan?.request;
        expect(withActivity).toHaveLength(last !== undefined && isOver(last) ? 1 : 0);
        for (const { plan } of withActivity) {
          if (plan?.activity === undefined) continue;
          const { history } = plan.request;
          const connected = history.findLast((entry) => entry.event === 'connected')?.at;
          const ended = history.findLast((entry) => entry.event === 'hangUp')?.at;
          const talk = connected !== undefined && ended !== undefined ? Math.floor((ended.getTime() - connected.getTime()) / 1000) : 0;
          expect(getCallbackTalkSeconds(plan.request)).toBe(talk);
          expect(plan.activity.description).toContain(` Talk time: ${talk} s. Attempts: ${plan.request.attempts} of ${maxAttempts}.`);
          expect(activityInputSchema.safeParse(plan.activity).success).toBe(true);
          expect(plan.activity).toMatchObject({ type: 'call', direction: 'outgoing', completed: true, bindings: [{ entityType: 'contact', id: 'c-1' }] });
        }
      }),
    );
  });

  it('every request and every plan is frozen', () => {
    fc.assert(
      fc.property(runArb, ({ maxAttempts, steps }) => {
        for (const { before, plan } of play(maxAttempts, steps)) {
          expect(Object.isFrozen(before) && Object.isFrozen(before.history)).toBe(true);
          if (plan !== undefined) expect(Object.isFrozen(plan) && Object.isFrozen(plan.request) && (plan.activity === undefined || Object.isFrozen(plan.activity))).toBe(true);
        }
      }),
    );
  });
});
