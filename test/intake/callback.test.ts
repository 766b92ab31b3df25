import { describe, expect, it } from 'vitest';
import { activityInputSchema, isCrmError } from 'crm-kit';
import type { Issue } from 'crm-kit';
import {
  CALLBACK_EVENT_TYPES,
  CALLBACK_STATES,
  CALLBACK_TRANSITIONS,
  createCallbackRequest,
  getCallbackTalkSeconds,
  isCallbackFinal,
  planCallbackEvent,
} from '../../src/intake/callback.js';
import type { CallbackEvent, CallbackEventType, CallbackPlan, CallbackRequest, CallbackRequestInput, CallbackState } from '../../src/intake/callback.js';
import { thrownBy } from '../support/errors.js';
import { JUNK } from '../support/junk.js';

const START = Date.UTC(2026, 2, 2, 10, 0, 0);
const at = (seconds: number): Date => new Date(START + seconds * 1000);
const PHONE = '+34 600 123 456';
const LEAD = { entityType: 'lead', id: 'l-7' } as const;

const create = (changes: Partial<CallbackRequestInput> = {}): CallbackRequest =>
  createCallbackRequest({ id: 'cb-1', phone: PHONE, at: at(0), bound: LEAD, ...changes });

/** An event of each type, at a given second; a ring rings u-ana. */
function event(type: CallbackEventType, seconds: number): CallbackEvent {
  switch (type) {
    case 'ring':
      return { type, at: at(seconds), userId: 'u-ana' };
    default:
      return { type, at: at(seconds) };
  }
}

function planned(request: CallbackRequest, given: CallbackEvent): CallbackPlan {
  const result = planCallbackEvent(request, given);
  if (!result.success) throw new Error(`refused: ${result.issues.map((found) => found.message).join('; ')}`);
  return result.data;
}

/** Plays events one second apart from `from`, and returns every plan. */
function play(request: CallbackRequest, types: readonly CallbackEventType[], from = 1): CallbackPlan[] {
  const plans: CallbackPlan[] = [];
  let current = request;
  types.forEach((type, index) => {
    const plan = planned(current, event(type, from + index));
    plans.push(plan);
    current = plan.request;
  });
  return plans;
}

function reach(types: readonly CallbackEventType[], changes: Partial<CallbackRequestInput> = {}): CallbackRequest {
  return play(create(changes), types).at(-1)?.request ?? create(changes);
}

/** A way to each state, from a new request. */
const WAY: Readonly<Record<CallbackState, readonly CallbackEventType[]>> = {
  requested: [],
  confirmed: ['confirm'],
  ringing: ['confirm', 'ring'],
  answered: ['confirm', 'ring', 'answer'],
  connecting: ['confirm', 'ring', 'answer', 'connect'],
  connected: ['confirm', 'ring', 'answer', 'connect', 'connected'],
  completed: ['confirm', 'ring', 'answer', 'connect', 'connected', 'hangUp'],
  'no-answer': ['confirm', 'ring', 'noAnswer'],
  busy: ['confirm', 'ring', 'busy'],
  failed: ['confirm', 'ring', 'fail'],
  cancelled: ['cancel'],
};

const issuesOf = (run: () => unknown): readonly Issue[] => {
  const error = thrownBy(run);
  return isCrmError(error, 'INVALID_ARGUMENT') ? error.issues : [];
};

/** The code and the text of what a call threw, to check that no given value is echoed. */
function thrown(run: () => unknown): { readonly code: string; readonly text: string } {
  const error = thrownBy(run);
  if (!isCrmError(error)) return { code: error === undefined ? 'no error' : 'not a crm-kit error', text: '' };
  const issues = isCrmError(error, 'INVALID_ARGUMENT') ? error.issues : [];
  return { code: error.code, text: [error.message, ...issues.map((found) => found.message)].join(' ') };
}

describe('the callback transition table', () => {
  it('has a row for every state, and every transition leads to a state', () => {
    expect(Object.keys(CALLBACK_TRANSITIONS).sort()).toEqual([...CALLBACK_STATES].sort());
    for (const row of Object.values(CALLBACK_TRANSITIONS)) {
      for (const [type, to] of Object.entries(row)) {
        expect(CALLBACK_EVENT_TYPES).toContain(type);
        expect(CALLBACK_STATES).toContain(to);
      }
    }
  });

  it('completed and cancelled lead nowhere; every other state is reachable from requested', () => {
    expect(CALLBACK_TRANSITIONS.completed).toEqual({});
    expect(CALLBACK_TRANSITIONS.cancelled).toEqual({});
    const seen = new Set<CallbackState>(['requested']);
    for (let grew = true; grew; ) {
      const size = seen.size;
      for (const state of [...seen]) for (const to of Object.values(CALLBACK_TRANSITIONS[state])) seen.add(to);
      grew = seen.size > size;
    }
    expect([...seen].sort()).toEqual([...CALLBACK_STATES].sort());
  });

  it('is frozen, rows included', () => {
    expect(Object.isFrozen(CALLBACK_TRANSITIONS)).toBe(true);
    expect(Object.values(CALLBACK_TRANSITIONS).every((row) => Object.isFrozen(row))).toBe(true);
  });
});

describe('createCallbackRequest', () => {
  it('a new request is requested, with no attempt made and three allowed by default', () => {
    const request = create({ responsibleId: 'u-lead' });
    expect(request).toEqual({
      id: 'cb-1',
      phone: PHONE,
      state: 'requested',
      attempts: 0,
      maxAttempts: 3,
      createdAt: at(0),
      updatedAt: at(0),
      responsibleId: 'u-lead',
      bound: LEAD,
      history: [],
    });
    expect(isCallbackFinal(request)).toBe(false);
  });

  it('takes 1 to 10 attempts, and leaves out what is not given', () => {
    expect(create({ maxAttempts: 1 }).maxAttempts).toBe(1);
    expect(create({ maxAttempts: 10 }).maxAttempts).toBe(10);
    const bare = createCallbackRequest({ id: 'cb-2', phone: '600123456', at: at(0) });
    expect(Object.keys(bare).sort()).toEqual(['attempts', 'createdAt', 'history', 'id', 'maxAttempts', 'phone', 'state', 'updatedAt']);
  });

  it('malformed input is INVALID_ARGUMENT with an issue at each faulty key, and no message holds a given value', () => {
    const cases: readonly [Record<string, unknown>, readonly (string | number)[][]][] = [
      [{ id: '' }, [['id']]],
      [{ id: ' \t' }, [['id']]],
      [{ id: 'S'.repeat(129) }, [['id']]],
      [{ phone: 'SECRET call me' }, [['phone']]],
      [{ phone: '' }, [['phone']]],
      [{ phone: `+1 ${'5'.repeat(70)}` }, [['phone']]],
      [{ phone: 600123456 }, [['phone']]],
      [{ at: '2026-03-02T10:00:00Z' }, [['at']]],
      [{ maxAttempts: 0 }, [['maxAttempts']]],
      [{ maxAttempts: 11 }, [['maxAttempts']]],
      [{ maxAttempts: 2.5 }, [['maxAttempts']]],
      [{ maxAttempts: '3' }, [['maxAttempts']]],
      [{ bound: { entityType: 'deal', id: 'SECRET' } }, [['bound', 'entityType']]],
      [{ bound: { entityType: 'lead', id: '' } }, [['bound', 'id']]],
      [{ bound: 'SECRET' }, [['bound']]],
      [{ responsibleId: 7 }, [['responsibleId']]],
      [{ SECRET: 'SECRET' }, [['SECRET']]],
      [{ id: 3, phone: 'SECRET', at: 'SECRET' }, [['id'], ['phone'], ['at']]],
    ];
    for (const [changes, paths] of cases) {
      const input = { id: 'cb-1', phone: PHONE, at: at(0), ...changes };
      const run = (): unknown => createCallbackRequest(input);
      expect(thrown(run).code, JSON.stringify(changes)).toBe('INVALID_ARGUMENT');
      expect(issuesOf(run).map((found) => found.path)).toEqual(paths);
      expect(thrown(run).text).not.toMatch(/SECRET|call me|600123456|5555/);
    }
  });

  it('an Invalid Date, a getter or a class instance is INVALID_ARGUMENT too, and any junk is a crm-kit error', () => {
    expect(thrown(() => create({ at: new Date('someday') })).code).toBe('INVALID_ARGUMENT');
    const sneaky = { id: 'cb-1', at: at(0), get phone(): string { return PHONE; } };
    expect(thrown(() => createCallbackRequest(sneaky)).code).toBe('INVALID_ARGUMENT');
    class Input { readonly id = 'cb-1'; readonly phone = PHONE; readonly at = at(0); }
    expect(thrown(() => createCallbackRequest(new Input())).code).toBe('INVALID_ARGUMENT');
    for (const bad of JUNK) expect(thrown(() => createCallbackRequest(bad as CallbackRequestInput)).code).not.toMatch(/no error|not a crm-kit error/);
  });

  it('the request is frozen through, the input is not changed, and a later change of the caller\'s Date does not reach it', () => {
    const when = at(0);
    const input = { id: 'cb-1', phone: PHONE, at: when, bound: { entityType: 'contact' as const, id: 'c-1' } };
    const request = createCallbackRequest(input);
    expect(Object.isFrozen(request) && Object.isFrozen(request.bound) && Object.isFrozen(request.history)).toBe(true);
    expect(Object.isFrozen(input) || Object.isFrozen(input.bound)).toBe(false);
    when.setTime(0);
    expect(request.createdAt).toEqual(at(0));
    expect(request.bound).not.toBe(input.bound);
  });
});

describe('planCallbackEvent: the way of a request', () => {
  it('requested → confirmed → ringing → answered → connecting → connected → completed, with the call activity at the end only', () => {
    const plans = play(create(), WAY.completed);
    expect(plans.map((plan) => plan.request.state)).toEqual(['confirmed', 'ringing', 'answered', 'connecting', 'connected', 'completed']);
    expect(plans.map((plan) => plan.activity === undefined)).toEqual([true, true, true, true, true, false]);
    const done = plans[5]?.request;
    expect(done).toMatchObject({ attempts: 1, responsibleId: 'u-ana', answeredAt: at(3), connectedAt: at(5), endedAt: at(6), updatedAt: at(6), outcome: { type: 'completed' } });
    expect(done?.history).toEqual(WAY.completed.map((type, index) => ({ event: type, state: plans[index]?.request.state, at: at(index + 1) })));
  });

  it('the completed call becomes one outgoing, completed call activity bound to the lead, with the phone, the person and the talk time', () => {
    const request = reach(['confirm', 'ring', 'answer', 'connect']);
    const connected = planned(request, event('connected', 100)).request;
    const done = planned(connected, event('hangUp', 225));
    expect(getCallbackTalkSeconds(done.request)).toBe(125);
    expect(done.activity).toEqual({
      type: 'call',
      subject: 'Callback: completed',
      direction: 'outgoing',
      completed: true,
      startAt: at(2),
      endAt: at(225),
      description: 'Callback completed. Talk time: 125 s. Attempts: 1 of 3.',
      communications: [{ channel: 'phone', value: PHONE, entity: LEAD }],
      bindings: [LEAD],
      assignedById: 'u-ana',
    });
    expect(activityInputSchema.safeParse(done.activity).success).toBe(true);
  });

  it('talk time is from connected to the end, in whole seconds rounded down, and 0 when the client never picked up', () => {
    const connected = planned(reach(['confirm', 'ring', 'answer', 'connect']), { type: 'connected', at: new Date(START + 10_000) }).request;
    expect(getCallbackTalkSeconds(planned(connected, { type: 'hangUp', at: new Date(START + 12_999) }).request)).toBe(2);
    expect(getCallbackTalkSeconds(planned(connected, { type: 'hangUp', at: new Date(START + 10_000) }).request)).toBe(0);
    expect(getCallbackTalkSeconds(reach(WAY['no-answer'], { maxAttempts: 1 }))).toBe(0);
  });

  it('an unbound request without a responsible person before any ring gives an activity without bindings or person', () => {
    const plan = planned(createCallbackRequest({ id: 'cb-1', phone: PHONE, at: at(0) }), event('cancel', 30));
    expect(plan.activity).toEqual({
      type: 'call',
      subject: 'Callback: cancelled',
      direction: 'outgoing',
      completed: true,
      startAt: at(30),
      endAt: at(30),
      description: 'Callback cancelled. Talk time: 0 s. Attempts: 0 of 3.',
      communications: [{ channel: 'phone', value: PHONE }],
    });
    expect(activityInputSchema.safeParse(plan.activity).success).toBe(true);
  });
});

describe('planCallbackEvent: outcomes', () => {
  const outcomes: readonly [string, readonly CallbackEventType[], CallbackState, object, string][] = [
    ['the responsible person does not answer', ['confirm', 'ring', 'noAnswer'], 'no-answer', { type: 'no-answer', side: 'responsible' }, 'The responsible person did not answer.'],
    ['the responsible person is busy', ['confirm', 'ring', 'busy'], 'busy', { type: 'busy', side: 'responsible' }, 'The responsible person was busy.'],
    ['the client does not answer', ['confirm', 'ring', 'answer', 'connect', 'noAnswer'], 'no-answer', { type: 'no-answer', side: 'client' }, 'The client did not answer.'],
    ['the client is busy', ['confirm', 'ring', 'answer', 'connect', 'busy'], 'busy', { type: 'busy', side: 'client' }, 'The client was busy.'],
    ['the call fails while ringing', ['confirm', 'ring', 'fail'], 'failed', { type: 'failed' }, 'The call failed.'],
    ['the call fails once answered', ['confirm', 'ring', 'answer', 'fail'], 'failed', { type: 'failed' }, 'The call failed.'],
    ['the call fails while connecting', ['confirm', 'ring', 'answer', 'connect', 'fail'], 'failed', { type: 'failed' }, 'The call failed.'],
  ];

  for (const [name, way, state, outcome, sentence] of outcomes) {
    it(`${name}: ${state}, with retries left no activity; on the last attempt it is over, with its activity`, () => {
      const withRetries = play(create(), way);
      expect(withRetries.at(-1)?.request).toMatchObject({ state, outcome, endedAt: at(way.length) });
      expect(withRetries.some((plan) => plan.activity !== undefined)).toBe(false);
      expect(isCallbackFinal(withRetries.at(-1)?.request ?? create())).toBe(false);

      const last = play(create({ maxAttempts: 1 }), way).at(-1);
      expect(last?.request.state).toBe(state);
      expect(isCallbackFinal(last?.request ?? create())).toBe(true);
      expect(last?.activity?.description).toBe(`${sentence} Talk time: 0 s. Attempts: 1 of 1.`);
      expect(last?.activity).toMatchObject({ startAt: at(2), endAt: at(way.length), completed: true, direction: 'outgoing' });
      expect(activityInputSchema.safeParse(last?.activity).success).toBe(true);
    });
  }

  it('a failure keeps its reason, in the outcome and in the activity', () => {
    const ringing = reach(WAY.ringing, { maxAttempts: 1 });
    const plan = planned(ringing, { type: 'fail', at: at(9), reason: 'Line dropped' });
    expect(plan.request.outcome).toEqual({ type: 'failed', reason: 'Line dropped' });
    expect(plan.activity?.subject).toBe('Callback: failed');
    expect(plan.activity?.description).toBe('The call failed: Line dropped Talk time: 0 s. Attempts: 1 of 1.');
  });

  it('the subject says who did not answer or was busy', () => {
    const subject = (way: readonly CallbackEventType[]): string | undefined => play(create({ maxAttempts: 1 }), way).at(-1)?.activity?.subject;
    expect(subject(['confirm', 'ring', 'noAnswer'])).toBe('Callback: no answer (responsible person)');
    expect(subject(['confirm', 'ring', 'answer', 'connect', 'busy'])).toBe('Callback: busy (client)');
  });
});

describe('planCallbackEvent: retries', () => {
  it('retries up to maxAttempts, then the request is over: retry and cancel are refused and the activity came once', () => {
    const plans = play(create({ maxAttempts: 2 }), ['confirm', 'ring', 'noAnswer', 'retry', 'ring', 'busy']);
    expect(plans.map((plan) => [plan.request.state, plan.request.attempts])).toEqual([
      ['confirmed', 0], ['ringing', 1], ['no-answer', 1], ['confirmed', 1], ['ringing', 2], ['busy', 2],
    ]);
    expect(plans.filter((plan) => plan.activity !== undefined)).toHaveLength(1);
    const over = plans[5];
    expect(over?.activity?.description).toBe('The responsible person was busy. Talk time: 0 s. Attempts: 2 of 2.');
    expect(over?.activity?.startAt).toEqual(at(5));
    for (const type of ['retry', 'cancel'] as const) {
      const refused = planCallbackEvent(over?.request ?? create(), event(type, 20));
      expect(refused.success ? [] : refused.issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_STAGE_TRANSITION', 'event', 'type']]);
    }
  });

  it('a ring starts a new attempt: the previous attempt\'s answer, end and outcome go, the person rung becomes responsible', () => {
    const failed = reach(['confirm', 'ring', 'answer', 'connect', 'noAnswer', 'retry']);
    expect(failed).toMatchObject({ state: 'confirmed', answeredAt: at(3), endedAt: at(5), outcome: { type: 'no-answer', side: 'client' } });
    const ringing = planned(failed, { type: 'ring', at: at(10), userId: 'u-bob' }).request;
    expect(ringing).toMatchObject({ state: 'ringing', attempts: 2, responsibleId: 'u-bob' });
    expect(['answeredAt', 'connectedAt', 'endedAt', 'outcome'].filter((key) => key in ringing)).toEqual([]);
  });

  it('a completed call after retries gives one activity that counts them', () => {
    const plans = play(create(), ['confirm', 'ring', 'busy', 'retry', 'ring', 'answer', 'connect', 'connected', 'hangUp']);
    expect(plans.filter((plan) => plan.activity !== undefined).map((plan) => plan.activity?.description)).toEqual(['Callback completed. Talk time: 1 s. Attempts: 2 of 3.']);
  });

  it('cancelling between attempts ends the request; its activity spans the latest call', () => {
    const plan = planned(reach(['confirm', 'ring', 'noAnswer']), event('cancel', 60));
    expect(plan.request).toMatchObject({ state: 'cancelled', outcome: { type: 'cancelled' }, endedAt: at(3), updatedAt: at(60) });
    expect(plan.activity).toMatchObject({ subject: 'Callback: cancelled', startAt: at(2), endAt: at(3), description: 'Callback cancelled. Talk time: 0 s. Attempts: 1 of 3.' });
  });
});

describe('planCallbackEvent: refusals', () => {
  for (const state of CALLBACK_STATES) {
    it(`in state ${state}, exactly the table's events are accepted; any other is INVALID_STAGE_TRANSITION at event.type`, () => {
      const request = reach(WAY[state]);
      expect(request.state).toBe(state);
      for (const type of CALLBACK_EVENT_TYPES) {
        const result = planCallbackEvent(request, event(type, 50));
        const next = CALLBACK_TRANSITIONS[state][type];
        if (next === undefined) {
          expect(result.success ? [] : result.issues.map((found) => [found.code, ...found.path]), type).toEqual([['INVALID_STAGE_TRANSITION', 'event', 'type']]);
        } else {
          expect(result.success && result.data.request.state, type).toBe(next);
        }
      }
    });
  }

  it('a refused event changes nothing: the request given is kept as it was', () => {
    const request = reach(WAY.ringing);
    const before = structuredClone(request);
    planCallbackEvent(request, event('hangUp', 50));
    planCallbackEvent(request, event('answer', 50));
    expect(request).toEqual(before);
  });

  it('time going backwards is INVALID_DATE at event.at; the same instant as the latest change is accepted', () => {
    const confirmed = reach(WAY.confirmed);
    const back = planCallbackEvent(confirmed, { type: 'ring', at: new Date(at(1).getTime() - 1), userId: 'u-ana' });
    expect(back.success ? [] : back.issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_DATE', 'event', 'at']]);
    expect(planCallbackEvent(confirmed, { type: 'ring', at: at(1), userId: 'u-ana' }).success).toBe(true);
    const both = planCallbackEvent(confirmed, event('hangUp', 0));
    expect(both.success ? [] : both.issues.map((found) => found.code)).toEqual(['INVALID_STAGE_TRANSITION', 'INVALID_DATE']);
  });
});

describe('planCallbackEvent: malformed arguments', () => {
  const request = reach(WAY.ringing);

  it('a malformed event is INVALID_ARGUMENT at its key, and no message holds a given value', () => {
    const cases: readonly [unknown, readonly (string | number)[][]][] = [
      [{ type: 'SECRET', at: at(9) }, [['event', 'type']]],
      [{ type: 'toString', at: at(9) }, [['event', 'type']]],
      [{ at: at(9) }, [['event', 'type']]],
      [{ type: 'answer' }, [['event', 'at']]],
      [{ type: 'answer', at: 'SECRET' }, [['event', 'at']]],
      [{ type: 'answer', at: START }, [['event', 'at']]],
      [{ type: 'ring', at: at(9) }, [['event', 'userId']]],
      [{ type: 'ring', at: at(9), userId: 42 }, [['event', 'userId']]],
      [{ type: 'fail', at: at(9), reason: 7 }, [['event', 'reason']]],
      [{ type: 'fail', at: at(9), reason: 'SECRET'.repeat(50) }, [['event', 'reason']]],
      [{ type: 'fail', at: at(9), reason: '   ' }, [['event', 'reason']]],
      [{ type: 'answer', at: at(9), userId: 'SECRET' }, [['event', 'userId']]],
      [{ type: 'noAnswer', at: at(9), side: 'client' }, [['event', 'side']]],
      ['SECRET', [['event']]],
      [null, [['event']]],
      [[{ type: 'answer', at: at(9) }], [['event']]],
    ];
    for (const [bad, paths] of cases) {
      const run = (): unknown => planCallbackEvent(request, bad as CallbackEvent);
      expect(thrown(run).code, JSON.stringify(bad)).toBe('INVALID_ARGUMENT');
      expect(issuesOf(run).map((found) => found.path), JSON.stringify(bad)).toEqual(paths);
      expect(thrown(run).text).not.toContain('SECRET');
    }
  });

  it('an Invalid Date, a getter, a class instance or a NUL in the event is INVALID_ARGUMENT; junk in either argument is a crm-kit error', () => {
    expect(thrown(() => planCallbackEvent(request, { type: 'answer', at: new Date('SECRET') })).code).toBe('INVALID_ARGUMENT');
    const sneaky = { type: 'answer' as const, get at(): Date { return at(9); } };
    expect(thrown(() => planCallbackEvent(request, sneaky)).code).toBe('INVALID_ARGUMENT');
    class Answer { readonly type = 'answer' as const; readonly at = at(9); }
    expect(thrown(() => planCallbackEvent(request, new Answer())).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => planCallbackEvent(request, { type: 'fail', at: at(9), reason: 'a\u0000b' })).code).toBe('INVALID_ARGUMENT');
    for (const bad of JUNK) {
      expect(thrown(() => planCallbackEvent(request, bad as CallbackEvent)).code).not.toMatch(/no error|not a crm-kit error/);
      expect(thrown(() => planCallbackEvent(bad as CallbackRequest, event('answer', 9))).code).not.toMatch(/no error|not a crm-kit error/);
    }
  });

  it('a malformed or inconsistent request is INVALID_ARGUMENT at request.<key>, and no message holds a given value', () => {
    const cases: readonly [Record<string, unknown>, readonly (string | number)[][]][] = [
      [{ state: 'SECRET' }, [['request', 'state']]],
      [{ attempts: 4 }, [['request', 'attempts']]],
      [{ attempts: -1 }, [['request', 'attempts']]],
      [{ maxAttempts: 11, attempts: 1 }, [['request', 'maxAttempts']]],
      [{ phone: 'SECRET' }, [['request', 'phone']]],
      [{ id: undefined }, [['request', 'id']]],
      [{ createdAt: at(5) }, [['request', 'updatedAt']]],
      [{ updatedAt: 'SECRET' }, [['request', 'updatedAt']]],
      [{ history: 'SECRET' }, [['request', 'history']]],
      [{ history: [{ event: 'ring', state: 'SECRET', at: at(1) }] }, [['request', 'history', 0, 'state']]],
      [{ history: ['SECRET'] }, [['request', 'history', 0]]],
      [{ outcome: { type: 'busy', side: 'SECRET' } }, [['request', 'outcome', 'side']]],
      [{ outcome: { type: 'SECRET' } }, [['request', 'outcome', 'type']]],
      [{ endedAt: 'SECRET' }, [['request', 'endedAt']]],
      [{ bound: { entityType: 'company', id: 'x' } }, [['request', 'bound', 'entityType']]],
      [{ responsibleId: '' }, [['request', 'responsibleId']]],
      [{ extra: 'SECRET' }, [['request', 'extra']]],
    ];
    for (const [changes, paths] of cases) {
      const bad = { ...request, ...changes };
      const run = (): unknown => planCallbackEvent(bad, event('answer', 9));
      expect(thrown(run).code, JSON.stringify(changes)).toBe('INVALID_ARGUMENT');
      expect(issuesOf(run).map((found) => found.path), JSON.stringify(changes)).toEqual(paths);
      expect(thrown(run).text).not.toContain('SECRET');
      expect(thrown(() => isCallbackFinal(bad)).code).toBe('INVALID_ARGUMENT');
      expect(thrown(() => getCallbackTalkSeconds(bad)).code).toBe('INVALID_ARGUMENT');
    }
  });

  it('a request the host copied (plain data, not the frozen one returned) is read the same', () => {
    const copy = structuredClone(request);
    expect(planCallbackEvent(copy, event('answer', 9))).toEqual(planCallbackEvent(request, event('answer', 9)));
  });
});

describe('planCallbackEvent: frozen outputs, untouched inputs', () => {
  it('the plan, the request, its history and the activity are frozen through', () => {
    const plan = play(create(), WAY.completed).at(-1);
    const parts: unknown[] = [
      plan,
      plan?.request,
      plan?.request.history,
      plan?.request.history[0],
      plan?.request.outcome,
      plan?.request.bound,
      plan?.activity,
      plan?.activity?.bindings,
      plan?.activity?.bindings?.[0],
      plan?.activity?.communications,
      plan?.activity?.communications?.[0],
    ];
    expect(parts.every((part) => typeof part === 'object' && part !== null && Object.isFrozen(part))).toBe(true);
  });

  it('neither the request nor the event given is changed, and a later change of the event\'s Date does not reach the plan', () => {
    const request = reach(WAY.ringing);
    const before = structuredClone(request);
    const when = at(20);
    const given = { type: 'answer' as const, at: when };
    const plan = planned(request, given);
    expect(request).toEqual(before);
    expect(given).toEqual({ type: 'answer', at: at(20) });
    expect(Object.isFrozen(given)).toBe(false);
    when.setTime(0);
    expect(plan.request.answeredAt).toEqual(at(20));
    expect(plan.request.updatedAt).toEqual(at(20));
  });
});
